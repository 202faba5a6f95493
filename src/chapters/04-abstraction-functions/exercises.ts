/**
 * Chapter 04's exercises: strengthen an invariant until it is inductive
 * (Peterson's algorithm), and write an abstraction function (a queue made
 * of two stacks).
 *
 * @module
 */
import type { Invariant } from '../../index';
import {
  explore,
  inductive,
  refines,
  renderRefinementFailure,
  renderState,
  renderTrace,
} from '../../index';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise } from '../chapter';
import type { PetersonState } from './peterson';
import { peterson, petersonMutex, petersonUniverse } from './peterson';
import type { QueueState, Stacks } from './queue';
import { queue, twoStacks } from './queue';

const SLUG = '04-abstraction-functions';

function failed(explanation: string): ExerciseVerdict {
  return { passed: false, explanation };
}

function isInvariant(x: unknown): x is Invariant<PetersonState> {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Invariant<PetersonState>).name === 'string' &&
    typeof (x as Invariant<PetersonState>).holds === 'function'
  );
}

/**
 * Exercise 4.1's check: the reader's conjuncts hold on every reachable
 * state, together they are inductive, and they imply mutual exclusion.
 *
 * @param mod - the reader's module, exporting `invariants`
 * @returns the verdict
 */
export function checkPetersonInvariant(mod: Record<string, unknown>): ExerciseVerdict {
  const invs = mod.invariants;
  if (!Array.isArray(invs) || invs.length === 0 || !invs.every(isInvariant))
    return failed(
      'The file must export `invariants`, a non-empty array of invariants made with invariant(name, holds).',
    );
  const reach = explore(peterson, { invariants: invs });
  if (!reach.holds && reach.counterexample)
    return failed(
      `"${reach.counterexample.property}" is not an invariant at all: a reachable state breaks it. Strengthening must not make the invariant false.\n\n${renderTrace(peterson, reach.counterexample.trace)}`,
    );
  const tooWeak = petersonUniverse().find(
    (s) => invs.every((i) => i.holds(s)) && !petersonMutex.holds(s),
  );
  if (tooWeak)
    return failed(
      `Your invariants allow a state where p1 and p2 are both in cs, so they cannot prove mutual exclusion. Keep the conjunct "${petersonMutex.name}" (or one that implies it):\n\n${renderState(peterson, tooWeak)}`,
    );
  const r = inductive(peterson, { invariants: invs, universe: { enumerate: petersonUniverse } });
  if (r.cti)
    return failed(
      `Not inductive yet. A counterexample to induction (the state need not be reachable; it satisfies every conjunct you wrote, and one step breaks "${r.cti.broken}"):\n\n${renderTrace(peterson, r.counterexample!.trace)}\n\nAdd a conjunct that is true of every reachable state and false of this one.`,
    );
  if (!r.holds)
    return failed(
      `The check did not pass: ${r.counterexample?.message ?? r.unreached.join('; ')}.`,
    );
  return {
    passed: true,
    explanation: `Inductive: every one of the ${r.hypothesisStates} states (of ${r.stats.states}) that satisfy your ${invs.length} conjuncts steps only to states that satisfy them, and the ${reach.stats.states} reachable states all do. Mutual exclusion follows.`,
  };
}

/**
 * Exercise 4.2's check: the reader's abstraction function makes the two
 * stacks refine Queue.
 *
 * @param mod - the reader's module, exporting `f`
 * @returns the verdict
 */
export function checkQueueAbstraction(mod: Record<string, unknown>): ExerciseVerdict {
  const fn = mod.f;
  if (typeof fn !== 'function')
    return failed('The file must export a function `f(y: Stacks): QueueState`.');
  const abstraction = (y: Stacks): QueueState => {
    const x = (fn as (y: Stacks) => QueueState)(y);
    if (!x || !Array.isArray(x.q))
      throw new Error(`f(${JSON.stringify(y)}) returned ${JSON.stringify(x)}, not { q: [...] }`);
    return { q: [...x.q] };
  };
  let r: ReturnType<typeof refines<Stacks, QueueState>>;
  try {
    r = refines(twoStacks, { spec: queue, abstraction });
  } catch (e) {
    return failed(`Your f threw: ${(e as Error).message}`);
  }
  if (!r.holds)
    return failed(
      r.failure
        ? `The diagram does not commute:\n\n${renderRefinementFailure(twoStacks, queue, r)}`
        : `The check did not pass: ${r.counterexample?.message ?? r.unreached.join('; ')}.`,
    );
  return {
    passed: true,
    explanation: `TwoStacks refines Queue under your f: ${r.stats.states} states, ${r.stats.transitions} steps, each simulated.`,
  };
}

/** The exercises of chapter 04. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '4.1',
    title: 'Make Peterson’s invariant inductive',
    task: 'Mutual exclusion holds in every reachable state of Peterson’s algorithm, but it is not inductive. Add conjuncts to `invariants` until `inductive` finds no counterexample to induction.',
    hint: 'Two kinds of fact are missing: what a process’s flag says about where it is, and who must have the turn when one process is in cs while the other waits.',
    name: '4.1-peterson',
    check: checkPetersonInvariant,
  }),
  exercise(SLUG, {
    id: '4.2',
    title: 'A queue from two stacks: the abstraction function',
    task: 'Write f, from the two stacks to the queue they implement, so that every step of TwoStacks is simulated by Queue.',
    hint: 'The front of the queue is the top of out (its last element). Read out from the top down, then in from the bottom up.',
    name: '4.2-queue',
    check: checkQueueAbstraction,
  }),
];
