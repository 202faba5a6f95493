/**
 * Exercise 10.1, a solution: what a leader keeps of the reports of its query (§7).
 */
import type { Seen, Slot } from '../../src/chapters/10-multi-paxos/system';

export function noteReport(seen: Seen, i: number, slots: readonly Slot[]): Seen {
  // A report may arrive twice: count agents, not reports.
  if (seen.heard.includes(i)) return seen;
  return {
    heard: [...seen.heard, i],
    // Per instance, the value of the largest round in which any report has one.
    best: seen.best.map((b, p) => (slots[p]!.last > b.last ? slots[p]! : b)),
  };
}
