/**
 * What the two simple implementations share: process names, how their
 * external steps look to D, and small helpers for sets kept as sorted
 * arrays.
 *
 * @module
 */
import type { Label, Observed, ProcessAction } from '../../index';
import type { Value } from '../03-consensus-specs/specs';

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

/** An implementation's two external steps, D's: a client allows a value at a process, and asks one for the outcome. */
export interface ExternalSteps {
  /** `Allow(p, v)`: a client hands v to process p. */
  readonly Allow: Pick<ProcessAction<any, any, Value>, 'is'>;
  /** `Outcome(p) -> v`: a client asks process p for the outcome. */
  readonly Outcome: Pick<ProcessAction<any, any>, 'is'>;
}

// #region observe
/**
 * How an implementation's external steps look to D: `Allow(p2, 1)` (a
 * client hands 1 to p2) is D's `Allow(1)`, and `Outcome(p2) -> 1` (asking
 * p2) is D's `Outcome -> 1`.
 *
 * @param impl - the implementation's external steps
 * @returns what D's observer sees of a label
 */
export function observeAsD(impl: ExternalSteps): (l: Label) => Observed {
  return (l) => {
    if (impl.Allow.is(l)) return { action: 'Allow', param: l.param.arg, ret: undefined };
    if (impl.Outcome.is(l)) return { action: 'Outcome', param: undefined, ret: l.ret };
    return l;
  };
}
// #endregion observe
