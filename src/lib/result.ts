/**
 * What every check returns: a verdict, statistics, and (when it fails) a
 * counterexample that can be printed and replayed. Checks never throw for a
 * failed property.
 *
 * @module
 */
import type { Trace } from './trace';

/**
 * The kinds of check the library runs.
 *
 * @category Checks
 */
export type CheckKind =
  | 'explore'
  | 'refines'
  | 'inductive'
  | 'traceIncluded'
  | 'simulate'
  | 'property'
  | 'stuck';

/**
 * How much work a check did. Each field means one thing, whatever the check.
 *
 * @category Checks
 */
export interface Stats {
  /**
   * Distinct states the check visited: reachable states (`explore`,
   * `refines`, `findStuck`), (Y-state, X-states) pairs (`traceIncluded`),
   * states of the universe examined (`inductive`), states met on the runs
   * (`simulate`); 0 for a property of generated values.
   */
  readonly states: number;
  /** Steps examined: every step out of every state expanded (for `simulate`, every step taken). */
  readonly transitions: number;
  /** The longest run: breadth-first depth, or the longest random run. */
  readonly depth: number;
  /** For a sampled check: how many runs, samples or generated values; absent for an exhaustive one. */
  readonly runs?: number;
  /** Wall-clock milliseconds: for reports only, never asserted. */
  readonly ms: number;
}

/**
 * Why a check failed, and the run that shows it.
 *
 * @category Checks
 */
export interface Counterexample<S> {
  /** The property or obligation that failed. */
  readonly property: string;
  /** The explanation, built from the states involved. */
  readonly message: string;
  /** The run that reaches the failure (shortest, for the exhaustive checks). */
  readonly trace: Trace<S>;
}

/**
 * The common shape of every check's result.
 *
 * @category Checks
 */
export interface CheckResult<S = unknown> {
  /** Which check produced it. */
  readonly check: CheckKind;
  /** What was checked (usually the machine's name). */
  readonly subject: string;
  /** The verdict: true only if every property held and every goal was reached. */
  readonly holds: boolean;
  /** True if the whole bounded space was covered (no state cap or depth cap cut it short). */
  readonly complete: boolean;
  /** How much work was done. */
  readonly stats: Stats;
  /** The first failure found, if any. */
  readonly counterexample?: Counterexample<S>;
  /** Goals ({@link Reachable}) that no explored state met. */
  readonly unreached: readonly string[];
}

/**
 * A snapshot of a running check, for progress bars.
 *
 * @category Checks
 */
export interface Progress {
  /** States so far. */
  readonly states: number;
  /** Transitions so far. */
  readonly transitions: number;
  /** Current depth. */
  readonly depth: number;
  /** Elapsed milliseconds. */
  readonly ms: number;
}

/**
 * One line that says what a result is: verdict, counts, and the failure.
 *
 * @param r - a check's result
 * @returns a summary such as `holds: 15 states, 42 transitions, depth 4`
 * @category Checks
 */
export function summarize(r: CheckResult<unknown>): string {
  const s = r.stats;
  const counts = `${s.runs !== undefined ? `${s.runs} runs, ` : ''}${s.states} states, ${s.transitions} transitions, depth ${s.depth}`;
  if (r.holds) return `holds: ${counts}${r.complete ? '' : ' (bounded)'}`;
  if (r.counterexample)
    return `fails: ${r.counterexample.property}: ${r.counterexample.message} (trace of ${r.counterexample.trace.steps.length} steps; ${counts})`;
  return `fails: never reached ${r.unreached.join('; ')} (${counts})`;
}
