/**
 * Exercise 2.1: an abstraction function for a write buffer. Check with
 * `npm run workbook -- exercise 2.1`.
 *
 * The write buffer (src/chapters/02-specifications/writeBuffer.ts) queues
 * each Write(a, d) in buf, oldest first; an internal Drain applies the
 * oldest queued write to mem; a Read(a) returns the newest queued write to
 * a, or mem[a]. Write f: the storage state (the data at each address) that a
 * buffer state stands for. The check runs refines, as the chapter does for
 * the cache: every step of the buffer must be matched in the storage spec.
 */
import type { StorageState } from '../../src/chapters/01-replicated-state-machines/storage';
import type { BufferState } from '../../src/chapters/02-specifications/writeBuffer';

export function abstraction(y: BufferState): StorageState {
  // TODO: memory alone is not what a client sees while writes are queued.
  return y.mem;
}
