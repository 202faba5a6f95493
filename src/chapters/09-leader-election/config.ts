/**
 * The checking constants of the timed model (the role of a TLA+ MC file):
 * chapter 06's Paxos constants, the values each potential leader has been
 * offered, and the times: the maximum message delay δ and the election
 * timeout T. Every configuration the chapter uses is here: the exhaustive
 * checks', the duel's, the measured system's and its sweeps, the late
 * runs', the explorer's, and the slowest runs the exercise compares with.
 *
 * @module
 */
import type { PaxosConfig, Value } from '../06-paxos-state/state';

// #region config
/** The constants of one timed model. Times are whole ticks. */
export interface TimedConfig {
  /** Agents a, b, c, ...; potential leaders l1, l2, ...; rounds j ≤ maxJ per leader. */
  readonly paxos: PaxosConfig;
  /** allowed_l of each potential leader at the start: what Allow gave it before time 0. */
  readonly allowed: readonly (readonly Value[])[];
  /** δ: the longest a message takes to be sent, received and processed, when the network is timely. */
  readonly delta: number;
  /** T, the election timeout: how long a follower waits, after it last heard a bigger name, before it broadcasts its own. */
  readonly timeout: number;
  /**
   * How long the network may really take to deliver a message, in ticks
   * (at least one): δ or less, the network is timely; more, or Infinity, it
   * is not. The processes' timers assume δ either way.
   */
  readonly maxDelay: number;
  /** May the network lose a message? (A fault: the bound's premise is that nothing fails.) */
  readonly loss: boolean;
  /** Each process's clock is real time plus its skew (constant: the clocks run at the same rate). */
  readonly skew: readonly number[];
  /**
   * When each follower's first timer runs out, on its own clock: one list per
   * initial state. By default every combination of 0 .. T, which is every way
   * the followers can have last heard a bigger name during the T before time 0.
   */
  readonly firstTimers?: readonly (readonly number[])[];
  /** A bound of the check: time does not pass beyond it. */
  readonly horizon: number;
}
// #endregion config

/**
 * Check a timed configuration, or say what is wrong with it.
 *
 * @param c - the configuration
 * @returns the same configuration
 * @throws Error naming the bad field and what is accepted
 */
export function validTimedConfig(c: TimedConfig): TimedConfig {
  const p = c.paxos;
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      throw new Error(
        `timed Paxos config: ${name} must be a whole number from ${min} to ${max}, got ${v}`,
      );
  };
  whole('paxos.agents', p.agents, 1, 9);
  whole('paxos.leaders', p.leaders, 1, 5);
  whole('paxos.maxJ', p.maxJ, 1, 1000);
  whole('delta', c.delta, 1, 1_000_000);
  whole('timeout', c.timeout, 1, 1_000_000);
  whole('horizon', c.horizon, 0, 1_000_000_000);
  if (c.maxDelay !== Number.POSITIVE_INFINITY) whole('maxDelay', c.maxDelay, 1, 1_000_000);
  if (c.allowed.length !== p.leaders || c.allowed.some((a) => a.length === 0))
    throw new Error(
      `timed Paxos config: allowed must give each of the ${p.leaders} leaders at least one value, got ${JSON.stringify(c.allowed)}`,
    );
  if (c.skew.length !== p.leaders || !c.skew.every((x) => Number.isInteger(x)))
    throw new Error(
      `timed Paxos config: skew must be ${p.leaders} whole numbers, one per leader, got ${JSON.stringify(c.skew)}`,
    );
  for (const t of c.firstTimers ?? [])
    if (t.length !== p.leaders || !t.every((x) => Number.isInteger(x) && x >= 0))
      throw new Error(
        `timed Paxos config: each firstTimers entry must be ${p.leaders} whole numbers ≥ 0, got ${JSON.stringify(t)}`,
      );
  return c;
}

/** Is the network timely: does every message arrive within δ? */
export const isTimely = (c: TimedConfig): boolean => c.maxDelay <= c.delta;

/**
 * The exhaustive checks' configuration: 3 agents, 2 potential leaders (l1
 * offered 7, l2 offered 8), up to two rounds each, δ = 1 tick, T = 2 ticks,
 * a timely network that loses nothing, and time up to one tick past the
 * decision bound.
 */
