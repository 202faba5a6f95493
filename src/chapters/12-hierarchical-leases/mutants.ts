/**
 * The hierarchical lease system's seeded bugs, each a one-rule change of
 * the correct rules, with the check that catches each; and two changes the
 * checks show are not bugs in this model, with the reason.
 *
 * @module
 */
import type { Mutant } from '../chapter';
import { mutant } from '../chapter';
import type { HierVariant } from './checks';
import {
  czarChangeCheck,
  czarCrashCheck,
  longRunsCheck,
  refinesCheck,
  renewalCheck,
} from './checks';
import { rules } from './system';

// #region uncapped
/** Mutant: the czar grants s = clock + Ls, not capped at its own term's t. */
export const uncapped: HierVariant = { rules: { ...rules, capped: false } };
// #endregion uncapped

// #region no-wait
/** Mutant: a candidate proposes the next term at once, without waiting out the latest. */
export const noWait: HierVariant = { rules: { ...rules, wait: () => undefined } };
// #endregion no-wait

// #region optimistic-renewal
/**
 * Mutant: the czar counts the term it proposes to renew its lease as its
 * own at once, and grants and renews sub-leases against that t while
 * consensus has not decided it, even once its decided term has lapsed.
 */
export const optimisticRenewal: HierVariant = { rules: { ...rules, optimisticRenewal: true } };
// #endregion optimistic-renewal

// #region resumes-term
/**
 * Mutant: a candidate takes a term naming it as its own though it did not
 * propose it since it recovered, and grants with the sub-leases it granted
 * before the crash forgotten.
 */
export const resumesTerm: HierVariant = { rules: { ...rules, resumesTerm: true } };
// #endregion resumes-term

/** Mutant: the master uses its sub-lease until s on its own clock, not s − ε. */
export const noMargin: HierVariant = { rules: { ...rules, margin: () => 0 } };

// #region keeps-copy
/** Mutant: a master keeps its copy of a resource when its sub-lease runs out, and fetches none with the next. */
export const keepsCopy: HierVariant = { rules: { ...rules, dropsCopy: false } };
// #endregion keeps-copy

// #region harmless
/**
 * Not a bug here: a candidate waits only until its clock passes the latest
 * term's t, not t + ε. The old czar's sub-leases end by s ≤ t on its clock
 * and the masters stop at s − ε on theirs, so by real time t − b every one
 * is over, and a candidate whose clock is past t is past real time t − b.
 * The czar's lease may overlap its successor's by ε; the sub-leases never do.
 */
export const waitsOnlyT: HierVariant = { rules: { ...rules, wait: () => 0 } };

/**
 * Not a bug here: the czar answers requests without checking that its own
 * lease is live. A sub-lease is capped at s ≤ t, so one granted at a czar
 * clock past t has s − ε below the master's clock when it arrives: the
 * master never uses it. The cap does the check's work.
 */
export const czarIgnoresItsLease: HierVariant = { rules: { ...rules, czarChecksLease: false } };
// #endregion harmless

/** The mutants, each with the check that catches it. */
export const mutants: readonly Mutant[] = [
  mutant(refinesCheck, {
    name: 'sub-lease outlives the czar',
    bug: 'The czar grants a sub-lease for Ls from its clock, not capped at the end of its own term.',
    variant: uncapped,
  }),
  mutant(czarChangeCheck, {
    name: 'new czar does not wait',
    bug: 'A candidate proposes the next term as soon as it learns the latest, without waiting for it to run out.',
    variant: noWait,
  }),
  mutant(czarChangeCheck, {
    name: 'czar counts its renewal before consensus',
    bug: 'The czar counts the term it proposed as its own before consensus decides it, and grants and renews sub-leases against that t, past the end of its decided term.',
    variant: optimisticRenewal,
  }),
  mutant(czarCrashCheck, {
    name: 'restarted czar resumes its term',
    bug: 'A candidate that recovered takes its own old term back, and grants with the sub-leases it granted before the crash forgotten.',
    variant: resumesTerm,
  }),
  mutant(refinesCheck, {
    name: 'no ε margin for masters',
    bug: 'A master uses its sub-lease until its own clock reaches s, not s − ε.',
    variant: noMargin,
  }),
  mutant(renewalCheck, {
    name: 'copy kept past the sub-lease',
    bug: 'A master keeps its copy of a resource when its sub-lease runs out, and takes a new sub-lease without fetching the value.',
    variant: keepsCopy,
  }),
  mutant(longRunsCheck, {
    name: 'no ε margin, in long runs',
    bug: 'The no-margin mutant again, caught by the random runs rather than the search.',
    variant: noMargin,
  }),
];
