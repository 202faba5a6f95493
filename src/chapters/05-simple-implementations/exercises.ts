/**
 * Chapter 05's exercises: write the majority's abstraction function, and
 * find the bug in a coordinator.
 *
 * @module
 */
import { refines, renderRefinementFailure, summarize } from '../../index';
import type { DState } from '../03-consensus-specs/specs';
import { specD } from '../03-consensus-specs/specs';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import { checkCoordinator, checkCoordinatorLive, majorityGoals, refinementToD } from './checks';
import { coordinatorConfig, majorityConfig } from './config';
import type { CoordinatorRules } from './coordinator';
import { coordinator } from './coordinator';
import type { MajorityState } from './majority';
import { majority } from './majority';

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
export function checkMajorityToD(mod: Record<string, unknown>): ExerciseVerdict {
  const f = exportedFunction<(y: MajorityState) => DState>(mod, 'f');
  const m = majority();
  const abstraction = (y: MajorityState): DState => {
    const x = f(y);
    if (!x || !Array.isArray(x.allowed) || typeof x.done !== 'boolean')
      throw new Error(`f returned ${JSON.stringify(x)}, not { allowed, outcome, done }`);
    return { allowed: [...x.allowed].sort((a, b) => a - b), outcome: x.outcome, done: x.done };
  };
  const r = refinementToD(m, majorityConfig.values, abstraction);
  let result: ReturnType<typeof refines<MajorityState, DState>>;
  try {
    result = refines(m, r, { reachable: majorityGoals(majorityConfig.quorum) });
  } catch (e) {
    return failed(`Your f threw: ${(e as Error).message}`);
  }
  if (!result.holds)
    return failed(
      result.failure
        ? `The diagram does not commute:\n\n${renderRefinementFailure(m, r.spec, result)}`
        : `The check did not pass: ${summarize(result)}`,
    );
  return {
    passed: true,
    explanation: `${m.name} refines D under your f, with loss and a crash: ${result.stats.states} states, ${result.stats.transitions} steps, each simulated.`,
  };
}

/** Is this a coordinator's rules, as exercise 5.2 asks for? */
const isRules = (x: unknown): x is CoordinatorRules =>
  typeof x === 'object' &&
  x !== null &&
  'mayChoose' in x &&
  typeof x.mayChoose === 'function' &&
  'answer' in x &&
  typeof x.answer === 'function' &&
  'retransmit' in x &&
  typeof x.retransmit === 'boolean';

/**
 * Exercise 5.2's check: the reader's coordinator refines D and still lets
 * every process learn the outcome despite lost messages.
 *
 * @param mod - the reader's module, exporting `rules`
 * @returns the verdict
 */
export function checkCoordinatorFix(mod: Record<string, unknown>): ExerciseVerdict {
  const rules = mod.rules;
  if (!isRules(rules))
    return failed('The file must export `rules`: { mayChoose, answer, retransmit }.');
  const r = checkCoordinator(rules);
  if (!r.holds)
    return failed(
      r.failure
        ? `The coordinator does not refine D:\n\n${renderRefinementFailure(coordinator(coordinatorConfig, rules), specD(coordinatorConfig.values), r)}`
        : `The coordinator does not pass its check: ${summarize(r)}`,
    );
  const live = checkCoordinatorLive(rules);
  if (!live.holds)
    return failed(`Safe now, but a lost message can strand a process: ${summarize(live)}`);
  return {
    passed: true,
    explanation: `The coordinator refines D (${r.stats.states} states, with loss and a crash), and without crashes every process can always still learn the outcome (${live.stats.states} states).`,
  };
}

/** The exercises of chapter 05. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '5.1',
    title: 'The majority’s abstraction function',
    task: 'Write f from the majority implementation’s state to D’s: allowed, outcome (the choice of a majority, or nil) and done (everyone has gotten the outcome), as §5.2 describes it.',
    hint: 'outcome: count, for each value, the processes whose choice it is; a value with at least 2 of the 3 is the outcome. done: every process knows a value (use known(p, i, 2) for process i in state p).',
    name: '5.1-majority-af',
    check: checkMajorityToD,
  }),
  exercise(SLUG, {
    id: '5.2',
    title: 'Find the bug in a coordinator',
    task: 'The coordinator in the file is almost right. Run the check, read the commuting diagram that does not close, and fix the rules.',
    hint: 'Look at what D’s Agree(v) requires, and at which values this coordinator may choose.',
    name: '5.2-coordinator-bug',
    check: checkCoordinatorFix,
  }),
];
