/**
 * The abstraction function from cache states to storage states, and two
 * ways to look at a run through it.
 *
 * @module
 */
import { labelText, type Machine, nil, show, specMoves, type Trace, textTable } from '../../index';
import type { Address, Data, StorageState } from '../01-replicated-state-machines/storage';
import type { CacheState } from './cache';

// #region abstraction
/**
 * f: the storage state a cache state stands for. Memory, overlaid with the
 * dirty lines, which are newer than memory. Clean lines add nothing: they
 * hold what memory holds.
 */
export function f(y: CacheState): StorageState {
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
    const fy = abstraction(st.from);
    const fy2 = abstraction(st.to);
    const text = labelText(st.label);
    let x: string;
    if (!st.label.external)
      x = spec.key(fy) === spec.key(fy2) ? '(none)' : 'none: an internal step moved f(y)';
    else {
      const m = specMoves(spec, fy).find(
        (mv) => mv.external && mv.label === text && spec.key(mv.to) === spec.key(fy2),
      );
      x = m ? `* ${m.label}` : `none: no ${text} takes f(y) to f(y')`;
    }
    rows.push([String(i + 1), `${st.label.external ? '* ' : '  '}${text}`, x, image(st.to)]);
  });
  return textTable(['#', 'Y-step', 'X-steps', "f(y')"], rows);
}
