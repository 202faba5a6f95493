/**
 * Exercise 4.2: the abstraction function of a queue made of two stacks.
 * Check with `npm run workbook -- exercise 4.2`.
 *
 * Enq pushes on `in`; Deq pops from `out`; when `out` is empty, the
 * internal Flip pops everything from `in` and pushes it on `out`. Both
 * stacks have their top at the end of the array. Write f so that every
 * step of the two stacks is simulated by the queue (§5.1).
 */
import type { QueueState, Stacks } from '../../src/chapters/04-abstraction-functions/queue';

export function f(y: Stacks): QueueState {
  // TODO: this puts the items in the wrong order. Which one leaves first?
  return { q: [...y.in, ...y.out] };
}
