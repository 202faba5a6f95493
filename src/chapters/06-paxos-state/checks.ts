/**
 * Chapter 06's checks as functions of a configuration and the rules, so that
 * mutants and exercises can run the very same checks.
 *
 * @module
 */
import { type ExploreOptions, explore, refines } from '../../index';
import type { DState } from '../03-consensus-specs/specs';
import type { CheckContext } from '../chapter';
import { abstraction, toD } from './abstraction';
import { goalsOf, invariantsOf } from './invariants';
import { type PaxosRules, paxos } from './paxos';
import { config, fullConfig, type PaxosConfig, type PaxosState } from './state';

/**
 * The configuration a check runs on: `c` (the default one), or with `--deep`
 * the deep one (the issue's, unless a chapter says otherwise).
 */
export function configFor(
  ctx: Pick<CheckContext, 'deep'>,
  c: PaxosConfig = config,
  deep: PaxosConfig = fullConfig,
): PaxosConfig {
  return ctx.deep ? deep : c;
}

/** Bounds and progress from the command line. */
export function boundsOf(ctx: CheckContext): ExploreOptions<PaxosState> {
  return {
    ...(ctx.depth ? { maxDepth: ctx.depth } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  };
}

// #region check-invariants
/**
 * Explore every reachable state and check Invariants 1 and 2 in each; the
 * goals make sure successful, dead and published rounds are among them.
 */
export function checkInvariants(c: PaxosConfig, r: PaxosRules, ctx: CheckContext) {
  const { invariant1, invariant2 } = invariantsOf(c);
  return explore(paxos(c, r), {
    invariants: [invariant1, invariant2],
    reachable: goalsOf(),
    ...boundsOf(ctx),
  });
}
// #endregion check-invariants

// #region check-refines
/** Check that abstract Paxos implements spec D under the abstraction function f (§5.1). */
export function checkRefinesD(
  c: PaxosConfig,
  r: PaxosRules,
  ctx: CheckContext,
  f: (s: PaxosState) => DState = abstraction,
) {
  return refines(paxos(c, r), toD(c, f), { reachable: goalsOf(), ...boundsOf(ctx) });
}
// #endregion check-refines
