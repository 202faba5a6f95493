/**
 * Exercise 1.1: apply by number. Check with `npm run workbook -- exercise 1.1`.
 *
 * A replica receives numbered entries from the network in any order, and
 * some of them twice. It must apply entry n only after entries 1 .. n-1, so
 * that every replica applies the same inputs in the same order.
 */
import type { Entry, Replica } from '../../src/chapters/01-replicated-state-machines/replica';
import type { DeterministicStateMachine } from '../../src/chapters/01-replicated-state-machines/stateMachine';

export function receive<State, Input, Output>(
  m: DeterministicStateMachine<State, Input, Output>,
  r: Replica<State, Input, Output>,
  e: Entry<Input>,
): Replica<State, Input, Output> {
  // TODO: ignore duplicates, keep early entries in r.waiting, and apply
  // entries (with m.transition) while the next one in number order is here.
  void m;
  void e;
  return r;
}
