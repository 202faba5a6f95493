/**
 * Chapter 09's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import type { CheckResult } from '../../index';
import { explore, nil, renderTrace } from '../../index';
import { idleLeader } from '../08-paxos-messages/processes';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import { checkTimely, checkTimelyRuns, RUNS } from './checks';
import type { TimedConfig } from './config';
import { config, exerciseTimes, measuredConfig } from './config';
import { slowest } from './demo';
import { drive } from './driver';
import type { Election, PotentialLeader, Standing, Times } from './election';
import { election } from './election';
import { decidedInTime, leaderInTime, oneLeader, timelyGoals } from './properties';
import type { ElectionState, TimedRules } from './system';
import { paxosWithElection, rules } from './system';

const SLUG = '09-leader-election';

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

/**
 * hear on a bigger name, asked directly: l1, as a leader, a candidate and a
 * follower, each with its timer due sooner than T ahead, hears l2's name,
 * and must become a follower with its timer T ahead (§6.5 as the chapter
 * has it). The runs the check explores have no failures, so in them a
 * leader never hears a bigger name (the biggest name that is up never lets
 * a smaller one lead), and a potential leader that keeps its old timer on
 * hearing one passes them.
 */
function biggerNameProblem(e: Election): string | undefined {
  const t: Times = config;
  const clock = 3;
  const paxos = { ...idleLeader(0), allowed: [...config.allowed[0]!] };
  const starts: readonly { role: Standing; timer: number; what: string }[] = [
    { role: 'leader', timer: clock + 4 * t.delta, what: 'a leader' },
    { role: 'candidate', timer: clock + t.delta, what: 'a candidate' },
    { role: 'follower', timer: clock + t.delta, what: 'a follower' },
  ];
  const want = clock + t.timeout;
  for (const st of starts) {
    const p: PotentialLeader = { role: st.role, timer: st.timer, paxos };
    const h = e.hear(e, t, p, 0, 1, clock);
    const got = h?.state;
    if (got?.role === 'follower' && got.timer === want) continue;
    const became =
      got?.role === undefined
        ? `returns ${JSON.stringify(h)}`
        : `leaves it a ${got.role} with its timer ${got.timer === nil ? 'off' : `due at ${got.timer}`}`;
    return `Every run checked is fine, but those runs cannot show all that hear must do: with no failures the biggest name that is up never lets a smaller one lead, so no leader there hears a bigger name, and the timer set on hearing one is never put to the test. After a failure (a bigger name comes back up) both matter, so the check asks hear directly. l1, ${st.what} whose timer is due at ${st.timer}, hears l2's name at time ${clock} (δ = ${t.delta}, T = ${t.timeout}), and your hear ${became}. On a bigger name a potential leader becomes a follower whatever it was, with a fresh timer T ahead: due at ${want}.`;
  }
  return undefined;
}

async function checkElection(mod: Record<string, unknown>): Promise<ExerciseVerdict> {
  const wait = exportedFunction<Election['wait']>(mod, 'wait');
  const hear = exportedFunction<Election['hear']>(mod, 'hear');
  const r: TimedRules = { ...rules, election: { ...election, wait, hear } };
  const ctx = { seed: 1 };
  const x = checkTimely(config, r, ctx);
  if (!x.holds)
    return failed(
      'Exploring every run of 3 agents and 2 potential leaders (δ = 1, T = 2) with your rule',
      config,
      r,
      x,
    );
  const y = checkTimelyRuns(r, ctx);
  if (!y.holds)
    return failed(
      `The small system is fine, but in ${RUNS.runs} seeded runs of 5 agents and 3 potential leaders`,
      measuredConfig,
      r,
      y,
    );
  const problem = biggerNameProblem(r.election);
  if (problem) return { passed: false, explanation: problem };
  return {
    passed: true,
    explanation: `With your rule there is one leader at a time, the biggest name leads by T + 2δ and every agent knows the outcome by T + 7δ, in all ${x.stats.states} states of the small system and in every step of ${y.stats.runs} seeded runs of the bigger one; and a leader, a candidate or a follower that hears a bigger name becomes a follower with a fresh timer of T.`,
  };
}

async function checkBound(mod: Record<string, unknown>): Promise<ExerciseVerdict> {
  const lb = exportedFunction<(t: Times) => number>(mod, 'leaderBound');
  const db = exportedFunction<(t: Times) => number>(mod, 'decisionBound');
  for (const t of exerciseTimes) {
    const c: TimedConfig = {
      ...config,
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
  const c = config;
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
      rules,
      res,
    );
  return {
    passed: true,
    explanation: `Your bounds equal the slowest runs of ${exerciseTimes.length} configurations, and over all ${res.stats.states} states of the small system no run is slower and some run is exactly as slow.`,
  };
}

/** The exercises of chapter 09. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '9.1',
    title: 'The election’s decision rule',
    task: 'Write wait(t), how long a candidate waits after broadcasting its name before it leads, and hear(e, t, p, me, from, clock), what a potential leader does on hearing another’s name: its new state, and whether it answers with its own. The check explores runs with your rule, then asks hear what a leader, a candidate and a follower do on a bigger name.',
    hint: 'A candidate must hear about any bigger name that is up before it leads, even one that was quiet and only speaks when spoken to: how long does a question and its answer take? On a bigger name, become a follower again with a fresh timer of T; a smaller name deserves an answer.',
    name: '9.1-election',
    check: checkElection,
  }),
  exercise(SLUG, {
    id: '9.2',
    title: 'The bound',
    task: 'Write leaderBound(t) and decisionBound(t): from a start in which every timer runs out within T, with no failures and every message within δ, the time by which the biggest name leads, and the time by which every agent knows the outcome.',
    hint: 'The biggest name’s timer runs out by T, and nobody can talk it out of leading; then add the waits. A round is query, report, command, report, outcome.',
    name: '9.2-bound',
    check: checkBound,
  }),
];
