/**
 * The hierarchical lease system's checks: each runs on the correct rules
 * and configuration, or on a mutant's variant of them.
 *
 * @module
 */
import type { Action, Reachable } from '../../index';
import { nil, reachable, refines, simulate } from '../../index';
import type { CheckContext } from '../chapter';
import { boundsOf, check } from '../chapter';
import { hierInvariants, refinementToLease, uses } from './abstraction';
import type { HierConfig } from './config';
import { changeConfig, config, crashConfig, deepConfig, renewalConfig, runsConfig } from './config';
import type { HierRules, HierState, HierSystem } from './system';
import { hierSystem, rules } from './system';

/** What a mutant changes: the rules, and perhaps the world the rules assume. */
export interface HierVariant {
  readonly rules: HierRules;
  readonly config?: Partial<HierConfig>;
}

/** The correct rules in the configuration as given. */
export const correct: HierVariant = { rules };

/** How many consensus runs a state has seen: one per decided instance. */
export const consensusRuns = (y: HierState) => y.cons[0]!.log.length;

/** The goals a check may ask for (see {@link hierGoals}). */
export type GoalName = 'write' | 'renew' | 'master renews' | 'race' | 'change' | 'crash';

// #region goals
/**
 * What an exhaustive check must reach, so that a check that holds is not
 * one that holds because nothing happens. `write`: a master writes under a
 * sub-lease. `renew`: the czar renews its own lease by consensus. `master
 * renews`: a master renews its sub-lease with the czar (no consensus), under
 * a term the czar renewed. `race`: the czar's renewal and a rival's
 * proposal wait in consensus together, either may win. `change`: the czar
 * changes and the new czar grants a sub-lease, and a master holds one from
 * it on a value written under the old. `crash`: the czar crashes and
 * recovers while a master holds its sub-lease.
 *
 * @param sys - the system
 * @param names - the goals to reach
 * @returns the goals
 */
export function hierGoals(sys: HierSystem, names: readonly GoalName[]): Reachable<HierState>[] {
  const log = (y: HierState) => y.cons[0]!.log;
  const tenure = (y: HierState, k: number) => log(y)[k]?.since ?? 0;
  const all: Record<GoalName, Reachable<HierState>[]> = {
    write: [
      reachable('a master writes under a sub-lease', (y) =>
        y.cons[0]!.values.some((x) => x.ver > 0),
      ),
    ],
    renew: [
      reachable('the czar renews its own lease by consensus', (y) =>
        log(y).some((t, k) => t.since < k),
      ),
    ],
    'master renews': [
      reachable('a master renews its sub-lease with the czar, under a renewed term', (y) =>
        y.masters.some((m) =>
          m.holds.some(
            (h) => h.sub !== nil && h.sub.n > h.sub.first && tenure(y, h.sub.k) < h.sub.k,
          ),
        ),
      ),
    ],
    race: [
      reachable('the czar’s renewal and a rival’s proposal wait in consensus together', (y) => {
        const c = y.cons[0]!;
        const czar = c.log.at(-1)?.czar;
        return (
          c.allowed.some((a) => a.czar === czar && a.since < c.log.length) &&
          c.allowed.some((a) => a.czar !== czar)
        );
      }),
    ],
    change: [
      reachable('the czar changes, and the new czar grants a sub-lease', (y) =>
        y.masters.some((m) => m.holds.some((h) => h.sub !== nil && tenure(y, h.sub.k) > 0)),
      ),
      reachable(
        'after a czar change, a master holds a sub-lease from the new czar on a value written under the old',
        (y) =>
          y.masters.some((m) =>
            m.holds.some((h, r) => {
              const x = y.cons[0]!.values[r]!;
              return (
                h.sub !== nil &&
                tenure(y, h.sub.k) > 0 &&
                h.cache !== nil &&
                h.cache.ver === x.ver &&
                x.k >= 0 &&
                tenure(y, x.k) === 0
              );
            }),
          ),
      ),
    ],
    crash: [
      reachable('the czar crashes and recovers while a master holds its sub-lease', (y) => {
        const czar = log(y).at(-1)!.czar;
        const p = sys.ids.candidates[czar]!;
        const crashed = y.faults.crashed[1]! > 0;
        return (
          crashed &&
          y.up[p] === true &&
          y.candidates[czar]!.known !== nil &&
          y.masters.some((m, i) =>
            m.holds.some((h, r) => h.sub !== nil && h.sub.c === czar && uses(sys, y, i, r)),
          )
        );
      }),
    ],
  };
  return names.flatMap((n) => all[n]);
}
// #endregion goals

