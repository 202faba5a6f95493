/**
 * The lease system's seeded bugs, each a one-rule change of the correct
 * rules or of the world they assume, with a check that catches each.
 *
 * @module
 */
import type { Mutant } from '../chapter';
import { mutant } from '../chapter';
import type { LeaseVariant } from './checks';
import { carefulCheck, longRunsCheck, refinesCheck, sharedCheck } from './checks';
import { rules } from './system';

// #region no-margin
/** Mutant: the holder uses its lease until t on its own clock, not t − ε. */
export const noMargin: LeaseVariant = { rules: { ...rules, margin: () => 0 } };
// #endregion no-margin

// #region unbounded-write
/** Mutant: writes (like every message) may take any time, while the holder's margin assumes δ. */
export const unboundedWrite: LeaseVariant = {
  rules,
  config: { maxDelay: Number.POSITIVE_INFINITY },
};
// #endregion unbounded-write

// #region optimistic-renewal
/** Mutant: a holder that asks for a renewal counts the new lease from its own clock at once. */
export const optimisticRenewal: LeaseVariant = { rules: { ...rules, optimisticRenewal: true } };
// #endregion optimistic-renewal

// #region drift-beyond
/** Mutant: the clocks drift two ticks from real time, where the margin ε = 2b assumes one. */
export const driftBeyond: LeaseVariant = { rules, config: { driftBound: 2, drifts: 2 } };
// #endregion drift-beyond

// #region release-early
/** Mutant: a holder asked to release does so with its write still on its way. */
export const releaseEarly: LeaseVariant = { rules: { ...rules, releaseWaits: false } };
// #endregion release-early

// #region write-ignores-readers
/** Mutant: the home grants an exclusive lease while shared ones may be live. */
export const writeIgnoresReaders: LeaseVariant = {
  rules: { ...rules, exclusiveWaitsForShared: false },
};
// #endregion write-ignores-readers

// #region two-parts
/** Mutant: an update is two writes one after the other, with no log: a lease lost between them leaves the resource half done. */
export const twoParts: LeaseVariant = { rules, config: { update: 'two-parts' } };
// #endregion two-parts

/** The chapter's mutants, each with the check that catches it. */
export const mutants: readonly Mutant[] = [
  mutant(refinesCheck, {
    name: 'no ε margin',
    bug: 'The holder uses its lease until its own clock reaches t, not t − ε.',
    variant: noMargin,
  }),
  mutant(refinesCheck, {
    name: 'unbounded write',
    bug: 'A write may take longer than δ to reach the home, while the holder starts one only if it lands within δ.',
    variant: unboundedWrite,
  }),
  mutant(refinesCheck, {
    name: 'renewal races expiry',
    bug: 'A holder that asks to renew counts the new lease from its own clock at once, before the home grants it.',
    variant: optimisticRenewal,
  }),
  mutant(refinesCheck, {
    name: 'drift beyond the margin',
    bug: 'The clocks may drift two ticks from real time, while ε = 2b assumes at most b = 1.',
    variant: driftBeyond,
  }),
  mutant(refinesCheck, {
    name: 'release not waited for',
    bug: 'A holder asked to release its lease does so while its write is still on its way.',
    variant: releaseEarly,
  }),
  mutant(sharedCheck, {
    name: 'exclusive beside shared',
    bug: 'The home grants the exclusive lease while another client’s shared lease may be live.',
    variant: writeIgnoresReaders,
  }),
  mutant(carefulCheck, {
    name: 'update in two writes, no log',
    bug: 'An update is two writes one after the other, with no redo log: a lease lost between them leaves a half-done resource.',
    variant: twoParts,
  }),
  mutant(longRunsCheck, {
    name: 'no ε margin, in long runs',
    bug: 'The first mutant again, caught by the random runs rather than the search.',
    variant: noMargin,
  }),
];
