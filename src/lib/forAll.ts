/**
 * Properties over generated values (fast-check), as checks that return a
 * result: `forAll` (a counterexample is shrunk) and `exists` (a witness is
 * shrunk).
 *
 * @module
 */
import fc from 'fast-check';
import { validBound } from './_internal/bounds';
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
   * fast-check's replay path, to replay one failure.
   *
   * @defaultValue none: every value
   */
  readonly path?: string;
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
}

/**
 * Check that `holds` is true of every generated value; a failure is shrunk to
 * a small counterexample.
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
  const t0 = performance.now();
  const seed = opts.seed ?? 1;
  validBound('runs', opts.runs, 1);
  const d = fc.check(
    fc.property(arb, (v) => holds(v)),
    { numRuns: opts.runs ?? 200, seed, ...(opts.path ? { path: opts.path } : {}) },
  );
  const stats = {
    states: 0,
    transitions: 0,
    depth: 0,
    runs: d.numRuns,
    ms: performance.now() - t0,
  };
  if (!d.failed)
    return { check: 'property', subject, holds: true, complete: false, stats, unreached: [], seed };
  if (!d.counterexample)
    throw d.errorInstance ?? new Error(`forAll: ${subject} failed without a counterexample`);
  const example = d.counterexample[0];
  const trace = opts.trace?.(example);
  return {
    check: 'property',
    subject,
    holds: false,
    complete: false,
    stats,
    unreached: [],
    seed,
    example,
    ...(trace ? { exampleTrace: trace } : {}),
    ...(d.counterexamplePath ? { replay: `--seed ${seed} --path ${d.counterexamplePath}` } : {}),
    counterexample: {
      property: subject,
      message: opts.explain ? opts.explain(example) : `fails for ${fc.stringify(example)}`,
      trace: trace ?? { init: example, steps: [] },
    },
  };
}

/**
 * Check that some generated value satisfies `holds` (a `sometimes`); the
 * first witness found is shrunk to a small one. Fails if none of `runs`
 * values is a witness.
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
  const r = forAll(subject, arb, (v) => !holds(v), opts);
  if (r.holds)
    return {
      ...r,
      holds: false,
      unreached: [`${subject} (no witness in ${r.stats.runs} tries)`],
    };
  const { counterexample: _c, replay: _r, ...rest } = r;
  return { ...rest, holds: true };
}
