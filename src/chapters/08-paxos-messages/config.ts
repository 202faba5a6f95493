/**
 * The checking constants of chapter 08 (the role of a TLA+ MC file): what
 * the exhaustive checks explore, what the long random runs use, the
 * fault-free run that counts message delays, the demo's, the paper's
 * example's and the explorer's.
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
  /** A constraint of the check: states with more messages in flight are not expanded. */
  readonly maxInFlight: number;
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
  if (!Number.isInteger(c.maxInFlight) || c.maxInFlight < 1 || c.maxInFlight > 1000)
    throw new Error(
      `message Paxos config: maxInFlight must be a whole number from 1 to 1000, got ${c.maxInFlight}`,
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
 * The exhaustive configuration: 3 agents, 2 leaders, one round each
 * ((1,l1) < (1,l2)), values {7, 8} with 7 offered to l1 and 8 to l2 (each
 * once), at most 9 messages in flight, and one leader crash. Delivery
 * never consumes a message, so duplication and reordering are always on.
 * No losses and no agent crashes: in this network a lost message is one
 * that is never delivered again, and a crashed agent is a slow one with
 * the same s_i, so neither adds a state of the processes that the check
 * does not already reach (the long random runs have both).
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

/** With `--deep`: both values offered to both leaders, and up to 10 messages in flight. */
export const deepConfig: NetConfig = { ...config, pairs: false, maxInFlight: 10 };

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
  maxInFlight: 1000,
  losses: RUN_STEPS,
  retransmit: true,
  agentCrashes: RUN_STEPS,
  leaderCrashes: RUN_STEPS,
};

/** One leader, one round, one value, no faults: the run that counts message delays. */
export const quietConfig: NetConfig = {
  paxos: { agents: 3, leaders: 1, maxJ: 1, values: [7] },
  pairs: false,
  maxInFlight: 1000,
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
