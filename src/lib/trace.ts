/**
 * Steps and traces: what a run did, replayable and printable.
 *
 * @module
 */
import type { Label } from './label';
import { labelText } from './label';

/**
 * One step of a run: from a state, by a labelled action, to the next state.
 *
 * @category Runs
 */
export interface Step<S> {
  /** The state before. */
  readonly from: S;
  /** Which action, with which parameter and result. */
  readonly label: Label;
  /** The state after. */
  readonly to: S;
}

/**
 * A run: an initial state and the steps taken from it.
 *
 * @category Runs
 */
export interface Trace<S> {
  /** The initial state the run starts in. */
  readonly init: S;
  /** The steps, in order. */
  readonly steps: readonly Step<S>[];
}

/**
 * The last state of a run.
 *
 * @param t - the run
 * @returns its final state
 * @category Runs
 */
export function lastState<S>(t: Trace<S>): S {
  return t.steps.length ? t.steps[t.steps.length - 1]!.to : t.init;
}

/**
 * The trace in the paper's sense: the external labels of a run, in order.
 *
 * @param t - the run
 * @returns the external labels
 * @category Runs
 */
export function externalLabels<S>(t: Trace<S>): Label[] {
  return t.steps.filter((s) => s.label.external).map((s) => s.label);
}

/**
 * The path of a run as texts, one per step (`Allow(7)`, `Agree(7)`), which
 * {@link replay} turns back into the run.
 *
 * @param t - the run
 * @returns the label texts
 * @category Runs
 */
export function tracePath<S>(t: Trace<S>): string[] {
  return t.steps.map((s) => labelText(s.label));
}