// #region check-refines
/**
 * The hierarchical lease system implements spec Lease (per resource) via f,
 * step by step (§5.1), and at every state the invariants hold; the run
 * reaches the goals named. Exhaustive within the configuration's bounds.
 *
 * @param c - the configuration
 * @param v - the rules, and what the variant changes of the configuration
 * @param ctx - the context
 * @param goals - the goals it must reach
 * @returns the verdict
 */
export function checkRefinesLease(
  c: HierConfig,
  v: HierVariant,
  ctx: CheckContext,
  goals: readonly GoalName[],
) {
  const sys = hierSystem({ ...c, ...v.config }, v.rules);
  return refines(sys, refinementToLease(sys), {
    invariants: hierInvariants(sys),
    reachable: hierGoals(sys, goals),
    ...boundsOf(ctx),
  });
}
// #endregion check-refines

/** How often the long runs take each kind of step: faults are rarer than progress. */
export function weight(sys: HierSystem): (a: Action<HierState, any>) => number {
  return (a) => {
    const l = { action: a.name };
    if (sys.Deliver.is(l)) return 8;
    if (sys.Tick.is(l)) return 4;
    if (sys.Write.is(l) || sys.Read.is(l) || sys.Ask.is(l) || sys.Agree.is(l)) return 3;
    if (sys.Propose.is(l) || sys.Renew.is(l)) return 2;
    return 1;
  };
}

/** How many shrink steps a failing long run gets. */
export const SHRINKS = 400;

// #region check-simulate
/**
 * Long seeded random runs: clocks drifting anywhere within ±b, candidates
 * and masters crashing, several resources; on every step the step
 * obligation against spec Lease per resource and the invariants. Random, so
 * it shows only the runs it takes.
 *
 * @param c - the configuration (its horizon is the runs' length in time)
 * @param v - the variant
 * @param ctx - the context (its seed)
 * @param runs - how many runs
 * @param steps - the most steps of a run
 * @returns the verdict
 */
export function checkLongRuns(
  c: HierConfig,
  v: HierVariant,
  ctx: CheckContext,
  runs: number,
  steps: number,
) {
  const sys = hierSystem({ ...c, ...v.config }, v.rules);
  return simulate(sys, {
    invariants: hierInvariants(sys),
    refinement: refinementToLease(sys),
    reachable: hierGoals(sys, ['write', 'renew', 'master renews', 'change']),
    runs,
    steps: ctx.depth ?? steps,
    seed: ctx.seed,
    weight: weight(sys),
    // Shrinking bounded by steps, not time, so a failure shrinks to the same run on any machine.
    maxShrinks: SHRINKS,
    shrinkTimeLimit: Number.POSITIVE_INFINITY,
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  });
}
// #endregion check-simulate

/** A configuration and the goals its check must reach. */
export interface Setup {
  readonly config: HierConfig;
  readonly goals: readonly GoalName[];
}

/** Each exhaustive check's configuration and goals, by check. */
export const setups = {
  refines: { config, goals: ['write', 'renew'] },
  deep: { config: deepConfig, goals: ['write', 'renew'] },
  renewal: { config: renewalConfig, goals: ['write', 'renew', 'master renews'] },
  change: { config: changeConfig, goals: ['write', 'race', 'change'] },
  crash: { config: crashConfig, goals: ['write', 'crash'] },
} as const satisfies Record<string, Setup>;

