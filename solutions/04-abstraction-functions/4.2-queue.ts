/**
 * Reference solution to exercise 4.2 (the two stacks' abstraction function).
 */
import type { QueueState, Stacks } from '../../src/chapters/04-abstraction-functions/queue';

/** The queue is out read from its top down, then in read from its bottom up. */
export function f(y: Stacks): QueueState {
  return { q: [...y.out].reverse().concat(y.in) };
}
