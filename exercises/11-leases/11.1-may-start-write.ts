/**
 * Exercise 11.1: when may a holder still start a write? Check with
 * `npm run workbook -- exercise 11.1`.
 *
 * A client holds the exclusive lease, granted until t on the home's clock;
 * its own clock reads `clock`. Every clock is within b of real time
 * (c.clockBound), so two clocks differ by at most ε = 2b (epsilon(c) from
 * src/chapters/11-leases/config); every message, a write among them,
 * arrives within δ (c.delta). The home counts the lease live until its
 * clock passes t, and may then grant it to another. Return whether the
 * holder may start a write now (the client also sends a lost write again,
 * or the next part of an update, only when your test says yes).
 *
 * The check compares your test case by case with the margin argument, for
 * several b and δ, and explores every run of three of the chapter's
 * configurations with it: it must never let a write land after the lease
 * is over, and never refuse one that lands in time.
 */
import type { LeaseConfig } from '../../src/chapters/11-leases/config';

export function mayStartWrite(clock: number, t: number, c: LeaseConfig): boolean {
  // TODO: this holder starts a write whenever it holds the lease.
  void [clock, t, c];
  return true;
}
