/**
 * Properties over generated values (fast-check), as checks that return a
 * result: `forAll` (a counterexample is shrunk) and `exists` (a witness is
 * shrunk).
 *
 * @module
 */
import fc from 'fast-check';
import { Budget, errorLine, validBound } from './_internal/bounds';
import type { CheckResult } from './result';
import type { Trace } from './trace';

/**
 * Options for {@link forAll} and {@link exists}.
 *
 * @category Checks
 */
export interface PropertyOptions<T> {
  /**
   * How many values to try; a whole number from 1.
   *
   * @defaultValue 200
   */
  readonly runs?: number;
  /**
   * The random seed; printed with a failure so it can be replayed.
   *
   * @defaultValue 1
   */
  readonly seed?: number;
  /**
   * fast-check's replay path, to replay one failure (not shrunk further,
   * unless `maxShrinks` is given).
   *
   * @defaultValue none: every value
   */
  readonly path?: string;
  /**
   * The most shrink steps (tries of a smaller value) once a value fails; a
   * whole number from 0, or Infinity. When it is spent the check still
   * fails, with the smallest failing value found so far, its replay
   * arguments, and `budget` saying that shrinking stopped. 0 reports the
   * first failing value as it was found.
   *
   * @defaultValue 10000 (0 when replaying a `path`)
   */
  readonly maxShrinks?: number;
  /**
   * The most milliseconds spent shrinking once a value fails; a whole
   * number from 1, or Infinity. Spent, it stops shrinking as `maxShrinks`
   * does.
   *
   * @defaultValue 3000
   */
  readonly shrinkTimeLimit?: number;
  /**
   * The most milliseconds for the whole check, values and shrinking; a
   * whole number from 1, or Infinity. If it is spent before any value
   * fails, the check fails (the values it was asked for were not all
   * tried), naming the runs it made in `unreached`; if it is spent while
   * shrinking, it stops shrinking as `maxShrinks` does.
   *
   * @defaultValue Infinity: the number of runs bounds the check
   */
  readonly timeLimit?: number;
  /**
   * Show a value as a run of some machine, for the report.
   *
   * @defaultValue a run of no steps from the value
   */
  readonly trace?: (value: T) => Trace<unknown>;
  /**
   * Explain a value in a sentence (what is wrong with it, or what it witnesses).
   *
   * @defaultValue `fails for` and the value
   */
  readonly explain?: (value: T) => string;
}

/**
 * The result of {@link forAll} or {@link exists}.
 *
 * @category Checks
 */
export interface PropertyResult<T> extends CheckResult<unknown> {
  readonly check: 'property';
  /** The seed used. */
  readonly seed: number;
  /** The shrunk counterexample (forAll) or witness (exists). */
  readonly example?: T;
  /** The run that shows the example, if `trace` was given. */
  readonly exampleTrace?: Trace<unknown>;
  /** The arguments that replay a failure. */
  readonly replay?: string;
  /** Shrink steps taken (tries of smaller values after the first failing one). */
  readonly shrinks: number;
  /**
   * On failure: what a spent budget cut short (`shrinking stopped at its
   * budget of 3000 ms (shrinkTimeLimit) ...`); absent if shrinking ran to
   * its end.
   */
  readonly budget?: string;
}

/**
 * Check that `holds` is true of every generated value; a failure is shrunk to
 * a small counterexample, within a budget of shrink steps and time
 * (`maxShrinks`, `shrinkTimeLimit`). A value on which `holds` throws is a
 * counterexample, explained by what was thrown.
 *
 * @param subject - what is checked (for reports)
 * @param arb - the values
 * @param holds - the property
 * @param opts - runs, seed, and how to show a counterexample
 * @returns the verdict, with the shrunk counterexample
 * @example
 * ```ts
 * forAll('addition commutes', fc.tuple(fc.integer(), fc.integer()), ([a, b]) => a + b === b + a).holds; // true
 * ```
 * @category Checks
 */
export function forAll<T>(
  subject: string,
  arb: fc.Arbitrary<T>,
  holds: (value: T) => boolean,
  opts: PropertyOptions<T> = {},
): PropertyResult<T> {
  const r = search(subject, arb, holds, false, opts);
  return r.found ? failure(subject, r.found.value, r, opts) : r.result;
}

/** What {@link search} found: the verdict if nothing was, else the shrunk value and what it did. */
interface Search<T> {
  /** The result when no value was found (or fast-check could not run). */
  readonly result: PropertyResult<T>;
  /** The shrunk value found: a counterexample (forAll) or a witness (exists). */
  readonly found?: { readonly value: T };
  /** What evaluating the property on it (or showing it) threw, if it threw. */
  readonly error?: { readonly e: unknown; readonly showing?: true };
  readonly replay?: string;
  readonly budget?: string;
}

/**
 * Generate values until one makes `holds` return `want` or throw, then
 * shrink it within the budget.
 */
