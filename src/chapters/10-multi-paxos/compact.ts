/**
 * §7's optimization for one instance of Paxos: an agent keeps only
 * (v, last, next), and a leader keeps of the reports only the largest
 * round with a value and which agents reported. The system has chapter
 * 08's roles, network, faults and steps, and reuses its processes' pure
 * functions and messages; a refinement check shows that it implements
 * chapter 08's message-level Paxos.
 *
 * Ours, not the paper's: the history variable that remembers what each
 * agent accepted in each round, the abstraction function built on it (with
 * the reports it adds, see {@link compactToNet}), and where the compact
 * agent does less than chapter 08's: having accepted in round n it refuses
 * every command below n (chapter 08's still accepts one in a round it is
 * neutral in), it does not answer a query below its next, and it does not
 * report a refusal. A refinement allows that: each is a step chapter 08's
 * system need not take.
 *
 * @module
 */
import type {
  ActorState,
  ActorSystem,
  Delivery,
  Envelope,
  Invariant,
  Label,
  Move,
  Nil,
  ProcessAction,
  Reachable,
  Reaction,
  Refinement,
  Role,
} from '../../index';
import {
  actors,
  invariant,
  layout,
  nil,
  processAction,
  reachable,
  refines,
  role,
} from '../../index';
import { union } from '../03-consensus-specs/specs';
import { viewLeaders } from '../06-paxos-state/paxos';
import type { PaxosConfig, Round, Status, Value } from '../06-paxos-state/state';
import { agentName, leaderName, leaderOf, roundCount, roundName } from '../06-paxos-state/state';
import type { NetConfig } from '../08-paxos-messages/config';
import { config as config08, validNetConfig, withinBound } from '../08-paxos-messages/config';
import type { Msg } from '../08-paxos-messages/messages';
import { acceptReport, command, showMsg, statusReport } from '../08-paxos-messages/messages';
import { countReports } from '../08-paxos-messages/mutants';
import type { LeaderState } from '../08-paxos-messages/processes';
import {
  choices,
  idleLeader,
  leaderReceive,
  retransmission,
  startRound,
} from '../08-paxos-messages/processes';
import type { Rules } from '../08-paxos-messages/rules';
import { rules as rules08 } from '../08-paxos-messages/rules';
import type { NetHistory, NetState, PaxosSystem } from '../08-paxos-messages/system';
import { messagePaxos } from '../08-paxos-messages/system';
import type { CheckContext } from '../chapter';
import { boundsOf, check, mutant } from '../chapter';

// #region compact-state
/**
 * A compact agent (§7): the most recent Value it accepted and its round,
 * and the round from which it is still neutral. v, last and next survive a
 * crash; the outcome it was told does not.
 */
export interface CompactAgent {
  /** The Value it accepted in round last, or nil. */
  readonly v: Value | Nil;
  /** The latest round in which it accepted a Value (-1: none). */
  readonly last: number;
  /** Every round below next is no, unless it is last; from next on, neutral. */
  readonly next: Round;
  /** The outcome it has been told, or nil. */
  readonly outcome: Value | Nil;
}

/** The largest round with a reported value, and that value (last -1: none reported). */
export interface Best {
  readonly v: Value | Nil;
  readonly last: number;
}

/**
 * A compact leader: chapter 08's leader with its reports replaced by what
 * §7 says it needs of them.
 */
export interface CompactLeader extends Omit<LeaderState, 'reports'> {
  /** Of the reports of its round: the largest round with a value, and its value. */
  readonly best: Best;
  /** The agents that reported for its round (sorted). */
  readonly heard: readonly number[];
}

/** report(i, v, last): agent i's answer to query(n), to the leader of n. */
export interface CompactReport {
  readonly k: 'compact';
  readonly i: number;
  /** The round of the query it answers. */
  readonly n: Round;
  readonly v: Value | Nil;
  readonly last: number;
  readonly key: string;
}

/**
 * The messages: chapter 08's, with the compact report in place of
 * report(i, s_i), which this system never sends.
 */
export type CompactMsg = Msg | CompactReport;
// #endregion compact-state

/** What a step of a compact process does: its new state, and the messages it sends. */
export interface CompactReply<T> {
  readonly state: T;
  readonly send: readonly CompactMsg[];
}

/**
 * The replaceable parts: chapter 08's rules for accepting and counting,
 * and what next becomes when an agent answers a query.
 */
export interface CompactRules extends Pick<Rules, 'mayAccept' | 'isNew' | 'enough'> {
  /** The agent's next after it answers query(n). */
  readonly promise: (n: Round) => number;
}

/** The correct rules: chapter 08's, and a query(n) promises every round below n. */
export const compactRules: CompactRules = {
  mayAccept: rules08.mayAccept,
  isNew: rules08.isNew,
  enough: rules08.enough,
  promise: (n) => n,
};

const noBest: Best = { v: nil, last: -1 };
const valueAt = (b: Best): string => (b.last < 0 ? '_' : `${b.v}@${b.last}`);

