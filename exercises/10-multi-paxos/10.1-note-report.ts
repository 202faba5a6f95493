/**
 * Exercise 10.1: what a leader keeps of the reports of its query. Check with
 * `npm run workbook -- exercise 10.1`.
 *
 * seen.heard: the agents whose reports the leader has counted.
 * seen.best[p]: for instance p, the (v, last) it keeps (last -1: no value).
 * A report from agent i carries slots[p] = (v, last) for every instance p.
 * Return what the leader keeps once this report arrives (§7).
 */
import type { Seen, Slot } from '../../src/chapters/10-multi-paxos/system';

export function noteReport(seen: Seen, i: number, slots: readonly Slot[]): Seen {
  // TODO: this leader counts every report it receives, and keeps the values
  // of the first one.
  return {
    heard: [...seen.heard, i],
    best: seen.heard.length === 0 ? slots : seen.best,
  };
}
