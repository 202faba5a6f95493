/**
 * Chapter 05's checking constants, every one in one place (the role of
 * TLA+'s `MC*.cfg`): how many processes, which values, how many crashes a
 * run may have, and, for the majority, what counts as a majority.
 *
 * @module
 */
import type { Value } from '../03-consensus-specs/specs';

/** The coordinator's constants. */
export interface CoordinatorConfig {
  /** How many processes; p1 is the coordinator. */
  readonly n: number;
  /** The values a client may allow. */
  readonly values: readonly Value[];
  /** How many processes may crash in one run (0: none). */
  readonly crashes: number;
}

/** The majority's constants. */
export interface MajorityConfig {
  /** How many processes. */
  readonly n: number;
  /** How many processes form a majority: more than half of n (a mutant makes it half). */
  readonly quorum: number;
  /** The values a client may allow. */
  readonly values: readonly Value[];
  /** How many processes may crash in one run (0: none). */
  readonly crashes: number;
  /**
   * A client allows one value at each process, as a participant votes once
   * in two-phase commit; if false, clients may allow values at a process
   * until it chooses.
   */
  readonly allowOnce: boolean;
}

/** The coordinator's checks: three processes, values {1, 2}, at most one crash. */
export const coordinatorConfig: CoordinatorConfig = { n: 3, values: [1, 2], crashes: 1 };

/** The majority's checks: three processes, majorities of two, values {1, 2}, at most one crash. */
export const majorityConfig: MajorityConfig = {
  n: 3,
  quorum: 2,
  values: [1, 2],
  crashes: 1,
  allowOnce: true,
};

/** The coordinator with loss and no crash: does retransmission repair every loss? */
export const lossOnlyCoordinatorConfig: CoordinatorConfig = { ...coordinatorConfig, crashes: 0 };

/** The majority with loss and no crash. */
export const lossOnlyMajorityConfig: MajorityConfig = { ...majorityConfig, crashes: 0 };

/** The majority's deep check (`--deep`): clients may allow values at a process until it chooses. */
export const deepMajorityConfig: MajorityConfig = { ...majorityConfig, allowOnce: false };

// #region two-of-four
/** A mutant's constants: four processes, and "majorities" of two, which need not intersect. */
export const twoOfFourConfig: MajorityConfig = { ...majorityConfig, n: 4, quorum: 2, crashes: 0 };
// #endregion two-of-four