/**
 * report(i, v, last), in answer to query(n).
 *
 * @param i - the agent
 * @param n - the round of the query
 * @param v - its most recent Value, or nil
 * @param last - the round of v (-1: none)
 * @returns the message
 */
export const compactReport = (
  i: number,
  n: Round,
  v: Value | Nil,
  last: number,
): CompactReport => ({
  k: 'compact',
  i,
  n,
  v,
  last,
  key: `k${n}:${i}:${valueAt({ v, last })}`,
});

/** A fresh compact agent: no value, neutral everywhere. */
export const freshCompactAgent: CompactAgent = { v: nil, last: -1, next: 0, outcome: nil };

// #region decode
/**
 * The status in round m that a compact state stands for (§7): v in round
 * last, no in the other rounds below next, neutral from next on.
 *
 * @param a - the agent
 * @param m - the round
 * @returns s[i][m]
 */
export const statusAt = (a: Pick<CompactAgent, 'v' | 'last' | 'next'>, m: Round): Status =>
  m === a.last ? (a.v as Value) : m < a.next ? 'no' : 'neutral';

/**
 * The full status array a compact state stands for (§7's three lines):
 * s[last] = v, s[m] = no for the other m < next, s[m] = neutral for m ≥ next.
 * Below last the paper's encoding keeps nothing; we decode it as no, as the
 * agent never accepts there again.
 *
 * @param a - the agent
 * @param rounds - how many rounds
 * @returns s_i, round by round
 */
export function decodeCompact(
  a: Pick<CompactAgent, 'v' | 'last' | 'next'>,
  rounds: number,
): Status[] {
  return Array.from({ length: rounds }, (_, m) => statusAt(a, m));
}
// #endregion decode

/**
 * The most recent Value in a status array and its round: what §7 keeps of
 * it, and what a compact agent with these statuses reports.
 *
 * @param s - statuses, round by round
 * @returns (v, last), or last -1 if s has no Value
 */
export function latestValue(s: readonly Status[]): Best {
  for (let m = s.length - 1; m >= 0; m--) {
    const st = s[m];
    if (typeof st === 'number') return { v: st, last: m };
  }
  return noBest;
}

// #region agent-step
/**
 * Agent i receives a message. A query(n) at or above next moves next up to
 * n (the compact form of chapter 08's "every neutral round below n becomes
 * no") and is answered with (v, last); one below next is not answered (the
 * agent has accepted in a round at or above n, and has forgotten what came
 * before). A command(n, u) is accepted if s[i][n] is neutral by
 * {@link statusAt} (chapter 08's rule): v := u, last := n, next := n; it is
 * reported if the agent holds u in round n, and a refusal is not reported.
 * An outcome is remembered.
 *
 * @param r - the rules
 * @param a - the agent
 * @param i - its index
 * @param m - the message
 * @returns its new state, and its report if any
 */
export function compactAgentReceive(
  r: CompactRules,
  a: CompactAgent,
  i: number,
  m: CompactMsg,
): CompactReply<CompactAgent> {
  switch (m.k) {
    case 'query': {
      if (m.n < a.next) return { state: a, send: [] };
      const next = Math.max(a.next, r.promise(m.n));
      return {
        state: next === a.next ? a : { ...a, next },
        send: [compactReport(i, m.n, a.v, a.last)],
      };
    }
    case 'command':
      if (r.mayAccept(statusAt(a, m.n)))
        return {
          state: { ...a, v: m.u, last: m.n, next: m.n },
          send: [acceptReport(i, m.n, m.u)],
        };
      return { state: a, send: m.n === a.last ? [acceptReport(i, m.n, a.v as Value)] : [] };
    case 'outcome':
      return { state: a.outcome === m.u ? a : { ...a, outcome: m.u }, send: [] };
    default:
      return { state: a, send: [] };
  }
}
// #endregion agent-step

/** Chapter 08's leader state for a compact one, with no reports (for its functions that read none). */
const full = (ls: CompactLeader): LeaderState => ({ ...ls, reports: [] });

/** A compact leader from chapter 08's, with nothing heard. */
const fresh = ({ reports: _reports, ...ls }: LeaderState): CompactLeader => ({
  ...ls,
  best: noBest,
  heard: [],
});

/**
 * An idle compact leader with clock j.
 *
 * @param j - its clock
 * @returns the leader
 */
export const idleCompactLeader = (j: number): CompactLeader => fresh(idleLeader(j));

/**
 * The leader's bookkeeping of a compact report (§7): in its round, before
 * it has chosen, an agent it has not heard from is added to heard, and best
 * becomes the report's (v, last) if that round is larger.
 *
 * @param r - the rules (isNew)
 * @param ls - the leader
 * @param m - the report
 * @returns the leader after it
 */
