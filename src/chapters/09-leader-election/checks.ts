/**
 * Chapter 09's checks: each runs on the correct rules, or on a mutant's
 * (the variant is the {@link TimedRules}), so that mutants and exercises
 * run the very same checks.
 *
 * @module
 */
import type { CheckResult, Invariant, Reachable } from '../../index';
import { explore } from '../../index';
import type { CheckContext } from '../chapter';
import { boundsOf, check } from '../chapter';
import type { TimedConfig } from './config';
import { config, deepConfig, lateConfig, measuredConfig, untimelyConfig } from './config';
import type { DelayPolicy, Drive } from './driver';
import { drive, namesLost, sometimesLate, uniformDelays } from './driver';
import { checkDuel } from './duel';
import {
  choseAfterTwoValues,
  decidedInTime,
  leaderInTime,
  oneLeader,
  safety,
  timelyGoals,
  untimelyGoals,
} from './properties';
import type { ElectionState, TimedRules } from './system';
import { paxosWithElection, rules } from './system';

/** The configuration of the exhaustive check: the default one, or the deep one with `--deep`. */
export const configFor = (ctx: Pick<CheckContext, 'deep'>): TimedConfig =>
  ctx.deep ? deepConfig : config;

/** Everything a timely run must keep: one leader, both bounds, and safety. */
export const timelyInvariants = (c: TimedConfig): Invariant<ElectionState>[] => [
  oneLeader,
  leaderInTime(c),
  decidedInTime(c),
  ...safety(c),
];

// #region check-timely
/**
 * Every run of the timely system from every start the premise allows:
 * every invariant in every state, and every goal (including the two that
 * show each bound is met exactly by some run) in some state.
 */
export function checkTimely(c: TimedConfig, r: TimedRules, ctx: CheckContext) {
  return explore(paxosWithElection(c, r), {
    invariants: timelyInvariants(c),
    reachable: timelyGoals(c),
    ...boundsOf(ctx),
  });
}
// #endregion check-timely

/**
 * Every run of the small system on an untimely, lossy network, up to the
 * configuration's horizon: safety in every state, and two leaders at once
 * in some.
 */
export function checkUntimely(c: TimedConfig, r: TimedRules, ctx: CheckContext) {
  return explore(paxosWithElection(c, r), {
    invariants: safety(c),
    reachable: untimelyGoals,
    ...boundsOf(ctx),
  });
}

/** The result of a check made of driven runs. */
export interface RunsResult extends CheckResult<ElectionState> {
  readonly check: 'simulate';
  /** The first seed; run k has seed + k. */
  readonly seed: number;
  /** The runs, in order. */
  readonly drives: readonly Drive[];
}

/** Something a run may or must show. */
export interface RunGoal {
  readonly name: string;
  readonly met: (d: Drive) => boolean;
}

/** What {@link checkRuns} drives and checks. */
export interface RunsOptions {
  readonly runs: number;
  /** Run k has seed + k. */
  readonly seed: number;
  readonly delay: DelayPolicy;
  /** Checked in every state of every run. */
  readonly invariants: readonly Invariant<ElectionState>[];
  /** What every run must meet (at its end). */
  readonly every: readonly RunGoal[];
  /** What some run must meet, so the check cannot pass because nothing happens. */
  readonly some: readonly RunGoal[];
  /** What some state of some run must meet, looked for on every step (default none). */
  readonly reachable?: readonly Reachable<ElectionState>[];
}

// #region check-runs
/**
 * Drive seeded runs, each checked on every step; the check fails at the
 * first run that breaks an invariant or misses a goal every run must meet
 * (and shows that run), or if no run meets one of the others, or no state
 * of any run one of the reachable goals.
 */
export function checkRuns(c: TimedConfig, r: TimedRules, o: RunsOptions): RunsResult {
  const t0 = performance.now();
  const m = paxosWithElection(c, r);
  const subject = `${o.runs} driven runs of ${m.name}`;
  const seen = new Set<string | number>();
  const visit = (k: string | number) => seen.add(k);
  const drives: Drive[] = [];
  let transitions = 0;
  let depth = 0;
  const stats = (runs: number) => ({
    states: seen.size,
    transitions,
    depth,
    runs,
    ms: performance.now() - t0,
  });
  for (let k = 0; k < o.runs; k++) {
    const options = {
      config: c,
      rules: r,
      seed: o.seed + k,
      delay: o.delay,
      invariants: o.invariants,
    };
    const d = drive({ ...options, visit, goals: o.reachable ?? [] });
    drives.push(d);
    const length = d.steps + d.ticks + d.lost;
    transitions += length;
    depth = Math.max(depth, length);
    const missed = o.every.find((g) => !g.met(d));
    if (d.failure || missed) {
      const where = `run with seed ${d.seed}, first timers ${d.firstTimers.join(', ')}`;
      return {
        check: 'simulate',
        subject,
        holds: false,
        complete: false,
        stats: stats(k + 1),
        counterexample: {
          property: d.failure?.property ?? missed!.name,
          message: d.failure
            ? `${d.failure.message} (${where})`
            : `not met by the ${where}, which ends at time ${d.end.now}`,
          trace: drive({ ...options, trace: true }).trace!,
        },
        unreached: [],
        seed: o.seed,
        drives,
      };
    }
  }
  const unreached = [
    ...o.some.filter((g) => !drives.some(g.met)).map((g) => g.name),
    ...(o.reachable ?? [])
      .filter((g) => !drives.some((d) => d.reached.includes(g.name)))
      .map((g) => g.name),
  ];
  return {
    check: 'simulate',
    subject,
    holds: unreached.length === 0,
    complete: true,
    stats: stats(o.runs),
    unreached,
    seed: o.seed,
    drives,
  };
}
// #endregion check-runs

