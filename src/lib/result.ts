/**
 * What every check returns: a verdict, statistics, and (when it fails) a
 * counterexample that can be printed and replayed. Checks never throw for a
 * failed property.
 *
 * @module
 */
import type { Trace } from './trace';

/** The kinds of check the library runs. */
export type CheckKind =
  | 'explore'
  | 'refines'
  | 'inductive'
  | 'traceIncluded'
  | 'simulate'
  | 'property'
  | 'stuck';

/** How much work a check did. */
export interface Stats {
  /** Distinct states stored (for `simulate`: steps taken; for `inductive`: states examined). */
  readonly states: number;
  /** Steps (transitions) examined. */
  readonly transitions: number;
  /** Length of the longest shortest path explored (BFS depth), or of the longest run. */
  readonly depth: number;
  /** Wall-clock milliseconds: for reports only, never asserted. */
  readonly ms: number;
}

/** Why a check failed, and the run that shows it. */
export interface Counterexample<S> {
  /** The property or obligation that failed. */
  readonly property: string;
  /** The explanation, built from the states involved. */
  readonly message: string;
  /** The run that reaches the failure (shortest, for the exhaustive checks). */
  readonly trace: Trace<S>;
}

/** The common shape of every check's result. */
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

/** A snapshot of a running check, for progress bars. */
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
 */
export function summarize(r: CheckResult<unknown>): string {
  const s = r.stats;
  const counts = `${s.states} states, ${s.transitions} transitions, depth ${s.depth}`;
  if (r.holds) return `holds: ${counts}${r.complete ? '' : ' (bounded)'}`;
  if (r.counterexample)
    return `fails: ${r.counterexample.property}: ${r.counterexample.message} (trace of ${r.counterexample.trace.steps.length} steps; ${counts})`;
  return `fails: never reached ${r.unreached.join('; ')} (${counts})`;
}
