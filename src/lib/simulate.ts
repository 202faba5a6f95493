/**
 * Long random runs, driven by fast-check so that a failure shrinks to a short
 * run and replays from a printed seed and path.
 *
 * @module
 */
import fc from 'fast-check';
import { Budget, errorLine, validBound } from './_internal/bounds';
import { fingerprinter } from './_internal/fingerprinter';
import type { Fingerprint } from './_internal/stateStore';
import { StepMatcher } from './_internal/stepMatcher';
import { forEachStep, makeLabel } from './_internal/successors';
import { labelText } from './label';
import type { Action, Machine, Outcome } from './machine';
import type { Invariant, Reachable, StepProperty } from './property';
import type { Refinement } from './refinement';
import type { CheckResult, Progress } from './result';
import type { Step, Trace } from './trace';

/**
 * What {@link simulate} checks, and how long and how often it runs.
 *
 * @category Checks
 */
export interface SimulateOptions<S> {
  /**
   * Predicates that must hold in every state visited.
   *
   * @defaultValue none
   */
  readonly invariants?: readonly Invariant<S>[];
  /**
   * Properties every step must satisfy.
   *
   * @defaultValue none
   */
  readonly stepProperties?: readonly StepProperty<S>[];
  /**
   * Check the §5.1 step obligation against this spec on every step.
   *
   * @defaultValue no refinement is checked
   */
  readonly refinement?: Refinement<S, any>;
  /**
   * Goals some run must meet (the check fails if no run meets one).
   *
   * @defaultValue none
   */
  readonly reachable?: readonly Reachable<S>[];
  /**
   * How many runs; a whole number from 1.
   *
   * @defaultValue 100
   */
  readonly runs?: number;
  /**
   * The most steps in one run; a whole number from 0.
   *
   * @defaultValue 1000
   */
  readonly steps?: number;
  /**
   * The random seed, a whole number: the same seed gives the same runs.
   *
   * @defaultValue 1
   */
  readonly seed?: number;
  /**
   * fast-check's replay path, printed with a failure: replays just that run
   * (not shrunk further, unless `maxShrinks` is given).
   *
   * @defaultValue none: every run
   */
  readonly path?: string;
  /**
   * The most shrink steps (runs of a smaller candidate) once a run fails; a
   * whole number from 0, or Infinity. When it is spent the check still
   * fails, with the smallest failing run found so far, its replay
   * arguments, and `budget` saying that shrinking stopped. 0 reports the
   * first failing run as it was found.
   *
   * @defaultValue 10000 (0 when replaying a `path`)
   */
  readonly maxShrinks?: number;
  /**
   * The most milliseconds spent shrinking once a run fails; a whole number
   * from 1, or Infinity. Spent, it stops shrinking as `maxShrinks` does.
   *
   * @defaultValue 3000
   */
  readonly shrinkTimeLimit?: number;
  /**
   * The most milliseconds for the whole check, runs and shrinking; a whole
   * number from 1, or Infinity. If it is spent before any run fails, the
   * check fails (the runs it was asked for were not all made), naming the
   * runs it made in `unreached`; if it is spent while shrinking, it stops
   * shrinking as `maxShrinks` does.
   *
   * @defaultValue Infinity: the runs and their steps bound the check
   */
  readonly timeLimit?: number;
  /**
   * Weight of each action when choosing the next step (a whole number): an
   * action with weight 3 is three times as likely as one with weight 1.
   *
   * @defaultValue 1 for every action
   */
  readonly weight?: (action: Action<S, any>) => number;
  /**
   * Progress callback.
   *
   * @defaultValue none
   */
  readonly onProgress?: (p: Progress) => void;
}

/**
 * The result of {@link simulate}.
 *
 * @category Checks
 */
export interface SimulateResult<S> extends CheckResult<S> {
  readonly check: 'simulate';
  /** Runs made (not counting shrinking). */
  readonly runs: number;
  /** The seed used. */
  readonly seed: number;
  /** On failure: fast-check's path to the shrunk failing run. */
  readonly path?: string;
  /** On failure: the arguments that replay it. */
  readonly replay?: string;
  /** Shrink steps taken (runs of smaller candidates after the first failure). */
  readonly shrinks: number;
  /**
   * On failure: what a spent budget cut short (`shrinking stopped at its
   * budget of 10000 shrink steps (maxShrinks): ...`); absent if shrinking ran
   * to its end.
   */
  readonly budget?: string;
}

