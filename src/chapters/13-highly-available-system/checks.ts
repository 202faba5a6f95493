/**
 * The highly available system's checks: each runs on the correct rules and
 * configuration, or on a mutant's variant of them.
 *
 * @module
 */
import type { Action, Reachable } from '../../index';
import { canonical, explore, invariant, nil, reachable, refines, simulate } from '../../index';
import type { StorageOutput } from '../01-replicated-state-machines/storage';
import type { CheckContext } from '../chapter';
import { boundsOf, check } from '../chapter';
import { haInvariants, refinementToSingleCopy } from './abstraction';
import type { HaConfig } from './config';
import { changeConfig, RUN_STEPS, retryConfig, runsConfig } from './config';
import { linearizableSoFar, showHistory } from './history';
import { entryOf } from './service';
import type { HaRules, HaState, HaSystem } from './system';
import { haSystem, rules } from './system';

/** What a mutant changes: the rules, and perhaps the world they assume. */
export interface HaVariant {
  readonly rules: HaRules;
  readonly config?: Partial<HaConfig>;
}

/** The correct rules in the configuration as given. */
export const correct: HaVariant = { rules };

// #region goals
/** The values client c writes. */
const writtenBy = (c: HaConfig, client: number): StorageOutput[] =>
  c.scripts[client]!.flatMap((i) => (i.op === 'Write' ? [i.d] : []));

/** Some client's read got a value another client wrote. */
const readsAnothers = (sys: HaSystem) => (y: HaState) =>
  y.history.served.some((xs, i) =>
    xs.some((v) =>
      sys.config.scripts.some(
        (_, k) => k !== i && v !== nil && writtenBy(sys.config, k).includes(v),
      ),
    ),
  );

/**
 * What the primary-change check must reach, so that it cannot hold because
 * nothing happens: a client reads what another wrote; a new primary
 * decides an entry after waiting out the old primary's lease; the new
 * primary serves a read under its own lease; a new primary commands again a
 * write that no primary has seen decided (the old one got only some agents
 * to accept it).
 *
 * @param sys - the system
 * @returns the goals
 */
export function changeGoals(sys: HaSystem): Reachable<HaState>[] {
  const c = sys.config;
  const first = c.rounds[0]!;
  return [
    reachable('a client reads the value another wrote', readsAnothers(sys)),
    reachable('a new primary decides an entry after the old lease', (y) =>
      y.leaders.some(
        (ls, l) =>
          l !== first &&
          ls.decided.length > 0 &&
          y.history.log.some((v) => {
            const e = entryOf(c, v);
            return e.k === 'lease' && e.l !== l;
          }),
      ),
    ),
    reachable('the new primary serves a read under its own lease', (y) =>
      y.history.readers.some((l) => l !== first),
    ),
    reachable('a new primary commands again a write no primary saw decided', (y) =>
      y.leaders.some(
        (ls) =>
          ls.n !== nil &&
          ls.n > 0 &&
          ls.u !== nil &&
          ls.best[ls.slot]!.v === ls.u &&
          entryOf(c, ls.u).k === 'call' &&
          !y.history.log.includes(ls.u),
      ),
    ),
  ];
}

/**
 * What the retry check must reach: a write sent again after it was
 * applied is answered from the service's table; a client reads what
 * another wrote.
 *
 * @param sys - the system
 * @returns the goals
 */
export function retryGoals(sys: HaSystem): Reachable<HaState>[] {
  return [
    reachable('a write sent again is answered from the table', (y) => y.history.fromTable > 0),
    reachable('a client reads the value another wrote', readsAnothers(sys)),
  ];
}

/**
 * What the long runs must reach: ten calls return; two leaders serve
 * reads (the primary changed); a write sent again is answered from the
 * table; a leader that restarted holds a lease again; a primary renews its
 * lease.
 *
 * @param sys - the system
 * @returns the goals
 */
export function runGoals(sys: HaSystem): Reachable<HaState>[] {
  const c = sys.config;
  return [
    reachable(
      'ten calls return',
      (y) => y.history.calls.filter((o) => o.ret !== null).length >= 10,
    ),
    reachable('two leaders serve reads', (y) => y.history.readers.length >= 2),
    reachable('a write sent again is answered from the table', (y) => y.history.fromTable > 0),
    reachable('a restarted leader holds a lease', (y) =>
      y.leaders.some((ls) => ls.inc > 0 && ls.lease !== nil),
    ),
    reachable('a primary renews its lease', (y) =>
      y.leaders.some(
        (_ls, l) =>
          y.history.log.filter((v) => {
            const e = entryOf(c, v);
            return e.k === 'lease' && e.l === l;
          }).length >= 2,
      ),
    ),
  ];
}
// #endregion goals

// #region check-refines
/**
 * The system implements the single copy with calls via f, step by step
 * (§5.1), and every reachable state meets the invariants. Exhaustive
 * within the configuration's bounds: its agents, leaders and rounds, the
 * clients' scripts, the log's length, the lease and clocks, the faults,
 * time up to the horizon, and the constraints of the check (`change`, `tidy`).
 *
 * @param c - the configuration
 * @param v - the rules, and what the variant changes of the configuration
 * @param ctx - the context
 * @param goals - the goals the check must reach
 * @returns the verdict
 */
