/**
 * The paper's worked example (§6.4): three agents a, b, c, allowed
 * {7, 8, 9}, three rounds in two runs, and the leader of round 4 choosing
 * after hearing from some majority. For every majority this module
 * computes what the leader's simple rule picks and which values are safe,
 * and plays both runs with messages.
 *
 * @module
 */
import type { CheckResult, Counterexample, Trace } from '../../index';
import { nil, replay } from '../../index';
import { pickLatest } from '../06-paxos-state/paxos';
import { anchored, anchoredFor, v_n } from '../06-paxos-state/predicates';
import type { PaxosConfig, PaxosState, Status, Value } from '../06-paxos-state/state';
import { agentName, initialState } from '../06-paxos-state/state';
import { exampleConfig } from './config';
import { choices } from './processes';
import type { Rules } from './rules';
import { rules as correct } from './rules';
import type { NetState } from './system';
import { messagePaxos } from './system';

/** Round 4 is round index 3; the paper's rounds 1, 2, 3 are indices 0, 1, 2. */
export const ROUND4 = 3;

/** The example's values: allowed = {7, 8, 9}. */
export const ALLOWED: readonly Value[] = exampleConfig.paxos.values;

// #region example-table
/** The two runs of the paper's table: s[i][n] for agents a, b, c and rounds 1, 2, 3. */
export const RUNS = {
  left: [
    [7, 8, 'no'],
    ['no', 'no', 'no'],
    ['no', 'no', 9],
  ],
  right: [
    [8, 9, 'no'],
    ['no', 'no', 'no'],
    ['no', 9, 9],
  ],
} as const satisfies Record<string, readonly (readonly Status[])[]>;
// #endregion example-table

/** Which run of the example. */
export type RunName = keyof typeof RUNS;

/** The reporting majorities, as the paper lists them: {a, b}, {a, c}, {b, c}, {a, b, c}. */
export const MAJORITIES: readonly (readonly number[])[] = [
  [0, 1],
  [0, 2],
  [1, 2],
  [0, 1, 2],
];

/** A majority by name: `a, b`. */
export const majorityName = (q: readonly number[]): string => q.map(agentName).join(', ');

const abstractConfig: PaxosConfig = { ...exampleConfig.paxos };

/**
 * The example as an abstract Paxos state: the run's statuses in rounds 1
 * to 3, round 4 neutral everywhere.
 *
 * @param run - which run
 * @returns the state
 */
export function exampleState(run: RunName): PaxosState {
  const s0 = initialState(abstractConfig);
  return { ...s0, s: RUNS[run].map((row) => [...row, 'neutral']) };
}

// #region simple-rule
/** The leader's simple rule for round 4 after hearing majority q: chapter 06's pickLatest. */
export function simpleRule(s: PaxosState, q: readonly number[]): Value[] {
  return pickLatest(s, ROUND4, q, ALLOWED);
}
// #endregion simple-rule

/** Every status an agent may have in a round: no, neutral, or a value. */
const STATUSES: readonly Status[] = ['no', 'neutral', ...ALLOWED];

/** Do Invariant 1 and Invariant 4 (every round with a value is anchored) hold in s below round n? */
function allowedByInvariants(s: PaxosState, n: number): boolean {
  for (let m = 0; m < n; m++) {
    const vals = new Set(s.s.map((row) => row[m]).filter((st) => typeof st === 'number'));
    if (vals.size > 1) return false;
    if (v_n(s, m) !== nil && !anchored(s, m)) return false;
  }
  return true;
}

// #region safe-set
/**
 * The values that are safe for round n when the leader has heard only the
 * agents in q: those that keep n anchored in every completion of the
 * statuses it did not hear (any of no, neutral or a value, in each earlier
 * round of each silent agent) that Invariants 1 and 4 allow. A neutral
 * status is not no, so it keeps its round from being dead: the silent
 * agent may still accept that round's value.
 */
export function safeSet(
  s: PaxosState,
  q: readonly number[],
  n: number,
  allowed: readonly Value[],
): Value[] {
  const silent = s.s.map((_, i) => i).filter((i) => !q.includes(i));
  const cells = silent.flatMap((i) => Array.from({ length: n }, (_, m) => [i, m] as const));
  const safe = new Set(allowed);
  const rows = s.s.map((row) => [...row]);
  const visit = (k: number): void => {
    if (!safe.size) return;
    if (k === cells.length) {
      const t = { ...s, s: rows.map((r) => [...r]) };
      if (!allowedByInvariants(t, n)) return;
      for (const v of [...safe]) if (!anchoredFor(t, n, v)) safe.delete(v);
      return;
    }
    const [i, m] = cells[k]!;
    for (const st of STATUSES) {
      rows[i]![m] = st;
      visit(k + 1);
    }
  };
  visit(0);
  return [...safe].sort((a, b) => a - b);
}
// #endregion safe-set

/** One row of the example's table: a run, a majority, what the rule picks, what is safe. */
export interface ExampleRow {
  readonly run: RunName;
  readonly q: readonly number[];
  readonly simple: readonly Value[];
  readonly safe: readonly Value[];
}

/** Every row, computed: both runs, every majority. */
export function exampleTable(): ExampleRow[] {
  return (Object.keys(RUNS) as RunName[]).flatMap((run) =>
    MAJORITIES.map((q) => {
      const s = exampleState(run);
      return { run, q, simple: simpleRule(s, q), safe: safeSet(s, q, ROUND4, ALLOWED) };
    }),
  );
}

