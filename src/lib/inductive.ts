/**
 * Is an invariant inductive? The check behind "a stronger invariant can be
 * easier to maintain" (§5.1, §6.3).
 *
 * @module
 */
import fc from 'fast-check';
import { validBound } from './_internal/bounds';
import { forEachStep, makeLabel } from './_internal/successors';
import type { Label } from './label';
import { labelText } from './label';
import type { Machine } from './machine';
import type { Invariant } from './property';
import type { CheckResult, Progress } from './result';

/**
 * Where {@link inductive} looks: every state of a bounded universe, or a sample of it.
 *
 * @category Checks
 */
export type Universe<S> =
  | {
      /** Every state of the universe, in a fixed order (exhaustive: the check is complete). */
      readonly enumerate: () => Iterable<S>;
    }
  | {
      /** A fast-check arbitrary that generates states (sampled: the check is not complete). */
      readonly sample: fc.Arbitrary<S>;
      /**
       * How many states to sample; a whole number from 1.
       *
       * @defaultValue 1000
       */
      readonly numRuns?: number;
      /**
       * The seed that makes the sample repeatable.
       *
       * @defaultValue 1
       */
      readonly seed?: number;
    };

/**
 * A counterexample to induction: a state that satisfies the invariant and a step out of it that breaks it.
 *
 * @category Checks
 */
export interface CounterexampleToInduction<S> {
  /** A state of the universe where every conjunct holds (it need not be reachable). */
  readonly state: S;
  /** The step taken from it. */
  readonly label: Label;
  /** The state after the step, where a conjunct fails. */
  readonly next: S;
  /** The conjunct that fails after the step. */
  readonly broken: string;
}

/**
 * The candidate inductive invariant and where to look, for {@link inductive}.
 *
 * @category Checks
 */
export interface InductiveOptions<S> {
  /** The conjuncts of the candidate inductive invariant. */
  readonly invariants: readonly Invariant<S>[];
  /** `{ enumerate }` for every state of a bounded universe, or `{ sample, numRuns, seed }` for a fast-check sample of it (shrunk on failure). */
  readonly universe: Universe<S>;
  /**
   * Progress callback.
   *
   * @defaultValue none
   */
  readonly onProgress?: (p: Progress) => void;
}

/**
 * The result of {@link inductive}.
 *
 * @category Checks
 */
export interface InductiveResult<S> extends CheckResult<S> {
  readonly check: 'inductive';
  /** States of the universe examined that satisfy the invariant (the induction hypothesis). */
  readonly hypothesisStates: number;
  /** A counterexample to induction, if one was found. */
  readonly cti?: CounterexampleToInduction<S>;
  /** An initial state that violates the invariant, if any (initiation fails). */
  readonly badInit?: S;
  /** The seed of a sampled universe, to replay it. */
  readonly seed?: number;
}

/**
 * Check that the conjunction of `invariants` is inductive: it holds in every
 * initial state (initiation), and every state of the universe that satisfies
 * it steps only to states that satisfy it (consecution). A failure of
 * consecution is a counterexample to induction: the state need not be
 * reachable, so it says the invariant is too weak to prove, not that the
 * machine is wrong.
 *
 * @param m - the machine
 * @param opts - the conjuncts, the universe, and a progress callback
 * @returns the verdict and, if it fails, the counterexample to induction
 * @throws Error if `numRuns` is not a whole number from 1 (a one-line message)
 * @example
 * ```ts
 * inductive(counter, { invariants: [notSeven], universe: { enumerate: () => states } }).cti;
 * ```
 * @category Checks
 */
export function inductive<S>(m: Machine<S>, opts: InductiveOptions<S>): InductiveResult<S> {
  const t0 = performance.now();
  const { invariants, universe, onProgress } = opts;
  if ('sample' in universe) validBound('numRuns', universe.numRuns, 1);
  const name = invariants.map((i) => i.name).join(' and ');
  const firstBroken = (s: S) => invariants.find((i) => !i.holds(s));
  let transitions = 0;
  let examined = 0;
  let universeStates = 0;
  const result = (rest: Partial<InductiveResult<S>> & { holds: boolean }): InductiveResult<S> => ({
    check: 'inductive',
    subject: m.name,
    complete: 'enumerate' in universe,
    stats: {
      states: universeStates,
      transitions,
      depth: 1,
      ...('sample' in universe ? { runs: universe.numRuns ?? 1000 } : {}),
      ms: performance.now() - t0,
    },
    unreached: [],
    hypothesisStates: examined,
    ...rest,
  });

  for (const s of m.init()) {
    const bad = firstBroken(s);
    if (bad)
      return result({
        holds: false,
        badInit: s,
        counterexample: {
          property: `initiation: ${bad.name}`,
          message: `an initial state violates ${bad.name}${bad.why ? `: ${bad.why(s)}` : ''}`,
          trace: { init: s, steps: [] },
        },
      });
  }

  /** Consecution from one state: the first step that breaks a conjunct. */
  const consecution = (s: S): CounterexampleToInduction<S> | undefined => {
    universeStates++;
    if (firstBroken(s)) return undefined;
    examined++;
    let cti: CounterexampleToInduction<S> | undefined;
    forEachStep(m, s, (act, param, o) => {
      transitions++;
      const bad = firstBroken(o.next);
      if (bad) {
        cti = { state: s, label: makeLabel(act, param, o), next: o.next, broken: bad.name };
        return true;
      }
      return false;
    });
    if (onProgress && (universeStates & 1023) === 0)
      onProgress({ states: universeStates, transitions, depth: 1, ms: performance.now() - t0 });
    return cti;
  };

  let cti: CounterexampleToInduction<S> | undefined;
  let seed: number | undefined;
  if ('enumerate' in universe) {
    for (const s of universe.enumerate()) {
      cti = consecution(s);
      if (cti) break;
    }
  } else {
    seed = universe.seed ?? 1;
    const details = fc.check(
      fc.property(universe.sample, (s) => consecution(s) === undefined),
      { numRuns: universe.numRuns ?? 1000, seed },
    );
    if (details.failed && details.counterexample) cti = consecution(details.counterexample[0]);
  }
  if (cti) {
    const broken = invariants.find((i) => i.name === cti!.broken);
    return result({
      holds: false,
      cti,
      ...(seed !== undefined ? { seed } : {}),
      counterexample: {
        property: `not inductive: ${name}`,
        message: `a state where ${name} holds (not necessarily reachable) takes the step ${labelText(cti.label)} to a state where ${cti.broken} fails${broken?.why ? `: ${broken.why(cti.next)}` : ''}`,
        trace: { init: cti.state, steps: [{ from: cti.state, label: cti.label, to: cti.next }] },
      },
    });
  }
  if (examined === 0)
    return result({
      holds: false,
      ...(seed !== undefined ? { seed } : {}),
      unreached: [
        'a state of the universe that satisfies the invariant (the check would be vacuous)',
      ],
    });
  return result({ holds: true, ...(seed !== undefined ? { seed } : {}) });
}
