/**
 * Exercise 11.1, a reference solution: the write must land while the home
 * still counts the lease live, with the holder's clock up to ε behind the
 * home's and the write taking up to δ (§2.2's margin).
 */
import type { LeaseConfig } from '../../src/chapters/11-leases/config';
import { epsilon } from '../../src/chapters/11-leases/config';

export function mayStartWrite(clock: number, t: number, c: LeaseConfig): boolean {
  return clock + c.delta <= t - epsilon(c);
}
