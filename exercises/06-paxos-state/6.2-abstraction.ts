/**
 * Exercise 6.2: the abstraction function to D. Check with `npm run workbook -- exercise 6.2`.
 *
 * Map a state of abstract Paxos to the D-state it stands for, so that every
 * Paxos step is simulated by a sequence of D-steps (§5.1): Allow(v, l) by
 * D's Allow(v), the accept that makes a round successful by Agree(v),
 * Publish by Terminate, and every other step by no step at all.
 */
import type { DState } from '../../src/chapters/03-consensus-specs/specs';
import type { PaxosState } from '../../src/chapters/06-paxos-state/state';

export function abstraction(s: PaxosState): DState {
  // TODO: outcome from the successful rounds (see predicates.ts), allowed
  // and done from the state. This answer is right only for the initial state.
  void s;
  return { outcome: null, done: false, allowed: [] };
}
