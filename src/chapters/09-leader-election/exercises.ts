/**
 * Chapter 09's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import { type CheckResult, explore, renderTrace } from '../../index';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { checkTimely, checkTimelyRuns } from './checks';
import { type TimedConfig, timely } from './config';
import { slowest } from './demo';
import { drive } from './driver';
import { election, type Times } from './election';
import { measured } from './measure';
import { decidedInTime, leaderInTime, oneLeader, timelyGoals } from './properties';
import { correct, type ElectionState, paxosWithElection, type TimedRules } from './system';

const SLUG = '09-leader-election';

function functions(
  mod: Record<string, unknown>,
  names: readonly string[],
): Record<string, (...args: any[]) => any> | ExerciseVerdict {
  for (const n of names)
    if (typeof mod[n] !== 'function')
      return { passed: false, explanation: `The file does not export a function named ${n}.` };
  return mod as Record<string, (...args: any[]) => any>;
}

/** What went wrong in a check of the reader's code, with the run that shows it. */
function failed(
  what: string,
  c: TimedConfig,
  r: TimedRules,
  res: CheckResult<ElectionState>,
): ExerciseVerdict {
  if (res.counterexample)
    return {
      passed: false,
      explanation: `${what}: "${res.counterexample.property}" fails. ${res.counterexample.message}\n\n${renderTrace(paxosWithElection(c, r), res.counterexample.trace)}`,
    };
  return {
    passed: false,
    explanation: `${what}: no run ever reaches ${res.unreached.join('; ')}.`,
  };
}

async function checkElection(mod: Record<string, unknown>): Promise<ExerciseVerdict> {
  const f = functions(mod, ['wait', 'hear']);
  if ('passed' in f) return f as ExerciseVerdict;
  const r: TimedRules = {
    ...correct,
    election: { ...election, wait: f.wait as (t: Times) => number, hear: f.hear as never },
  };
  const ctx = { seed: 1 };
  const x = checkTimely(timely, r, ctx);
  if (!x.holds)
    return failed(
      'Exploring every run of 3 agents and 2 potential leaders (δ = 1, T = 2) with your rule',
      timely,
      r,
      x,
    );
  const y = checkTimelyRuns(r, ctx);
  if (!y.holds)
    return failed(
      'The small system is fine, but in 200 seeded runs of 5 agents and 3 potential leaders',
      measured,
      r,
      y,
    );
  return {
    passed: true,
    explanation: `With your rule there is one leader at a time, the biggest name leads by T + 2δ and every agent knows the outcome by T + 7δ, in all ${x.stats.states} states of the small system and in every step of ${y.stats.states} seeded runs of the bigger one.`,
  };
}

/** The configurations whose slowest runs the reader's bounds must match. */
const SLOW: readonly Times[] = [
  { delta: 1, timeout: 2 },
  { delta: 1, timeout: 3 },
  { delta: 2, timeout: 2 },
  { delta: 3, timeout: 5 },
];

async function checkBound(mod: Record<string, unknown>): Promise<ExerciseVerdict> {
  const f = functions(mod, ['leaderBound', 'decisionBound']);
  if ('passed' in f) return f as ExerciseVerdict;
  const lb = f.leaderBound as (t: Times) => number;
  const db = f.decisionBound as (t: Times) => number;
  for (const t of SLOW) {
    const c: TimedConfig = {
      ...timely,
      ...t,
      maxDelay: t.delta,
      firstTimers: [[0, t.timeout]],
      horizon: t.timeout + 10 * t.delta,
    };
    const d = drive({ config: c, seed: 1, delay: slowest });
    const where = `With δ = ${t.delta} and T = ${t.timeout}, the slowest timely run (l2's first timer at T, every message taking δ)`;
    if (lb(t) !== d.leaderAt)
      return {
        passed: false,
        explanation: `${where} has l2 leading at time ${d.leaderAt}, but your leaderBound gives ${lb(t)}. ${lb(t) < d.leaderAt! ? 'A bound must not be beaten by any run.' : 'Can any run be slower than this one? The exhaustive check says not, so a bigger number is not the bound.'}`,
      };
    if (db(t) !== d.decidedAt)
      return {
        passed: false,
        explanation: `${where} has every agent told the outcome at time ${d.decidedAt}, but your decisionBound gives ${db(t)}. Count the message delays from the moment l2 leads.`,
      };
  }
  const c = timely;
  const res = explore(paxosWithElection(c), {
    invariants: [
      oneLeader,
      leaderInTime(c, lb, 'your leaderBound'),
      decidedInTime(c, db, 'your decisionBound'),
    ],
    reachable: timelyGoals(c, lb, db),
  });
  if (!res.holds)
    return failed(
      'Exploring every run of 3 agents and 2 potential leaders (δ = 1, T = 2)',
      c,
      correct,
      res,
    );
  return {
    passed: true,
    explanation: `Your bounds equal the slowest runs of ${SLOW.length} configurations, and over all ${res.stats.states} states of the small system no run is slower and some run is exactly as slow.`,
  };
}

/** The exercises of chapter 09. */
export const exercises: readonly Exercise[] = [
  {
    id: '9.1',
    title: 'The election’s decision rule',
    task: 'Write wait(t), how long a candidate waits after broadcasting its name before it leads, and hear(e, t, p, me, from, clock), what a potential leader does on hearing another’s name: its new state, and whether it answers with its own.',
    hint: 'A candidate must hear about any bigger name that is up before it leads, even one that was quiet and only speaks when spoken to: how long does a question and its answer take? On a bigger name, become a follower again with a fresh timer of T; a smaller name deserves an answer.',
    file: `exercises/${SLUG}/9.1-election.ts`,
    solution: `solutions/${SLUG}/9.1-election.ts`,
    check: checkElection,
  },
  {
    id: '9.2',
    title: 'The bound',
    task: 'Write leaderBound(t) and decisionBound(t): from a start in which every timer runs out within T, with no failures and every message within δ, the time by which the biggest name leads, and the time by which every agent knows the outcome.',
    hint: 'The biggest name’s timer runs out by T, and nobody can talk it out of leading; then add the waits. A round is query, report, command, report, outcome.',
    file: `exercises/${SLUG}/9.2-bound.ts`,
    solution: `solutions/${SLUG}/9.2-bound.ts`,
    check: checkBound,
  },
];
