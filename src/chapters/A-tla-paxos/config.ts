/**
 * The constants of the appendix, the role of TLA+'s `MC*.tla` and `MC*.cfg`
 * files: Lamport's CONSTANTS Acceptor, Value and Quorum, and the finite
 * Ballot = 0..maxBallot that a model checker needs (MCBallot in
 * MCPaxos.tla).
 *
 * @module
 */

// #region constants
/** An acceptor, by name (a model value such as `a1`). */
export type Acceptor = string;

/** A value that can be chosen, by name (a model value such as `v1`). */
export type Value = string;

/** A ballot number; -1 stands for "none yet", as in Paxos.tla. */
export type Ballot = number;

/** The constants of Consensus, Voting and Paxos, made finite. */
export interface Constants {
  /** Acceptor. */
  readonly acceptors: readonly Acceptor[];
  /** Value. */
  readonly values: readonly Value[];
  /** Ballot = 0..maxBallot (MCBallot). */
  readonly maxBallot: number;
  /**
   * Quorum: sets of acceptors.
   *
   * @defaultValue the majorities, every set of more than half the acceptors
   */
  readonly quorums?: readonly (readonly Acceptor[])[];
}
// #endregion constants

/**
 * The majorities of a set of acceptors, smallest first: every subset with
 * more than half of them.
 *
 * @param acceptors - the acceptors
 * @returns the majorities, each in the order of `acceptors`
 */
export function majorities(acceptors: readonly Acceptor[]): Acceptor[][] {
  const n = acceptors.length;
  const out: Acceptor[][] = [];
  for (let mask = 1; mask < 1 << n; mask++) {
    const q = acceptors.filter((_, i) => mask & (1 << i));
    if (2 * q.length > n) out.push(q);
  }
  return out.sort((a, b) => a.length - b.length);
}

/**
 * The quorums of a configuration: the given ones, or the majorities.
 *
 * @param k - the constants
 * @returns the quorums
 */
export const quorumsOf = (k: Constants): readonly (readonly Acceptor[])[] =>
  k.quorums ?? majorities(k.acceptors);

/**
 * The ballots 0..maxBallot.
 *
 * @param k - the constants
 * @returns the ballots, in order
 */
export const ballotsOf = (k: Constants): Ballot[] =>
  Array.from({ length: k.maxBallot + 1 }, (_, b) => b);

/**
 * Do any two quorums share an acceptor (the second conjunct of Voting's
 * QuorumAssumption)?
 *
 * @param k - the constants
 * @returns true if every two quorums intersect
 */
export const quorumsIntersect = (k: Constants): boolean =>
  quorumsOf(k).every((q1) => quorumsOf(k).every((q2) => q1.some((a) => q2.includes(a))));

/** The strings a message or a state uses for itself; a constant's name may not be one of them. */
const RESERVED = ['1a', '1b', '2a', '2b', 'type', 'acc', 'bal', 'mbal', 'mval', 'val'];

/**
 * Check the constants, or say what is wrong with them (the first conjunct
 * of QuorumAssumption, Q ⊆ Acceptor, is checked; the second is not, since
 * the appendix drops it on purpose).
 *
 * @param k - the constants
 * @returns the same constants
 * @throws Error naming the bad constant and what is accepted
 */
export function validConstants(k: Constants): Constants {
  const names = [...k.acceptors, ...k.values];
  if (k.acceptors.length === 0 || k.values.length === 0)
    throw new Error('TLA+ constants: Acceptor and Value must not be empty');
  if (new Set(names).size !== names.length || names.some((x) => RESERVED.includes(x)))
    throw new Error(
      `TLA+ constants: acceptor and value names must be distinct and not one of ${RESERVED.join(', ')}, got ${names.join(', ')}`,
    );
  if (!Number.isInteger(k.maxBallot) || k.maxBallot < 0 || k.maxBallot > 5)
    throw new Error(
      `TLA+ constants: maxBallot must be a whole number from 0 to 5, got ${k.maxBallot}`,
    );
  for (const q of quorumsOf(k))
    if (q.length === 0 || !q.every((a) => k.acceptors.includes(a)))
      throw new Error(
        `TLA+ constants: a quorum must be a non-empty set of acceptors, got {${q.join(', ')}}`,
      );
  return k;
}

// #region configs
/**
 * The reference configuration, the one TLC was run on: Acceptor = {a1, a2,
 * a3}, Value = {v1, v2}, Ballot = 0..2, Quorum = the three 2-element
 * subsets (MCQuorum; the majority {a1, a2, a3} is left out, as there), no
 * symmetry.
 */
export const config: Constants = {
  acceptors: ['a1', 'a2', 'a3'],
  values: ['v1', 'v2'],
  maxBallot: 2,
  quorums: [
    ['a1', 'a2'],
    ['a1', 'a3'],
    ['a2', 'a3'],
  ],
};

/** One ballot more (0..3), for the symmetric search of `--deep` and the benchmark. */
export const deepConfig: Constants = { ...config, maxBallot: 3 };

/**
 * A small configuration (Ballot = 0..1), on which the orbits of the
 * symmetry group are counted by brute force, and MCVoting.tla's constants.
 */
export const smallConfig: Constants = { ...config, maxBallot: 1 };

/** MCPaxos.tla's constants: one acceptor, one value, Quorum = {{a1}}, Ballot = 0..1. */
export const mcPaxosConfig: Constants = {
  acceptors: ['a1'],
  values: ['v1'],
  maxBallot: 1,
  quorums: [['a1']],
};

/** MCConsensus.cfg's constants: Value = {"a", "b", "c"} (here v1, v2, v3). */
export const mcConsensusConfig: Constants = {
  acceptors: ['a1'],
  values: ['v1', 'v2', 'v3'],
  maxBallot: 0,
};

/**
 * Quorums that need not intersect, as Paxos.tla's closing remark suggests
 * trying: {a1} and {a2, a3} are both quorums and share no acceptor.
 */
export const disjointConfig: Constants = {
  ...smallConfig,
  quorums: [['a1'], ['a2', 'a3']],
};
// #endregion configs

/** How many steps a random run of the simulation takes. */
export const RUN_STEPS = 100;

/** How many random runs the default simulation check makes. */
export const RUNS = 200;
