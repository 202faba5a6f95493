/**
 * Lampson's abstraction-function method (§5.1), as a check.
 *
 * @module
 */

import { validBound } from './_internal/bounds';
import { stateKey } from './_internal/fingerprinter';
import { search, statsOf } from './_internal/search';
import { DEFAULT_INTERNAL_DEPTH, StepMatcher } from './_internal/stepMatcher';
import type { ExploreOptions } from './explore';
import type { Label } from './label';
import { labelText } from './label';
import type { Machine } from './machine';
import type { Refinement, SpecMove } from './refinement';
import type { CheckResult } from './result';
import type { Step } from './trace';

/**
 * Which obligation of §5.1 failed, with everything needed to see why.
 *
 * @category Refinement
 */
export interface RefinementFailure<Y, X> {
  /** `initial`: f(y) is not an initial X-state. `step`: a Y-step is not simulated. */
  readonly obligation: 'initial' | 'step';
  /** The implementation state y (the step's source, or the initial state). */
  readonly y: Y;
  /** Its image f(y). */
  readonly fy: X;
  /** The failing Y-step y --label--> y' (for `step`). */
  readonly step?: Step<Y>;
  /** f(y') (for `step`). */
  readonly fy2?: X;
  /** What the spec could do instead, from f(y): its enabled steps. */
  readonly specCould: readonly SpecMove<X>[];
  /** The initial X-states (for `initial`). */
  readonly xInit?: readonly X[];
}

/**
 * The result of {@link refines}.
 *
 * @category Checks
 */
export interface RefinesResult<Y, X> extends CheckResult<Y> {
  readonly check: 'refines';
  /** The spec's name. */
  readonly spec: string;
  /** The failed obligation, if any. */
  readonly failure?: RefinementFailure<Y, X>;
  /**
   * The most internal spec steps the check searched for around each
   * implementation step ({@link Refinement.internalDepth}): 1 is TLA+'s
   * `[][Next]_vars`, each step simulated by at most one spec step (or one
   * external step exactly); more accepts longer spec sequences. Reports
   * print it beside the verdict, so a reader sees what "refines" meant.
   */
  readonly internalDepth: number;
}

/**
 * Check that implementation `impl` simulates spec `r.spec` under the
 * abstraction function `r.abstraction` (§5.1):
 *
 * 1. f maps every initial Y-state to an initial X-state;
 * 2. for every reachable y and every Y-step y --a--> y' there is a sequence of
 *    X-steps from f(y) to f(y') that is the same externally: only internal
 *    X-steps if a is internal (perhaps none), and exactly one external X-step
 *    equal to a, plus internal ones, if a is external.
 *
 * The X-sequence is found by a bounded search over X's internal steps, or
 * checked against `r.witness` when that gives one. Y's invariants and goals
 * in `opts` are checked in the same breadth-first pass.
 *
 * @param impl - the implementation Y
 * @param r - the spec X, the abstraction function, and optional witness
 * @param opts - Y's invariants, goals and bounds
 * @returns the verdict; on failure, the obligation, the Y-step, f(y), f(y'),
 *   what X could do, and a shortest trace of Y to the failing step
 * @example
 * ```ts
 * const r = refines(twoCounters, { spec: counter, abstraction: (y) => ({ n: y.a + y.b }) });
 * r.holds; // true
 * ```
 * @throws Error if a bound is not a whole number in its range (a one-line message)
 * @category Checks
 */
export function refines<Y, X>(
  impl: Machine<Y>,
  r: Refinement<Y, X>,
  opts: ExploreOptions<Y> = {},
): RefinesResult<Y, X> {
  const t0 = performance.now();
  const spec = r.spec;
  const internalDepth = validBound('internalDepth', r.internalDepth, 0) ?? DEFAULT_INTERNAL_DEPTH;
  const base = { check: 'refines' as const, subject: impl.name, spec: spec.name, internalDepth };
  // Obligation 1: initial states map to initial states.
  const xInit = [...spec.init()];
  const key = stateKey(spec);
  const initKeys = new Set(xInit.map((x) => key(x)));
  for (const y of impl.init()) {
    const fy = r.abstraction(y);
    if (!initKeys.has(key(fy))) {
      const failure: RefinementFailure<Y, X> = {
        obligation: 'initial',
        y,
        fy,
        specCould: [],
        xInit,
      };
      return {
        ...base,
        holds: false,
        complete: false,
        stats: { states: 1, transitions: 0, depth: 0, ms: performance.now() - t0 },
        counterexample: {
          property: 'obligation 1: f maps initial states to initial states',
          message: `f of an initial ${impl.name}-state is not an initial ${spec.name}-state`,
          trace: { init: y, steps: [] },
        },
        unreached: [],
        failure,
      };
    }
  }
  // Obligation 2: every step from a reachable state is simulated.
  const matcher = new StepMatcher(r);
  let failure: RefinementFailure<Y, X> | undefined;
  const out = search(impl, opts, {
    onStep: (y: Y, label: Label, y2: Y) => {
      const bad = matcher.check(y, label, y2);
      if (!bad) return undefined;
      failure = {
        obligation: 'step',
        y,
        fy: bad.fy,
        step: { from: y, label, to: y2 },
        fy2: bad.fy2,
        specCould: bad.specCould,
      };
      return {
        property: 'obligation 2: every step is simulated',
        message: `the ${label.external ? 'external' : 'internal'} ${impl.name}-step ${labelText(label)}: ${bad.message}`,
      };
    },
  });
  return {
    ...base,
    holds: out.holds,
    complete: out.complete,
    stats: statsOf(out),
    ...(out.counterexample ? { counterexample: out.counterexample } : {}),
    unreached: out.unreached,
    ...(failure && out.counterexample?.property.startsWith('obligation') ? { failure } : {}),
  };
}
