/**
 * The lease system's seeded bugs, each a one-rule change of the correct
 * rules or of the world they assume, with a check that catches each.
 *
 * @module
 */
import type { LeaseVariant } from './checks';
import { rules } from './system';

/** Mutant: the holder uses its lease until t on its own clock, not t − ε. */
export const noMargin: LeaseVariant = { rules: { ...rules, margin: () => 0 } };

/** Mutant: writes (like every message) may take any time, while the holder's margin assumes δ. */
export const unboundedWrite: LeaseVariant = {
  rules,
  config: { maxDelay: Number.POSITIVE_INFINITY },
};

/** Mutant: a holder that asks for a renewal counts the new lease from its own clock at once. */
export const optimisticRenewal: LeaseVariant = { rules: { ...rules, optimisticRenewal: true } };

/** Mutant: the clocks drift two ticks from real time, where the margin ε = 2b assumes one. */
export const driftBeyond: LeaseVariant = { rules, config: { driftBound: 2, drifts: 2 } };

/** Mutant: a holder asked to release does so with its write still on its way. */
export const releaseEarly: LeaseVariant = { rules: { ...rules, releaseWaits: false } };

/** Mutant: the home grants an exclusive lease while shared ones may be live. */
export const writeIgnoresReaders: LeaseVariant = {
  rules: { ...rules, exclusiveWaitsForShared: false },
};

/** Mutant: an update is two writes one after the other, with no log: a lease lost between them leaves the resource half done. */
export const twoParts: LeaseVariant = { rules, config: { update: 'two-parts' } };
