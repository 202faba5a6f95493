/**
 * Chapter 02's seeded bugs: each overrides one decision of the write-back
 * cache (or, for the last, of the stale-read cache).
 *
 * @module
 */
import type { Address } from '../01-replicated-state-machines/storage';
import type { CacheRules } from './cache';
import { rules } from './cache';
import { at } from './spec';

// #region forgets-to-write-back
/** Mutant: Evict drops any line, dirty or not; the cache forgets to write back. */
export const forgetsToWriteBack: CacheRules = { ...rules, mayEvict: () => true };
// #endregion forgets-to-write-back

// #region stale-read
/** Mutant: a Read that hits a dirty line returns memory's older data instead. */
export const staleRead: CacheRules = {
  ...rules,
  hit: (s, a) => (s.cache[a]!.dirty ? at(s.mem, a) : s.cache[a]!.d),
};
// #endregion stale-read

// #region write-not-dirty
/** Mutant: Write leaves its line clean, so nothing marks it newer than memory. */
export const writeNotDirty: CacheRules = { ...rules, written: (d) => ({ d, dirty: false }) };
// #endregion write-not-dirty

/** The other address: y for x, x for anything else. */
const other = (a: Address): Address => (a === 'x' ? 'y' : 'x');

/** Mutant of the stale-read cache: a Read that misses fills from the wrong address. */
export const staleReadWrongAddress: CacheRules = {
  ...staleRead,
  miss: (s, a) => at(s.mem, other(a)),
};