export function noteCompactReport(
  r: CompactRules,
  ls: CompactLeader,
  m: CompactReport,
): CompactLeader {
  if (ls.n !== m.n || ls.u !== nil || !r.isNew(ls.heard, m.i)) return ls;
  return {
    ...ls,
    heard: [...ls.heard, m.i].sort((x, y) => x - y),
    best: m.last > ls.best.last ? { v: m.v, last: m.last } : ls.best,
  };
}

/**
 * The leader's choice of u_l from its bookkeeping: the value of the largest
 * round with a reported value, else any allowed value. On the same reports
 * it is chapter 08's `pickLatest`: each report's latest value is its
 * sender's latest below n_l, and one round has one value.
 *
 * @param best - the largest round with a value, and its value
 * @param allowed - allowed_l
 * @returns the values it may command
 */
export const pickCompact = (best: Best, allowed: readonly Value[]): Value[] =>
  best.last >= 0 ? [best.v as Value] : [...allowed];

/**
 * The values the compact leader may command now: none until a majority
 * has reported in n_l, then {@link pickCompact}.
 *
 * @param c - the configuration
 * @param r - the rules (enough)
 * @param ls - the leader
 * @returns the values
 */
export function compactChoices(c: PaxosConfig, r: CompactRules, ls: CompactLeader): Value[] {
  if (ls.n === nil || ls.u !== nil || !r.enough(ls.heard.length, c.agents)) return [];
  return pickCompact(ls.best, ls.allowed);
}

/**
 * The leader starts its next round: chapter 08's `startRound`, with nothing heard.
 *
 * @param c - the configuration
 * @param ls - the leader
 * @param l - its index
 * @returns its new state and query(n_l)
 */
export function compactStartRound(
  c: PaxosConfig,
  ls: CompactLeader,
  l: number,
): CompactReply<CompactLeader> {
  const st = startRound(c, full(ls), l);
  return { state: fresh(st.state), send: st.send };
}

/**
 * The leader receives a message: a compact report goes to
 * {@link noteCompactReport}; a report of an accept to chapter 08's
 * `leaderReceive` (which counts agents and publishes at a majority).
 *
 * @param c - the configuration
 * @param r - the rules
 * @param ls - the leader
 * @param m - the message
 * @returns its new state, and outcome(u_l) if it publishes
 */
export function compactLeaderReceive(
  c: PaxosConfig,
  r: CompactRules,
  ls: CompactLeader,
  m: CompactMsg,
): CompactReply<CompactLeader> {
  if (m.k === 'compact') return { state: noteCompactReport(r, ls, m), send: [] };
  const out = leaderReceive(c, { ...rules08, ...r }, full(ls), m);
  if (out.state.accepted === ls.accepted && out.state.published === ls.published)
    return { state: ls, send: out.send };
  return {
    state: { ...ls, accepted: out.state.accepted, published: out.state.published },
    send: out.send,
  };
}

/** The two roles, with compact states. */
export type CompactRoles = {
  readonly agents: Role<CompactAgent, CompactMsg>;
  readonly leaders: Role<CompactLeader, CompactMsg>;
};

/**
 * Chapter 08's history variables, and one of ours: accepted[i][n], the
 * value agent i accepted in round n (nil: none), which the compact state
 * forgets once the agent accepts in a later round. Only the abstraction
 * function reads it.
 */
export interface CompactHistory extends NetHistory {
  readonly accepted: readonly (readonly (Value | Nil)[])[];
}

/** The compact system's state. */
export type CompactState = ActorState<CompactRoles, CompactMsg, CompactHistory>;

/** The compact system, with its configuration and the processes' own steps at hand. */
export interface CompactSystem extends ActorSystem<CompactRoles, CompactMsg, CompactHistory> {
  /** The configuration it was made with. */
  readonly config: NetConfig;
  /** *Allow(l, v). */
  readonly Allow: ProcessAction<CompactLeader, CompactMsg, Value>;
  /** *Outcome(i). */
  readonly Outcome: ProcessAction<CompactAgent, CompactMsg>;
  /** NewRound(l). */
  readonly NewRound: ProcessAction<CompactLeader, CompactMsg>;
  /** Command(l, v). */
  readonly Command: ProcessAction<CompactLeader, CompactMsg, Value>;
  /** Retransmit(l). */
  readonly Retransmit: ProcessAction<CompactLeader, CompactMsg>;
}

/**
 * An agent's key: (v, last), next, and the outcome it knows.
 *
 * @param a - the agent
 * @returns the key
 */
export const compactAgentKey = (a: CompactAgent): string =>
  `${valueAt(a)}/${a.next}/${a.outcome ?? '_'}`;

/**
 * A leader's key: j, n, u, allowed, best, heard, accepted, published.
 *
 * @param l - the leader
 * @returns the key
 */
export const compactLeaderKey = (l: CompactLeader): string =>
  `${l.j},${l.n ?? '_'},${l.u ?? '_'},${l.allowed.join(',')};${valueAt(l.best)};${l.heard.join('')};${l.accepted.join('')}${l.published ? 'P' : ''}`;

const put = <T>(xs: readonly T[], k: number, x: T): readonly T[] =>
  xs.map((y, i) => (i === k ? x : y));