export function checkRefines(
  c: HaConfig,
  v: HaVariant,
  ctx: CheckContext,
  goals: (sys: HaSystem) => Reachable<HaState>[],
) {
  const sys = haSystem({ ...c, ...v.config }, v.rules);
  return refines(sys, refinementToSingleCopy(sys), {
    invariants: haInvariants(sys),
    reachable: goals(sys),
    ...boundsOf(ctx),
  });
}
// #endregion check-refines

// #region check-order
/**
 * The order constraint of the exhaustive checks (`tidy`) hides no history
 * the clients can see: every history of calls and returns the system has
 * without the constraint, it has with it. The constraint only removes
 * steps, so the other way round holds by construction; together the two
 * systems have the same histories. Both are explored with every call and
 * return recorded (a history variable), the constrained one first.
 *
 * @param constrained - the configuration with the constraint (its `tidy` is set here)
 * @param free - the configuration without it (the same, unless a test shows the check failing)
 * @param v - the variant
 * @param ctx - the context
 * @returns the verdict of the exploration without the constraint
 */
export function checkOrderHidesNothing(
  constrained: HaConfig,
  free: HaConfig,
  v: HaVariant,
  ctx: CheckContext,
) {
  const key = (y: HaState) => canonical(y.history.calls);
  const histories = new Set<string>();
  const tidy = haSystem({ ...constrained, ...v.config, record: true, tidy: true }, v.rules);
  // Every history some reachable state has recorded (the invariant only collects).
  explore(tidy, {
    invariants: [invariant<HaState>('collect', (y) => histories.add(key(y)) !== undefined)],
  });
  const sys = haSystem({ ...free, ...v.config, record: true, tidy: false }, v.rules);
  return explore(sys, {
    invariants: [
      invariant<HaState>(
        'every history of calls and returns is one the system has with the order constraint',
        (y) => histories.has(key(y)),
        (y) =>
          `with the order constraint no run has the history ${showHistory(y.history.calls).join('; ')}`,
      ),
    ],
    reachable: [
      reachable('a read returns the value another client wrote', (y) =>
        y.history.calls.some((o) => o.op.f === 'read' && o.ret !== null && o.output !== nil),
      ),
    ],
    ...boundsOf(ctx),
  });
}
// #endregion check-order

/**
 * How often the long runs take each kind of step: messages arrive and time
 * passes far more often than anything fails; a leader starts a round now
 * and then (so the primary changes with the old one still up).
 *
 * @param sys - the system
 * @returns the weight of each action
 */
export function weight(sys: HaSystem): (a: Action<HaState, any>) => number {
  return (a) => {
    const l = { action: a.name };
    if (sys.Deliver.is(l)) return 2000;
    if (
      sys.Return.is(l) ||
      sys.Go.is(l) ||
      sys.Apply.is(l) ||
      sys.Renew.is(l) ||
      sys.Retry.is(l) ||
      sys.Poll.is(l) ||
      sys.Recover.is(l) ||
      sys.Heal.is(l)
    )
      return 1000;
    if (sys.Tick.is(l)) return 500;
    if (sys.Call.is(l)) return 300;
    if (sys.Retransmit.is(l) || sys.NewRound.is(l)) return 100;
    if (sys.Lose.is(l) || sys.Duplicate.is(l)) return 10;
    if (sys.Crash.is(l) || sys.Drift.is(l)) return 5;
    return 1;
  };
}

/** How many shrink steps a failing long run takes (a count, so the shortened run does not depend on the machine's speed). */
export const SHRINKS = 100;

// #region check-simulate
/**
 * Long seeded random runs with every fault: on every step the step
 * obligation against the single copy, the invariants, and the history of
 * calls and returns so far linearizable (or, black-box, only the history).
 * Random, so it shows only the runs it takes.
 *
 * @param c - the configuration (it must record calls and returns)
 * @param v - the variant
 * @param ctx - the context (its seed and path)
 * @param runs - how many runs
 * @param blackBox - check only the clients' history, as a test of a real store would
 * @returns the verdict
 */
export function checkLongRuns(
  c: HaConfig,
  v: HaVariant,
  ctx: CheckContext,
  runs: number,
  blackBox = false,
) {
  const sys = haSystem({ ...c, ...v.config, record: true }, v.rules);
  return simulate(sys, {
    invariants: [...(blackBox ? [] : haInvariants(sys)), linearizableSoFar()],
    ...(blackBox ? {} : { refinement: refinementToSingleCopy(sys) }),
    reachable: runGoals(sys),
    runs,
    steps: ctx.depth ?? RUN_STEPS,
    seed: ctx.seed,
    ...(ctx.path ? { path: ctx.path } : {}),
    weight: weight(sys),
    // Shrink by a count of steps, never by the clock, so a failure's run is the same under any load.
    maxShrinks: SHRINKS,
    shrinkTimeLimit: Number.POSITIVE_INFINITY,
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  });
}
// #endregion check-simulate

