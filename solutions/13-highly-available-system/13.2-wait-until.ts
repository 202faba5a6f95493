/**
 * Exercise 13.2, a reference solution: t is on the old primary's clock,
 * and two clocks each within b of real time may differ by ε = 2b, so the
 * new primary waits until its own clock passes t + ε (§8, with §2.2's
 * lease and its ε).
 */
import type { HaConfig } from '../../src/chapters/13-highly-available-system/config';

export function waitUntil(t: number, c: HaConfig): number {
  return t + 2 * c.clockBound;
}