/**
 * A message as the paper writes it; a compact report as `report(a, 7@(1,l1))`.
 *
 * @param c - the configuration (it names rounds)
 * @param m - the message
 * @returns its text
 */
export function showCompactMsg(c: PaxosConfig, m: CompactMsg): string {
  if (m.k !== 'compact') return showMsg(c, m);
  return `report(${agentName(m.i)}, ${m.last < 0 ? 'none' : `${m.v}@${roundName(c, m.last)}`})`;
}

/**
 * Single-instance Paxos with §7's compact agents and leaders: chapter 08's
 * `messagePaxos` step for step (the same actions, the same `set` network
 * that loses, duplicates and reorders, the same crashes, the same
 * constraints of the check), with {@link compactAgentReceive} and the
 * compact leader in place of chapter 08's processes.
 *
 * @param nc - chapter 08's configuration (its `forgetDeadReports` is not used here)
 * @param r - the rules (default: the correct ones; a mutant replaces one)
 * @returns the system
 */
export function compactPaxos(nc: NetConfig, r: CompactRules = compactRules): CompactSystem {
  validNetConfig(nc);
  const c = nc.paxos;
  const ids = layout({ agents: c.agents, leaders: c.leaders });
  const R = roundCount(c);
  const route = (m: CompactMsg) =>
    m.k === 'compact' || m.k === 'accepted' || m.k === 'status'
      ? ids.leaders[leaderOf(c, m.n)]!
      : ids.agents;
  const addressed = <T>(st: CompactReply<T>): Reaction<T, CompactMsg> => ({
    state: st.state,
    send: st.send.map((msg) => ({ to: route(msg), msg })),
  });

  const Outcome = processAction<CompactAgent, CompactMsg>({
    name: 'Outcome',
    external: true,
    guard: (a) => a.outcome !== nil,
    effect: (a) => ({ state: a, output: a.outcome }),
  });
  const Allow = processAction<CompactLeader, CompactMsg, Value>({
    name: 'Allow',
    external: true,
    params: (_ls, { index }) =>
      nc.pairs ? c.values.filter((_, k) => k % c.leaders === index) : c.values,
    effect: (ls, v) => ({ state: { ...ls, allowed: union(ls.allowed, v) } }),
  });
  const NewRound = processAction<CompactLeader, CompactMsg>({
    name: 'NewRound',
    guard: (ls) => ls.j < c.maxJ,
    effect: (ls, _p, { index }) => addressed(compactStartRound(c, ls, index)),
  });
  const Command = processAction<CompactLeader, CompactMsg, Value>({
    name: 'Command',
    params: (ls) => {
      const vs = compactChoices(c, r, ls);
      return vs.length ? c.values.filter((v) => vs.includes(v)) : [];
    },
    effect: (ls, v) => addressed({ state: { ...ls, u: v }, send: [command(ls.n as Round, v)] }),
  });
  const Retransmit = processAction<CompactLeader, CompactMsg>({
    name: 'Retransmit',
    guard: (ls, _p, ctx) => {
      const m = retransmission(full(ls));
      return m !== undefined && !ctx.inFlight(m);
    },
    effect: (ls) => addressed({ state: ls, send: [retransmission(full(ls))!] }),
  });

  const agents = role<CompactAgent, CompactMsg>({
    name: agentName,
    init: () => freshCompactAgent,
    persistent: ['v', 'last', 'next'],
    crash: 'recover',
    receive: (a, m, { index }) => addressed(compactAgentReceive(r, a, index, m)),
    actions: [Outcome],
    key: compactAgentKey,
  });
  const leaders = role<CompactLeader, CompactMsg>({
    name: leaderName,
    init: () => idleCompactLeader(0),
    persistent: ['j'],
    crash: 'restart',
    receive: (ls, m) => addressed(compactLeaderReceive(c, r, ls, m)),
    actions: nc.retransmit ? [Allow, NewRound, Command, Retransmit] : [Allow, NewRound, Command],
    key: compactLeaderKey,
  });

  /** May Allow offer v now, under the configuration's constraints of the check (as chapter 08's)? */
  const offerable = (ever: readonly Value[], v: Value) =>
    (!c.allowOnce || !ever.includes(v)) &&
    (!nc.inOrder || c.values.slice(0, c.values.indexOf(v)).every((x) => ever.includes(x)));
  const leaderAt = (p: number) => p - ids.leaders[0]!;
  const nils = () => Array.from({ length: R }, (): Value | Nil => nil);
  const sys = actors({
    name: `compact Paxos(${c.agents} agents, ${c.leaders} leaders, j ≤ ${c.maxJ}, values {${c.values.join(', ')}})`,
    ids,
    roles: { agents, leaders },
    network: 'set',
    messageKey: (m: CompactMsg) => m.key,
    showMessage: (m) => showCompactMsg(c, m),
    faults: {
      lose: nc.losses,
      crash: { agents: nc.agentCrashes, leaders: nc.leaderCrashes },
    },
    history: {
      init: { command: nils(), published: false, everAllowed: [], accepted: ids.agents.map(nils) },
      record: (h, { from, label, to }) => {
        let k = h;
        if (Command.is(label)) {
          const n = from.leaders[leaderAt(label.param.p)]!.n as number;
          k = { ...k, command: put(k.command, n, label.param.arg) };
        } else if (Allow.is(label) && !k.everAllowed.includes(label.param.arg))
          k = { ...k, everAllowed: union(k.everAllowed, label.param.arg) };
        if (!k.published && to.leaders.some((ls) => ls.published)) k = { ...k, published: true };
        if (to.agents !== from.agents)
          to.agents.forEach((a, i) => {
            if (a.last >= 0 && a.last !== from.agents[i]!.last)
              k = { ...k, accepted: put(k.accepted, i, put(k.accepted[i]!, a.last, a.v)) };
          });
        return k;
      },
    },
    ...(c.allowOnce || nc.inOrder
      ? {
          constraint: (s: CompactState, l) =>
            !Allow.is(l) || offerable(s.history.everAllowed, l.param.arg),
        }
      : {}),
    view: (s) => compactView(c, s),
  });
  return { ...sys, config: nc, Allow, Outcome, NewRound, Command, Retransmit };
}