/**
 * Run one of the exhaustive checks' setups on a variant.
 *
 * @param s - the setup
 * @param v - the variant
 * @param ctx - the context
 * @returns the verdict
 */
export const checkSetup = (s: Setup, v: HierVariant, ctx: CheckContext) =>
  checkRefinesLease(s.config, v, ctx, s.goals);

/** The election from scratch, with a drift. */
export const refinesCheck = check<HierVariant>({
  name: 'one master per resource under a czar',
  claim:
    'Every step of the hierarchical lease system (2 candidates proposing at once, consensus deciding at any time, 2 masters, 1 resource, Lc = 8 renewed in its last 2 ticks, Ls = 4, b = 1 so ε = 2, δ = 1, clocks skewed and one drift within ±b, 2 proposals each, 1 request and 1 write per master, time to 8, no crash) is simulated by spec Lease, and at every state: at most one master, no sub-lease outlives the czar’s lease, and every sub-lease in use is from one czar’s tenure; a master writes, and the czar renews its lease by consensus. With --deep: two drifts.',
  pinned: { states: 128234 },
  deepPinned: { states: 614896 },
  run: (ctx, v = correct) => checkSetup(ctx.deep ? setups.deep : setups.refines, v, ctx),
});

/** Masters renewing with the czar. */
export const renewalCheck = check<HierVariant>({
  name: 'masters renew without consensus',
  claim:
    'The same with one candidate, c1, czar from the start (consensus run once) and renewing in the last 6 ticks of its term, one master asking 3 times for sub-leases of 6, clocks fixed at their skew, time to 12: the master renews its sub-lease with the czar, with no consensus run, and holds on under the term the czar renewed by consensus.',
  pinned: { states: 52351 },
  run: (ctx, v = correct) => checkSetup(setups.renewal, v, ctx),
});

/** A czar change. */
export const czarChangeCheck = check<HierVariant>({
  name: 'the czar changes',
  claim:
    'The same with c1 czar from the start and 2 masters, Ls = 5, time to 15: c1 may renew once, and c2, once c1’s term has surely ended, proposes; consensus may pick either, the czar changes, the new czar grants a sub-lease, and a master holds one from it on a value written under the old czar.',
  pinned: { states: 75353 },
  run: (ctx, v = correct) => checkSetup(setups.change, v, ctx),
});

/** A czar crash. */
export const czarCrashCheck = check<HierVariant>({
  name: 'the czar crashes',
  claim:
    'The same with c1 czar from the start on a term of 10 and sub-leases of 10, one candidate crash (it recovers with nothing but its count), 1 proposal each, time to 6: the czar crashes and recovers while a master holds its sub-lease, and nobody grants another.',
  pinned: { states: 33761 },
  run: (ctx, v = correct) => checkSetup(setups.crash, v, ctx),
});

/** How many long runs. */
export const RUNS = 100;
/** How many long runs with --deep. */
export const DEEP_RUNS = 1000;
/** The most steps of a long run. */
export const RUN_STEPS = 600;

/** The long random runs. */
export const longRunsCheck = check<HierVariant>({
  name: 'long runs with crashes and drift',
  claim: `${RUNS} seeded runs (${DEEP_RUNS} with --deep) of up to ${RUN_STEPS} steps, 2 candidates, 2 masters, 3 resources, Lc = 10, Ls = 5, δ = 2, up to 4 candidate and 2 master crashes, clocks drifting anywhere within ±b: every step simulated by spec Lease per resource, every state with the invariants; masters write and renew, the czar renews, and the czar changes.`,
  pinned: { runs: RUNS, transitions: 24446 },
  deepPinned: { runs: DEEP_RUNS, transitions: 283604 },
  run: (ctx, v = correct) =>
    checkLongRuns(runsConfig, v, ctx, ctx.deep ? DEEP_RUNS : RUNS, RUN_STEPS),
});

/** The checks. */
export const checks = [
  refinesCheck,
  renewalCheck,
  czarChangeCheck,
  czarCrashCheck,
  longRunsCheck,
] as const;
