/**
 * The agent and the leader of §6.4 as pure step functions: (state, message)
 * to (new state, messages to send). Nothing here knows about the network,
 * the model checker or time, so a later chapter can drive the same
 * functions with sockets and timers. Where the messages go, what survives
 * a crash and who is up is the system's business (`system.ts`).
 *
 * @module
 */
import type { Nil } from '../../index';
import { nil } from '../../index';
import { union } from '../03-consensus-specs/specs';
import type { PaxosConfig, Round, Status, Value } from '../06-paxos-state/state';
import { roundOf } from '../06-paxos-state/state';
import type { Msg } from './messages';
import { acceptReport, command, outcome, query, statusReport } from './messages';
import type { Report, Rules } from './rules';

/** What a step of a process does: its new state, and the messages it sends. */
export interface Reply<T> {
  readonly state: T;
  readonly send: readonly Msg[];
}

// #region agent-state
/** An agent: s_i survives a crash (persistent storage); what it knows of the outcome does not. */
export interface AgentState {
  /** s[i][n] for every round n. */
  readonly s: readonly Status[];
  /** The outcome it has been told, or nil (volatile: lost in a crash). */
  readonly outcome: Value | Nil;
}
// #endregion agent-state

// #region leader-state
/** A leader: nothing survives a crash but the clock j, from which it takes new round numbers. */
export interface LeaderState {
  /** The leader's clock: the largest j it has used in a round (j, l), 0 if none. */
  readonly j: number;
  /** n_l: the round it is working on, or nil. */
  readonly n: Round | Nil;
  /** u_l: the value it commanded in n_l, or nil if it has not chosen yet. */
  readonly u: Value | Nil;
  /** allowed_l. */
  readonly allowed: readonly Value[];
  /** The reports of statuses below n_l it has heard, one per agent (sorted by agent). */
  readonly reports: readonly Report[];
  /** The agents that reported accepting u_l in n_l (sorted). */
  readonly accepted: readonly number[];
  /** Whether it has sent outcome(u_l). */
  readonly published: boolean;
}
// #endregion leader-state

/** A fresh agent: neutral in every one of the rounds. */
export const freshAgent = (rounds: number): AgentState => ({
  s: Array.from({ length: rounds }, (): Status => 'neutral'),
  outcome: nil,
});

/** An idle leader with clock j. */
export const idleLeader = (j: number): LeaderState => ({
  j,
  n: nil,
  u: nil,
  allowed: [],
  reports: [],
  accepted: [],
  published: false,
});

/** The old array if the new one has the same statuses (so an unchanged state stays the same object). */
function same(old: readonly Status[], s: readonly Status[]): readonly Status[] {
  for (let k = 0; k < s.length; k++) if (s[k] !== old[k]) return s;
  return old;
}

// #region agent-step
/**
 * Agent i receives a message. A query makes it give up the earlier rounds
 * it is still neutral in, then report; a command is accepted while neutral,
 * then reported either way; an outcome is remembered. A duplicate or a
 * retransmission gets the same answer again.
 */
export function agentReceive(r: Rules, a: AgentState, i: number, m: Msg): Reply<AgentState> {
  switch (m.k) {
    case 'query': {
      const s = same(a.s, r.onQuery(a.s, m.n));
      return { state: s === a.s ? a : { ...a, s }, send: [statusReport(i, m.n, s.slice(0, m.n))] };
    }
    case 'command': {
      if (!r.mayAccept(a.s[m.n]!)) return { state: a, send: [acceptReport(i, m.n, a.s[m.n]!)] };
      const s = a.s.map((st, k) => (k === m.n ? m.u : st));
      return { state: { ...a, s }, send: [acceptReport(i, m.n, m.u)] };
    }
    case 'outcome':
      return { state: a.outcome === m.u ? a : { ...a, outcome: m.u }, send: [] };
    default:
      return { state: a, send: [] };
  }
}
// #endregion agent-step

// #region leader-steps
/** The leader starts its next round (j+1, l) and queries every agent. */
export function startRound(c: PaxosConfig, ls: LeaderState, l: number): Reply<LeaderState> {
  const j = ls.j + 1;
  const n = roundOf(c, j, l);
  return {
    state: { ...idleLeader(j), allowed: ls.allowed, n },
    send: [query(n)],
  };
}

/** Allow(v): the leader hears that v is allowed. */
export const allow = (ls: LeaderState, v: Value): LeaderState => ({
  ...ls,
  allowed: union(ls.allowed, v),
});

/**
 * The leader receives a report. A report of statuses for its round n_l is
 * kept if it is news; a report that an agent accepted u_l in n_l is counted
 * if it is news, and when a majority has accepted, the leader publishes
 * outcome(u_l) to every agent. Anything else (a report for an older round,
 * or from before a crash) is ignored.
 */
export function leaderReceive(
  c: PaxosConfig,
  r: Rules,
  ls: LeaderState,
  m: Msg,
): Reply<LeaderState> {
  const none = { state: ls, send: [] };
  if (m.k === 'status') {
    if (ls.n !== m.n || ls.u !== nil) return none;
    if (
      !r.isNew(
        ls.reports.map((x) => x.i),
        m.i,
      )
    )
      return none;
    const reports = [...ls.reports, { i: m.i, s: m.s }].sort((x, y) => x.i - y.i);
    return { state: { ...ls, reports }, send: [] };
  }
  if (m.k === 'accepted') {
    if (ls.n !== m.n || ls.u === nil || m.st !== ls.u || ls.published) return none;
    if (!r.isNew(ls.accepted, m.i)) return none;
    const accepted = [...ls.accepted, m.i].sort((x, y) => x - y);
    if (!r.enough(accepted.length, c.agents)) return { state: { ...ls, accepted }, send: [] };
    const u = ls.u;
    return { state: { ...ls, accepted, published: true }, send: [outcome(u)] };
  }
  return none;
}

/**
 * The values the leader may command now: none until it has heard from a
 * majority in round n_l; then what the rule picks from their reports.
 */
export function choices(c: PaxosConfig, r: Rules, ls: LeaderState): Value[] {
  if (ls.n === nil || ls.u !== nil || !r.enough(ls.reports.length, c.agents)) return [];
  return r.pick(ls.reports, ls.n, ls.allowed);
}

/** The leader chooses u_l := v and commands every agent to accept it in n_l. */
export function commandValue(ls: LeaderState, v: Value): Reply<LeaderState> {
  return { state: { ...ls, u: v }, send: [command(ls.n as Round, v)] };
}

/** What the leader sends again: its outcome, else its command, else its query. */
export function retransmission(ls: LeaderState): Msg | undefined {
  if (ls.n === nil) return undefined;
  if (ls.published && ls.u !== nil) return outcome(ls.u);
  if (ls.u !== nil) return command(ls.n, ls.u);
  return query(ls.n);
}
// #endregion leader-steps
