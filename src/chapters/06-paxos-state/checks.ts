/**
 * Chapter 06's checks as functions of a configuration and the rules, so that
 * mutants and exercises can run the very same checks.
 *
 * @module
 */
import { explore, refines } from '../../index';
import type { DState } from '../03-consensus-specs/specs';
import type { CheckContext } from '../chapter';
import { boundsOf } from '../chapter';
import { paxosToD, refinementToD } from './abstraction';
import { goalsOf, invariantsOf } from './invariants';
import type { PaxosRules } from './paxos';
import { paxos } from './paxos';
import type { PaxosConfig, PaxosState } from './state';

// #region check-invariants
/**
 * Explore every reachable state and check Invariants 1 and 2 in each; the
 * goals make sure successful, dead and published rounds are among them.
 */
export function checkInvariants(c: PaxosConfig, r: PaxosRules, ctx: CheckContext) {
  const { invariant1, invariant2 } = invariantsOf(c);
  return explore(paxos(c, r), {
    invariants: [invariant1, invariant2],
    reachable: goalsOf(c),
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
  f: (s: PaxosState) => DState = paxosToD,
) {
  return refines(paxos(c, r), refinementToD(c, f), { reachable: goalsOf(c), ...boundsOf(ctx) });
}
// #endregion check-refines
