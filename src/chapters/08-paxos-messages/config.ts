/**
 * The checking constants of chapter 08 (the role of a TLA+ MC file): what
 * the exhaustive checks explore (two leaders, three rounds of one, and the
 * faults), what the long random runs use, the fault-free run that counts
 * message delays, the demo's, the paper's example's and the explorer's.
 *
 * @module
 */
import type { PaxosConfig } from '../06-paxos-state/state';
import { validConfig } from '../06-paxos-state/state';

// #region config
/** The checking constants: Paxos's (agents, leaders, rounds, values) and the network's faults. */
export interface NetConfig {
  /** Agents, leaders, j ≤ maxJ, values, as in chapter 06. */
  readonly paxos: PaxosConfig;
  /**
   * A constraint of the check: the k-th value is offered only to leader
   * k mod |L| (7 to l1, 8 to l2), so each leader has its own value.
   */
  readonly pairs: boolean;
  /**
   * A constraint of the check: Allow offers the values in the order given
   * (8 only once 7 has been offered). Where every value may go to every
   * leader the values are interchangeable, so this loses nothing but
   * renamings of states it keeps.
   */
  readonly inOrder?: boolean;
  /**
   * A constraint of the check: states with more messages in flight are not
   * expanded (Infinity: no such bound).
   */
  readonly maxInFlight: number;
  /**
   * A reduction of the check (ours): two states that differ only in reports
   * their leader will ignore for good count as one (see `deadReport`).
   */
  readonly forgetDeadReports?: boolean;
  /** How many messages the network may lose in a run (Infinity: no budget). */
  readonly losses: number;
  /** May a leader send its current message again once it is no longer in flight (after a loss)? */
  readonly retransmit: boolean;
  /** How many agent crashes a run may have (Infinity: no budget). */
  readonly agentCrashes: number;
  /** How many leader crashes a run may have (Infinity: no budget). */
  readonly leaderCrashes: number;
}
// #endregion config

/**
 * Check a network configuration, or say what is wrong with it.
 *
 * @param c - the configuration
 * @returns the same configuration
 * @throws Error naming the bad field and what is accepted
 */
export function validNetConfig(c: NetConfig): NetConfig {
  validConfig(c.paxos);
  if (
    c.maxInFlight !== Number.POSITIVE_INFINITY &&
    !(Number.isInteger(c.maxInFlight) && c.maxInFlight >= 1)
  )
    throw new Error(
      `message Paxos config: maxInFlight must be a whole number from 1, or Infinity (no bound), got ${c.maxInFlight}`,
    );
  if (c.forgetDeadReports && c.maxInFlight !== Number.POSITIVE_INFINITY)
    throw new Error(
      'message Paxos config: forgetDeadReports needs maxInFlight Infinity (the bound would count the reports the key forgets)',
    );
  if (c.inOrder && c.pairs)
    throw new Error(
      'message Paxos config: inOrder needs pairs false (with pairs the values are not interchangeable)',
    );
  const budget = (name: string, v: number) => {
    if (v !== Number.POSITIVE_INFINITY && !(Number.isInteger(v) && v >= 0))
      throw new Error(
        `message Paxos config: ${name} must be a whole number from 0, or Infinity (no budget), got ${v}`,
      );
  };
  budget('losses', c.losses);
  budget('agentCrashes', c.agentCrashes);
  budget('leaderCrashes', c.leaderCrashes);
  return c;
}

/**
 * The constraint of a configuration's exhaustive checks: at most maxInFlight messages in flight.
 *
 * @param nc - the configuration
 * @returns the state constraint
 */
export const withinBound =
  (nc: NetConfig) =>
  (y: { readonly net: readonly unknown[] }): boolean =>
    y.net.length <= nc.maxInFlight;

/** How many steps a long random run takes at most (`--depth` changes it). */
export const RUN_STEPS = 1000;

// #region configs
/**
 * The default exhaustive configuration: 3 agents, 2 leaders, one round
 * each ((1,l1) < (1,l2)), values {7, 8} with 7 offered to l1 and 8 to l2
 * (each once), one leader crash, and at most 9 messages in flight.
 * Delivery never consumes a message, so duplication and reordering are
 * always on. No losses and no agent crashes, and a leader that crashes
 * cannot start again (j ≤ 1): the checks below have those.
 */
