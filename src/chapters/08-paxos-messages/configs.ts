/**
 * The checking constants of chapter 08 (the role of a TLA+ MC file): what
 * the exhaustive checks explore, what the long random runs use, and the
 * fault-free run that counts message delays.
 *
 * @module
 */
import type { NetConfig } from './system';

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
export const netConfig: NetConfig = {
  paxos: { agents: 3, leaders: 2, maxJ: 1, values: [7, 8], allowOnce: true },
  pairs: true,
  maxInFlight: 9,
  losses: 0,
  retransmit: false,
  agentCrashes: 0,
  leaderCrashes: 1,
};

/** With `--deep`: both values offered to both leaders, and up to 10 messages in flight. */
export const deepConfig: NetConfig = { ...netConfig, pairs: false, maxInFlight: 10 };

/**
 * The long random runs: 3 agents, 2 leaders with three rounds each, values
 * {7, 8, 9} offered to any leader any number of times, and every fault
 * without a budget: losses, retransmissions, agent crashes and recoveries,
 * leader crashes.
 */
export const faultyConfig: NetConfig = {
  paxos: { agents: 3, leaders: 2, maxJ: 3, values: [7, 8, 9] },
  pairs: false,
  maxInFlight: 1000,
  losses: Number.POSITIVE_INFINITY,
  retransmit: true,
  agentCrashes: Number.POSITIVE_INFINITY,
  leaderCrashes: Number.POSITIVE_INFINITY,
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

/**
 * Three rounds of one leader, (1,l1) < (2,l1) < (3,l1), values {7, 8}, no
 * faults: the smallest configuration in which a leader hears of two
 * earlier values and must take the later one.
 */
export const threeRoundsConfig: NetConfig = {
  paxos: { agents: 3, leaders: 1, maxJ: 3, values: [7, 8], allowOnce: true },
  pairs: false,
  maxInFlight: 1000,
  losses: 0,
  retransmit: false,
  agentCrashes: 0,
  leaderCrashes: 0,
};

/**
 * The in-browser explorer's model: 3 agents, 2 leaders with two rounds
 * each, values {7, 8} offered to any leader, and every fault.
 */
export const explorerConfig: NetConfig = {
  ...faultyConfig,
  paxos: { agents: 3, leaders: 2, maxJ: 2, values: [7, 8] },
};

/** The constraint of a configuration's exhaustive checks: at most maxInFlight messages in flight. */
export const withinBound =
  (nc: NetConfig) =>
  (y: { readonly net: readonly unknown[] }): boolean =>
    y.net.length <= nc.maxInFlight;