export const config: TimedConfig = {
  paxos: { agents: 3, leaders: 2, maxJ: 2, values: [7, 8] },
  allowed: [[7], [8]],
  delta: 1,
  timeout: 2,
  maxDelay: 1,
  loss: false,
  skew: [0, 0],
  horizon: 10,
};

/**
 * With `--deep`: δ = 2 ticks, so a message takes one tick or two and a
 * reply can race a timer, with time up to one tick past the bound.
 */
export const deepConfig: TimedConfig = { ...config, delta: 2, maxDelay: 2, horizon: 17 };

/**
 * The same system with an untimely network, small enough to explore every
 * run: delays are unbounded, messages may be lost, and time stops at 3
 * ticks, which is enough for both potential leaders to lead at once.
 */
export const untimelyConfig: TimedConfig = {
  ...config,
  maxDelay: Number.POSITIVE_INFINITY,
  loss: true,
  horizon: 3,
};

/** The exhaustive check's system, with l1's first timer at 0 and l2's at T: the slowest start. */
export const slowConfig: TimedConfig = { ...config, firstTimers: [[0, config.timeout]] };

/**
 * The explorer's system: l1's timer runs out at 0 and l2's at 2, and the
 * network may take up to 3 ticks while the timers assume δ = 1, so a
 * reader can deliver every name in time and see one leader emerge, or hold
 * them back and see two.
 */
export const explorerConfig: TimedConfig = {
  ...config,
  maxDelay: 3,
  firstTimers: [[0, 2]],
  horizon: 16,
};

// #region duel-config
/**
 * The duel: two potential leaders, three agents, three rounds each, δ = 1
 * and T = 2; l1's first timer runs out at 0 and l2's at 2. The network is
 * untimely: nothing bounds a delay.
 */
export const duelConfig: TimedConfig = {
  paxos: { agents: 3, leaders: 2, maxJ: 3, values: [7, 8] },
  allowed: [[7], [8]],
  delta: 1,
  timeout: 2,
  maxDelay: Number.POSITIVE_INFINITY,
  loss: false,
  skew: [0, 0],
  firstTimers: [[0, 2]],
  horizon: 13,
};
// #endregion duel-config

/**
 * The measured system, which the sampled checks also drive: 5 agents and
 * 3 potential leaders, a tick is a millisecond, δ = 10 ms, T = 100 ms,
 * clocks skewed by up to 37 ms, and plenty of round numbers.
 */
export const measuredConfig: TimedConfig = {
  paxos: { agents: 5, leaders: 3, maxJ: 200, values: [7, 8, 9] },
  allowed: [[7], [8], [9]],
  delta: 10,
  timeout: 100,
  maxDelay: 10,
  loss: false,
  skew: [0, 37, -12],
  horizon: 1_000_000,
};

// #region late-config
/**
 * The late runs' system: the measured one on a network that may take up to
 * 10δ, while the timers still assume δ, and that may lose messages. (The
 * runs lose every name and make some copies late: `lateDelays`.)
 */
export const lateConfig: TimedConfig = {
  ...measuredConfig,
  maxDelay: 10 * measuredConfig.delta,
  loss: true,
};
// #endregion late-config

/** The sweeps the site plots and the benchmark reports: the points, the runs per point, the first seed. */
export const sweepsConfig = {
  timeouts: [20, 40, 60, 80, 100, 120, 140, 160, 180, 200],
  deltas: [2, 5, 10, 15, 20, 25, 30, 40],
  late: [0, 10, 20, 30, 40, 50],
  runs: 200,
  seed: 1,
} as const;

/** The demo's sweeps: three points each, as many runs per point as the plots. */
export const demoSweepsConfig = {
  timeouts: [50, 100, 200],
  deltas: [5, 10, 20],
  late: [0, 20, 40],
  runs: sweepsConfig.runs,
  seed: sweepsConfig.seed,
} as const;

/** The times (δ, T) whose slowest runs exercise 9.2 compares the reader's bounds with. */
export const exerciseTimes: readonly { readonly delta: number; readonly timeout: number }[] = [
  { delta: 1, timeout: 2 },
  { delta: 1, timeout: 3 },
  { delta: 2, timeout: 2 },
  { delta: 3, timeout: 5 },
];