export const config: NetConfig = {
  paxos: { agents: 3, leaders: 2, maxJ: 1, values: [7, 8], allowOnce: true },
  pairs: true,
  maxInFlight: 9,
  losses: 0,
  retransmit: false,
  agentCrashes: 0,
  leaderCrashes: 1,
};

/**
 * With `--deep`: the same, with no bound on the messages in flight, and
 * the states that differ only in dead reports merged.
 */
export const deepConfig: NetConfig = {
  ...config,
  maxInFlight: Number.POSITIVE_INFINITY,
  forgetDeadReports: true,
};

/**
 * Three rounds of one leader, (1,l1) < (2,l1) < (3,l1): 3 agents, values
 * {7, 8} each offered once, 7 first, no bound on the messages in flight,
 * dead reports merged, no faults.
 */
export const threeRoundsConfig: NetConfig = {
  paxos: { agents: 3, leaders: 1, maxJ: 3, values: [7, 8], allowOnce: true },
  pairs: false,
  inOrder: true,
  maxInFlight: Number.POSITIVE_INFINITY,
  forgetDeadReports: true,
  losses: 0,
  retransmit: false,
  agentCrashes: 0,
  leaderCrashes: 0,
};

/**
 * The faults, by default: one leader with two rounds that may crash once
 * and start its next round, 3 agents, values {7, 8} each offered once, 7
 * first, no bound on the messages in flight, dead reports merged.
 */
export const faultsConfig: NetConfig = {
  ...threeRoundsConfig,
  paxos: { ...threeRoundsConfig.paxos, maxJ: 2 },
  leaderCrashes: 1,
};

/** With `--deep`, one lost message and one agent crash as well. */
export const deepFaultsConfig: NetConfig = { ...faultsConfig, losses: 1, agentCrashes: 1 };

/**
 * The long random runs: 3 agents, 2 leaders with three rounds each, values
 * {7, 8, 9} offered to any leader any number of times, and every fault:
 * losses, retransmissions, agent crashes and recoveries, leader crashes.
 * Each budget is as large as a run is long, which is no budget at all,
 * and it lets the system count the faults for the goals.
 */
export const runsConfig: NetConfig = {
  paxos: { agents: 3, leaders: 2, maxJ: 3, values: [7, 8, 9] },
  pairs: false,
  maxInFlight: Number.POSITIVE_INFINITY,
  losses: RUN_STEPS,
  retransmit: true,
  agentCrashes: RUN_STEPS,
  leaderCrashes: RUN_STEPS,
};

/** One leader, one round, one value, no faults: the run that counts message delays. */
export const quietConfig: NetConfig = {
  paxos: { agents: 3, leaders: 1, maxJ: 1, values: [7] },
  pairs: false,
  maxInFlight: Number.POSITIVE_INFINITY,
  losses: 0,
  retransmit: false,
  agentCrashes: 0,
  leaderCrashes: 0,
};
// #endregion configs

/** The demo's constants: 3 agents, 2 leaders (only l2 works), values {7, 8}, losses and one agent crash. */
export const demoConfig: NetConfig = {
  ...quietConfig,
  paxos: { agents: 3, leaders: 2, maxJ: 1, values: [7, 8] },
  losses: 2,
  retransmit: true,
  agentCrashes: 1,
};

/** The paper's example: one leader with four rounds (1,l1) < ... < (4,l1), allowed {7, 8, 9}. */
export const exampleConfig: NetConfig = {
  ...quietConfig,
  paxos: { agents: 3, leaders: 1, maxJ: 4, values: [7, 8, 9] },
};

/**
 * The in-browser explorer's model: 3 agents, 2 leaders with two rounds
 * each, values {7, 8} offered to any leader, and every fault, without a
 * budget.
 */
export const explorerConfig: NetConfig = {
  ...runsConfig,
  paxos: { agents: 3, leaders: 2, maxJ: 2, values: [7, 8] },
  losses: Number.POSITIVE_INFINITY,
  agentCrashes: Number.POSITIVE_INFINITY,
  leaderCrashes: Number.POSITIVE_INFINITY,
};
