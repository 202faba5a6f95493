/**
 * Exercise 8.1: the leader's choice of u_l. Check with `npm run workbook -- exercise 8.1`.
 *
 * The leader of round n has heard report(i, s_i) from a majority of agents:
 * each report gives agent i's statuses in the rounds 0 .. n-1 (a Value, a
 * number, or 'no'). Return the values it may command so that round n stays
 * anchored (§6.4). Several values mean that any one of them will do.
 */
import type { Round, Value } from '../../src/chapters/06-paxos-state/state';
import type { Report } from '../../src/chapters/08-paxos-messages/rules';

export function pick(reports: readonly Report[], n: Round, allowed: readonly Value[]): Value[] {
  // TODO: look back from round n - 1 through the reports. This answer
  // ignores them and offers any allowed value.
  void reports;
  void n;
  return [...allowed];
}