/** How many runs the sampled checks drive, and how many with `--deep`. */
export const RUNS = { runs: 200, deep: 2000 } as const;

/** How many runs a sampled check drives in this context. */
const runsFor = (ctx: Pick<CheckContext, 'deep'>): number => (ctx.deep ? RUNS.deep : RUNS.runs);

/**
 * Timely runs of the measured system (5 agents, 3 potential leaders,
 * δ = 10, T = 100, delays of 1 to δ drawn at random, first timers drawn
 * from 0 .. T): every invariant on every step, and every run decides.
 */
export function checkTimelyRuns(r: TimedRules, ctx: CheckContext, c: TimedConfig = measuredConfig) {
  const slow = c.timeout + 5 * c.delta;
  return checkRuns(c, r, {
    runs: runsFor(ctx),
    seed: ctx.seed,
    delay: uniformDelays,
    invariants: timelyInvariants(c),
    every: [{ name: 'every run decides', met: (d) => d.decidedAt !== undefined }],
    some: [
      {
        name: `a run that needs more than T + 5δ = ${slow}`,
        met: (d) => (d.decidedAt ?? 0) > slow,
      },
    ],
  });
}

// #region late-runs
/** The share of late messages in the late runs, in percent. */
export const LATE_PERCENT = 30;

/**
 * The late runs' network: every name is lost, so the election never
 * brings the leaders down to one, and 30 other copies in 100 are late
 * (up to 10δ).
 */
export const lateDelays: DelayPolicy = namesLost(sometimesLate(LATE_PERCENT));

/**
 * Runs of the late system: safety on every step; some runs with two
 * leaders at once, with more rounds than leaders, and that decide; and a
 * state in which a leader chose its value after two earlier rounds with
 * different values.
 */
export function checkLateRuns(r: TimedRules, ctx: CheckContext, c: TimedConfig = lateConfig) {
  return checkRuns(c, r, {
    runs: runsFor(ctx),
    seed: ctx.seed,
    delay: lateDelays,
    invariants: safety(c),
    every: [],
    some: [
      { name: 'two leaders at once', met: (d) => d.mostLeaders > 1 },
      { name: 'more rounds than leaders', met: (d) => d.rounds > c.paxos.leaders },
      { name: 'a run decides', met: (d) => d.decidedAt !== undefined },
    ],
    reachable: [choseAfterTwoValues],
  });
}
// #endregion late-runs

/** One leader, both bounds and safety, in every run of the small timely system. */
export const timelyCheck = check<TimedRules>({
  name: 'timely: one leader, decided by T + 7δ',
  claim:
    'In every run of 3 agents and 2 potential leaders on a timely network (δ = 1, T = 2, any first timers in 0 .. T), at most one leads at a time, the biggest name leads after T + 2δ, every agent knows the outcome after T + 7δ, and safety holds; some runs take exactly that long.',
  pinned: { states: 1597, transitions: 2837 },
  deepPinned: { states: 265371, transitions: 813970 },
  run: (ctx, r = rules) => checkTimely(configFor(ctx), r, ctx),
});

/** The same, in seeded runs of a bigger system. */
export const runsCheck = check<TimedRules>({
  name: 'timely runs meet the bound',
  claim:
    'In seeded runs of 5 agents and 3 potential leaders (δ = 10, T = 100, delays drawn from 1 .. δ), the same holds on every step, and every run decides.',
  pinned: { runs: RUNS.runs, transitions: 26336 },
  deepPinned: { runs: RUNS.deep },
  run: (ctx, r = rules) => checkTimelyRuns(r, ctx),
});

/** Leaders cut off from one another, late messages: several leaders at once, but safe. */
export const lateCheck = check<TimedRules>({
  name: 'leaders cut off, messages late: safe',
  claim:
    'In seeded runs of the same system in which the potential leaders never hear one another (every name is lost) and 30 other messages in 100 are late (up to 10δ), safety holds on every step, while some runs have more rounds than leaders, some decide, and in some a leader chooses its value after two earlier rounds with different values.',
  pinned: { runs: RUNS.runs, transitions: 75338 },
  deepPinned: { runs: RUNS.deep },
  run: (ctx, r = rules) => checkLateRuns(r, ctx),
});

/** Safety on an untimely, lossy network, in every run up to a horizon. */
export const untimelyCheck = check<TimedRules>({
  name: 'untimely and lossy: safe',
  claim:
    'In every run of the small system on a network that may lose messages and delay them without bound, up to time 3: safety in every state, and two leaders at once in some.',
  pinned: { states: 50245, transitions: 329953 },
  run: (ctx, r = rules) => checkUntimely(untimelyConfig, r, ctx),
});

/** The duel. */
export const duelCheck = check<TimedRules>({
  name: 'a duel: every round killed',
  claim:
    'One run on an untimely network in which the leaders’ names are never delivered: two leaders keep killing each other’s rounds; every round is started, every one but the last dies, none succeeds, and safety holds on every step. A finite run up to the horizon, not a cycle: that a duel can last for ever is argued, not checked.',
  pinned: { states: 76, transitions: 75 },
  run: (_ctx, r = rules) => checkDuel(r),
});

/** Chapter 09's checks, in the order the report prints them. */
export const checks = [timelyCheck, runsCheck, lateCheck, untimelyCheck, duelCheck] as const;
