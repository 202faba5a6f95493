/**
 * Stands in for `node:worker_threads` and `node:os` in the browser bundle:
 * the parallel search runs on Node's worker threads, not in a page.
 *
 * @module
 */

/** Fails when used: there are no worker threads in the browser bundle. */
export class Worker {
  constructor() {
    throw new Error('the parallel search (worker threads) is not available in the browser');
  }
}

/** One core, as far as the browser bundle knows. */
export function availableParallelism(): number {
  return 1;
}