// #region erratum
/**
 * What the paper says the leader of round 4 must choose, in its prose and
 * in its table, for the left run. (For the right run both say 9 for every
 * majority.)
 */
export const PAPER_LEFT = {
  text: { 'a, b': [8], 'a, c': [8], 'b, c': [9], 'a, b, c': [7, 8, 9] },
  table: { 'a, b': [8], 'b, c': [8, 9], 'a, b, c': [7, 8, 9] },
} as const;
// #endregion erratum

/**
 * The path of a run of message-level Paxos that reaches the example's
 * statuses with round 4 started and its query not yet delivered. One leader
 * (l1, so its steps need not name it) runs rounds 1, 2 and 3, each time
 * hearing from two agents and commanding the value its rule allows;
 * commands reach only some agents before the next query does.
 *
 * @param run - which run
 * @returns the label texts, in order
 */
export function examplePath(run: RunName): string[] {
  const q = (n: number, i: string) => `Deliver(query((${n},l1)) → ${i})`;
  const rep = (i: string, s: string) => `Deliver(report(${i}, [${s}]) → l1)`;
  const cmd = (n: number, v: number, i: string) => `Deliver(command((${n},l1), ${v}) → ${i})`;
  /** Round (n,l1): a query to two agents, their reports, a command of v to some agents. */
  const round = (n: number, heard: readonly [string, string][], v: number, to: string[]) => [
    'NewRound',
    ...heard.map(([i]) => q(n, i)),
    ...heard.map(([i, st]) => rep(i, st)),
    `Command(${v})`,
    ...to.map((i) => cmd(n, v, i)),
  ];
  const left = run === 'left';
  return [
    'Allow(7)',
    'Allow(8)',
    'Allow(9)',
    ...round(
      1,
      [
        ['a', ''],
        ['b', ''],
      ],
      left ? 7 : 8,
      ['a'],
    ),
    ...round(
      2,
      [
        ['b', 'no'],
        ['c', 'no'],
      ],
      left ? 8 : 9,
      left ? ['a'] : ['a', 'c'],
    ),
    ...round(
      3,
      [
        ['b', 'no no'],
        ['c', left ? 'no no' : 'no 9'],
      ],
      9,
      ['c'],
    ),
    'NewRound',
  ];
}

/**
 * Play a run of the example with messages, up to the leader of round 4
 * hearing from majority q (the query reaches q, their reports reach the
 * leader), then let it command the first value its rule allows.
 *
 * @param run - which run
 * @param q - the majority the leader hears
 * @param r - the rules (a mutant may replace the leader's)
 * @returns the run, and the values the leader's rule allows after hearing q
 */
export function playExample(
  run: RunName,
  q: readonly number[],
  r: Rules = correct,
): { trace: Trace<NetState>; choices: Value[] } {
  const m = messagePaxos(exampleConfig, r);
  const queries = [
    ...examplePath(run),
    ...q.map((i) => `Deliver(query((4,l1)) → ${agentName(i)})`),
  ];
  const asked = replay(m, queries).steps.at(-1)!.to;
  const reports = q.map(
    (i) =>
      `Deliver(report(${agentName(i)}, [${asked.agents[i]!.s.slice(0, ROUND4).join(' ')}]) → l1)`,
  );
  const heard = replay(m, [...queries, ...reports]);
  const vs = choices(exampleConfig.paxos, r, heard.steps.at(-1)!.to.leaders[0]!);
  const path = [...queries, ...reports, ...(vs.length ? [`Command(${vs[0]})`] : [])];
  return { trace: vs.length ? replay(m, path) : heard, choices: vs };
}

/** The example's verdict: it holds unless a counterexample is given. */
function result(
  t0: number,
  counts: { readonly transitions: number; readonly depth: number; readonly runs: number },
  counterexample?: Counterexample<NetState>,
): CheckResult<NetState> {
  return {
    check: 'property',
    subject: 'the paper’s example, with messages',
    holds: counterexample === undefined,
    complete: true,
    stats: { states: 0, ...counts, ms: performance.now() - t0 },
    ...(counterexample ? { counterexample } : {}),
    unreached: [],
  };
}

/**
 * The check of the worked example: for both runs and every reporting
 * majority, play the run with messages; every value the leader's rule then
 * allows must be safe, and the safe sets must be the ones computed from
 * the statuses.
 *
 * @param r - the rules (a mutant may replace the leader's)
 * @returns the verdict; on failure, the run that ends in an unsafe command
 */
export function checkExample(r: Rules = correct): CheckResult<NetState> {
  const t0 = performance.now();
  let runs = 0;
  let transitions = 0;
  let depth = 0;
  for (const row of exampleTable()) {
    const { trace, choices: vs } = playExample(row.run, row.q, r);
    runs += 1;
    transitions += trace.steps.length;
    depth = Math.max(depth, trace.steps.length);
    const bad = vs.filter((v) => !row.safe.includes(v));
    if (!vs.length || bad.length)
      return result(
        t0,
        { transitions, depth, runs },
        {
          property: 'the leader of round 4 commands a safe value',
          message: vs.length
            ? `in the ${row.run} run, hearing from ${majorityName(row.q)}, the leader may command ${bad.join(' or ')}, but only ${row.safe.join(', ')} ${row.safe.length > 1 ? 'are' : 'is'} safe`
            : `in the ${row.run} run, hearing from ${majorityName(row.q)}, the leader's rule allows no value`,
          trace,
        },
      );
  }
  return result(t0, { transitions, depth, runs });
}
