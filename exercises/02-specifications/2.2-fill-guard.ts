/**
 * Exercise 2.2: a safe guard for prefetching. Check with
 * `npm run workbook -- exercise 2.2`.
 *
 * The write-back cache gets one more internal action, Fill(a), which loads
 * line a from memory as a clean line, ahead of any Read (a prefetch). Write
 * its guard: true exactly when Fill(a) may happen in state s of a cache with
 * `lines` lines. It must keep the cache within its lines, and it must never
 * make a client see something the storage spec would not allow.
 */
import type { Address } from '../../src/chapters/01-replicated-state-machines/storage';
import type { CacheState } from '../../src/chapters/02-specifications/cache';

export function mayFill(s: CacheState, a: Address, lines: number): boolean {
  const room = a in s.cache || Object.keys(s.cache).length < lines;
  // TODO: room alone is not enough. When would loading a from memory lose something?
  return room;
}