function search<T>(
  subject: string,
  arb: fc.Arbitrary<T>,
  holds: (value: T) => boolean,
  want: boolean,
  opts: PropertyOptions<T>,
): Search<T> {
  const t0 = performance.now();
  const seed = opts.seed ?? 1;
  const runs = validBound('runs', opts.runs, 1) ?? 200;
  const budget = new Budget(opts);
  // What the last failing execution threw (the counterexample is always the last one).
  let thrown: { e: unknown } | undefined;
  let tried = 0;
  const result = (extra: Partial<PropertyResult<T>>): PropertyResult<T> => ({
    check: 'property',
    subject,
    holds: true,
    complete: false,
    stats: { states: 0, transitions: 0, depth: 0, runs: tried, ms: performance.now() - t0 },
    unreached: [],
    seed,
    shrinks: budget.shrinks,
    ...extra,
  });
  let d: fc.RunDetails<[T]>;
  try {
    d = fc.check(
      fc.property(arb, (v) => {
        budget.before();
        if (!budget.shrinking) tried++;
        let found: boolean;
        try {
          found = holds(v) === want;
          if (found) thrown = undefined;
        } catch (e) {
          if (fc.PreconditionFailure.isFailure(e)) throw e; // fc.pre: skip this value
          found = true;
          thrown = { e };
        }
        if (found) budget.failed();
        return !found;
      }),
      { numRuns: runs, seed, ...(opts.path ? { path: opts.path } : {}), ...budget.params() },
    );
  } catch (e) {
    // fast-check cannot follow the replay path (it is another check's, or the generator changed).
    return {
      result: result({
        holds: false,
        shrinks: 0,
        counterexample: {
          property: 'the replay path leads to a value',
          message: errorLine(e),
          trace: { init: undefined, steps: [] },
        },
      }),
    };
  }
  if (!d.failed || !d.counterexample) {
    const cut =
      budget.runsNote(runs, tried) ??
      (d.failed
        ? `${runs} runs (stopped after ${tried}, ${d.numSkips} values skipped)`
        : undefined);
    return { result: result(cut ? { holds: false, unreached: [cut] } : { shrinks: 0 }) };
  }
  const note = budget.shrinkNote(want ? 'witness' : 'failure');
  return {
    result: result({}),
    found: { value: d.counterexample[0] },
    ...(thrown ? { error: thrown } : {}),
    ...(d.counterexamplePath ? { replay: `--seed ${seed} --path ${d.counterexamplePath}` } : {}),
    ...(note ? { budget: note } : {}),
  };
}

/**
 * A failed result for a value: its explanation (or what evaluating the
 * property on it threw), its run, and how to replay it.
 */
function failure<T>(
  subject: string,
  example: T,
  s: Search<T>,
  opts: PropertyOptions<T>,
): PropertyResult<T> {
  let trace: Trace<unknown> | undefined;
  let message: string;
  try {
    trace = opts.trace?.(example);
    message = s.error
      ? `${errorLine(s.error.e)} (${s.error.showing ? 'showing the value' : 'evaluating it on'} ${fc.stringify(example)})`
      : opts.explain
        ? opts.explain(example)
        : `fails for ${fc.stringify(example)}`;
  } catch (e) {
    // Showing the value threw (a trace that cannot be replayed): say so, with the value.
    trace = undefined;
    message = `${errorLine(e)} (showing the value ${fc.stringify(example)})`;
  }
  return {
    ...s.result,
    holds: false,
    example,
    ...(trace ? { exampleTrace: trace } : {}),
    ...(s.replay ? { replay: s.replay } : {}),
    ...(s.budget ? { budget: s.budget } : {}),
    counterexample: {
      property: subject,
      message,
      trace: trace ?? { init: example, steps: [] },
    },
  };
}

/**
 * Check that some generated value satisfies `holds` (a `sometimes`); the
 * first witness found is shrunk to a small one. Fails if none of `runs`
 * values is a witness, or if `holds` throws on a value (what was thrown is
 * the failure).
 *
 * @param subject - what must exist (for reports)
 * @param arb - the values
 * @param holds - what a witness satisfies
 * @param opts - runs, seed, and how to show the witness
 * @returns the verdict, with the shrunk witness as `example`
 * @category Checks
 */
export function exists<T>(
  subject: string,
  arb: fc.Arbitrary<T>,
  holds: (value: T) => boolean,
  opts: PropertyOptions<T> = {},
): PropertyResult<T> {
  const r = search(subject, arb, holds, true, opts);
  if (!r.found) {
    if (!r.result.holds) return r.result;
    return {
      ...r.result,
      holds: false,
      unreached: [`${subject} (no witness in ${r.result.stats.runs} tries)`],
    };
  }
  const example = r.found.value;
  // A value on which the property throws is no witness: the check fails with what was thrown.
  if (r.error) return failure(subject, example, r, opts);
  let trace: Trace<unknown> | undefined;
  try {
    trace = opts.trace?.(example);
  } catch (e) {
    // A witness that cannot be shown (its run cannot be replayed) fails with what was thrown.
    return failure(subject, example, { ...r, error: { e, showing: true } }, opts);
  }
  return {
    ...r.result,
    example,
    ...(trace ? { exampleTrace: trace } : {}),
    ...(r.budget ? { budget: r.budget } : {}),
  };
}
