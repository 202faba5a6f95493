/**
 * Chapter 03's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import type { Invariant, Machine, Nil, WithHistory } from '../../index';
import {
  action,
  choose,
  explore,
  machine,
  nil,
  override,
  renderRefinementFailure,
  renderTrace,
  returns,
  to,
} from '../../index';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise } from '../chapter';
import { checkProphecyHarmless, included, prophecySimulation } from './checks';
import { config } from './config';
import { outcomeDefault } from './mutants';
import type { Seen } from './properties';
import { goalsC, observed } from './properties';
import type { ProphecyRules } from './prophecy';
import { dWithProphecy } from './prophecy';
import type { CState, Value } from './specs';
import { C, specC, specD, specT } from './specs';

const SLUG = '03-consensus-specs';
const ctx = { seed: 1 };

/** C whose Allow(v) stores the next value instead of v: Outcome returns a value nobody allowed. */
export const allowStoresNext = (values: readonly Value[]) =>
  override(specC(values), C.Allow, {
    effect: (s: CState, v: Value) =>
      choose(
        s.outcome === null
          ? to({ outcome: values[(values.indexOf(v) + 1) % values.length]! })
          : to(s),
        to(s),
      ),
  });

/** outcomeDrifts' state: C's, and whether Outcome has returned the chosen value yet. */
interface DriftState {
  readonly outcome: Value | Nil;
  readonly read: boolean;
}

/**
 * C whose Outcome, once it has returned the chosen value, may also return
 * the next bigger one (`up`) or the next smaller one (`down`). Outcome's
 * first non-nil result is always allowed, and so is the smallest of its
 * results (`up`) or the biggest (`down`); a later one need not be.
 */
export const outcomeDrifts = (
  values: readonly Value[],
  way: 'up' | 'down',
): Machine<DriftState> => {
  const next = (v: Value) =>
    way === 'up' ? values.find((w) => w > v) : [...values].reverse().find((w) => w < v);
  return machine<DriftState>({
    name: `C (Outcome drifts ${way} after its first result)`,
    init: [{ outcome: nil, read: false }],
    actions: [
      action({
        name: 'Allow',
        external: true,
        params: () => values,
        effect: (s: DriftState, v: Value) =>
          choose(s.outcome === nil ? to({ ...s, outcome: v }) : to(s), to(s)),
      }),
      action({
        name: 'Outcome',
        external: true,
        effect: (s: DriftState) => {
          const later = s.read && s.outcome !== nil ? next(s.outcome) : undefined;
          return choose(
            returns({ ...s, read: s.read || s.outcome !== nil }, s.outcome),
            returns(s, nil),
            later !== undefined && returns(s, later),
          );
        },
      }),
    ],
    key: (s) => `${s.outcome}/${s.read}`,
  });
};

function checkValidity(mod: Record<string, unknown>): ExerciseVerdict {
  const inv = mod.validity as Invariant<WithHistory<unknown, Seen>> | undefined;
  if (!inv || typeof inv.holds !== 'function')
    return { passed: false, explanation: 'The file does not export an invariant named validity.' };
  const correct: Machine<any>[] = [
    specC(config.values),
    specT(config.values),
    specD(config.values),
  ];
  for (const m of correct) {
    const r = explore(observed(m), { invariants: [inv], reachable: goalsC });
    if (!r.holds)
      return {
        passed: false,
        explanation: r.counterexample
          ? `Your validity fails on the correct spec ${m.name}, which satisfies Validity:\n${r.counterexample.message}\n\n${renderTrace(observed(m), r.counterexample.trace)}`
          : `On ${m.name}, no state reached: ${r.unreached.join('; ')}.`,
      };
  }
  const wrong: Machine<any>[] = [
    outcomeDefault(config.values),
    allowStoresNext(config.values),
    outcomeDrifts(config.values, 'up'),
    outcomeDrifts(config.values, 'down'),
  ];
  for (const m of wrong) {
    const r = explore(observed(m), { invariants: [inv] });
    if (r.holds) {
      const bad = explore(observed(m), {
        invariants: [
          {
            name: 'results allowed',
            holds: (x: WithHistory<unknown, Seen>) =>
              x.h.results.every((v) => x.h.allows.includes(v)),
          },
        ],
      });
      return {
        passed: false,
        explanation: `Your validity holds on ${m.name}, which breaks Validity. In this run Outcome returns a value that no Allow allowed, and your invariant says nothing:\n\n${renderTrace(observed(m), bad.counterexample!.trace)}`,
      };
    }
  }
  return {
    passed: true,
    explanation: `Your validity holds on C, T and D with their histories, and catches all four specs whose Outcome returns a value never allowed (two of them only after an allowed one).`,
  };
}

