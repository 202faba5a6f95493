/**
 * Reference solution to exercise 2.2 (a safe guard for prefetching).
 */
import type { Address } from '../../src/chapters/01-replicated-state-machines/storage';
import type { CacheState } from '../../src/chapters/02-specifications/cache';

export function mayFill(s: CacheState, a: Address, lines: number): boolean {
  const room = a in s.cache || Object.keys(s.cache).length < lines;
  // A dirty line is newer than memory: loading memory over it loses a write.
  return room && s.cache[a]?.dirty !== true;
}
