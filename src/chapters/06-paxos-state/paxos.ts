/**
 * Abstract Paxos as a machine (§6.2, §6.4 without the messages): leaders
 * start rounds, agents answer queries by giving up earlier neutral rounds, a
 * leader chooses u_l from a majority's statuses so that its round stays
 * anchored, agents accept the round's command while neutral, and a leader
 * that sees a majority accept publishes the outcome.
 *
 * @module
 */
import type { Machine } from '../../index';
import { action, choose, machine, nil, returns, to } from '../../index';
import { union } from '../03-consensus-specs/specs';
import { config as defaultConfig } from './config';
import { deadRounds, outcome, successfulRounds } from './predicates';
import type { LeaderState, PaxosConfig, PaxosState, Round, Status, Value } from './state';
import {
  agentName,
  initialState,
  leaderName,
  majorities,
  roundCount,
  roundName,
  roundOf,
  validConfig,
} from './state';

/**
 * The parts of the algorithm a mutant or an exercise may replace, each a
 * small pure function. {@link rules} are the correct ones.
 */
export interface PaxosRules {
  /** The round number leader l uses for its j-th round. */
  readonly roundOf: (c: PaxosConfig, j: number, l: number) => Round;
  /**
   * The values leader l may choose as u_l for round n, given the statuses
   * of the agents in majority q (all of them non-neutral below n) and
   * allowed_l; several values mean the leader may pick any of them.
   */
  readonly pick: (
    s: PaxosState,
    n: Round,
    q: readonly number[],
    allowed: readonly Value[],
  ) => Value[];
  /** The sets of agents whose statuses are enough to choose (the majorities). */
  readonly quorums: (agents: number) => number[][];
  /** Agent status in round m after it answers a query for round n. */
  readonly answer: (st: Status, m: Round, n: Round) => Status;
  /** May an agent with status `st` accept a command? */
  readonly mayAccept: (st: Status) => boolean;
  /** What a leader keeps through a crash. */
  readonly crash: (l: LeaderState) => LeaderState;
}

// #region pick
/**
 * The leader's rule (§6.4): look back from n through the statuses that
 * majority q reported; skip rounds where none of them has a Value (all of q
 * said no, so those rounds are dead); at the first round with a Value,
 * choose it. If every earlier round is dead, any allowed value will do.
 */
export function pickLatest(
  s: PaxosState,
  n: Round,
  q: readonly number[],
  allowed: readonly Value[],
): Value[] {
  for (let m = n - 1; m >= 0; m--)
    for (const i of q) {
      const st = s.s[i]![m]!;
      if (typeof st === 'number') return [st];
    }
  return [...allowed];
}
// #endregion pick

// #region agent-rules
/** An agent answering query(n): every neutral status in a round m < n becomes no. */
export const answerQuery = (st: Status, m: Round, n: Round): Status =>
  m < n && st === 'neutral' ? 'no' : st;

/** An agent accepts a command only while its status in that round is neutral. */
export const mayAccept = (st: Status): boolean => st === 'neutral';
// #endregion agent-rules

// #region crash
/** A leader crash forgets n_l, u_l and allowed_l; only the clock j survives. */
export const crashLeader = (l: LeaderState): LeaderState => ({
  j: l.j,
  n: nil,
  u: nil,
  allowed: [],
});
// #endregion crash

/** The correct rules. */
export const rules: PaxosRules = {
  roundOf,
  pick: pickLatest,
  quorums: majorities,
  answer: answerQuery,
  mayAccept,
  crash: crashLeader,
};

/** The parameter of Allow: the value, and the leader that hears of it. */
export interface AllowParam {
  readonly v: Value;
  readonly l: number;
}

/** The parameter of Choose: the leader, and the majority whose statuses it heard. */
export interface ChooseParam {
  readonly l: number;
  readonly q: readonly number[];
}

/** The parameter of the agent steps Query and Accept: the agent, and the round. */
export interface AgentParam {
  readonly i: number;
  readonly n: Round;
}

function setLeader(s: PaxosState, l: number, ls: LeaderState): PaxosState {
  return { ...s, leaders: s.leaders.map((x, k) => (k === l ? ls : x)) };
}

function setStatus(s: PaxosState, i: number, row: readonly Status[]): PaxosState {
  return { ...s, s: s.s.map((r, k) => (k === i ? row : r)) };
}

/**
 * Has round n been started: has its leader used it (under `roundOf`)? Only
 * a started round's query can reach an agent.
 */
export function startedWith(
  c: PaxosConfig,
  r: Pick<PaxosRules, 'roundOf'>,
  s: PaxosState,
  n: Round,
): boolean {
  for (let l = 0; l < s.leaders.length; l++)
    for (let j = 1; j <= s.leaders[l]!.j; j++) if (r.roundOf(c, j, l) === n) return true;
  return false;
}

