/**
 * Chapter 08's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import { nil, renderRefinementFailure, renderTrace, show } from '../../index';
import { anchored, dead, v_n } from '../06-paxos-state/predicates';
import type { PaxosState, Round, Status, Value } from '../06-paxos-state/state';
import { agentName } from '../06-paxos-state/state';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import { refinementToD, refinementToPaxos } from './abstraction';
import { checkRefinesD, checkRefinesPaxos } from './checks';
import { config } from './config';
import {
  ALLOWED,
  checkExample,
  exampleState,
  exampleTable,
  MAJORITIES,
  majorityName,
  ROUND4,
  safeSet,
} from './example';
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

type SafeValues = (
  s: PaxosState,
  q: readonly number[],
  n: number,
  allowed: readonly Value[],
) => number[];

/** Do Invariant 1 and Invariant 4 (every round with a value is anchored) hold in s below round n? */
function invariants14Below(s: PaxosState, n: Round): boolean {
  for (let m = 0; m < n; m++) {
    const vals = new Set(s.s.map((row) => row[m]).filter((st) => typeof st === 'number'));
    if (vals.size > 1) return false;
    if (v_n(s, m) !== nil && !anchored(s, m)) return false;
  }
  return true;
}

/** Every list of `length` statuses drawn from `choices`, in order. */
function statusRows(choices: readonly Status[], length: number): Status[][] {
  let rows: Status[][] = [[]];
  for (let k = 0; k < length; k++) rows = rows.flatMap((r) => choices.map((x) => [...r, x]));
  return rows;
}

/** One input of the universe of exercise 8.3: a state, the majority heard, and the safe set. */
interface SafeCase {
  readonly s: PaxosState;
  readonly q: readonly number[];
  readonly safe: readonly Value[];
}

let safeUniverse: readonly SafeCase[] | undefined;

/**
 * The universe exercise 8.3 is checked on besides the paper's rows: the
 * example's three agents and round 4, the leader hearing each majority of
 * two, and every way the two heard agents' statuses in rounds 1 to 3 can be
 * over {no, neutral, 7, 8}. The silent agent gets the first row (in the
 * same order) with which the whole state satisfies Invariants 1 and 4
 * (heard statuses that no row completes so are left out), and round 4 is
 * neutral everywhere. The safe sets are the chapter's enumeration.
 */
function safeCases(): readonly SafeCase[] {
  if (safeUniverse) return safeUniverse;
  const s0 = exampleState('left');
  const rows = statusRows(['no', 'neutral', 7, 8], ROUND4);
  const out: SafeCase[] = [];
  for (const q of MAJORITIES.filter((m) => m.length === 2)) {
    const silent = [0, 1, 2].find((i) => !q.includes(i))!;
    for (const a of rows)
      for (const b of rows) {
        const heard = [a, b];
        const full = (c: readonly Status[]) => ({
          ...s0,
          s: [0, 1, 2].map((i) => [
            ...(i === silent ? c : heard[q.indexOf(i)]!),
            'neutral' as const,
          ]),
        });
        const c = rows.find((r) => invariants14Below(full(r), ROUND4));
        if (!c) continue;
        const s = full(c);
        out.push({ s, q, safe: safeSet(s, q, ROUND4, ALLOWED) });
      }
  }
  safeUniverse = out;
  return out;
}

/** The statuses of rounds 1 to 3, agent by agent: `a [no, neutral, no], b [...], c [...]`. */
const showRounds = (s: PaxosState) =>
  s.s.map((row, i) => `${agentName(i)} ${showStatuses(row.slice(0, ROUND4))}`).join(', ');

/**
 * Why the safe set for case k is not what the reader said: for a value it
 * calls safe that is not, a completion of the silent agent's statuses that
 * the invariants allow and in which the value leaves round 4 unanchored;
 * for a safe value it left out, that none exists.
 */
function whySafe(k: SafeCase, got: readonly Value[]): string {
  const silent = [0, 1, 2].find((i) => !k.q.includes(i))!;
  const who = agentName(silent);
  const extra = got.find((v) => !k.safe.includes(v));
  if (extra !== undefined)
    for (const c of statusRows(['no', 'neutral', ...ALLOWED], ROUND4)) {
      const t = {
        ...k.s,
        s: k.s.s.map((row, i) => (i === silent ? [...c, ...row.slice(ROUND4)] : row)),
      };
      if (!invariants14Below(t, ROUND4)) continue;
      const m = [...Array(ROUND4).keys()].find((m) => !dead(t, m) && v_n(t, m) !== extra);
      if (m === undefined) continue;
      return `The leader has not heard ${who}, and ${who} may have ${showStatuses(c)} (the invariants allow it): then round ${m + 1} is not dead and its value is ${show(v_n(t, m))}, so a command of ${extra} in round 4 would not be anchored.`;
    }
  const missing = k.safe.find((v) => !got.includes(v));
  return `${missing} is safe: in every way ${who}'s statuses in rounds 1 to 3 could be that Invariants 1 and 4 allow, each of those rounds is dead or has the value ${missing}.`;
}

function checkSafe(mod: Record<string, unknown>): ExerciseVerdict {
  const safeValues = exportedFunction<SafeValues>(mod, 'safeValues');
  const copy = (s: PaxosState): PaxosState => ({ ...s, s: s.s.map((row) => [...row]) });
  const sorted = (vs: readonly number[]) => [...vs].sort((a, b) => a - b);
  for (const row of exampleTable()) {
    const got = sorted(safeValues(exampleState(row.run), row.q, ROUND4, ALLOWED));
    if (got.join() !== row.safe.join())
      return {
        passed: false,
        explanation: `In the ${row.run} run, when ${majorityName(row.q)} report, you say {${got.join(', ')}} is safe for round 4, but the safe values are {${row.safe.join(', ')}}.`,
      };
  }
  const cases = safeCases();
  for (const k of cases) {
    const got = sorted(safeValues(copy(k.s), k.q, ROUND4, ALLOWED));
    if (got.join() !== k.safe.join())
      return {
        passed: false,
        explanation: `Your sets agree with the paper’s example, but not with the enumeration on these statuses in rounds 1 to 3: ${showRounds(k.s)} (round 4 neutral everywhere). When ${majorityName(k.q)} report, you say {${got.join(', ')}} is safe for round 4, but the safe values are {${k.safe.join(', ')}}. ${whySafe(k, got)}`,
      };
  }
  return {
    passed: true,
    explanation: `Your safe sets agree with the enumeration for every majority of both runs, and on all ${cases.length} possible status arrays of the example's three agents in which a majority of two reports statuses over {no, neutral, 7, 8}.`,
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
    task: 'Write safeValues(s, q, n, allowed): the values that keep round n anchored whatever the agents outside q have in the earlier rounds, as far as Invariants 1 and 4 allow. The check compares your sets with the enumeration on the paper’s example, then on every status array of its three agents in rounds 1 to 3 when a majority of two reports statuses over {no, neutral, 7, 8}.',
    hint: 'Enumerate every status (no, neutral, or a value) for each silent agent in each earlier round; drop the completions where a round has two values or a round with a value is not anchored; keep the values that anchor round n in all the rest (anchoredFor in chapter 06’s predicates).',
    name: '8.3-safe',
    check: checkSafe,
  }),
];
