/**
 * Chapter 04's configurations, the role of a TLA+ MC file: the size of the
 * token ring the checks explore, and the queue of exercise 4.2.
 *
 * @module
 */

/** The token ring's constants. */
export interface RingConfig {
  /** How many processes sit in the ring (p1 .. pn), and how many Mutex knows. */
  readonly processes: number;
}

/** The queue's constants (exercise 4.2). */
export interface QueueConfig {
  /** The values the checks enqueue. */
  readonly items: readonly number[];
  /** How many items the queue holds at most. */
  readonly capacity: number;
}

/** The checks' ring, the demo's and the explorer's: three processes. */
export const config: RingConfig = { processes: 3 };

/** The queue of exercise 4.2: items 1 and 2, at most three at a time. */
export const queueConfig: QueueConfig = { items: [1, 2], capacity: 3 };
