/**
 * The successors of a state: every step a machine can take from it.
 *
 * @module
 */
import { forEachStep, makeLabel } from './_internal/successors';
import type { Machine } from './machine';
import type { Step } from './trace';

/**
 * Every step out of `s`, in the machine's fixed order: actions in order,
 * parameters in order, outcomes in order. The checks are made of this.
 *
 * @param m - the machine
 * @param s - the state
 * @returns the steps, each with its label and next state
 * @example
 * ```ts
 * stepsFrom(jugs, { small: 0, big: 0 }).map((st) => labelText(st.label)); // ['FillSmall', 'FillBig', ...]
 * ```
 * @category Machines
 */
export function stepsFrom<S>(m: Machine<S>, s: S): Step<S>[] {
  const out: Step<S>[] = [];
  forEachStep(m, s, (a, p, o) => {
    out.push({ from: s, label: makeLabel(a, p, o), to: o.next });
  });
  return out;
}
