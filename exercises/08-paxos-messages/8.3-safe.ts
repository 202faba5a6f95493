/**
 * Exercise 8.3: what is safe in the paper's example. Check with `npm run workbook -- exercise 8.3`.
 *
 * s is an abstract Paxos state (chapter 06): s.s[i][m] is agent i's status
 * in round m. The leader of round n has heard the agents in q. Return the
 * values in `allowed` that keep round n anchored for every way the other
 * agents' statuses in rounds 0 .. n-1 could be (no, neutral, or a value)
 * that Invariants 1 and 4 allow.
 */
import { pickLatest } from '../../src/chapters/06-paxos-state/paxos';
import type { PaxosState, Value } from '../../src/chapters/06-paxos-state/state';

export function safeValues(
  s: PaxosState,
  q: readonly number[],
  n: number,
  allowed: readonly Value[],
): Value[] {
  // TODO: this is the leader's simple rule, which picks one safe value but
  // does not find them all.
  return pickLatest(s, n, q, allowed);
}