/** The primary change, exhaustively. */
export const changeCheck = check<HaVariant>({
  name: 'a primary change',
  claim:
    'Every step of the system (3 agents, l1 then l2, c1 writes x and c2 reads it, a log of 4, L = 6 never renewed, b = 1 so ε = 2 with l1’s clock a tick behind and l2’s a tick ahead, δ = 1, no faults, time to 14; l2 starts once l1 holds its lease; arrivals that commute in one order, and untimed steps once a tick’s messages have arrived) is simulated by the single copy with calls, and at every state there is one primary at a time and one log; a client reads what another wrote, the new primary decides after the old lease and serves a read under its own, and commands again a write only some agents accepted. With --deep: time to 16.',
  pinned: { states: 136201 },
  deepPinned: { states: 202381 },
  run: (ctx, v = correct) =>
    checkRefines(ctx.deep ? { ...changeConfig, horizon: 16 } : changeConfig, v, ctx, changeGoals),
});

/** Writes sent again, exhaustively. */
export const retryCheck = check<HaVariant>({
  name: 'calls sent again',
  claim:
    'The same in steady state with one primary whose lease lasts the run: c1 writes x = 1, c2 writes x = 2 and reads x, each sending its call again after 5 ticks without a reply, time to 12: a write sent again after it was applied is answered from the table, not applied twice. With --deep: one message may be lost as well.',
  pinned: { states: 20600 },
  deepPinned: { states: 237887 },
  run: (ctx, v = correct) =>
    checkRefines(
      ctx.deep ? { ...retryConfig, faults: { ...retryConfig.faults, lose: 1 } } : retryConfig,
      v,
      ctx,
      retryGoals,
    ),
});

/** The horizon of the check of the order constraint. */
export const ORDER_HORIZON = 10;
/** The same, with --deep. */
export const DEEP_ORDER_HORIZON = 12;

/** The order constraint, against every interleaving, on a shorter horizon. */
export const orderCheck = check<HaVariant>({
  name: 'the order constraint hides no history',
  claim: `The primary change again, time to ${ORDER_HORIZON} (${DEEP_ORDER_HORIZON} with --deep), with every interleaving: each history of calls and returns it has is one the system has under the order constraint of the check above (arrivals in the order of their receivers, calls and new rounds once nothing can arrive, time starting with the first round), so the constraint hides nothing a client can see within that time. (l2 still starts its round only once l1 holds its lease: that constraint is not this one.)`,
  pinned: { states: 667734 },
  deepPinned: { states: 1402307 },
  run: (ctx, v = correct) => {
    const c = { ...changeConfig, horizon: ctx.deep ? DEEP_ORDER_HORIZON : ORDER_HORIZON };
    return checkOrderHidesNothing(c, c, v, ctx);
  },
});

/** How many long runs. */
export const RUNS = 10;
/** How many long runs with --deep. */
export const DEEP_RUNS = 100;

/** The long random runs. */
export const longRunsCheck = check<HaVariant>({
  name: 'long runs with every fault',
  claim: `${RUNS} seeded runs (${DEEP_RUNS} with --deep) of up to ${RUN_STEPS} steps, 3 agents, 2 leaders with six rounds each, 2 clients with ten calls each on two addresses, leases renewed, b = 1, δ = 2, retries, and every fault without a budget (loss, duplication, reordering, crashes and restarts, partitions, drift within ±b): every step simulated by the single copy, every state with one primary at a time and one log, and every history of calls and returns linearizable.`,
  pinned: { runs: RUNS, transitions: 17543 },
  deepPinned: { runs: DEEP_RUNS, transitions: 126133 },
  run: (ctx, v = correct) => checkLongRuns(runsConfig, v, ctx, ctx.deep ? DEEP_RUNS : RUNS),
});

/**
 * The black-box runs: {@link RUNS} more long runs, their seeds apart from
 * the long runs' (the check's seed + 1000), in which only the clients'
 * history is checked.
 *
 * @param v - the variant
 * @param ctx - the context (its seed)
 * @returns the verdict
 */
export const blackBoxRuns = (v: HaVariant, ctx: CheckContext) =>
  checkLongRuns(runsConfig, v, { ...ctx, seed: ctx.seed + 1000 }, RUNS, true);

/** The long random runs, black-box: only the clients' history is checked. */
export const historiesCheck = check<HaVariant>({
  name: 'linearizable histories',
  claim: `${RUNS} more seeded runs of the same system in which only the clients’ calls and returns are looked at, as a test of a real store would (Jepsen’s way): every history is linearizable, checked with the library’s checker.`,
  pinned: { runs: RUNS, transitions: 7163 },
  run: (ctx, v = correct) => blackBoxRuns(v, ctx),
});

/** The chapter's checks. */
export const checks = [changeCheck, orderCheck, retryCheck, longRunsCheck, historiesCheck] as const;
