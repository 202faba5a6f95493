/**
 * Chapter 03's checks, each a function of the machine under test so that a
 * mutant goes through exactly the check that the correct spec passes.
 *
 * @module
 */
import type { CheckResult, Machine, RefinesResult, TraceInclusionResult } from '../../index';
import { explore, refines, traceIncluded } from '../../index';
import type { CheckContext } from '../chapter';
import { boundsOf } from '../chapter';
import { config } from './config';
import { agreement, goalsC, goalsT, observed, promise, validity } from './properties';
import type { DPState, ProphecyRules } from './prophecy';
import { dpToT, dWithProphecy, prophecyHolds } from './prophecy';
import { dToT, forwardSimulation } from './simulation';
import type { TState, Value } from './specs';
import { D, specC, specD, specT } from './specs';

const { values } = config;

// #region check-agreement
/**
 * Agreement and Validity on C (or a mutant of it), over values {1, 2, 3}:
 * every reachable state of C with its history, however long the run.
 */
export function checkC<S>(m: Machine<S>, ctx: CheckContext) {
  return explore(observed(m), {
    invariants: [agreement, validity],
    reachable: goalsC,
    ...boundsOf(ctx),
  });
}

/** The same on T or D, with T's promise: once done, Outcome never returns nil. */
export function checkT<S extends { readonly done: boolean }>(m: Machine<S>, ctx: CheckContext) {
  return explore(observed(m), {
    invariants: [agreement, validity],
    stepProperties: [promise],
    reachable: goalsT,
    ...boundsOf(ctx),
  });
}
// #endregion check-agreement

/**
 * Trace inclusion with no bound on length unless `--depth` gives one: the
 * pairs (implementation state, set of spec states) are finite here, so the
 * search ends by itself, having covered traces of every length.
 *
 * @param impl - the implementation
 * @param spec - the spec
 * @param ctx - `depth` bounds the number of external steps
 * @returns the result
 */
export function included<Y, X>(
  impl: Machine<Y>,
  spec: Machine<X>,
  ctx: CheckContext,
): TraceInclusionResult<Y> {
  return traceIncluded(impl, {
    spec,
    maxLength: ctx.depth ?? Number.POSITIVE_INFINITY,
    onProgress: ctx.onProgress,
  });
}

/**
 * Several checks as one: the first that fails decides, and the statistics add up.
 *
 * @param subject - what the combination checks
 * @param results - the checks' results
 * @returns one result
 */
export function allHold<S>(
  subject: string,
  results: readonly TraceInclusionResult<S>[],
): TraceInclusionResult<S> {
  const bad = results.find((r) => !r.holds);
  if (bad) return bad;
  const sum = (f: (r: CheckResult<S>) => number) => results.reduce((n, r) => n + f(r), 0);
  return {
    check: 'traceIncluded',
    subject,
    spec: results.map((r) => r.spec).join(', '),
    holds: true,
    complete: results.every((r) => r.complete),
    unreached: [],
    stats: {
      states: sum((r) => r.stats.states),
      transitions: sum((r) => r.stats.transitions),
      depth: Math.max(...results.map((r) => r.stats.depth)),
      ms: sum((r) => r.stats.ms),
    },
  };
}

/**
 * Adding the history changes no trace: each of C, T and D has exactly the
 * traces of itself with the history, both ways.
 *
 * @param ctx - bounds
 * @returns one result for all six inclusions
 */
export function checkHistoryHarmless(ctx: CheckContext) {
  const specs: Machine<any>[] = [specC(values), specT(values), specD(values)];
  return allHold(
    'C, T and D with and without history',
    specs.flatMap((m) => [included(m, observed(m), ctx), included(observed(m), m, ctx)]),
  );
}

// #region check-d-implements-t
/** D implements T: every trace of D (or of a variant of it) is a trace of T. */
export function checkDImplementsT<Y>(ctx: CheckContext, impl: Machine<Y>) {
  return included(impl, specT(values), ctx);
}

/** The plain forward simulation, with the obvious abstraction function. */
export function plainSimulation<Y extends TState>(
  ctx: CheckContext,
  impl: Machine<Y>,
  over: readonly Value[] = values,
): RefinesResult<Y, TState> {
  return refines(impl, { spec: specT(over), abstraction: dToT }, boundsOf(ctx));
}

/** With the prophecy, the same method works: D with p simulates T under `outcome ?? p`. */
export function prophecySimulation(
  ctx: CheckContext,
  r?: ProphecyRules,
): RefinesResult<DPState, TState> {
  return refines(
    dWithProphecy(values, r),
    { spec: specT(values), abstraction: dpToT },
    { invariants: [prophecyHolds], ...boundsOf(ctx) },
  );
}

/** The prophecy changes no trace: D and D with p have the same traces. */
export function checkProphecyHarmless(ctx: CheckContext, r?: ProphecyRules) {
  const d = specD(values);
  const dp = dWithProphecy(values, r);
  return allHold('D with and without prophecy', [included(d, dp, ctx), included(dp, d, ctx)]);
}
// #endregion check-d-implements-t

/**
 * The claim that the plain forward simulation fails, and fails at D's
 * internal Agree step, as a check: it holds when `refines` fails there, and
 * fails (with `refines`' own result) if the simulation goes through or
 * breaks elsewhere.
 *
 * @param ctx - bounds
 * @param impl - D, or anything with outcome and done
 * @returns the result
 */
export function checkPlainFailsAtAgree<Y extends TState>(
  ctx: CheckContext,
  impl: Machine<Y>,
): CheckResult<Y> {
  const r = plainSimulation(ctx, impl);
  const at = r.failure?.step?.label;
  if (!r.holds && at && D.Agree.is(at) && !at.external) {
    const { counterexample: _shown, failure: _asExpected, ...rest } = r;
    return { ...rest, holds: true, complete: true };
  }
  return {
    ...r,
    holds: false,
    counterexample: {
      property: 'the plain forward simulation fails at Agree',
      message: r.holds
        ? 'the plain forward simulation holds'
        : `it fails elsewhere: ${r.counterexample?.message}`,
      trace: r.counterexample?.trace ?? { init: [...impl.init()][0]!, steps: [] },
    },
  };
}

/**
 * The claim that no forward simulation from `impl` to T exists, whatever
 * the abstraction function: it holds when the greatest forward simulation
 * leaves an initial state out, and fails if some simulation exists.
 *
 * @param impl - D (or a variant of it)
 * @returns the result
 */
export function checkNoForwardSimulation<Y>(impl: Machine<Y>): CheckResult<Y> {
  const r = forwardSimulation(impl, specT(values));
  if (!r.holds) {
    const { counterexample: _shown, ...rest } = r;
    return { ...rest, holds: true };
  }
  return {
    ...r,
    holds: false,
    counterexample: {
      property: `no forward simulation from ${impl.name} to T`,
      message: `the greatest forward simulation keeps ${r.pairs.kept} of ${r.pairs.of} pairs and pairs every initial state`,
      trace: { init: [...impl.init()][0]!, steps: [] },
    },
  };
}
