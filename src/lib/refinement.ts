/**
 * The pieces of a refinement claim "Y implements X via f", shared by
 * {@link refines}, {@link traceIncluded} and {@link simulate}.
 *
 * @module
 */
import { forEachStep, makeLabel } from './_internal/successors';
import type { Label } from './label';
import { labelText } from './label';
import type { Machine, Move } from './machine';

export type { Move } from './machine';

/**
 * What an observer sees of an external label: action, parameter, result.
 *
 * @category Refinement
 */
export type Observed = Pick<Label, 'action' | 'param' | 'ret'>;

/**
 * The claim that an implementation (states `Y`) implements a spec (states `X`).
 *
 * @category Refinement
 */
export interface Refinement<Y, X> {
  /** The spec X. */
  readonly spec: Machine<X>;
  /** The abstraction function f from Y-states to X-states. */
  readonly abstraction: (y: Y) => X;
  /**
   * Optional, as in a written proof: the X-actions that simulate a Y-step.
   * Return `undefined` to let the checker search instead.
   *
   * @defaultValue the checker searches for every step
   */
  readonly witness?: (y: Y, label: Label, y2: Y) => readonly Move[] | undefined;
  /**
   * How Y's external actions look to an observer of X, if Y names them
   * differently (say `Allow(i, v)` at process i is X's `Allow(v)`).
   *
   * @defaultValue the label itself
   */
  readonly observe?: (label: Label) => Observed;
  /**
   * The most internal X-steps searched for, before and after the external
   * one; 1 is TLA+'s `[][Next]_vars` (a step is simulated by zero or one
   * spec step). The result of {@link refines} repeats it, and reports print it.
   *
   * @defaultValue 3
   */
  readonly internalDepth?: number;
}

/**
 * What X could do from a state: each enabled step and where it leads.
 *
 * @category Refinement
 */
export interface SpecMove<X> {
  /** The step's label text (`Agree(7)`). */
  readonly label: string;
  /** Whether it is external. */
  readonly external: boolean;
  /** The X-state it leads to. */
  readonly to: X;
}

/**
 * Every step X can take from `x`, for failure reports. Outcomes of one
 * action that are the same step (same label, same next state, as when
 * `choose return outcome or return nil` meets outcome = nil) are listed once.
 *
 * @param spec - the spec X
 * @param x - an X-state
 * @returns the distinct steps from it, in the machine's order
 * @category Refinement
 */
export function specMoves<X>(spec: Machine<X>, x: X): SpecMove<X>[] {
  const out: SpecMove<X>[] = [];
  const seen = new Set<string>();
  forEachStep(spec, x, (act, param, o) => {
    const label = labelText(makeLabel(act, param, o));
    const k = `${label}\u0001${spec.key(o.next)}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ label, external: act.external, to: o.next });
  });
  return out;
}