interface RunFailure<S> {
  readonly property: string;
  readonly message: string;
  readonly trace: Trace<S>;
}

/**
 * Run the machine many times from its initial state, each step chosen at
 * random among the enabled steps (fault actions included), checking
 * invariants, step properties and the refinement on the way. A failing run
 * is shrunk by fast-check, within a budget of shrink steps and time
 * (`maxShrinks`, `shrinkTimeLimit`), and reported with the seed and path
 * that replay it. A guard, an effect or a property that throws fails the
 * run with its message, as does a replay path that leads nowhere: the
 * check returns a verdict rather than throwing.
 *
 * @param m - the machine
 * @param opts - properties, run counts and the seed
 * @returns the verdict, statistics, and the shrunk failing run
 * @category Checks
 */
export function simulate<S>(m: Machine<S>, opts: SimulateOptions<S> = {}): SimulateResult<S> {
  const t0 = performance.now();
  const runs = validBound('runs', opts.runs, 1) ?? 100;
  const maxSteps = validBound('steps', opts.steps, 0) ?? 1000;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`seed must be a whole number, got ${seed}`);
  // Distinct states met, by fingerprint (two 32-bit halves folded into one safe integer).
  const visited = new Set<number>();
  const fp: Fingerprint = { lo: 0, hi: 0 };
  const fpOf = fingerprinter(m).fp;
  const visit = (s: S) => {
    fpOf(s, fp);
    visited.add((fp.lo >>> 0) + (fp.hi & 0x1fffff) * 4294967296);
  };
  const invariants = opts.invariants ?? [];
  const stepProps = opts.stepProperties ?? [];
  const matcher = opts.refinement ? new StepMatcher(opts.refinement) : undefined;
  const goals = new Set((opts.reachable ?? []).map((g) => g.name));
  const goalList = opts.reachable ?? [];
  const weight = opts.weight;
  const inits = [...m.init()];
  let stepsTaken = 0;
  let longest = 0;
  let runsMade = 0;
  let lastProgress = t0;
  const budget = new Budget(opts);

  const checkState = (s: S): { property: string; message: string } | undefined => {
    for (const inv of invariants)
      if (!inv.holds(s)) return { property: inv.name, message: inv.why ? inv.why(s) : 'violated' };
    if (goals.size)
      for (const g of goalList) if (goals.has(g.name) && g.holds(s)) goals.delete(g.name);
    return undefined;
  };

  /** One run, steered by `choices`; returns the failure, if any. */
  const run = (choices: readonly number[]): RunFailure<S> | undefined => {
    const init = inits[inits.length > 1 ? (choices[0] ?? 0) % inits.length : 0]!;
    const steps: Step<S>[] = [];
    const fail = (f: { property: string; message: string }) => ({ ...f, trace: { init, steps } });
    try {
      return steer(init, steps, choices, fail);
    } catch (e) {
      // A guard, an effect or a property that throws fails the run: the
      // check ends with a verdict, and the run shrinks like any other.
      return fail({
        property: THROWS,
        message: `${errorLine(e)} (after ${steps.length} step${steps.length === 1 ? '' : 's'})`,
      });
    }
  };

  const steer = (
    init: S,
    steps: Step<S>[],
    choices: readonly number[],
    fail: (f: { property: string; message: string }) => RunFailure<S>,
  ): RunFailure<S> | undefined => {
    const shrinking = budget.shrinking;
    const bad0 = checkState(init);
    if (!shrinking) visit(init);
    if (bad0) return fail(bad0);
    let s: S = init;
    const enabled: { act: Action<S, any>; param: unknown; o: Outcome<S> }[] = [];
    for (let c = 0; c < choices.length; c++) {
      enabled.length = 0;
      forEachStep(m, s, (act, param, o) => {
        enabled.push({ act, param, o });
      });
      if (!enabled.length) break;
      const pick = weight
        ? weightedPick(enabled, weight, choices[c]!)
        : enabled[choices[c]! % enabled.length]!;
      const next = pick.o.next;
      const label = makeLabel(pick.act, pick.param, pick.o);
      steps.push({ from: s, label, to: next });
      if (!shrinking) {
        stepsTaken++;
        longest = Math.max(longest, steps.length);
        visit(next);
      }
      for (const p of stepProps)
        if (!p.holds(s, label, next))
          return fail({
            property: p.name,
            message: p.why ? p.why(s, label, next) : `the step ${labelText(label)} violates it`,
          });
      if (matcher) {
        const bad = matcher.check(s, label, next);
        if (bad)
          return fail({
            property: 'obligation 2: every step is simulated',
            message: `the ${label.external ? 'external' : 'internal'} step ${labelText(label)}: ${bad.message}`,
          });
      }
      const bad = checkState(next);
      if (bad) return fail(bad);
      s = next;
    }
    return undefined;
  };

  const base = {
    check: 'simulate' as const,
    subject: m.name,
    complete: false,
    seed,
  };
  const stats = () => ({
    states: visited.size,
    transitions: stepsTaken,
    depth: longest,
    runs: runsMade,
    ms: performance.now() - t0,
  });
  const failed = (counterexample: RunFailure<S>, path?: string): SimulateResult<S> => {
    const note = budget.shrinkNote();
    return {
      ...base,
      runs: runsMade,
      shrinks: budget.shrinks,
      holds: false,
      stats: stats(),
      unreached: [],
      counterexample,
      ...(path ? { path, replay: `--seed ${seed} --path ${path}` } : {}),
      ...(note ? { budget: note } : {}),
    };
  };

  const arb = fc.array(fc.nat(), { maxLength: maxSteps, size: 'max' });
  let details: fc.RunDetails<[number[]]>;
  try {
    details = fc.check(
      fc.property(arb, (choices) => {
        budget.before();
        if (!budget.shrinking) runsMade++;
        const f = run(choices);
        if (f) budget.failed();
        if (opts.onProgress && performance.now() - lastProgress > 100) {
          lastProgress = performance.now();
          opts.onProgress({
            states: visited.size,
            transitions: stepsTaken,
            depth: longest,
            ms: lastProgress - t0,
          });
        }
        return f === undefined;
      }),
      { numRuns: runs, seed, ...(opts.path ? { path: opts.path } : {}), ...budget.params() },
    );
  } catch (e) {
    // fast-check cannot follow the replay path (it is another check's, or the model changed).
    return failed({
      property: 'the replay path leads to a run',
      message: errorLine(e),
      trace: { init: inits[0]!, steps: [] },
    });
  }
  if (details.failed && details.counterexample) {
    const path = details.counterexamplePath ?? undefined;
    const failure = run(details.counterexample[0]) ?? {
      property: 'the failing run fails again',
      message:
        'it failed when fast-check ran it, and passed when run again: is the model deterministic?',
      trace: { init: inits[0]!, steps: [] },
    };
    return failed(failure, path);
  }
  const unreached = [...goals];
  const cut =
    budget.runsNote(runs, runsMade) ??
    (details.failed ? `${runs} runs (fast-check stopped after ${runsMade})` : undefined);
  if (cut) unreached.push(cut);
  return {
    ...base,
    runs: runsMade,
    shrinks: 0,
    holds: unreached.length === 0,
    stats: stats(),
    unreached,
  };
}

/** The property a run fails when a guard, an effect or a property throws. */
const THROWS = 'the model runs without an error';

function weightedPick<T extends { act: Action<any, any> }>(
  enabled: readonly T[],
  weight: (a: Action<any, any>) => number,
  choice: number,
): T {
  let total = 0;
  for (const e of enabled) total += Math.max(0, weight(e.act));
  if (total <= 0) return enabled[choice % enabled.length]!;
  let r = choice % total;
  for (const e of enabled) {
    r -= Math.max(0, weight(e.act));
    if (r < 0) return e;
  }
  return enabled[enabled.length - 1]!;
}
