/**
 * Chapter 07's configurations, the role of a TLA+ MC file: chapter 06's
 * default configuration (the checks and the universe of the inductive
 * checks), its deep one with each value allowed once (`--deep`), and three
 * rounds of one leader for a mutant that needs them.
 *
 * @module
 */
import { deepConfig as deep06 } from '../06-paxos-state/config';
import type { PaxosConfig } from '../06-paxos-state/state';

export { config } from '../06-paxos-state/config';

/**
 * Chapter 06's deep configuration with one more bound, each value allowed
 * once: the deep checks here evaluate dozens of predicates on every step.
 */
export const deepConfig: PaxosConfig = { ...deep06, allowOnce: true };

/**
 * Three rounds with one leader, (1,l1) < (2,l1) < (3,l1): the smallest
 * configuration in which a leader looks back past a dead round to an older
 * value, which the mutant that takes the earliest value needs.
 */
export const threeRoundsConfig: PaxosConfig = { agents: 3, leaders: 1, maxJ: 3, values: [7, 8] };
