/**
 * The abstraction function from cache states to storage states, and two
 * ways to look at a run through it.
 *
 * @module
 */
import type { Machine, Trace } from '../../index';
import { labelText, matchSteps, nil, show, textTable } from '../../index';
import type { Address, Data, StorageState } from '../01-replicated-state-machines/storage';
import type { CacheState } from './cache';

// #region abstraction
/**
 * f: the storage state a cache state stands for. Memory, overlaid with the
 * dirty lines, which are newer than memory. Clean lines add nothing: they
 * hold what memory holds.
 */
export function cacheToStorage(y: CacheState): StorageState {
  const m: Record<Address, Data> = { ...y.mem };
  for (const [a, line] of Object.entries(y.cache)) if (line.dirty && line.d !== nil) m[a] = line.d;
  return m;
}
// #endregion abstraction

/**
 * The implementation with one more column in its view: `f(y)`, the spec
 * state it stands for. In a run table an internal step that changes `f(y)`
 * is one the spec cannot match.
 *
 * @param impl - the implementation Y
 * @param spec - the spec X (for its view of f(y))
 * @param abstraction - f
 * @returns Y, with `f(y)` in its view
 */
export function withImage<Y, X>(
  impl: Machine<Y>,
  spec: Machine<X>,
  abstraction: (y: Y) => X,
): Machine<Y> {
  return { ...impl, view: (y) => ({ ...impl.view(y), 'f(y)': show(spec.view(abstraction(y))) }) };
}

/**
 * A run of Y seen through f, as a table: each Y-step, the X-step that matches
 * it (none for an internal step that leaves f(y) alone), and f(y') after it.
 * For a spec without internal actions, such as storage: each Y-step is
 * matched by nothing or by exactly the same external step.
 *
 * @param spec - the spec X
 * @param abstraction - f
 * @param t - the run of Y
 * @returns the table
 */
export function throughF<Y, X>(spec: Machine<X>, abstraction: (y: Y) => X, t: Trace<Y>): string {
  const image = (y: Y) => show(spec.view(abstraction(y)));
  const rows: string[][] = [['0', '(initial)', '', image(t.init)]];
  t.steps.forEach((st, i) => {
    const { external } = st.label;
    const text = labelText(st.label);
    const run = matchSteps(spec, abstraction(st.from), external ? [st.label] : [], {
      to: abstraction(st.to),
      internalDepth: 0,
    });
    const x = run
      ? run.steps.map((s) => `* ${labelText(s.label)}`).join(', ') || '(none)'
      : external
        ? `none: no ${text} takes f(y) to f(y')`
        : 'none: an internal step moved f(y)';
    rows.push([String(i + 1), `${external ? '* ' : '  '}${text}`, x, image(st.to)]);
  });
  return textTable(['#', 'Y-step', 'X-steps', "f(y')"], rows);
}
