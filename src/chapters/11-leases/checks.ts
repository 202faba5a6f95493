/**
 * The lease system's checks: each runs on the correct rules and
 * configuration, or on a mutant's variant of them.
 *
 * @module
 */
import type { Action } from '../../index';
import { refines, simulate } from '../../index';
import type { CheckContext } from '../chapter';
import { boundsOf } from '../chapter';
import { noMasterWithReaders, oneMaster, refinementToLease } from './abstraction';
import type { LeaseConfig } from './config';
import type { LeaseRules, LeaseState, LeaseSystem } from './system';
import { leaseSystem, rules } from './system';

/** What a mutant changes: the rules, and perhaps the world the rules assume (the network, the clocks). */
export interface LeaseVariant {
  readonly rules: LeaseRules;
  readonly config?: Partial<LeaseConfig>;
}

/** The correct rules in the configuration as given. */
export const correct: LeaseVariant = { rules };

/**
 * The lease system implements spec Lease via f, step by step (§5.1), and
 * at every state at most one client may touch the resource. Exhaustive
 * within the configuration's bounds: its clients, lease length, clocks and
 * drift budget, faults, requests and writes, and time up to the horizon.
 *
 * @param c - the configuration
 * @param v - the rules, and what the variant changes of the configuration
 * @param ctx - the context
 * @returns the verdict
 */
export function checkRefinesLease(c: LeaseConfig, v: LeaseVariant, ctx: CheckContext) {
  const sys = leaseSystem({ ...c, ...v.config }, v.rules);
  return refines(sys, refinementToLease(sys), {
    invariants: [oneMaster(sys), noMasterWithReaders(sys)],
    ...boundsOf(ctx),
  });
}

/** How often the long runs take each kind of step: faults are rarer than progress. */
export function weight(sys: LeaseSystem): (a: Action<LeaseState, any>) => number {
  return (a) => {
    const l = { action: a.name };
    if (sys.Deliver.is(l)) return 6;
    if (sys.Tick.is(l)) return 4;
    if (sys.Write.is(l) || sys.Read.is(l) || sys.Ask.is(l)) return 3;
    return 1;
  };
}

/**
 * Long seeded random runs: the clocks start as the configuration sets them
 * and drift anywhere within ±b (give it an unbounded drift budget), with
 * the configuration's faults; on every
 * step the step obligation against spec Lease and the invariants. Random,
 * so it shows only the runs it takes.
 *
 * @param c - the configuration (its horizon is the runs' length in time)
 * @param v - the variant
 * @param ctx - the context (its seed)
 * @param runs - how many runs
 * @param steps - the most steps of a run
 * @returns the verdict
 */
export function checkLongRuns(
  c: LeaseConfig,
  v: LeaseVariant,
  ctx: CheckContext,
  runs: number,
  steps: number,
) {
  const sys = leaseSystem({ ...c, ...v.config }, v.rules);
  return simulate(sys, {
    invariants: [oneMaster(sys), noMasterWithReaders(sys)],
    refinement: refinementToLease(sys),
    runs,
    steps: ctx.depth ?? steps,
    seed: ctx.seed,
    weight: weight(sys),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  });
}
