/**
 * Chapter 07's configurations, the role of a TLA+ MC file: chapter 06's two
 * default configurations (two leaders with one round each, and one leader
 * with three rounds), the universes of the inductive checks, and the deep
 * configuration with each value allowed once (`--deep`).
 *
 * @module
 */
import { deepConfig as deep06, threeRoundsConfig } from '../06-paxos-state/config';
import type { PaxosConfig } from '../06-paxos-state/state';

export { config, threeRoundsConfig } from '../06-paxos-state/config';

/**
 * Chapter 06's deep configuration with one more bound, each value allowed
 * once: the deep checks here evaluate dozens of predicates on every step.
 */
export const deepConfig: PaxosConfig = { ...deep06, allowOnce: true };

/**
 * The stable predicates over three rounds: chapter 06's three rounds of one
 * leader, up to symmetry (as the deep checks are), since they test dozens
 * of predicates on every step.
 */
export const stableThreeRoundsConfig: PaxosConfig = { ...threeRoundsConfig, symmetry: true };
