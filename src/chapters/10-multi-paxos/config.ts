/**
 * The checking constants of chapter 10 (the role of a TLA+ MC file): a
 * sequence of consensus instances run by a primary (§7), with the network's
 * faults and their budgets.
 *
 * @module
 */

// #region config
/** The checking constants of multi-Paxos. */
export interface MultiConfig {
  /** How many agents. */
  readonly agents: number;
  /** How many consensus instances (slots) in the sequence. */
  readonly slots: number;
  /** How many leaders (would-be primaries). */
  readonly leaders: number;
  /**
   * The rounds, in their order, each named by the leader that owns it: [0, 1]
   * is (1,l1) < (1,l2). A leader may start only its own rounds, each at most once.
   */
  readonly rounds: readonly number[];
  /** The value each leader's clients ask for: leader l proposes values[l] in a free slot. */
  readonly values: readonly number[];
  /** How many messages the network may lose in a run (Infinity: no budget). */
  readonly losses: number;
  /** How many messages the network may duplicate in a run (Infinity: no budget). */
  readonly duplicates: number;
  /** How many leader crashes a run may have (Infinity: no budget). */
  readonly leaderCrashes: number;
  /** How many agent crashes a run may have (Infinity: no budget). */
  readonly agentCrashes: number;
  /** May a leader send its current message again once no copy is in flight (after a loss)? */
  readonly retransmit: boolean;
  /**
   * A constraint of the check: a leader starts its round only while the
   * primary of the round before has a command in flight (the primary
   * changes in the middle of an instance, and only then).
   */
  readonly changeInFlight?: boolean;
  /** A constraint of the check: every leader may propose every value, not only its own. */
  readonly anyValue?: boolean;
  /** A constraint of the check: states with more messages in flight are not expanded (Infinity: none). */
  readonly maxInFlight: number;
  /** Does maxInFlight count only live messages (not those that can never change anything)? */
  readonly countLive?: boolean;
}
// #endregion config

/**
 * Check a configuration, or say what is wrong with it.
 *
 * @param c - the configuration
 * @returns the same configuration
 * @throws Error naming the bad field and what is accepted
 */
export function validMultiConfig(c: MultiConfig): MultiConfig {
  const whole = (name: string, v: number, from: number) => {
    if (!(Number.isInteger(v) && v >= from))
      throw new Error(`multi-Paxos config: ${name} must be a whole number from ${from}, got ${v}`);
  };
  whole('agents', c.agents, 1);
  whole('slots', c.slots, 1);
  whole('leaders', c.leaders, 1);
  if (
    c.rounds.length === 0 ||
    c.rounds.some((l) => !(Number.isInteger(l) && l >= 0 && l < c.leaders))
  )
    throw new Error(
      `multi-Paxos config: rounds must be a non-empty list of leader indices from 0 to ${c.leaders - 1}, got [${c.rounds.join(', ')}]`,
    );
  if ((!c.anyValue && c.values.length !== c.leaders) || new Set(c.values).size !== c.values.length)
    throw new Error(
      `multi-Paxos config: values must give each of the ${c.leaders} leaders its own value (or, with anyValue, be distinct), got [${c.values.join(', ')}]`,
    );
  if (
    c.maxInFlight !== Number.POSITIVE_INFINITY &&
    !(Number.isInteger(c.maxInFlight) && c.maxInFlight >= 1)
  )
    throw new Error(
      `multi-Paxos config: maxInFlight must be a whole number from 1, or Infinity (no bound), got ${c.maxInFlight}`,
    );
  const budget = (name: string, v: number) => {
    if (v !== Number.POSITIVE_INFINITY && !(Number.isInteger(v) && v >= 0))
      throw new Error(
        `multi-Paxos config: ${name} must be a whole number from 0, or Infinity (no budget), got ${v}`,
      );
  };
  budget('losses', c.losses);
  budget('duplicates', c.duplicates);
  budget('leaderCrashes', c.leaderCrashes);
  budget('agentCrashes', c.agentCrashes);
  return c;
}

/** How many steps a long random run takes at most (`--depth` changes it). */
export const RUN_STEPS = 600;

// #region configs
/**
 * The exhaustive configuration: 3 agents, 2 instances, 2 leaders with one
 * round each ((1,l1) < (1,l2)), l1 proposing 7 and l2 proposing 8; l2
 * starts its round only while l1 has a command in flight, and at most 6
 * messages are in flight. No faults: the configurations below have them.
 */
export const config: MultiConfig = {
  agents: 3,
  slots: 2,
  leaders: 2,
  rounds: [0, 1],
  values: [7, 8],
  losses: 0,
  duplicates: 0,
  leaderCrashes: 0,
  agentCrashes: 0,
  retransmit: false,
  changeInFlight: true,
  maxInFlight: 6,
};

/** The same with one lost message and retransmission, and at most 5 messages in flight. */
export const lossConfig: MultiConfig = { ...config, losses: 1, retransmit: true, maxInFlight: 5 };

/**
 * With `--deep`: one lost message with retransmission and one duplicated
 * message in the same runs, within at most 4 live messages in flight.
 */
export const faultsConfig: MultiConfig = {
  ...config,
  losses: 1,
  duplicates: 1,
  retransmit: true,
  maxInFlight: 4,
  countLive: true,
};

/** The same with one duplicated message (no loss), and at most 4 live messages in flight. */
export const dupConfig: MultiConfig = {
  ...config,
  duplicates: 1,
  maxInFlight: 4,
  countLive: true,
};

/**
 * One instance and one leader with two rounds, (1,l1) < (2,l1), proposing
 * 7 or 8, that keeps nothing on stable storage: it may crash once and
 * restart, and it polls the agents' next before it starts a round, at its
 * first start too; it starts its second round only while it has a command
 * in flight in its first (or after a crash); no other fault; at most 4 live
 * messages in flight.
 */
export const crashConfig: MultiConfig = {
  ...config,
  slots: 1,
  leaders: 1,
  rounds: [0, 0],
  values: [7, 8],
  anyValue: true,
  leaderCrashes: 1,
  maxInFlight: 4,
  countLive: true,
};

/**
 * The long random runs: 3 agents, 3 instances, 2 leaders with three rounds
 * each, and every fault with no budget but the run's length, no bound on
 * messages in flight, and no constraint on when a primary changes.
 */
export const runsConfig: MultiConfig = {
  agents: 3,
  slots: 3,
  leaders: 2,
  rounds: [0, 1, 0, 1, 0, 1],
  values: [7, 8],
  losses: RUN_STEPS,
  duplicates: RUN_STEPS,
  leaderCrashes: RUN_STEPS,
  agentCrashes: RUN_STEPS,
  retransmit: true,
  maxInFlight: Number.POSITIVE_INFINITY,
};

/**
 * The explorer's: 3 agents, 2 instances, (1,l1) < (1,l2), one loss, one
 * duplicate and one agent crash, retransmission, and no constraint on when
 * the primary changes.
 */
export const explorerConfig: MultiConfig = {
  ...config,
  losses: 1,
  duplicates: 1,
  agentCrashes: 1,
  retransmit: true,
  changeInFlight: false,
  maxInFlight: Number.POSITIVE_INFINITY,
};

/** The scripted runs that count messages: 3 agents, 3 instances, two primaries, two losses. */
export const countConfig: MultiConfig = {
  ...runsConfig,
  rounds: [0, 1],
  losses: 2,
  duplicates: 0,
  leaderCrashes: 0,
  agentCrashes: 0,
};
// #endregion configs
