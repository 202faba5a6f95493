/**
 * Chapter 07's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import type { Invariant } from '../../index';
import { explore, renderTrace } from '../../index';
import { roundsTable } from '../06-paxos-state/demo';
import { invariantsOf } from '../06-paxos-state/invariants';
import { paxos, rules } from '../06-paxos-state/paxos';
import { anchored } from '../06-paxos-state/predicates';
import type { PaxosConfig, PaxosState, Round, Status } from '../06-paxos-state/state';
import { roundCount, roundName } from '../06-paxos-state/state';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise } from '../chapter';
import { checkInductive } from './checks';
import { config, threeRoundsConfig } from './config';

const SLUG = '07-paxos-invariants';

function checkStrengthening(mod: Record<string, unknown>): ExerciseVerdict {
  const mine = mod.strengthened;
  if (!Array.isArray(mine) || !mine.every((i) => typeof i?.holds === 'function'))
    return {
      passed: false,
      explanation: 'The file does not export strengthened, a list of invariants.',
    };
  const conjuncts = mine as Invariant<PaxosState>[];
  const { invariant2 } = invariantsOf(config);
  const all = conjuncts.some((i) => i.name === invariant2.name)
    ? conjuncts
    : [...conjuncts, invariant2];
  const m = paxos(config, rules);
  const reach = explore(m, { invariants: all });
  if (!reach.holds && reach.counterexample)
    return {
      passed: false,
      explanation: `"${reach.counterexample.property}" is not even true: a reachable state breaks it (${reach.counterexample.message}). An inductive invariant must hold in every reachable state.\n\n${renderTrace(m, reach.counterexample.trace)}`,
    };
  const r = checkInductive(config, rules, all);
  if (r.badInit)
    return { passed: false, explanation: r.counterexample?.message ?? 'fails initially' };
  if (r.cti)
    return {
      passed: false,
      explanation: `Not inductive yet. This state satisfies your ${all.length === 1 ? 'one conjunct' : `${all.length} conjuncts`} but is not reachable; the step ${r.counterexample!.trace.steps[0]!.label.action} takes it to a state where "${r.cti.broken}" fails. Add a conjunct that is true of every reachable state and false here.\n\n${renderTrace(m, r.counterexample!.trace)}`,
    };
  return {
    passed: true,
    explanation: `Inductive: your ${all.length} conjuncts hold in all ${reach.stats.states} reachable states, and every one of the ${r.hypothesisStates} states of the universe (of ${r.stats.states}) that satisfies them steps only to states that satisfy them.`,
  };
}

/**
 * The shapes of status arrays the check of exercise 7.2 runs on: 3 agents
 * and 3 rounds, and two where the number of agents differs from the number
 * of rounds (so that a loop bounded by the wrong one shows), each with one
 * leader and values {7, 8}.
 */
const anchoredShapes: readonly PaxosConfig[] = [
  threeRoundsConfig,
  { agents: 2, leaders: 1, maxJ: 4, values: [7, 8] },
  { agents: 4, leaders: 1, maxJ: 2, values: [7, 8] },
];

/** Every status array of c's agents and rounds, values {7, 8}, with at most one value per round. */
function statusArrays(c: PaxosConfig): PaxosState[] {
  const R = roundCount(c);
  const choices: Status[] = ['neutral', 'no', 7, 8];
  // The statuses of one round, agent by agent: at most one value among them.
  let columns: Status[][] = [[]];
  for (let i = 0; i < c.agents; i++)
    columns = columns.flatMap((col) => choices.map((x) => [...col, x]));
  columns = columns.filter((col) => new Set(col.filter((x) => typeof x === 'number')).size <= 1);
  let arrays: Status[][][] = [[]];
  for (let n = 0; n < R; n++)
    arrays = arrays.flatMap((cols) => columns.map((col) => [...cols, col]));
  const rounds = Array.from({ length: R }, (_, n) => n);
  return arrays.map((cols) => ({
    s: Array.from({ length: c.agents }, (_, i) => rounds.map((n) => cols[n]![i]!)),
    leaders: [{ j: c.maxJ, n: null, u: null, allowed: [] }],
    command: rounds.map(() => null),
    done: false,
    everAllowed: [],
  }));
}

function checkAnchored(mod: Record<string, unknown>): ExerciseVerdict {
  const f = mod.anchored;
  if (typeof f !== 'function')
    return { passed: false, explanation: 'The file does not export a function named anchored.' };
  const yours = f as (s: PaxosState, n: Round) => boolean;
  let count = 0;
  for (const c of anchoredShapes) {
    const states = statusArrays(c);
    count += states.length;
    for (const s of states)
      for (let n = 0; n < roundCount(c); n++) {
        const want = anchored(s, n);
        const got = yours(s, n);
        if (got !== want)
          return {
            passed: false,
            explanation: `anchored(s, ${roundName(c, n)}) returned ${got}, but round ${roundName(c, n)} is ${want ? '' : 'not '}anchored in this state (${c.agents} agents, ${roundCount(c)} rounds):\n\n${roundsTable(c, s)}`,
          };
      }
  }
  return {
    passed: true,
    explanation: `Your anchored agrees with the definition of §6.3 on every round of all ${count} status arrays of ${anchoredShapes.map((c) => `${c.agents} agents and ${roundCount(c)} rounds`).join(', ')}, values {7, 8}, in which a round has at most one value.`,
  };
}

/** The exercises of chapter 07. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '7.1',
    title: 'Strengthen Invariant 2 until it is inductive',
    task: 'Export strengthened: a list of invariants that includes Invariant 2, holds in every reachable state, and is inductive over the universe of the chapter. The check shows a counterexample to induction until it is.',
    hint: 'Start with Invariant 1 and "every round with a value is anchored". Then say what a command must be (it keeps its round anchored; every v_n is one), and what a leader that has not chosen, or has not started a round, has not sent.',
    name: '7.1-strengthen',
    check: checkStrengthening,
  }),
  exercise(SLUG, {
    id: '7.2',
    title: 'Anchored',
    task: 'Write anchored(s, n): for all m ≤ n, m is dead or v_m = v_n (§6.3). Use v_n and dead from chapter 06.',
    hint: 'Rounds are numbered 0, 1, 2, ... in N’s order, so "m ≤ n" is a loop over m from 0 to n. v_n may be nil, and so may v_m.',
    name: '7.2-anchored',
    check: checkAnchored,
  }),
];
