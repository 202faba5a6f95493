/**
 * Chapter 03's configurations, the role of a TLA+ MC file: the values the
 * checks, the demo and the explorer let Allow offer.
 *
 * @module
 */
import type { Value } from './specs';

/** A configuration of the consensus specs: the values Allow may offer. */
export interface ConsensusConfig {
  /** The values, in the order the specs try them. */
  readonly values: readonly Value[];
}

/**
 * The checks' values: three, the fewest that exercise every property, so
 * that two can disagree while one stays unused.
 */
export const config: ConsensusConfig = { values: [1, 2, 3] };

/** The demo's values, those of the paper's example in §6.4, and the specs' default. */
export const demoConfig: ConsensusConfig = { values: [7, 8, 9] };

/** The explorer's values: two, few enough to step through by hand. */
export const explorerConfig: ConsensusConfig = { values: [7, 8] };