function checkProphecy(mod: Record<string, unknown>): ExerciseVerdict {
  const rule = mod.rule as ProphecyRules | undefined;
  if (!rule || typeof rule.guess !== 'function' || typeof rule.agree !== 'function')
    return {
      passed: false,
      explanation: 'The file does not export a rule with functions guess and agree.',
    };
  const same = checkProphecyHarmless(ctx, rule);
  if (!same.holds) {
    const dp = dWithProphecy(config.values, rule);
    const ran: Machine<any> = same.subject === dp.name ? dp : specD(config.values);
    return {
      passed: false,
      explanation: `Your prophecy changes D's traces, so it does more than predict.\n${same.counterexample!.message}\n\nThe run of ${ran.name}:\n${renderTrace(ran, same.counterexample!.trace)}`,
    };
  }
  const sim = prophecySimulation(ctx, rule);
  if (!sim.holds)
    return {
      passed: false,
      explanation: `D with your prophecy has D's traces, but f(d) = (outcome ?? p, done) is still no forward simulation to T:\n\n${renderRefinementFailure(dWithProphecy(config.values, rule), specT(config.values), sim)}`,
    };
  return {
    passed: true,
    explanation: `D with your prophecy has exactly D's traces (${same.stats.states} pairs explored), and it simulates T under f(d) = (outcome ?? p, done) in all ${sim.stats.states} reachable states.`,
  };
}

/** The six questions of exercise 3.3. */
export const QUESTIONS = [
  'C implements T',
  'T implements C',
  'C implements D',
  'D implements C',
  'T implements D',
  'D implements T',
] as const;

function checkWhoImplementsWhom(mod: Record<string, unknown>): ExerciseVerdict {
  const answers = mod.answers as Record<string, boolean | null> | undefined;
  if (!answers || typeof answers !== 'object')
    return { passed: false, explanation: 'The file does not export an object named answers.' };
  const specs: Record<string, Machine<any>> = {
    C: specC(config.values),
    T: specT(config.values),
    D: specD(config.values),
  };
  const lines: string[] = [];
  let right = 0;
  for (const q of QUESTIONS) {
    const [y, , x] = q.split(' ') as [string, string, string];
    const r = included(specs[y]!, specs[x]!, ctx);
    const a = answers[q];
    if (a === r.holds) {
      right++;
      lines.push(`  ${q}: ${a ? 'yes' : 'no'}, right.`);
    } else if (a === null || a === undefined) lines.push(`  ${q}: not answered yet.`);
    else if (r.holds)
      lines.push(
        `  ${q}: you say no, but every trace of ${y} is one of ${x} (${r.stats.states} pairs explored, traces of every length).`,
      );
    else lines.push(`  ${q}: you say yes, but ${r.counterexample!.message}.`);
  }
  return {
    passed: right === QUESTIONS.length,
    explanation: `${right} of ${QUESTIONS.length} right:\n${lines.join('\n')}`,
  };
}

/** The exercises of chapter 03. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '3.1',
    title: 'Validity over the history',
    task: 'Write validity, an invariant over a spec with the history of this chapter (x.h.results, the non-nil values Outcome returned; x.h.allows, the values Allow was called with). It must hold on C, T and D and fail on any spec whose Outcome returns a value never allowed.',
    hint: 'Validity says nothing about how many results there are; it says where each result came from.',
    name: '3.1-validity',
    check: checkValidity,
  }),
  exercise(SLUG, {
    id: '3.2',
    title: 'The prophecy’s rules',
    task: 'Write the prophecy for D: guess(s, v), the values p may take after Allow(v), and agree(s, v), the extra guard on Agree(v). D with it must have exactly D’s traces, and f(d) = (outcome ?? p, done) must be a forward simulation from it to T.',
    hint: 'T decides inside Allow(v), or lets it pass. Let p do the same; then make Agree keep the promise p made.',
    name: '3.2-prophecy',
    check: checkProphecy,
  }),
  exercise(SLUG, {
    id: '3.3',
    title: 'Who implements whom?',
    task: 'For each pair of C, T and D, decide whether the first implements the second (every trace of the first is a trace of the second), and say so in answers. The check asks traceIncluded and shows, for each wrong answer, a trace that settles it.',
    hint: 'A trace is the sequence of external actions, with their parameters and results. Which external actions does each spec have at all?',
    name: '3.3-who-implements-whom',
    check: checkWhoImplementsWhom,
  }),
];
