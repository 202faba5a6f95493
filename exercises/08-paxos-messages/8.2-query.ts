/**
 * Exercise 8.2: the agent's answer to a query. Check with `npm run workbook -- exercise 8.2`.
 *
 * s[m] is the agent's status in round m: a Value (a number), 'no' or
 * 'neutral'. Return its statuses after it receives query(n); it then sends
 * report(i, s_i) with them for the rounds below n (§6.4).
 */
import type { Round, Status } from '../../src/chapters/06-paxos-state/state';

export function onQuery(s: readonly Status[], n: Round): Status[] {
  // TODO: this agent reports without changing anything.
  void n;
  return [...s];
}
