/**
 * Reference solution to exercise 6.2 (the abstraction function to D).
 */
import type { DState } from '../../src/chapters/03-consensus-specs/specs';
import { successful, v_n } from '../../src/chapters/06-paxos-state/predicates';
import type { PaxosState } from '../../src/chapters/06-paxos-state/state';

export function abstraction(s: PaxosState): DState {
  let outcome: DState['outcome'] = null;
  for (let n = 0; n < s.command.length && outcome === null; n++)
    if (successful(s, n)) outcome = v_n(s, n);
  // Not the union of the leaders' allowed_l: a crash forgets those, and D's
  // allowed never shrinks. The history variable remembers every Allow.
  return { outcome, done: s.done, allowed: s.everAllowed };
}
