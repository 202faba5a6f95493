/**
 * Exercise 8.2, a solution: the agent's answer to a query (§6.4).
 */
import type { Round, Status } from '../../src/chapters/06-paxos-state/state';

export function onQuery(s: readonly Status[], n: Round): Status[] {
  // Give up every earlier round that is still neutral, so the leader may read it as dead.
  return s.map((st, m) => (m < n && st === 'neutral' ? 'no' : st));
}
