/**
 * The checking constants of the highly available system (the role of a
 * TLA+ MC file): how many agents and leaders, the rounds, what each client
 * calls, the log's length, the lease, the clocks, the network's delays,
 * the faults, and the horizon. Every configuration the chapter uses is here.
 *
 * @module
 */
import type { StorageInput } from '../01-replicated-state-machines/storage';
import { Read, Write } from '../01-replicated-state-machines/storage';

// #region config
/** The constants of one highly available system. Times are whole ticks. */
export interface HaConfig {
  /** How many agents keep the log (a majority decides). */
  readonly agents: number;
  /** How many leaders may become primary (l1, l2, ...). */
  readonly leaders: number;
  /**
   * The rounds, in their order, each named by the leader that owns it: [0, 1]
   * is (1,l1) < (1,l2). A leader starts only its own rounds, each at most once.
   */
  readonly rounds: readonly number[];
  /** What each client calls, in order (c1's calls first): the number of clients is their count. */
  readonly scripts: readonly (readonly StorageInput[])[];
  /** How many entries the log may hold (a bound of the check). */
  readonly slots: number;
  /** L: how long a primary's lease lasts, from the moment it proposes the lease, on its own clock. */
  readonly lease: number;
  /**
   * How long before its lease ends the primary proposes a new one
   * (Infinity: it never renews).
   */
  readonly renewAhead: number;
  /** b: every clock is within b of real time, so two clocks differ by at most ε = 2b. */
  readonly clockBound: number;
  /** Each leader's clock offset at time 0, within ±b (the agents' and clients' clocks are exact). */
  readonly skew: readonly number[];
  /** How many times a leader's clock may move a tick within ±b in a run (Infinity: no budget). */
  readonly drifts: number;
  /** δ: the longest a message takes, in ticks. */
  readonly delta: number;
  /** How long a client waits for a reply, on its own clock, before it sends its call again (Infinity: never). */
  readonly retry: number;
  /** The faults and their budgets in one run (Infinity: no budget). */
  readonly faults: {
    readonly lose: number;
    readonly duplicate: number;
    readonly leaderCrashes: number;
    readonly agentCrashes: number;
    readonly partitions: number;
  };
  /** A bound of the check: time does not pass beyond it. */
  readonly horizon: number;
  /**
   * A constraint of the check: a leader starts a round only once the
   * primary before it has its lease decided (and, with `'lease'`, not
   * before), so the primary changes in the middle of its work rather than
   * at every moment. `'any'`: no constraint.
   *
   * @defaultValue `'any'`
   */
  readonly change?: 'any' | 'leased';
  /**
   * A constraint of the check that cuts interleavings which commute: within
   * a tick, messages to different processes arrive in the order of their
   * receivers (each arrival changes only its receiver, and what it sends
   * can arrive only in a later tick); a client's call, a leader's new
   * round, poll or retransmission, and a copy's applying of an entry
   * happen only once no message can arrive at this moment; and time starts
   * with the first round.
   *
   * @defaultValue false: every interleaving
   */
  readonly tidy?: boolean;
  /**
   * Record every call and return in a history variable, so that a random
   * run's history can be checked linearizable as it goes (only for random
   * runs: every state would be new).
   *
   * @defaultValue false
   */
  readonly record?: boolean;
}

/** ε, the most two clocks may differ: twice the bound on each clock's distance from real time. */
export const epsilon = (c: Pick<HaConfig, 'clockBound'>) => 2 * c.clockBound;
// #endregion config

/** The faults of a configuration without any. */
export const noFaults: HaConfig['faults'] = {
  lose: 0,
  duplicate: 0,
  leaderCrashes: 0,
  agentCrashes: 0,
  partitions: 0,
};

/**
 * Check a configuration, or say in one line what is wrong with it.
 *
 * @param c - the configuration
 * @returns the same configuration
 * @throws Error naming the bad field and what is accepted
 */
export function validHaConfig(c: HaConfig): HaConfig {
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!(Number.isInteger(v) && v >= min && v <= max))
      throw new Error(
        `highly available config: ${name} must be a whole number from ${min} to ${max}, got ${v}`,
      );
  };
  const orNever = (name: string, v: number, min: number) => {
    if (v !== Number.POSITIVE_INFINITY) whole(name, v, min, 1_000_000);
  };
  whole('agents', c.agents, 1, 7);
  whole('leaders', c.leaders, 1, 4);
  whole('slots', c.slots, 1, 1000);
  whole('lease', c.lease, 1, 1000);
  whole('clockBound', c.clockBound, 0, 100);
  whole('delta', c.delta, 1, 100);
  whole('horizon', c.horizon, 0, 1_000_000);
  orNever('renewAhead', c.renewAhead, 0);
  orNever('retry', c.retry, 1);
  orNever('drifts', c.drifts, 0);
  for (const [k, v] of Object.entries(c.faults)) orNever(`faults.${k}`, v, 0);
  if (
    c.rounds.length === 0 ||
    c.rounds.some((l) => !(Number.isInteger(l) && l >= 0 && l < c.leaders))
  )
    throw new Error(
      `highly available config: rounds must be a non-empty list of leader indices from 0 to ${c.leaders - 1}, got [${c.rounds.join(', ')}]`,
    );
  if (c.scripts.length < 1 || c.scripts.length > 9)
    throw new Error(
      `highly available config: scripts must give from 1 to 9 clients their calls, got ${c.scripts.length}`,
    );
  if (c.skew.length !== c.leaders || !c.skew.every((o) => Number.isInteger(o)))
    throw new Error(
      `highly available config: skew must be ${c.leaders} whole numbers (one per leader), got ${JSON.stringify(c.skew)}`,
    );
  if (c.skew.some((o) => Math.abs(o) > c.clockBound))
    throw new Error(
      `highly available config: every skew must be within ±${c.clockBound} (the clock bound), got ${JSON.stringify(c.skew)}`,
    );
  if (c.renewAhead !== Number.POSITIVE_INFINITY && c.renewAhead >= c.lease)
    throw new Error(
      `highly available config: renewAhead must be less than the lease (${c.lease}), or Infinity, got ${c.renewAhead}`,
    );
  return c;
}

