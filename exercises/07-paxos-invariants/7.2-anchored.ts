/**
 * Exercise 7.2: anchored. Check with `npm run workbook -- exercise 7.2`.
 *
 * Round n is anchored if, for all m ≤ n, m is dead or v_m = v_n: looking
 * back from n and skipping dead rounds, you see only n's value (§6.3).
 */
import { dead, v_n } from '../../src/chapters/06-paxos-state/predicates';
import type { PaxosState, Round } from '../../src/chapters/06-paxos-state/state';

export function anchored(s: PaxosState, n: Round): boolean {
  // TODO: look at every round m from 0 to n.
  void [s, n, dead, v_n];
  return true;
}
