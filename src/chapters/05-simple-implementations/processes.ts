/**
 * What the two simple implementations share: process names, the values
 * they agree on, and small helpers for sets kept as sorted arrays.
 *
 * @module
 */
import { type Action, action, type Label, type Nil, nil, type Observed, to } from '../../index';
import type { Value } from '../03-consensus-specs/specs';

/** The values the chapter's checks use (the issue's {1, 2}). */
export const VALUES5: readonly Value[] = [1, 2];

/** The name of process i (0-based): p1, p2, ... */
export const pname = (i: number) => `p${i + 1}`;

/** The indices 0 .. n-1. */
export const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** `a` with `a[i] := v`. */
export function put<T>(a: readonly T[], i: number, v: T): readonly T[] {
  return a.map((x, j) => (j === i ? v : x));
}

/** A set of values as a sorted array, with v added. */
export function addValue(set: readonly Value[], v: Value): readonly Value[] {
  return set.includes(v) ? set : [...set, v].sort((a, b) => a - b);
}

/** Show a value or nil. */
export const showV = (v: Value | Nil) => (v === nil ? 'nil' : String(v));

// #region observe
/**
 * How an implementation's external steps look to D: `Allow(p2, 1)` (a
 * client hands 1 to p2) is D's `Allow(1)`, and `Outcome(p2) -> 1` (asking
 * p2) is D's `Outcome -> 1`.
 *
 * @param l - the implementation's label
 * @returns what D's observer sees
 */
export function observeAsD(l: Label): Observed {
  if (l.action === 'Allow' && Array.isArray(l.param))
    return { action: 'Allow', param: l.param[1], ret: undefined };
  if (l.action === 'Outcome') return { action: 'Outcome', param: undefined, ret: l.ret };
  return l;
}
// #endregion observe

// #region crash
/**
 * The fault both simple implementations share: process i stops for good
 * (at most `crashes` of them in a run). A crashed process takes no step.
 *
 * @param procs - the processes, 0-based
 * @param crashes - how many may crash in one run
 * @returns the action `Crash(p)`
 */
export function crashAction<S extends { readonly up: readonly boolean[] }>(
  procs: readonly number[],
  crashes: number,
): Action<S, number> {
  return action({
    name: 'Crash',
    external: false,
    fault: true,
    params: () => procs,
    showParam: pname,
    guard: (s: S, i: number) => s.up[i]! && s.up.filter((u) => !u).length < crashes,
    effect: (s: S, i: number) => to({ ...s, up: put(s.up, i, false) }),
  });
}
// #endregion crash