/**
 * The variables for tables: each agent's (v, last) and next, who is down
 * and the outcomes, each leader's j, n, u, allowed, best, heard and
 * accepted, the messages in flight, and the history variables.
 *
 * @param c - the configuration (for names)
 * @param s - the state
 * @returns the variables by name
 */
export function compactView(c: PaxosConfig, s: CompactState): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  const round = (n: number) => (n < 0 ? '-' : roundName(c, n));
  s.agents.forEach((a, i) => {
    const name = agentName(i);
    v[`(v, last)_${name}`] = a.last < 0 ? '-' : `(${a.v}, ${round(a.last)})`;
    v[`next_${name}`] = round(a.next);
    if (!s.up[i]) v[`${name} down`] = true;
    if (a.outcome !== nil) v[`outcome_${name}`] = a.outcome;
  });
  viewLeaders(c, s.leaders, v, (ls, name) => {
    if (ls.heard.length) v[`heard_${name}`] = ls.heard.map(agentName).join(' ');
    if (ls.best.last >= 0) v[`best_${name}`] = `(${ls.best.v}, ${round(ls.best.last)})`;
    if (ls.accepted.length) v[`accepted_${name}`] = ls.accepted.map(agentName).join(' ');
  });
  v.net = s.net.map((e) => showCompactMsg(c, e.msg)).join('; ') || '-';
  s.history.command.forEach((u, n) => {
    if (u !== nil) v[`command[${roundName(c, n)}]`] = u;
  });
  s.history.accepted.forEach((row, i) => {
    row.forEach((u, n) => {
      if (u !== nil) v[`accepted[${agentName(i)}][${roundName(c, n)}]`] = u;
    });
  });
  v.published = s.history.published;
  return v;
}

/**
 * f: a compact state to a chapter 08 state (ours). Agent i's s_i is
 * rebuilt from the history variable, not decoded: the value it accepted in
 * each round (the compact state forgets those before last), no in the
 * other rounds below next, neutral from next on. A compact report(i, v,
 * last) for query(n) in flight is chapter 08's report of s_i below n, and
 * a leader's (best, heard) is chapter 08's list of such reports, one per
 * agent heard: below n those statuses never change once i has answered,
 * since i then accepts nothing below next ≥ n. The other messages, the
 * leaders' other variables, who is up, the faults and chapter 08's history
 * variables are as they are.
 *
 * One thing more: for every round n in which agent i accepted, f puts in
 * flight the report of s_i below n that chapter 08's agent would have sent,
 * had it answered query(n) before the command. A compact agent that accepts
 * command(n, u) without having answered query(n) moves next to n, so the
 * rounds below n become no; chapter 08's agent does that only by
 * delivering query(n), which sends that report. The leader of n has
 * chosen by then, so it ignores the report for good. This needs query(n)
 * still in flight when the command arrives, as it is with no losses.
 *
 * @param spec - chapter 08's system (its configuration, ids and network)
 * @returns f
 */
export function compactToNet(spec: PaxosSystem): (y: CompactState) => NetState {
  return imaging(spec).f;
}

/** A value computed once per object and dependency (the parts of states are shared). */
function cached<K extends object, D, V>(
  compute: (k: K, d: D) => V,
  same: (a: D, b: D) => boolean,
): (k: K, d: D) => V {
  const memo = new WeakMap<K, { d: D; v: V }>();
  return (k, d) => {
    const hit = memo.get(k);
    if (hit && same(hit.d, d)) return hit.v;
    const v = compute(k, d);
    memo.set(k, { d, v });
    return v;
  };
}

type StatusMsg = Extract<Msg, { k: 'status' }>;