/**
 * The actions of abstract Paxos for a configuration and rules, by name (see
 * {@link paxos} for the table).
 *
 * @param c - the configuration
 * @param r - the rules
 * @returns the actions
 */
export function paxosActions(c: PaxosConfig = defaultConfig, r: PaxosRules = rules) {
  validConfig(c);
  const R = roundCount(c);
  const agents = Array.from({ length: c.agents }, (_, i) => i);
  const leaders = Array.from({ length: c.leaders }, (_, l) => l);
  const quorums = r.quorums(c.agents);
  const allowParams: AllowParam[] = c.values.flatMap((v) => leaders.map((l) => ({ v, l })));
  const agentParams: AgentParam[] = agents.flatMap((i) =>
    Array.from({ length: R }, (_, n) => ({ i, n })),
  );
  const chooseParams: ChooseParam[] = leaders.flatMap((l) => quorums.map((q) => ({ l, q })));
  const heard = (s: PaxosState, q: readonly number[], n: Round) =>
    q.every((i) => {
      const row = s.s[i]!;
      for (let m = 0; m < n; m++) if (row[m] === 'neutral') return false;
      return true;
    });

  // #region interface-actions
  const Allow = action({
    name: 'Allow',
    external: true,
    params: () => allowParams,
    showParam: (p: AllowParam) => `${p.v}, ${leaderName(p.l)}`,
    guard: (s: PaxosState, { v }: AllowParam) => !c.allowOnce || !s.everAllowed.includes(v),
    effect: (s: PaxosState, { v, l }: AllowParam) => {
      const ls = s.leaders[l]!;
      return to({
        ...setLeader(s, l, { ...ls, allowed: union(ls.allowed, v) }),
        everAllowed: union(s.everAllowed, v),
      });
    },
  });
  const Outcome = action({
    name: 'Outcome',
    external: true,
    effect: (s: PaxosState) => choose(returns(s, outcome(s)), !s.done && returns(s, nil)),
  });
  const Done = action({
    name: 'Done',
    external: true,
    effect: (s: PaxosState) => returns(s, s.done),
  });
  // #endregion interface-actions

  // #region leader-actions
  const NewRound = action({
    name: 'NewRound',
    external: false,
    params: () => leaders,
    showParam: leaderName,
    guard: (s: PaxosState, l: number) => s.leaders[l]!.j < c.maxJ,
    effect: (s, l) => {
      const j = s.leaders[l]!.j + 1;
      return to(setLeader(s, l, { ...s.leaders[l]!, j, n: r.roundOf(c, j, l), u: nil }));
    },
  });
  const Choose = action({
    name: 'Choose',
    external: false,
    params: () => chooseParams,
    showParam: (p: ChooseParam) => `${leaderName(p.l)}, {${p.q.map(agentName).join(', ')}}`,
    guard: (s: PaxosState, { l, q }: ChooseParam) => {
      const ls = s.leaders[l]!;
      return ls.n !== nil && ls.u === nil && heard(s, q, ls.n);
    },
    effect: (s, { l, q }) => {
      const ls = s.leaders[l]!;
      const n = ls.n as Round;
      return r.pick(s, n, q, ls.allowed).map((u) =>
        to({
          ...setLeader(s, l, { ...ls, u }),
          command: s.command.map((x, m) => (m === n ? u : x)),
        }),
      );
    },
  });
  const Publish = action({
    name: 'Publish',
    external: false,
    params: () => leaders,
    showParam: leaderName,
    guard: (s: PaxosState, l: number) => {
      const { n, u } = s.leaders[l]!;
      if (s.done || n === nil || u === nil) return false;
      return 2 * s.s.filter((row) => row[n] === u).length > c.agents;
    },
    effect: (s) => to({ ...s, done: true }),
  });
  const Crash = action({
    name: 'Crash',
    external: false,
    fault: true,
    params: () => leaders,
    showParam: leaderName,
    guard: (s: PaxosState, l: number) => {
      const ls = s.leaders[l]!;
      return ls.n !== nil || ls.u !== nil || ls.allowed.length > 0;
    },
    effect: (s, l) => to(setLeader(s, l, r.crash(s.leaders[l]!))),
  });
  // #endregion leader-actions

  // #region agent-actions
  const Query = action({
    name: 'Query',
    external: false,
    params: () => agentParams,
    showParam: (p: AgentParam) => `${agentName(p.i)}, ${roundName(c, p.n)}`,
    guard: (s: PaxosState, { i, n }: AgentParam) =>
      startedWith(c, r, s, n) && s.s[i]!.some((st, m) => r.answer(st, m, n) !== st),
    effect: (s, { i, n }) =>
      to(
        setStatus(
          s,
          i,
          s.s[i]!.map((st, m) => r.answer(st, m, n)),
        ),
      ),
  });
  const Accept = action({
    name: 'Accept',
    external: false,
    params: () => agentParams,
    showParam: (p: AgentParam) => `${agentName(p.i)}, ${roundName(c, p.n)}`,
    guard: (s: PaxosState, { i, n }: AgentParam) => {
      const u = s.command[n];
      const st = s.s[i]![n]!;
      return u !== nil && u !== undefined && st !== u && r.mayAccept(st);
    },
    effect: (s, { i, n }) =>
      to(
        setStatus(
          s,
          i,
          s.s[i]!.map((st, m) => (m === n ? s.command[n]! : st)),
        ),
      ),
  });
  // #endregion agent-actions

  return { Allow, Outcome, Done, NewRound, Query, Choose, Accept, Publish, Crash };
}

