/**
 * Exercise 9.2: how long until a decision? Check with
 * `npm run workbook -- exercise 9.2`.
 *
 * Start: every potential leader is a follower whose timer runs out within
 * T (t.timeout), nothing is in flight, and from then on nothing fails and
 * every message takes at most δ (t.delta) to be sent, received and
 * processed. Work out, as formulas in δ and T:
 *
 * - leaderBound(t): the time by which the biggest name leads;
 * - decisionBound(t): the time by which every agent has been told the outcome.
 *
 * The check compares your formulas with the slowest timely runs of four
 * configurations, and then explores every run of the chapter's small
 * system: no run may take longer than your bounds, and some run must take
 * exactly as long (a bound that is never met is not the bound).
 */
import type { Times } from '../../src/chapters/09-leader-election/election';

export function leaderBound(t: Times): number {
  // TODO: when does the biggest name broadcast at the latest, and how long does it wait?
  void t;
  return 0;
}

export function decisionBound(t: Times): number {
  // TODO: and then its first round: query, report, command, report, outcome.
  void t;
  return 0;
}
