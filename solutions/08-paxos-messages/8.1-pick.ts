/**
 * Exercise 8.1, a solution: the leader's choice of u_l (§6.4).
 */
import type { Round, Value } from '../../src/chapters/06-paxos-state/state';
import type { Report } from '../../src/chapters/08-paxos-messages/rules';

export function pick(reports: readonly Report[], n: Round, allowed: readonly Value[]): Value[] {
  // Look back from n - 1; a round where no reporting agent has a Value is dead.
  for (let m = n - 1; m >= 0; m--)
    for (const r of reports) {
      const st = r.s[m];
      if (typeof st === 'number') return [st];
    }
  // Every earlier round is dead: any allowed value keeps round n anchored.
  return [...allowed];
}