/** What the image of a part depends on: the history of accepts, and every agent's next. */
interface Deps {
  readonly acc: CompactHistory['accepted'];
  readonly nexts: string;
}
const sameDeps = (a: Deps, b: Deps) => a.acc === b.acc && a.nexts === b.nexts;

/**
 * f, and the image of a message in flight, each part computed once per
 * object it is made from (so that chapter 08's keys, which are cached per
 * object, are too).
 */
function imaging(spec: PaxosSystem) {
  const c = spec.config.paxos;
  const R = roundCount(c);
  const key = spec.network.key;
  type Row = readonly (Value | Nil)[];
  /** s_i from agent i's row of the history and its next. */
  const statuses = cached(
    (row: Row, next: number) =>
      Array.from({ length: R }, (_, m): Status => row[m] ?? (m < next ? 'no' : 'neutral')),
    (a, b) => a === b,
  );
  /** Chapter 08's report(i, s_i below n), from agent i to the leader of n (s_i below n depends on next only up to n). */
  const reportsOf = new WeakMap<Row, Map<string, Envelope<Msg>>>();
  const reportEnv = (acc: Deps['acc'], i: number, next: number, n: Round): Envelope<Msg> => {
    const row = acc[i]!;
    let m = reportsOf.get(row);
    if (!m) {
      m = new Map();
      reportsOf.set(row, m);
    }
    const k = `${n},${Math.min(next, n)}`;
    let e = m.get(k);
    if (!e) {
      const msg = statusReport(i, n, statuses(row, next).slice(0, n));
      e = { from: spec.ids.agents[i]!, to: [spec.ids.leaders[leaderOf(c, n)]!], msg };
      m.set(k, e);
    }
    return e;
  };
  /** The image of an envelope in flight: a compact report's is chapter 08's report, the others are as they are. */
  const envOf = (y: CompactState, e: Envelope<CompactMsg>): Envelope<Msg> => {
    const m = e.msg;
    return m.k === 'compact'
      ? reportEnv(y.history.accepted, m.i, y.agents[m.i]!.next, m.n)
      : (e as Envelope<Msg>);
  };
  const agent = cached(
    (a: CompactAgent, row: Row) => ({ s: statuses(row, a.next), outcome: a.outcome }),
    (x, y) => x === y,
  );
  const agents = cached(
    (as: readonly CompactAgent[], acc: Deps['acc']) => as.map((a, i) => agent(a, acc[i]!)),
    (x, y) => x === y,
  );
  const leader = cached(
    ({ best: _best, heard, ...ls }: CompactLeader, d: Deps & { readonly y: CompactState }) => ({
      ...ls,
      reports:
        ls.n === nil
          ? []
          : [...new Set(heard)]
              .sort((p, q) => p - q)
              .map((i) => ({
                i,
                s: (reportEnv(d.acc, i, d.y.agents[i]!.next, ls.n!).msg as StatusMsg).s,
              })),
    }),
    sameDeps,
  );
  const leaders = cached(
    (ls: readonly CompactLeader[], d: Deps & { readonly y: CompactState }): LeaderState[] =>
      ls.map((l) => leader(l, d)),
    sameDeps,
  );
  /** The reports f adds for the rounds in which agents accepted. */
  const phantoms = cached((acc: Deps['acc'], d: Deps & { readonly y: CompactState }) => {
    const out: Envelope<Msg>[] = [];
    acc.forEach((row, i) => {
      row.forEach((u, n) => {
        if (u !== nil) out.push(reportEnv(acc, i, d.y.agents[i]!.next, n));
      });
    });
    return out;
  }, sameDeps);
  const net = cached(
    (ns: readonly Envelope<CompactMsg>[], d: Deps & { readonly y: CompactState }) => {
      const all = [...ns.map((e) => envOf(d.y, e)), ...phantoms(d.acc, d)];
      all.sort((a, b) => {
        const x = key(a);
        const z = key(b);
        return x < z ? -1 : x > z ? 1 : 0;
      });
      return all.filter((e, k) => k === 0 || key(e) !== key(all[k - 1]!));
    },
    sameDeps,
  );
  const nextsOf = cached(
    (as: readonly CompactAgent[], _d: undefined) => as.map((a) => a.next).join(),
    () => true,
  );
  const history = cached(
    (h: CompactHistory, _d: undefined): NetHistory => ({
      command: h.command,
      published: h.published,
      everAllowed: h.everAllowed,
    }),
    () => true,
  );
  const f = (y: CompactState): NetState => {
    const acc = y.history.accepted;
    const d = { acc, nexts: nextsOf(y.agents, undefined), y };
    return {
      agents: agents(y.agents, acc),
      leaders: leaders(y.leaders, d),
      net: net(y.net, d),
      up: y.up,
      history: history(y.history, undefined),
      faults: y.faults,
      now: y.now,
      clocks: y.clocks,
      partition: y.partition,
    };
  };
  return { f, envOf };
}

