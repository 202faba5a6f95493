/**
 * Chapter 07's checks, as functions of a configuration and the rules so that
 * mutants and exercises run the very same checks.
 *
 * @module
 */
import type { InductiveResult, Invariant } from '../../index';
import { explore, inductive, labelText } from '../../index';
import { goalsOf, invariantsOf } from '../06-paxos-state/invariants';
import type { PaxosRules } from '../06-paxos-state/paxos';
import { paxos } from '../06-paxos-state/paxos';
import type { PaxosConfig, PaxosState } from '../06-paxos-state/state';
import type { CheckContext } from '../chapter';
import { boundsOf } from '../chapter';
import { invariants34, stages } from './invariants';
import { stablePredicates } from './stable';
import type { UniverseOptions } from './universe';
import { universe } from './universe';

// #region check-stable
/** Explore every reachable state and check that no step falsifies a stable predicate. */
export function checkStable(c: PaxosConfig, r: PaxosRules, ctx: CheckContext) {
  return explore(paxos(c, r), {
    stepProperties: stablePredicates(c),
    reachable: goalsOf(c),
    ...boundsOf(ctx),
  });
}
// #endregion check-stable

// #region check-invariants
/** Explore every reachable state and check Invariants 3 and 4 and the anchored form. */
export function checkInvariants34(c: PaxosConfig, r: PaxosRules, ctx: CheckContext) {
  const { invariant3, invariant4, anchoredForm } = invariants34(c);
  return explore(paxos(c, r), {
    invariants: [invariant3, invariant4, anchoredForm],
    reachable: goalsOf(c),
    ...boundsOf(ctx),
  });
}
// #endregion check-invariants

/**
 * Is the conjunction inductive over the universe of configuration c?
 *
 * @param c - the configuration (its universe is enumerated)
 * @param r - the rules of the machine
 * @param conjuncts - the candidate inductive invariant
 * @param ctx - progress
 * @param u - the reductions of the universe, if any (default none)
 * @returns the result of {@link inductive}
 */
export function checkInductive(
  c: PaxosConfig,
  r: PaxosRules,
  conjuncts: readonly Invariant<PaxosState>[],
  ctx: Pick<CheckContext, 'onProgress'> = {},
  u: UniverseOptions = {},
): InductiveResult<PaxosState> {
  const res = inductive(paxos(c, r), {
    invariants: conjuncts,
    universe: { enumerate: universe(c, u).enumerate },
    onProgress: ctx.onProgress,
  });
  // The library names the whole conjunction; a report line needs only the conjunct that broke.
  return res.cti && res.counterexample
    ? {
        ...res,
        counterexample: {
          ...res.counterexample,
          property: `not inductive: ${labelText(res.cti.label)} breaks ${res.cti.broken}`,
        },
      }
    : res;
}

/**
 * The claim "Invariant 2 alone is not inductive", as a check that holds when
 * the checker finds a counterexample to induction.
 *
 * @param c - the configuration
 * @param r - the rules
 * @param ctx - progress
 * @returns the result, holding when there is a counterexample to induction (kept in `cti`)
 */
export function checkNotInductive(
  c: PaxosConfig,
  r: PaxosRules,
  ctx: Pick<CheckContext, 'onProgress'> = {},
): InductiveResult<PaxosState> {
  const { invariant2 } = invariantsOf(c);
  const res = checkInductive(c, r, [invariant2], ctx);
  const { counterexample: _shown, ...rest } = res;
  return res.cti
    ? { ...rest, holds: true }
    : {
        ...rest,
        holds: false,
        unreached: ['a counterexample to induction for Invariant 2 alone'],
      };
}

/** The conjuncts of the inductive invariant: the last stage of the strengthening. */
export function inductiveInvariant(c: PaxosConfig): readonly Invariant<PaxosState>[] {
  return stages(c).at(-1)!.conjuncts;
}
