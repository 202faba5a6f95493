/**
 * The state of abstract Paxos (§6.1, §6.2): agents with a persistent status
 * for every round, leaders with a current round, a value and an idea of the
 * allowed set, and round numbers N = (j, l) ordered lexicographically.
 *
 * @module
 */
import type { Nil } from '../../index';
import type { Value } from '../03-consensus-specs/specs';

export type { Value };

// #region state
/** An agent's status in one round: a Value, or one of the symbols no and neutral. */
export type Status = Value | 'no' | 'neutral';

/**
 * A round number n ∈ N = (J, L), stored as its position in the lexicographic
 * order: (1,l1) is 0, (1,l2) is 1, (2,l1) is 2, ... (see {@link roundOf}).
 */
export type Round = number;

/** A leader's state: none of it survives a crash except the clock j. */
export interface LeaderState {
  /** The leader's clock: the largest j it has used in a round (j_l, l), 0 if none. */
  readonly j: number;
  /** n_l: the round it is working on, or nil. */
  readonly n: Round | Nil;
  /** u_l: the value it chose for n_l, or nil if it has not chosen yet. */
  readonly u: Value | Nil;
  /** allowed_l: the values Allow has given this leader (sorted). */
  readonly allowed: readonly Value[];
}

/** The whole state of abstract Paxos. */
export interface PaxosState {
  /** s[i][n]: agent i's persistent status in round n, initially neutral. */
  readonly s: readonly (readonly Status[])[];
  /** The leaders, l1, l2, ... in the order of L. */
  readonly leaders: readonly LeaderState[];
  /**
   * command[n]: the value round n's leader commanded the agents to accept, or
   * nil. The leader may forget it (crash, or a newer round); the command it
   * sent does not, so an agent may still accept it later.
   */
  readonly command: readonly (Value | Nil)[];
  /** The outcome has been published (the final half round trip has started). */
  readonly done: boolean;
  /** History variable: every value any Allow has ever given a leader (sorted). */
  readonly everAllowed: readonly Value[];
}
// #endregion state

// #region config
/** The checking constants (the role of a TLA+ MC file). */
export interface PaxosConfig {
  /** |I|: how many agents (a, b, c, ...). */
  readonly agents: number;
  /** |L|: how many leaders (l1, l2, ...). */
  readonly leaders: number;
  /** J = {1 .. maxJ}: how many rounds each leader may start. */
  readonly maxJ: number;
  /** The values Allow may offer. */
  readonly values: readonly Value[];
  /**
   * A constraint of the check, not of the algorithm: each value is offered
   * by Allow at most once in a run (TLC would call it an action constraint).
   */
  readonly allowOnce?: boolean;
  /**
   * Store one state per class of states that differ only by renaming agents
   * or values (TLC's SYMMETRY). Counts are then counts of classes.
   */
  readonly symmetry?: boolean;
}
// #endregion config

/**
 * Check a configuration, or say what is wrong with it.
 *
 * @param c - the configuration
 * @returns the same configuration
 * @throws Error naming the bad field and what is accepted
 */
export function validConfig(c: PaxosConfig): PaxosConfig {
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      throw new Error(
        `Paxos config: ${name} must be a whole number from ${min} to ${max}, got ${v}`,
      );
  };
  whole('agents', c.agents, 1, 7);
  whole('leaders', c.leaders, 1, 4);
  whole('maxJ', c.maxJ, 1, 5);
  if (
    c.values.length === 0 ||
    new Set(c.values).size !== c.values.length ||
    !c.values.every((v) => Number.isInteger(v))
  )
    throw new Error(
      `Paxos config: values must be distinct whole numbers, at least one, got [${c.values.join(', ')}]`,
    );
  return c;
}

/** The name of agent i: a, b, c, ... as in the paper's example. */
export const agentName = (i: number): string => String.fromCharCode(97 + i);

/** The name of leader l: l1, l2, ... */
export const leaderName = (l: number): string => `l${l + 1}`;

// #region rounds
/** The number of rounds, |N| = |J| · |L|. */
export const roundCount = (c: PaxosConfig): number => c.maxJ * c.leaders;

/**
 * The round (j, l): rounds are ordered lexicographically, j first, so every
 * leader has its own rounds and no two leaders share one.
 *
 * @param c - the configuration
 * @param j - the sequence number, 1 .. maxJ
 * @param l - the leader, 0-based
 * @returns the round's position in N's order
 */
export const roundOf = (c: PaxosConfig, j: number, l: number): Round => (j - 1) * c.leaders + l;

/** The j of round n = (j, l). */
export const jOf = (c: PaxosConfig, n: Round): number => Math.floor(n / c.leaders) + 1;

/** The leader l of round n = (j, l). */
export const leaderOf = (c: PaxosConfig, n: Round): number => n % c.leaders;
// #endregion rounds

/** Round n written as the paper writes it: (j,l), for instance (2,l1). */
export const roundName = (c: PaxosConfig, n: Round): string =>
  `(${jOf(c, n)},${leaderName(leaderOf(c, n))})`;

/**
 * The majorities of the agents: every set of more than half of them, as
 * sorted lists of agent indices, smallest sets first.
 *
 * @param agents - |I|
 * @returns the majorities
 */
export function majorities(agents: number): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << agents; mask++) {
    const q: number[] = [];
    for (let i = 0; i < agents; i++) if (mask & (1 << i)) q.push(i);
    if (2 * q.length > agents) out.push(q);
  }
  return out.sort((a, b) => a.length - b.length || a.join().localeCompare(b.join()));
}

/**
 * The initial state: every status neutral, every leader idle with an empty
 * allowed set, no command sent, nothing published, nothing allowed.
 *
 * @param c - the configuration
 * @returns the initial state
 */
export function initialState(c: PaxosConfig): PaxosState {
  const r = roundCount(c);
  return {
    s: Array.from({ length: c.agents }, () => Array.from({ length: r }, () => 'neutral' as const)),
    leaders: Array.from({ length: c.leaders }, () => ({ j: 0, n: null, u: null, allowed: [] })),
    command: Array.from({ length: r }, () => null),
    done: false,
    everAllowed: [],
  };
}