/**
 * The chapter 08 steps that simulate each compact step: the same step on
 * f's image of its message or parameter; and, when an agent accepts
 * command(n, u) without having answered query(n), delivering query(n) to
 * it first (which sends the report f supplies). A delivery the compact
 * process ignores is no step. Each named step is checked to be one chapter
 * 08 can take (its message in flight to a process that is up, a value its
 * leader's rule allows, a parameter it offers); if one is not, the checker
 * searches for chapter 08's steps instead.
 *
 * @param sys - the compact system
 * @param spec - chapter 08's system
 * @returns the witness
 */
export function compactWitness(
  sys: CompactSystem,
  spec: PaxosSystem,
): (y: CompactState, label: Label, y2: CompactState) => readonly Move[] | undefined {
  const { f, envOf } = imaging(spec);
  const actions = new Map(spec.actions.map((a) => [a.name, a]));
  const key = spec.network.key;
  let lastY: CompactState | undefined;
  let lastFy: NetState | undefined;
  const image = (y: CompactState): NetState => {
    if (y !== lastY || !lastFy) {
      lastY = y;
      lastFy = f(y);
    }
    return lastFy;
  };
  /**
   * Chapter 08's Deliver can take it: its message in flight to a receiver
   * that is up (what its parameters are, with no time, partition or
   * constraint on deliveries).
   */
  const deliverable = (x: NetState, d: Delivery<Msg>) =>
    x.up[d.to] === true &&
    d.env.to.includes(d.to) &&
    x.net.some((e) => e === d.env || key(e) === key(d.env));
  /** The parameter is one of the action's in x (an envelope by its key, a process's step by process and argument). */
  const among = (act: (typeof spec.actions)[number], x: NetState, p: any) => {
    if (!act.params) return p === undefined;
    for (const q of act.params(x)) {
      if (typeof q !== 'object' || q === null) {
        if (q === p) return true;
      } else if ('msg' in q) {
        if (key(q) === key(p)) return true;
      } else if (q.p === p.p && q.arg === p.arg) return true;
    }
    return false;
  };
  /** Each move is enabled in chapter 08, one after another; else undefined. */
  const enabled = (x0: NetState, moves: readonly Move[]): readonly Move[] | undefined => {
    let x = x0;
    for (let k = 0; k < moves.length; k++) {
      const mv = moves[k]!;
      const act = actions.get(mv.action);
      if (!act || (act.guard && !act.guard(x, mv.param))) return undefined;
      if (spec.Deliver.is(mv) ? !deliverable(x, mv.param) : !among(act, x, mv.param))
        return undefined;
      if (k < moves.length - 1) {
        const e = act.effect(x, mv.param);
        x = (Array.isArray(e) ? e[0]! : e).next;
      }
    }
    return moves;
  };
  return (y, label, y2) => {
    const fy = image(y);
    if (sys.Deliver.is(label)) {
      const { env, to } = label.param;
      if (sys.process(y, to) === sys.process(y2, to) && y.net === y2.net) return [];
      const m = env.msg;
      const moves: Move[] = [spec.Deliver.move({ env: envOf(y, env), to })];
      if (m.k === 'command' && sys.roleOf(to) === 'agents') {
        const i = sys.ids.agents.indexOf(to);
        const accepts =
          (sys.process(y2, to) as CompactAgent).last !== (sys.process(y, to) as CompactAgent).last;
        const answered = (e: Envelope<Msg>) =>
          e.msg.k === 'status' && e.msg.i === i && e.msg.n === m.n;
        if (accepts && !fy.net.some(answered)) {
          const q = fy.net.find((e) => e.msg.k === 'query' && e.msg.n === m.n);
          if (!q) return undefined;
          moves.unshift(spec.Deliver.move({ env: q, to }));
        }
      }
      return enabled(fy, moves);
    }
    if (sys.Lose.is(label)) return enabled(fy, [spec.Lose.move(envOf(y, label.param))]);
    return enabled(fy, [{ action: label.action, param: label.param }]);
  };
}

/**
 * The claim "the compact system implements chapter 08's message-level
 * Paxos via f", checked with the witness. Both name their external steps
 * alike (Allow(l, v), Outcome(i)), so no observation map is needed.
 *
 * @param sys - the compact system
 * @param spec - chapter 08's system (default: `messagePaxos` of the same configuration)
 * @returns the refinement
 */
export function compactRefinement(
  sys: CompactSystem,
  spec: PaxosSystem = messagePaxos(sys.config),
): Refinement<CompactState, NetState> {
  return { spec, abstraction: compactToNet(spec), witness: compactWitness(sys, spec) };
}

/**
 * In every state, each leader may command exactly the values chapter 08's
 * leader may command from the full reports f gives it: the refinement
 * shows that every compact choice is one of chapter 08's, and this that
 * none of chapter 08's is lost.
 *
 * @param sys - the compact system (its rules)
 * @param r - its rules
 * @returns the invariant
 */
