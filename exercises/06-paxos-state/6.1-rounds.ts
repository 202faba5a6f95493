/**
 * Exercise 6.1: v_n, dead and successful. Check with `npm run workbook -- exercise 6.1`.
 *
 * s.s[i][n] is agent i's status in round n: a Value (a number), 'no' or
 * 'neutral'. Write the three functions of §6.2 from their definitions.
 */

import type { PaxosState, Round, Value } from '../../src/chapters/06-paxos-state/state';
import type { Nil } from '../../src/index';

/** The value of round n: the Value some agent has in s[i][n], else nil. */
export function v_n(s: PaxosState, n: Round): Value | Nil {
  // TODO: look through the agents' statuses in round n.
  void s;
  void n;
  return null;
}

/** Round n is dead: a majority of the agents has status no in it. */
export function dead(s: PaxosState, n: Round): boolean {
  // TODO
  void s;
  void n;
  return false;
}

/** Round n is successful: a majority of the agents has a Value status in it. */
export function successful(s: PaxosState, n: Round): boolean {
  // TODO
  void s;
  void n;
  return false;
}
