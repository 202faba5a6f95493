/**
 * Exercise 12.1, a reference solution: a sub-lease lasts Ls, but never
 * past the czar's own term; once that term is over the czar has nothing to
 * grant (§2.3).
 */
import type { HierConfig } from '../../src/chapters/12-hierarchical-leases/config';

export function grantUntil(clock: number, t: number, c: HierConfig): number | null {
  if (clock >= t) return null;
  return Math.min(clock + c.subLease, t);
}
