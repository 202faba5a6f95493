/**
 * Chapter 05's exercises: write the majority's abstraction function, and
 * find the bug in a coordinator.
 *
 * @module
 */
import { refines, renderRefinementFailure, summarize } from '../../index';
import { type DState, specD } from '../03-consensus-specs/specs';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { checkCoordinator, checkCoordinatorLive, majGoals } from './checks';
import { type CoordinatorCode, coordConfig, coordinator } from './coordinator';
import { type MajState, majConfig, majority } from './majority';
import { observeAsD } from './processes';

const SLUG = '05-simple-implementations';

function failed(explanation: string): ExerciseVerdict {
  return { passed: false, explanation };
}

/**
 * Exercise 5.1's check: the majority implementation refines D under the
 * reader's abstraction function.
 *
 * @param mod - the reader's module, exporting `f`
 * @returns the verdict
 */
export function checkMajorityAF(mod: Record<string, unknown>): ExerciseVerdict {
  const fn = mod.f;
  if (typeof fn !== 'function')
    return failed('The file must export a function `f(y: MajState): DState`.');
  const m = majority();
  const spec = specD(majConfig.values);
  const abstraction = (y: MajState): DState => {
    const x = (fn as (y: MajState) => DState)(y);
    if (!x || !Array.isArray(x.allowed) || typeof x.done !== 'boolean')
      throw new Error(`f returned ${JSON.stringify(x)}, not { allowed, outcome, done }`);
    return { allowed: [...x.allowed].sort((a, b) => a - b), outcome: x.outcome, done: x.done };
  };
  let r: ReturnType<typeof refines<MajState, DState>>;
  try {
    r = refines(
      m,
      { spec, abstraction, observe: observeAsD },
      { reachable: majGoals(majConfig.quorum) },
    );
  } catch (e) {
    return failed(`Your f threw: ${(e as Error).message}`);
  }
  if (!r.holds)
    return failed(
      r.failure
        ? `The diagram does not commute:\n\n${renderRefinementFailure(m, spec, r)}`
        : `The check did not pass: ${summarize(r)}`,
    );
  return {
    passed: true,
    explanation: `Majority(2 of 3) refines D under your f, with loss and a crash: ${r.stats.states} states, ${r.stats.transitions} steps, each simulated.`,
  };
}

/**
 * Exercise 5.2's check: the reader's coordinator refines D and still lets
 * every process learn the outcome despite lost messages.
 *
 * @param mod - the reader's module, exporting `code`
 * @returns the verdict
 */
export function checkCoordinatorFix(mod: Record<string, unknown>): ExerciseVerdict {
  const code = mod.code as CoordinatorCode | undefined;
  if (
    !code ||
    typeof code.mayChoose !== 'function' ||
    typeof code.answer !== 'function' ||
    typeof code.retransmit !== 'boolean'
  )
    return failed('The file must export `code`: { mayChoose, answer, retransmit }.');
  const r = checkCoordinator(coordConfig, code);
  if (!r.holds)
    return failed(
      r.failure
        ? `The coordinator does not refine D:\n\n${renderRefinementFailure(coordinator(coordConfig, code), specD(coordConfig.values), r)}`
        : `The coordinator does not pass its check: ${summarize(r)}`,
    );
  const live = checkCoordinatorLive(code);
  if (!live.holds)
    return failed(`Safe now, but a lost message can strand a process: ${summarize(live)}`);
  return {
    passed: true,
    explanation: `The coordinator refines D (${r.stats.states} states, with loss and a crash), and without crashes every process can always still learn the outcome (${live.stats.states} states).`,
  };
}

/** The exercises of chapter 05. */
export const exercises: readonly Exercise[] = [
  {
    id: '5.1',
    title: 'The majority’s abstraction function',
    task: 'Write f from the majority implementation’s state to D’s: allowed, outcome (the choice of a majority, or nil) and done (everyone has gotten the outcome), as §5.2 describes it.',
    hint: 'outcome: count, for each value, the processes whose choice it is; a value with at least 2 of the 3 is the outcome. done: every process knows a value (use known(y, i, 2)).',
    file: `exercises/${SLUG}/5.1-majority-af.ts`,
    solution: `solutions/${SLUG}/5.1-majority-af.ts`,
    check: checkMajorityAF,
  },
  {
    id: '5.2',
    title: 'Find the bug in a coordinator',
    task: 'The coordinator in the file is almost right. Run the check, read the commuting diagram that does not close, and fix the code.',
    hint: 'Look at what D’s Agree(v) requires, and at which values this coordinator may choose.',
    file: `exercises/${SLUG}/5.2-coordinator-bug.ts`,
    solution: `solutions/${SLUG}/5.2-coordinator-bug.ts`,
    check: checkCoordinatorFix,
  },
];