// #region configs
/**
 * The primary change: 3 agents, l1 then l2 ((1,l1) < (1,l2)), c1 writes x
 * and c2 reads x; a log of 4 entries, leases of 6 ticks never renewed, b =
 * 1 (ε = 2) with l1's clock a tick behind and l2's a tick ahead, δ = 1, no
 * retries, no faults, time to 14; l2 starts its round only once l1 holds
 * its lease.
 */
export const changeConfig: HaConfig = {
  agents: 3,
  leaders: 2,
  rounds: [0, 1],
  scripts: [[Write('x', 1)], [Read('x')]],
  slots: 4,
  lease: 6,
  renewAhead: Number.POSITIVE_INFINITY,
  clockBound: 1,
  skew: [-1, 1],
  drifts: 0,
  delta: 1,
  retry: Number.POSITIVE_INFINITY,
  faults: noFaults,
  horizon: 14,
  change: 'leased',
  tidy: true,
};

/**
 * Steady state with retries: one primary whose lease (12 ticks) lasts the
 * run, c1 writes x = 1, c2 writes x = 2 and then reads x; clients send a
 * call again after 5 ticks without a reply, so a write may reach the
 * primary again after it was applied; time to 12.
 */
export const retryConfig: HaConfig = {
  ...changeConfig,
  leaders: 1,
  rounds: [0],
  scripts: [[Write('x', 1)], [Write('x', 2), Read('x')]],
  slots: 4,
  lease: 12,
  skew: [0],
  retry: 5,
  horizon: 12,
};

/** How many steps a long random run takes at most. */
export const RUN_STEPS = 3000;

/**
 * The long random runs: 3 agents, 2 leaders with three rounds each, 2
 * clients with ten calls each on two addresses, leases of 8 ticks renewed 3
 * before they end, b = 1, δ = 2, retries after 8 ticks, and every fault
 * without a budget but the run's length: loss, duplication, reordering,
 * crashes and restarts of leaders and agents, partitions, drift within ±b.
 */
export const runsConfig: HaConfig = {
  agents: 3,
  leaders: 2,
  rounds: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
  scripts: [
    [
      Write('x', 11),
      Read('y'),
      Write('y', 12),
      Read('x'),
      Write('x', 13),
      Read('x'),
      Write('y', 14),
      Read('y'),
      Write('x', 15),
      Read('x'),
    ],
    [
      Read('x'),
      Write('y', 21),
      Read('y'),
      Write('x', 22),
      Read('x'),
      Write('y', 23),
      Read('x'),
      Read('y'),
      Write('x', 24),
      Read('x'),
    ],
  ],
  slots: 60,
  lease: 8,
  renewAhead: 3,
  clockBound: 1,
  skew: [-1, 1],
  drifts: Number.POSITIVE_INFINITY,
  delta: 2,
  retry: 8,
  faults: {
    lose: Number.POSITIVE_INFINITY,
    duplicate: Number.POSITIVE_INFINITY,
    leaderCrashes: Number.POSITIVE_INFINITY,
    agentCrashes: Number.POSITIVE_INFINITY,
    partitions: Number.POSITIVE_INFINITY,
  },
  horizon: 400,
  record: true,
};

/**
 * The runs that count messages: 3 agents, l1 then l2, c1 writes and reads,
 * then c2; leases of 40 ticks never renewed, exact clocks, δ = 1, no faults.
 */
export const countConfig: HaConfig = {
  ...changeConfig,
  scripts: [
    [Write('x', 1), Read('x'), Write('x', 2), Read('x')],
    [Read('x'), Write('y', 3)],
  ],
  slots: 12,
  lease: 40,
  skew: [0, 0],
  clockBound: 0,
  horizon: 200,
  change: 'any',
  tidy: false,
};
// #endregion configs

/**
 * The demo's run (driven, every message taking one tick): 3 agents, l1 then
 * l2, c1 writes x = 1 and reads it under l1's lease, then l2 takes over and
 * c2 reads x, writes x = 2 and reads it under l2's; leases of 10 ticks
 * never renewed, b = 1 (ε = 2) with l1's clock a tick behind real time and
 * l2's a tick ahead, δ = 1, no faults.
 */
export const demoConfig: HaConfig = {
  ...countConfig,
  scripts: [
    [Write('x', 1), Read('x')],
    [Read('x'), Write('x', 2), Read('x')],
  ],
  lease: 10,
  clockBound: 1,
  skew: [-1, 1],
};
