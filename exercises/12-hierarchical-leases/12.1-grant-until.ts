/**
 * Exercise 12.1: what the czar grants. Check with
 * `npm run workbook -- exercise 12.1`.
 *
 * A master asks the czar for a sub-lease on a resource, and no other
 * master's sub-lease is in the way. The czar's own clock reads `clock`; its
 * term, as consensus decided it, ends at t on that clock. A sub-lease lasts
 * Ls (c.subLease) from the grant, on the czar's clock; the master uses it
 * until its own clock reads s − ε. Once the czar's clock is past t + ε on
 * theirs, other candidates may be elected czar. Return the sub-lease's
 * expiry s, or null to deny the request.
 *
 * The check compares your answer case by case with the rule, and explores
 * every run of two of the chapter's configurations with it in the czar.
 */
import type { HierConfig } from '../../src/chapters/12-hierarchical-leases/config';

export function grantUntil(clock: number, t: number, c: HierConfig): number | null {
  // TODO: this czar grants every sub-lease for Ls from its own clock.
  void t;
  return clock + c.subLease;
}
