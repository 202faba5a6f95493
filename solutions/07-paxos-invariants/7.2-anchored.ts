/**
 * Reference solution to exercise 7.2 (anchored).
 */
import { dead, v_n } from '../../src/chapters/06-paxos-state/predicates';
import type { PaxosState, Round } from '../../src/chapters/06-paxos-state/state';

export function anchored(s: PaxosState, n: Round): boolean {
  for (let m = 0; m <= n; m++) if (!dead(s, m) && v_n(s, m) !== v_n(s, n)) return false;
  return true;
}
