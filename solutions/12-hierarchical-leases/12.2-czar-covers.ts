/**
 * Exercise 12.2, a reference solution: the czar's lease is what consensus
 * decided, not what the czar believes, and its t is on the czar's own
 * clock: some decided term naming the czar that granted the sub-lease must
 * still be running by that czar's clock.
 */
import type { HierState, HierSystem } from '../../src/chapters/12-hierarchical-leases/system';

export function czarCovers(sys: HierSystem, y: HierState, i: number, r: number): boolean {
  const sub = y.masters[i]!.holds[r]!.sub;
  if (sub === null) return true;
  const clock = y.now + y.clocks[sys.ids.candidates[sub.c]!]!;
  return y.cons[0]!.log.some((term) => term.czar === sub.c && clock < term.t);
}
