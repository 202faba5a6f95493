/**
 * Chapter 02's claims as checks: the cache runs as it should; it implements
 * the storage spec, by trace inclusion and by an abstraction function; and a
 * cache that reads stale data implements the looser spec.
 *
 * @module
 */
import { explore, refines, traceIncluded } from '../../index';
import type { CheckContext } from '../chapter';
import { f } from './abstraction';
import {
  type CacheCode,
  type CacheConstants,
  cacheGoals,
  cleanLinesAgree,
  fits,
  largeCache,
  smallCache,
  writeBack,
  writeBackCache,
} from './cache';
import { looseStorageSpec, storageSpec } from './spec';

/** The longest external trace the trace-inclusion checks enumerate (with the default bounds). */
export const TRACE_LENGTH = 6;

/** The constants for a check: the small ones, or `--deep`'s. */
const constantsOf = (ctx: CheckContext): CacheConstants => (ctx.deep ? largeCache : smallCache);

const progress = (ctx: CheckContext) => (ctx.onProgress ? { onProgress: ctx.onProgress } : {});

/**
 * Explore the cache on its own: its invariants hold and it reaches its goals.
 *
 * @param code - the cache's decisions (a mutant changes one)
 * @param ctx - seed and bounds
 * @returns the result
 */
export function exploreCache(code: CacheCode = writeBack, ctx: CheckContext = { seed: 1 }) {
  const c = constantsOf(ctx);
  return explore(writeBackCache(code, c), {
    invariants: [cleanLinesAgree, fits(c.lines)],
    reachable: cacheGoals,
    ...(ctx.depth ? { maxDepth: ctx.depth } : {}),
    ...progress(ctx),
  });
}

// #region implements
/** Y implements X by definition (§4.1): every trace of the cache is a trace of storage. */
export function cacheTraces(code: CacheCode = writeBack, ctx: CheckContext = { seed: 1 }) {
  const c = constantsOf(ctx);
  return traceIncluded(writeBackCache(code, c), storageSpec(c), {
    maxLength: ctx.depth ?? TRACE_LENGTH, // traces of up to 6 external actions
    ...progress(ctx),
  });
}

/** The same claim by the abstraction function f (§5.1): every cache step is matched in storage. */
export function cacheRefines(code: CacheCode = writeBack, ctx: CheckContext = { seed: 1 }) {
  const c = constantsOf(ctx);
  return refines(
    writeBackCache(code, c),
    { spec: storageSpec(c), abstraction: f },
    {
      invariants: [cleanLinesAgree, fits(c.lines)],
      reachable: cacheGoals,
      ...(ctx.depth ? { maxDepth: ctx.depth } : {}),
      ...progress(ctx),
    },
  );
}
// #endregion implements

/**
 * The third hint, checked: a cache whose Reads may be stale implements the
 * looser spec (by trace inclusion).
 *
 * @param code - the cache's decisions (the stale-read cache, or a mutant of it)
 * @param ctx - seed and bounds
 * @returns the result
 */
export function looseTraces(code: CacheCode, ctx: CheckContext = { seed: 1 }) {
  const c = constantsOf(ctx);
  return traceIncluded(writeBackCache(code, c), looseStorageSpec(c), {
    maxLength: ctx.depth ?? TRACE_LENGTH,
    ...progress(ctx),
  });
}
