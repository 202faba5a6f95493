/**
 * Chapter 02's claims as checks: the cache runs as it should; it implements
 * the storage spec, by trace inclusion and by an abstraction function; and a
 * cache that reads stale data implements the looser spec. Each takes the
 * cache's rules, so that a mutant runs the very check the correct cache
 * passes.
 *
 * @module
 */
import type { Refinement } from '../../index';
import { explore, refines, traceIncluded } from '../../index';
import type { StorageState } from '../01-replicated-state-machines/storage';
import type { CheckContext } from '../chapter';
import { boundsOf } from '../chapter';
import { cacheToStorage } from './abstraction';
import type { CacheConstants, CacheRules, CacheState } from './cache';
import { cacheGoals, cleanLinesAgree, fits, rules, writeBackCache } from './cache';
import { config, deepConfig, TRACE_LENGTH } from './config';
import { looseStorageSpec, storageSpec } from './spec';

/** The constants for a check: the default ones, or `--deep`'s. */
const constantsOf = (ctx: CheckContext): CacheConstants => (ctx.deep ? deepConfig : config);

/**
 * The claim "the cache implements storage via f", for {@link refines}.
 *
 * @param c - the constants (the spec's addresses and data)
 * @returns the refinement
 */
export function refinementToStorage(
  c: CacheConstants = config,
): Refinement<CacheState, StorageState> {
  return { spec: storageSpec(c), abstraction: cacheToStorage };
}

/**
 * Explore the cache on its own: its invariants hold and it reaches its goals.
 *
 * @param r - the cache's rules (a mutant changes one)
 * @param ctx - seed and bounds
 * @returns the result
 */
export function exploreCache(r: CacheRules = rules, ctx: CheckContext = { seed: 1 }) {
  const c = constantsOf(ctx);
  return explore(writeBackCache(r, c), {
    invariants: [cleanLinesAgree, fits(c.lines)],
    reachable: cacheGoals,
    ...boundsOf(ctx),
  });
}

// #region implements
/** Y implements X by definition (§4.1): every trace of the cache is a trace of storage. */
export function cacheTraces(r: CacheRules = rules, ctx: CheckContext = { seed: 1 }) {
  const c = constantsOf(ctx);
  return traceIncluded(writeBackCache(r, c), {
    spec: storageSpec(c),
    maxLength: ctx.depth ?? TRACE_LENGTH, // traces of up to 6 external actions
    onProgress: ctx.onProgress,
  });
}

/** The same claim by the abstraction function f (§5.1): every cache step is matched in storage. */
export function cacheRefines(r: CacheRules = rules, ctx: CheckContext = { seed: 1 }) {
  const c = constantsOf(ctx);
  return refines(writeBackCache(r, c), refinementToStorage(c), {
    invariants: [cleanLinesAgree, fits(c.lines)],
    reachable: cacheGoals,
    ...boundsOf(ctx),
  });
}
// #endregion implements

/**
 * The third hint, checked: a cache whose Reads may be stale implements the
 * looser spec (by trace inclusion).
 *
 * @param r - the cache's rules (the stale-read cache, or a mutant of it)
 * @param ctx - seed and bounds
 * @returns the result
 */
export function looseTraces(r: CacheRules, ctx: CheckContext = { seed: 1 }) {
  const c = constantsOf(ctx);
  return traceIncluded(writeBackCache(r, c), {
    spec: looseStorageSpec(c),
    maxLength: ctx.depth ?? TRACE_LENGTH,
    onProgress: ctx.onProgress,
  });
}