/**
 * Abstract Paxos as a machine.
 *
 * | action          | kind     | guard                                                      | effect                                            |
 * |-----------------|----------|------------------------------------------------------------|---------------------------------------------------|
 * | *Allow(v, l)    | external |                                                            | allowed_l := allowed_l ∪ {v}                      |
 * | *Outcome        | external |                                                            | return outcome, or if not done return nil          |
 * | *Done           | external |                                                            | return done                                       |
 * | NewRound(l)     | internal | j_l < maxJ                                                 | j_l := j_l + 1; n_l := (j_l, l); u_l := nil        |
 * | Query(i, n)     | internal | n started; some s[i][m] neutral, m < n                      | for all m < n: if s[i][m] = neutral then s[i][m] := no |
 * | Choose(l, Q)    | internal | n_l ≠ nil, u_l = nil; Q a majority, no s[i][m] neutral for i ∈ Q, m < n_l | u_l := the rule's value; command[n_l] := u_l |
 * | Accept(i, n)    | internal | command[n] ≠ nil, s[i][n] = neutral                        | s[i][n] := command[n]                             |
 * | Publish(l)      | internal | u_l ≠ nil, a majority has s[i][n_l] = u_l, not done         | done := true                                      |
 * | !Crash(l)       | fault    | the leader has something to forget                         | n_l, u_l, allowed_l := nil, nil, {}               |
 *
 * @param c - the configuration (default: 3 agents, 2 leaders, j = 1, values {7, 8})
 * @param r - the rules (default: the correct ones; a mutant replaces one)
 * @returns the machine
 * @example
 * ```ts
 * const r = explore(paxos(config), { invariants: [invariant1, invariant2] });
 * ```
 */
export function paxos(c: PaxosConfig = defaultConfig, r: PaxosRules = rules): Machine<PaxosState> {
  const { Allow, Outcome, Done, NewRound, Query, Choose, Accept, Publish, Crash } = paxosActions(
    c,
    r,
  );
  const key = c.symmetry ? symmetricKey(c) : exactKey(c);
  return machine<PaxosState>({
    name: `Paxos(${c.agents} agents, ${c.leaders} leaders, j ≤ ${c.maxJ}, values {${c.values.join(', ')}})`,
    init: [initialState(c)],
    actions: [Allow, Outcome, Done, NewRound, Query, Choose, Accept, Publish, Crash],
    key,
    view: (s) => viewOf(c, s),
  });
}

/**
 * The actions of abstract Paxos, for asking which step a label is:
 * `Paxos.Choose.is(label)` narrows the label's parameter to a
 * {@link ChooseParam}. An action's `is` asks only its name, so these answer
 * for the steps of any configuration.
 */
export const Paxos = paxosActions(defaultConfig, rules);

/**
 * Each leader's j_l, n_l, u_l and allowed_l, by the paper's names, added to
 * a view (and, after each leader's, what `more` adds for it).
 *
 * @param c - the configuration (for names)
 * @param leaders - the leaders' states
 * @param v - the view to add to
 * @param more - further variables of leader l, if any
 */
export function viewLeaders<L extends LeaderState>(
  c: PaxosConfig,
  leaders: readonly L[],
  v: Record<string, unknown>,
  more?: (ls: L, name: string) => void,
): void {
  leaders.forEach((ls, l) => {
    const name = leaderName(l);
    v[`j_${name}`] = ls.j;
    v[`n_${name}`] = ls.n === nil ? nil : roundName(c, ls.n);
    v[`u_${name}`] = ls.u;
    v[`allowed_${name}`] = new Set(ls.allowed);
    more?.(ls, name);
  });
}

/**
 * The variables of a Paxos state by the paper's names, for tables: s[i][n]
 * where it is not neutral, each leader's j_l, n_l, u_l and allowed_l, the
 * commands sent, the dead and successful rounds, done, and the history
 * variable.
 *
 * @param c - the configuration (for names)
 * @param s - the state
 * @returns the variables by name
 */
