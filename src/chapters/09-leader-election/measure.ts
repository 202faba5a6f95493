/**
 * Measurements over many seeded runs: the time and the steps to a
 * decision, against the election timeout T, the message delay δ, and the
 * share of messages that are late. The demo prints them, the site plots
 * them, and `workbook bench election` reports them. Deterministic: the
 * same seeds give the same figures.
 *
 * @module
 */
import type { TimedConfig } from './config';
import { measuredConfig } from './config';
import type { DelayPolicy } from './driver';
import { drive, sometimesLate, uniformDelays } from './driver';
import { decisionBound } from './properties';

/** The figures of one point: many runs of one configuration. */
export interface Point {
  /** The value on the horizontal axis. */
  readonly x: number;
  readonly runs: number;
  /** Time to a decision (every agent told), in ticks: mean and largest. */
  readonly meanTime: number;
  readonly maxTime: number;
  /** Steps of processes to a decision: mean and largest. */
  readonly meanSteps: number;
  readonly maxSteps: number;
  /** Rounds started, on average. */
  readonly meanRounds: number;
  /** Runs in which two potential leaders led at once. */
  readonly twoLeaders: number;
  /** Runs that had not decided by the horizon. */
  readonly undecided: number;
  /** T + 7δ. */
  readonly bound: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

// #region measure
/**
 * Drive `runs` runs of `c` with seeds seed, seed + 1, ... and sum them up.
 * The same seeds at every point of a sweep (common random numbers), so
 * the points differ by the configuration, not by luck.
 */
export function measure(
  c: TimedConfig,
  x: number,
  runs: number,
  seed: number,
  delay: DelayPolicy = uniformDelays,
): Point {
  let time = 0;
  let maxTime = 0;
  let steps = 0;
  let maxSteps = 0;
  let rounds = 0;
  let two = 0;
  let undecided = 0;
  for (let k = 0; k < runs; k++) {
    const d = drive({ config: c, seed: seed + k, delay });
    rounds += d.rounds;
    if (d.mostLeaders > 1) two++;
    if (d.decidedAt === undefined) {
      undecided++;
      continue;
    }
    time += d.decidedAt;
    maxTime = Math.max(maxTime, d.decidedAt);
    steps += d.steps;
    maxSteps = Math.max(maxSteps, d.steps);
  }
  const decided = Math.max(1, runs - undecided);
  return {
    x,
    runs,
    meanTime: round1(time / decided),
    maxTime,
    meanSteps: round1(steps / decided),
    maxSteps,
    meanRounds: round1(rounds / runs),
    twoLeaders: two,
    undecided,
    bound: decisionBound(c),
  };
}
// #endregion measure

/** Time to a decision against the election timeout T, with δ fixed. */
export const sweepTimeout = (ts: readonly number[], runs: number, seed: number): Point[] =>
  ts.map((timeout) => measure({ ...measuredConfig, timeout }, timeout, runs, seed));

/** Time to a decision against δ, with T fixed; the network keeps to δ. */
export const sweepDelta = (ds: readonly number[], runs: number, seed: number): Point[] =>
  ds.map((delta) => measure({ ...measuredConfig, delta, maxDelay: delta }, delta, runs, seed));

/**
 * Time to a decision, rounds and duels against the share of late
 * messages (in percent), a late one taking up to 10δ; the timers still
 * assume δ.
 */
export const sweepLate = (percents: readonly number[], runs: number, seed: number): Point[] =>
  percents.map((p) =>
    measure(
      { ...measuredConfig, maxDelay: 10 * measuredConfig.delta },
      p,
      runs,
      seed,
      sometimesLate(p),
    ),
  );
