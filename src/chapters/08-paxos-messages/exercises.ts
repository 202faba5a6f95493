/**
 * Chapter 08's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import { renderRefinementFailure, renderTrace } from '../../index';
import type { Status } from '../06-paxos-state/state';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import { refinementToD, refinementToPaxos } from './abstraction';
import { checkRefinesD, checkRefinesPaxos } from './checks';
import { config } from './config';
import { ALLOWED, checkExample, exampleState, exampleTable, majorityName, ROUND4 } from './example';
import type { Rules } from './rules';
import { rules } from './rules';
import { messagePaxos } from './system';

const SLUG = '08-paxos-messages';

function refinementVerdict(r: Rules, which: 'abstract Paxos' | 'D', ok: string): ExerciseVerdict {
  const ctx = { seed: 1 };
  const m = messagePaxos(config, r);
  const toD = which === 'D' ? checkRefinesD(config, r, ctx) : undefined;
  const toPaxos = toD ? undefined : checkRefinesPaxos(config, r, ctx);
  const res = toD ?? toPaxos!;
  if (res.holds) return { passed: true, explanation: `${ok} (${res.stats.states} states).` };
  if (res.failure) {
    const shown = toD
      ? renderRefinementFailure(m, refinementToD(m).spec, toD)
      : renderRefinementFailure(m, refinementToPaxos(m).spec, toPaxos!);
    return { passed: false, explanation: `A step is not simulated by ${which}:\n\n${shown}` };
  }
  return {
    passed: false,
    explanation: res.counterexample
      ? `${res.counterexample.message}\n\n${renderTrace(m, res.counterexample.trace)}`
      : `Nothing goes wrong, but nothing happens either: no reachable state meets ${res.unreached.join('; ')}.`,
  };
}

function checkPick(mod: Record<string, unknown>): ExerciseVerdict {
  const pick = exportedFunction<Rules['pick']>(mod, 'pick');
  const r: Rules = { ...rules, pick };
  const ex = checkExample(r);
  if (!ex.holds)
    return {
      passed: false,
      explanation: `On the paper’s example (§6.4): ${ex.counterexample!.message}. Run npm run workbook -- trace 8 example-left to see the run.`,
    };
  return refinementVerdict(
    r,
    'D',
    'Your rule picks a safe value for every majority of the paper’s example, and with it message Paxos implements D in every reachable state',
  );
}

const showStatuses = (s: readonly Status[]) => `[${s.join(', ')}]`;

/**
 * The agent's step on query(n) against §6.4's meaning, on every status
 * array of three rounds: each neutral round below n becomes no, and nothing
 * else changes. It sees what the exhaustive check, whose query rounds have
 * at most one round below them, cannot: a round further back left neutral.
 */
function queryStepProblem(onQuery: Rules['onQuery']): string | undefined {
  const statuses: Status[] = ['no', 'neutral', 0];
  for (const a of statuses)
    for (const b of statuses)
      for (const c of statuses)
        for (let n = 0; n <= 3; n++) {
          const s: Status[] = [a, b, c];
          const got = onQuery([...s], n);
          const want = s.map((st, m) => (m < n && st === 'neutral' ? 'no' : st));
          if (!Array.isArray(got) || got.length !== s.length)
            return `onQuery(${showStatuses(s)}, ${n}) returned ${JSON.stringify(got)}: it must return the statuses of all ${s.length} rounds.`;
          const m = want.findIndex((w, k) => got[k] !== w);
          if (m >= 0)
            return `onQuery(${showStatuses(s)}, ${n}) returns ${showStatuses(got)}: round ${m} should be ${want[m]}. ${
              m < n && s[m] === 'neutral'
                ? `The leader will read round ${m} as dead from this report, so the agent must give it up.`
                : `Query(${n}) changes only the neutral rounds below ${n}.`
            }`;
        }
  return undefined;
}

function checkQuery(mod: Record<string, unknown>): ExerciseVerdict {
  const onQuery = exportedFunction<Rules['onQuery']>(mod, 'onQuery');
  const problem = queryStepProblem(onQuery);
  if (problem) return { passed: false, explanation: problem };
  return refinementVerdict(
    { ...rules, onQuery },
    'abstract Paxos',
    'With your agent, every step of message Paxos is a step of abstract Paxos, or none',
  );
}

function checkSafe(mod: Record<string, unknown>): ExerciseVerdict {
  const safeValues = exportedFunction<
    (
      s: ReturnType<typeof exampleState>,
      q: readonly number[],
      n: number,
      allowed: readonly number[],
    ) => number[]
  >(mod, 'safeValues');
  for (const row of exampleTable()) {
    const got = [...safeValues(exampleState(row.run), row.q, ROUND4, ALLOWED)].sort(
      (a, b) => a - b,
    );
    if (got.join() !== row.safe.join())
      return {
        passed: false,
        explanation: `In the ${row.run} run, when ${majorityName(row.q)} report, you say {${got.join(', ')}} is safe for round 4, but the safe values are {${row.safe.join(', ')}}.`,
      };
  }
  return {
    passed: true,
    explanation: 'Your safe sets agree with the enumeration for every majority of both runs.',
  };
}

/** The exercises of chapter 08. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '8.1',
    title: 'The leader’s choice of u_l',
    task: 'Write pick(reports, n, allowed): the values the leader may command in round n after hearing the reports of a majority (§6.4).',
    hint: 'Look back from round n - 1. A round in which no reporting agent has a Value is dead; skip it. At the first round where some report has a Value, that value is the only choice. If every earlier round is dead, any allowed value will do.',
    name: '8.1-pick',
    check: checkPick,
  }),
  exercise(SLUG, {
    id: '8.2',
    title: 'The agent’s answer to a query',
    task: 'Write onQuery(s, n): agent i’s statuses after it receives query(n) (§6.4). It then reports them for the rounds below n.',
    hint: 'The leader reads a round with no Value in a majority’s reports as dead. The agent must make that true: a status that is still neutral may not take a value later.',
    name: '8.2-query',
    check: checkQuery,
  }),
  exercise(SLUG, {
    id: '8.3',
    title: 'What is safe in the paper’s example',
    task: 'Write safeValues(s, q, n, allowed): the values that keep round n anchored whatever the agents outside q have in the earlier rounds, as far as Invariants 1 and 4 allow.',
    hint: 'Enumerate every status (no, neutral, or a value) for each silent agent in each earlier round; drop the completions where a round has two values or a round with a value is not anchored; keep the values that anchor round n in all the rest (anchoredFor in chapter 06’s predicates).',
    name: '8.3-safe',
    check: checkSafe,
  }),
];