export function viewOf(c: PaxosConfig, s: PaxosState): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  s.s.forEach((row, i) => {
    row.forEach((st, n) => {
      if (st !== 'neutral') v[`s[${agentName(i)}][${roundName(c, n)}]`] = st;
    });
  });
  viewLeaders(c, s.leaders, v);
  s.command.forEach((u, n) => {
    if (u !== nil) v[`command[${roundName(c, n)}]`] = u;
  });
  const d = deadRounds(s);
  if (d.length) v.dead = new Set(d.map((n) => roundName(c, n)));
  const ok = successfulRounds(s);
  if (ok.length) v.successful = new Set(ok.map((n) => roundName(c, n)));
  v.done = s.done;
  v['ever allowed'] = new Set(s.everAllowed);
  return v;
}

/**
 * The exact key: statuses agent by agent, then each leader's j, n, u and
 * allowed (a bit mask), the commands, done, and the history variable, each
 * as one small number, packed into a short string.
 *
 * @param c - the configuration
 * @returns the key function
 */
export function exactKey(c: PaxosConfig): (s: PaxosState) => string {
  return packedKey(c, [identity(c.values.length)], false);
}

/**
 * A key up to symmetry: agents are interchangeable (any majority is as good
 * as another), and so are values (nothing in the algorithm prefers 7 to 8).
 * States that differ only by renaming agents or values get the same key, so
 * the explorer stores one state per class. Sound for properties that do not
 * name a particular agent or value, and for refinement to D, which treats
 * values alike too. The key is the least encoding over every renaming of
 * the values, with the agents' rows sorted under each.
 *
 * @param c - the configuration
 * @returns the key function
 */
export function symmetricKey(c: PaxosConfig): (s: PaxosState) => string {
  return packedKey(c, permutations(c.values.length), true);
}

/**
 * The encoding behind both keys: one number per agent row (its statuses in
 * base |values| + 2: neutral 0, no 1, value k 2 + perm[k]), four per leader,
 * one per round's command, done and the history variable's bit mask. For
 * each renaming of the values it builds the numbers (sorting the agents'
 * rows if agents are interchangeable) and keeps the least, compared number
 * by number; the key is those numbers as characters.
 */
function packedKey(
  c: PaxosConfig,
  perms: readonly (readonly number[])[],
  sortAgents: boolean,
): (s: PaxosState) => string {
  const V = c.values.length;
  const B = V + 2;
  const R = roundCount(c);
  const A = c.agents;
  const len = A + 4 * c.leaders + R + 2;
  const cur = new Array<number>(len).fill(0);
  const best = new Array<number>(len).fill(0);
  const idx = (v: Value) => c.values.indexOf(v);
  const mask = (vs: readonly Value[], p: readonly number[]) => {
    let m = 0;
    for (const v of vs) m |= 1 << p[idx(v)]!;
    return m;
  };
  return (s) => {
    for (let k = 0; k < perms.length; k++) {
      const p = perms[k]!;
      let o = 0;
      for (let i = 0; i < A; i++) {
        const row = s.s[i]!;
        let code = 0;
        for (let m = R - 1; m >= 0; m--) {
          const st = row[m]!;
          code = code * B + (st === 'neutral' ? 0 : st === 'no' ? 1 : 2 + p[idx(st)]!);
        }
        // insertion sort of the rows so far, when agents are interchangeable
        let at = o++;
        if (sortAgents) while (at > 0 && cur[at - 1]! > code) cur[at] = cur[--at]!;
        cur[at] = code;
      }
      for (const ls of s.leaders) {
        cur[o++] = ls.j;
        cur[o++] = ls.n === null ? 0 : ls.n + 1;
        cur[o++] = ls.u === null ? 0 : 1 + p[idx(ls.u)]!;
        cur[o++] = mask(ls.allowed, p);
      }
      for (const u of s.command) cur[o++] = u === null ? 0 : 1 + p[idx(u)]!;
      cur[o++] = s.done ? 1 : 0;
      cur[o++] = mask(s.everAllowed, p);
      if (k === 0 || less(cur, best)) for (let x = 0; x < len; x++) best[x] = cur[x]!;
    }
    let key = '';
    for (let x = 0; x < len; x++)
      key += best[x]! < 0xffff ? String.fromCharCode(best[x]!) : `\uffff${best[x]},`;
    return key;
  };
}

function less(a: readonly number[], b: readonly number[]): boolean {
  for (let x = 0; x < a.length; x++) if (a[x] !== b[x]) return a[x]! < b[x]!;
  return false;
}

function identity(n: number): number[] {
  return Array.from({ length: n }, (_, k) => k);
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]),
  );
}
