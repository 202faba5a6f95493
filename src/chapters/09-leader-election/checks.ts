/**
 * Chapter 09's checks as functions of a configuration and the rules, so
 * that mutants and exercises run the very same checks.
 *
 * @module
 */
import { type CheckResult, type ExploreOptions, explore, type Invariant } from '../../index';
import type { CheckContext } from '../chapter';
import { type TimedConfig, timely } from './config';
import { type DelayPolicy, type Drive, drive, sometimesLate, uniformDelays } from './driver';
import { measured } from './measure';
import { decidedInTime, leaderInTime, oneLeader, safety, timelyGoals } from './properties';
import { type ElectionState, paxosWithElection, type TimedRules } from './system';

/** Bounds and progress from the command line. */
function boundsOf(ctx: CheckContext): ExploreOptions<ElectionState> {
  return {
    ...(ctx.depth ? { maxDepth: ctx.depth } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  };
}

/**
 * The deep configuration: δ = 2 ticks, so a message takes one tick or two
 * and a reply can race a timer, with time up to one tick past the bound.
 */
export const timelyDeep: TimedConfig = { ...timely, delta: 2, maxDelay: 2, horizon: 17 };

/** The configuration of the exhaustive check: the default one, or the deep one with `--deep`. */
export const timelyFor = (ctx: Pick<CheckContext, 'deep'>): TimedConfig =>
  ctx.deep ? timelyDeep : timely;

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
}

// #region check-runs
/**
 * Drive seeded runs, each checked on every step; the check fails at the
 * first run that breaks an invariant or misses a goal every run must meet
 * (and shows that run), or if no run meets one of the others.
 */
export function checkRuns(c: TimedConfig, r: TimedRules, o: RunsOptions): RunsResult {
  const t0 = performance.now();
  const subject = `${o.runs} driven runs of ${paxosWithElection(c, r).name}`;
  const drives: Drive[] = [];
  let transitions = 0;
  let depth = 0;
  for (let k = 0; k < o.runs; k++) {
    const options = {
      config: c,
      rules: r,
      seed: o.seed + k,
      delay: o.delay,
      invariants: o.invariants,
    };
    const d = drive(options);
    drives.push(d);
    transitions += d.steps;
    depth = Math.max(depth, d.steps);
    const missed = o.every.find((g) => !g.met(d));
    if (d.failure || missed) {
      const where = `run with seed ${d.seed}, first timers ${d.firstTimers.join(', ')}`;
      return {
        check: 'simulate',
        subject,
        holds: false,
        complete: false,
        stats: { states: k + 1, transitions, depth, ms: performance.now() - t0 },
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
  const unreached = o.some.filter((g) => !drives.some(g.met)).map((g) => g.name);
  return {
    check: 'simulate',
    subject,
    holds: unreached.length === 0,
    complete: true,
    stats: { states: o.runs, transitions, depth, ms: performance.now() - t0 },
    unreached,
    seed: o.seed,
    drives,
  };
}
// #endregion check-runs

/** How many runs the sampled checks drive: 200, or 2000 with `--deep`. */
export const runsFor = (ctx: Pick<CheckContext, 'deep'>): number => (ctx.deep ? 2000 : 200);

/**
 * Timely runs of the measured system (5 agents, 3 potential leaders,
 * δ = 10, T = 100, delays of 1 to δ drawn at random, first timers drawn
 * from 0 .. T): every invariant on every step, and every run decides.
 */
export function checkTimelyRuns(r: TimedRules, ctx: CheckContext, c: TimedConfig = measured) {
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

/**
 * Runs of the measured system in which 30 messages in 100 are late (up to
 * 10δ) while the timers still assume δ: safety on every step, and some
 * runs with two leaders at once and more rounds than leaders.
 */
export function checkLateRuns(r: TimedRules, ctx: CheckContext, c: TimedConfig = measured) {
  const late: TimedConfig = { ...c, maxDelay: 10 * c.delta };
  return checkRuns(late, r, {
    runs: runsFor(ctx),
    seed: ctx.seed,
    delay: sometimesLate(30),
    invariants: safety(late),
    every: [],
    some: [
      { name: 'two leaders at once', met: (d) => d.mostLeaders > 1 },
      { name: 'more rounds than leaders', met: (d) => d.rounds > c.paxos.leaders },
      { name: 'a run decides', met: (d) => d.decidedAt !== undefined },
    ],
  });
}
