/**
 * Chapter 06's configurations, the role of a TLA+ MC file: the two the
 * default checks explore in seconds (two leaders with one round each, and
 * one leader with three rounds), the deep ones of `--deep`, and the demo's.
 *
 * @module
 */
import type { PaxosConfig } from './state';

/**
 * The default configuration of the fast checks: 3 agents, 2 leaders, one
 * round each (j = 1, so N = {(1,l1), (1,l2)}), and values {7, 8}.
 */
export const config: PaxosConfig = { agents: 3, leaders: 2, maxJ: 1, values: [7, 8] };

/**
 * The other configuration of the fast checks: 3 agents, one leader with
 * three rounds, (1,l1) < (2,l1) < (3,l1), and values {7, 8}: the smallest
 * in which a leader can hear of values in two earlier rounds, so that it
 * matters which one it takes. With two rounds, a bug in that choice cannot
 * show.
 */
export const threeRoundsConfig: PaxosConfig = { agents: 3, leaders: 1, maxJ: 3, values: [7, 8] };

/**
 * The full configuration: 3 agents, 2 leaders, j up to 2 (four rounds),
 * values {7, 8, 9}. Too big to explore state by state in seconds; the deep
 * checks (`--deep`) explore all of it up to symmetry.
 */
export const deepConfig: PaxosConfig = {
  agents: 3,
  leaders: 2,
  maxJ: 2,
  values: [7, 8, 9],
  symmetry: true,
};

/**
 * The three-round checks with `--deep`: one leader with four rounds, (1,l1)
 * to (4,l1), and values {7, 8, 9}, up to symmetry.
 */
export const deepThreeRoundsConfig: PaxosConfig = {
  agents: 3,
  leaders: 1,
  maxJ: 4,
  values: [7, 8, 9],
  symmetry: true,
};

/** The demo's constants: the full configuration, explored state by state (no symmetry). */
export const demoConfig: PaxosConfig = { ...deepConfig, allowOnce: false, symmetry: false };

/**
 * The in-browser explorer's: the default checks' configuration (3 agents, 2
 * leaders with one round each, values {7, 8}), small enough that every step
 * and its match in D are found at once.
 */
export const explorerConfig: PaxosConfig = config;
