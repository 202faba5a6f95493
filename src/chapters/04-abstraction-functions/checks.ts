/**
 * Chapter 04's checks: the method of §5.1 on the token ring, one
 * obligation at a time.
 *
 * @module
 */
import type {
  CheckResult,
  CounterexampleToInduction,
  InductiveResult,
  Invariant,
  Machine,
  Refinement,
} from '../../index';
import { explore, inductive, invariant, reachable, refines, renderState } from '../../index';
import type { CheckContext } from '../chapter';
import { boundsOf } from '../chapter';
import { ringToMutex } from './abstraction';
import { config } from './config';
import { candidates, universe } from './invariants';
import type { MutexState } from './mutex';
import { mutex } from './mutex';
import type { RingState } from './ring';
import { ring } from './ring';

// #region check-inductive
/**
 * Is the conjunction of `invs` inductive for the ring? Every state of the
 * bounded universe that satisfies it, reachable or not, must step only to
 * states that satisfy it.
 */
export function checkInductive(
  invs: readonly Invariant<RingState>[],
  m: Machine<RingState> = ring(),
): InductiveResult<RingState> {
  return inductive(m, {
    invariants: invs,
    universe: { enumerate: () => universe(config.processes) },
  });
}
// #endregion check-inductive

/** The counterexample to induction of a candidate invariant (the chapter's candidates 0 and 1 have one). */
export function ctiOf(candidate: number): CounterexampleToInduction<RingState> {
  const r = checkInductive(candidates[candidate]!);
  if (!r.cti) throw new Error(`candidate ${candidate} unexpectedly is inductive`);
  return r.cti;
}

/**
 * The claim "this candidate is NOT inductive", as a check: it holds when
 * `inductive` finds a counterexample to induction, and fails (so it can
 * fail) if the candidate turns out to be inductive after all.
 *
 * @param r - the result of {@link checkInductive}
 * @returns the inverted result
 */
export function notInductive(r: InductiveResult<RingState>): CheckResult<RingState> {
  if (r.cti) {
    const { counterexample: _shown, ...rest } = r;
    return { ...rest, holds: true };
  }
  return { ...r, holds: false, unreached: ['a counterexample to induction'] };
}

/**
 * The counterexamples to induction are unreachable: explore the ring and
 * check that no reachable state is one of them.
 *
 * @param ctis - the counterexamples
 * @param ctx - bounds
 * @returns the exploration's result
 */
export function checkUnreachable(
  ctis: readonly CounterexampleToInduction<RingState>[],
  ctx: CheckContext = { seed: 1 },
) {
  const m = ring();
  return explore(m, {
    invariants: ctis.map((c) =>
      invariant<RingState>(
        `the state ${m.key(c.state)} is unreachable`,
        (s) => m.key(s) !== m.key(c.state),
        (s) => `it was reached:\n${renderState(m, s)}`,
      ),
    ),
    ...boundsOf(ctx),
  });
}

/** Goals that keep the refinement check from passing vacuously. */
export const ringGoals = [
  reachable<RingState>('the token went round to p3, who is in cs', (s) => s.p[2] === 'cs'),
  reachable<RingState>('a token is in flight', (s) => s.c.some((x) => x > 0)),
];

/**
 * The claim "the ring implements Mutex via f", for {@link refines}.
 *
 * @param abstraction - f (a mutant gives another)
 * @returns the refinement
 */
export function refinementToMutex(
  abstraction: (y: RingState) => MutexState = ringToMutex,
): Refinement<RingState, MutexState> {
  return { spec: mutex(config.processes), abstraction };
}

// #region check-refines
/**
 * The ring refines Mutex under f: obligation 1 (initial states), and
 * obligation 2 (every step from a reachable state is simulated), with the
 * inductive invariant checked in the same breadth-first pass.
 */
export function checkRefinement(
  m: Machine<RingState> = ring(),
  abstraction: (y: RingState) => MutexState = ringToMutex,
  ctx: CheckContext = { seed: 1 },
) {
  return refines(m, refinementToMutex(abstraction), {
    invariants: candidates[2],
    reachable: ringGoals,
    ...boundsOf(ctx),
  });
}
// #endregion check-refines