export function sameChoices(sys: CompactSystem, r: CompactRules): Invariant<CompactState> {
  const c = sys.config.paxos;
  const f = compactToNet(messagePaxos(sys.config));
  const differ = (y: CompactState) => {
    if (!y.leaders.some((ls) => ls.n !== nil && ls.u === nil)) return -1;
    const fy = f(y);
    return y.leaders.findIndex(
      (ls, l) =>
        compactChoices(c, r, ls).sort().join() !==
        choices(c, rules08, fy.leaders[l]!).sort().join(),
    );
  };
  return invariant(
    'the compact leader may command what chapter 08’s leader may, from the full reports',
    (y) => differ(y) < 0,
    (y) => {
      const l = differ(y);
      return `${leaderName(l)} may command {${compactChoices(c, r, y.leaders[l]!).join(', ')}}, chapter 08’s leader {${choices(c, rules08, f(y).leaders[l]!).join(', ')}}`;
    },
  );
}

/**
 * The goals, so that the check cannot pass by reaching too little: a
 * value is published; a leader commands the value a compact report
 * carried to it; an agent accepts in a round whose query it never
 * answered (f supplies the report).
 *
 * @returns the goals
 */
export function compactGoals(): Reachable<CompactState>[] {
  return [
    reachable('a value is published', (y) => y.history.published),
    reachable('a leader commands the value a compact report carried', (y) =>
      y.leaders.some((ls) => ls.u !== nil && ls.best.last >= 0 && ls.u === ls.best.v),
    ),
    reachable('an agent accepts in a round whose query it did not answer', (y) =>
      y.agents.some(
        (a, i) =>
          a.last >= 0 &&
          !y.net.some((e) => e.msg.k === 'compact' && e.msg.i === i && e.msg.n === a.last),
      ),
    ),
  ];
}

/**
 * A goal beyond the check's bound (it takes ten messages in flight): an
 * agent has accepted in two rounds, and its compact state keeps only the
 * later, so f must take the earlier from the history variable.
 */
export const forgotValue: Reachable<CompactState> = reachable(
  'an agent has accepted in two rounds, and keeps only the later',
  (y) => y.history.accepted.some((row) => row.filter((u) => u !== nil).length >= 2),
);

// #region check
/**
 * The refinement check: every step from every reachable compact state
 * (within the configuration's bound on messages in flight) is simulated
 * by chapter 08's steps the witness names, every state meets
 * {@link sameChoices}, and the goals are reached.
 *
 * @param nc - the configuration
 * @param r - the rules
 * @param ctx - the context (`--depth`, progress)
 * @returns the verdict
 */
export function checkCompact(nc: NetConfig, r: CompactRules, ctx: CheckContext) {
  const sys = compactPaxos(nc, r);
  return refines(sys, compactRefinement(sys), {
    invariants: [sameChoices(sys, r)],
    reachable: compactGoals(),
    ...(nc.maxInFlight === Number.POSITIVE_INFINITY ? {} : { within: withinBound(nc) }),
    ...boundsOf(ctx),
  });
}

/**
 * The check's configuration: chapter 08's default one (3 agents, 2 leaders
 * with one round each, 7 offered to l1 and 8 to l2, each once, no losses,
 * no agent crashes) without its leader crash and with at most 8 messages in
 * flight rather than 9, so that the refinement to chapter 08's system,
 * which is checked on every step, takes seconds.
 */
export const compactConfig: NetConfig = { ...config08, leaderCrashes: 0, maxInFlight: 8 };

/** The compact agents and leaders implement chapter 08's message-level Paxos. */
export const compactCheck = check<CompactRules>({
  name: 'compact agents implement chapter 08’s',
  claim:
    'With 3 agents, 2 leaders with one round each, 7 offered to l1 and 8 to l2, no faults and at most 8 messages in flight, every step of the system whose agents keep only (v, last, next) and whose leaders keep only the largest reported round with a value and who reported is simulated by chapter 08’s message-level Paxos via f, and in every reachable state each leader may command exactly what chapter 08’s leader may from the full reports.',
  pinned: { states: 22735 },
  run: (ctx, r = compactRules) => checkCompact(compactConfig, r, ctx),
});
// #endregion check

/** Mutant: answering query(n), an agent sets next to n - 1, so it promises one round too few. */
export const compactNextOffByOne: CompactRules = { ...compactRules, promise: (n) => n - 1 };

/** Mutant: the leader counts reports, not agents (chapter 08's `countReports`), so a duplicate counts twice. */
export const compactCountReports: CompactRules = { ...compactRules, isNew: countReports.isNew };

/** The compact system's mutants, each caught by {@link compactCheck}. */
export const compactMutants = [
  mutant(compactCheck, {
    name: 'compact next off by one',
    bug: 'An agent that answers query(n) sets next to n - 1, so round n - 1 stays neutral.',
    variant: compactNextOffByOne,
  }),
  mutant(compactCheck, {
    name: 'compact leader counts reports',
    bug: 'The leader counts compact reports instead of agents, so a duplicated report counts twice.',
    variant: compactCountReports,
  }),
] as const;
