/**
 * Message-level Paxos (§6.4) as an actor system: the pure step functions of
 * the agents and leaders, wired by the library's `set` network, which
 * loses, duplicates and reorders messages, with agents that crash and
 * recover and leaders that crash and forget.
 *
 * @module
 */
import type { ActorState, ActorSystem, Nil, ProcessAction, Reaction, Role } from '../../index';
import { actors, layout, nil, processAction, role } from '../../index';
import { union } from '../03-consensus-specs/specs';
import { viewLeaders } from '../06-paxos-state/paxos';
import type { PaxosConfig, Status, Value } from '../06-paxos-state/state';
import { agentName, leaderName, roundCount, roundName } from '../06-paxos-state/state';
import type { NetConfig } from './config';
import { validNetConfig } from './config';
import type { Msg } from './messages';
import { reportLeader, showAddressed, showMsg, toAgents } from './messages';
import type { AgentState, LeaderState, Reply } from './processes';
import {
  agentReceive,
  allow,
  choices,
  commandValue,
  freshAgent,
  idleLeader,
  leaderReceive,
  retransmission,
  startRound,
} from './processes';
import type { Rules } from './rules';
import { rules as correct } from './rules';

/** The two roles of §6.4. */
export type PaxosRoles = {
  readonly agents: Role<AgentState, Msg>;
  readonly leaders: Role<LeaderState, Msg>;
};

// #region state
/**
 * The history variables (§5.1): what has happened, read by nothing but the
 * abstraction function and the invariants, never by a process.
 */
export interface NetHistory {
  /** command[n]: the value round n's leader commanded, once it chose, else nil. */
  readonly command: readonly (Value | Nil)[];
  /** Some leader has published an outcome. */
  readonly published: boolean;
  /** Every value any Allow has given a leader. */
  readonly everAllowed: readonly Value[];
}

/**
 * The whole system, as the library keeps it: `agents[i]` and `leaders[l]`,
 * the messages in flight (`net`), who is up, the history, and the faults
 * used so far.
 */
export type NetState = ActorState<PaxosRoles, Msg, NetHistory>;
// #endregion state

/** Message-level Paxos, with its configuration and the processes' own steps at hand. */
export interface PaxosSystem extends ActorSystem<PaxosRoles, Msg, NetHistory> {
  /** The configuration it was made with. */
  readonly config: NetConfig;
  /** *Allow(l, v): leader l hears that v is allowed. */
  readonly Allow: ProcessAction<LeaderState, Msg, Value>;
  /** *Outcome(i): agent i answers with the outcome it was told. */
  readonly Outcome: ProcessAction<AgentState, Msg>;
  /** NewRound(l): leader l starts its next round. */
  readonly NewRound: ProcessAction<LeaderState, Msg>;
  /** Command(l, v): leader l chooses u_l := v. */
  readonly Command: ProcessAction<LeaderState, Msg, Value>;
  /** Retransmit(l): leader l sends its current message again. */
  readonly Retransmit: ProcessAction<LeaderState, Msg>;
}

const stChar = (st: Status): string =>
  st === 'neutral' ? '.' : st === 'no' ? '-' : String.fromCharCode(48 + (st % 64));

/**
 * A compact key of an agent: its statuses up to the last one that is not
 * neutral (every agent has as many as there are rounds), and the outcome
 * it knows.
 *
 * @param a - the agent's state
 * @returns the key
 */
export function agentKey(a: AgentState): string {
  let end = a.s.length;
  while (end > 0 && a.s[end - 1] === 'neutral') end--;
  let k = '';
  for (let n = 0; n < end; n++) k += stChar(a.s[n]!);
  return `${k}/${a.outcome === nil ? '_' : a.outcome}`;
}

/**
 * A compact key of a leader: j, n, u, allowed, what it heard, whether it published.
 *
 * @param l - the leader's state
 * @returns the key
 */
export function leaderKey(l: LeaderState): string {
  let k = `${l.j},${l.n ?? '_'},${l.u ?? '_'},${l.allowed.join(',')};`;
  for (const r of l.reports) k += `${r.i}${r.s.map(stChar).join('')},`;
  return `${k};${l.accepted.join('')}${l.published ? 'P' : ''}`;
}

const put = <T>(xs: readonly T[], k: number, x: T): readonly T[] =>
  xs.map((y, i) => (i === k ? x : y));

/**
 * Message-level Paxos.
 *
 * | step              | of       | kind     | when                                   | effect                                        |
 * |-------------------|----------|----------|----------------------------------------|-----------------------------------------------|
 * | *Allow(l, v)      | leader   | external |                                        | allowed_l := allowed_l ∪ {v}                  |
 * | *Outcome(i)       | agent    | external | i has been told the outcome            | return it                                     |
 * | NewRound(l)       | leader   | internal | j_l < maxJ                             | n_l := (j_l + 1, l); send query(n_l)          |
 * | Command(l, v)     | leader   | internal | l heard a majority; its rule allows v  | u_l := v; send command(n_l, v)                |
 * | Retransmit(l)     | leader   | internal | l's current message is not in flight   | send it again                                 |
 * | Deliver(m → p)    | network  | internal | m in flight; p is up                   | p's step; send its replies; m stays in flight |
 * | !Lose(m)          | network  | fault    | m in flight                            | take m out                                    |
 * | !Crash(i)         | agent    | fault    | i is up                                | i is down and forgets the outcome, not s_i    |
 * | Recover(i)        | agent    | internal | i is down                              | i is up                                       |
 * | !Crash(l)         | leader   | fault    | l has something to forget              | l forgets all but its clock j_l               |
 *
 * @param nc - the configuration
 * @param r - the processes' rules (default: the correct ones; a mutant replaces one)
 * @returns the system
 * @example
 * ```ts
 * const r = explore(messagePaxos(config), { invariants: channelInvariants(config.paxos) });
 * ```
 */
export function messagePaxos(nc: NetConfig, r: Rules = correct): PaxosSystem {
  validNetConfig(nc);
  const c = nc.paxos;
  const ids = layout({ agents: c.agents, leaders: c.leaders });
  const R = roundCount(c);
  /** Where a message goes: a leader's to every agent, a report to its round's leader. */
  const route = (m: Msg) => (toAgents(m) ? ids.agents : ids.leaders[reportLeader(c, m)]!);
  const addressed = <T>(st: Reply<T>): Reaction<T, Msg> => ({
    state: st.state,
    send: st.send.map((msg) => ({ to: route(msg), msg })),
  });

  // #region actions
  const Outcome = processAction<AgentState, Msg>({
    name: 'Outcome',
    external: true,
    guard: (a) => a.outcome !== nil,
    effect: (a) => ({ state: a, output: a.outcome }),
  });
  const Allow = processAction<LeaderState, Msg, Value>({
    name: 'Allow',
    external: true,
    params: (_ls, { index }) =>
      nc.pairs ? c.values.filter((_, k) => k % c.leaders === index) : c.values,
    effect: (ls, v) => ({ state: allow(ls, v) }),
  });
  const NewRound = processAction<LeaderState, Msg>({
    name: 'NewRound',
    guard: (ls) => ls.j < c.maxJ,
    effect: (ls, _p, { index }) => addressed(startRound(c, ls, index)),
  });
  const Command = processAction<LeaderState, Msg, Value>({
    name: 'Command',
    params: (ls) => {
      const vs = choices(c, r, ls);
      return vs.length ? c.values.filter((v) => vs.includes(v)) : [];
    },
    effect: (ls, v) => addressed(commandValue(ls, v)),
  });
  const Retransmit = processAction<LeaderState, Msg>({
    name: 'Retransmit',
    guard: (ls, _p, ctx) => {
      const m = retransmission(ls);
      return m !== undefined && !ctx.inFlight(m);
    },
    effect: (ls) => addressed({ state: ls, send: [retransmission(ls)!] }),
  });
  // #endregion actions

  // #region roles
  const agents = role<AgentState, Msg>({
    name: agentName,
    init: () => freshAgent(R),
    persistent: ['s'],
    crash: 'recover',
    receive: (a, m, { index }) => addressed(agentReceive(r, a, index, m)),
    actions: [Outcome],
    key: agentKey,
  });
  const leaders = role<LeaderState, Msg>({
    name: leaderName,
    init: () => idleLeader(0),
    persistent: ['j'],
    crash: 'restart',
    receive: (ls, m) => addressed(leaderReceive(c, r, ls, m)),
    actions: nc.retransmit ? [Allow, NewRound, Command, Retransmit] : [Allow, NewRound, Command],
    key: leaderKey,
  });
  // #endregion roles

  const leaderAt = (p: number) => p - ids.leaders[0]!;
  // #region system
  const sys = actors({
    name: `message Paxos(${c.agents} agents, ${c.leaders} leaders, j ≤ ${c.maxJ}, values {${c.values.join(', ')}})`,
    ids,
    roles: { agents, leaders },
    network: 'set',
    messageKey: (m: Msg) => m.key,
    showMessage: (m) => showMsg(c, m),
    faults: {
      lose: nc.losses,
      crash: { agents: nc.agentCrashes, leaders: nc.leaderCrashes },
    },
    history: {
      init: { command: Array.from({ length: R }, () => nil), published: false, everAllowed: [] },
      record: (h, { from, label, to }) => {
        if (Command.is(label)) {
          const n = from.leaders[leaderAt(label.param.p)]!.n as number;
          return { ...h, command: put(h.command, n, label.param.arg) };
        }
        if (Allow.is(label))
          return h.everAllowed.includes(label.param.arg)
            ? h
            : { ...h, everAllowed: union(h.everAllowed, label.param.arg) };
        if (!h.published && to.leaders.some((ls) => ls.published)) return { ...h, published: true };
        return h;
      },
    },
    // Constraints of the check: as in chapter 06, each value is offered at
    // most once; and, if the configuration says so, in the order given.
    ...(c.allowOnce || nc.inOrder
      ? {
          constraint: (s: NetState, l) =>
            !Allow.is(l) ||
            ((!c.allowOnce || !s.history.everAllowed.includes(l.param.arg)) &&
              (!nc.inOrder ||
                c.values
                  .slice(0, c.values.indexOf(l.param.arg))
                  .every((v) => s.history.everAllowed.includes(v)))),
        }
      : {}),
    view: (s) => netView(c, s),
  });
  // #endregion system
  const full = { ...sys, config: nc, Allow, Outcome, NewRound, Command, Retransmit };
  return nc.forgetDeadReports ? forgettingDeadReports(full) : full;
}

// #region dead-reports
/**
 * Will the leader the report goes to ignore it for good? A leader's rounds
 * only grow (a crash keeps j), so a report about a round it has left, or
 * forgot in a crash, is never heard again; in its round, a report of
 * statuses once it has chosen u_l, and a report of an accept once it has
 * published or of another value than u_l, neither.
 *
 * @param c - the configuration (it says whose round it is)
 * @param y - the state
 * @param m - a message in flight
 * @returns whether delivering it can never change anything
 */
export function deadReport(c: PaxosConfig, y: NetState, m: Msg): boolean {
  if (m.k !== 'status' && m.k !== 'accepted') return false;
  const ls = y.leaders[reportLeader(c, m)]!;
  if (ls.n !== m.n) return true;
  return m.k === 'status' ? ls.u !== nil : ls.published || m.st !== ls.u;
}
// #endregion dead-reports

/**
 * The same system, whose key (and fingerprint) forget dead reports: two
 * states that differ only in reports their leaders will ignore for good
 * count as one (a reduction of ours). Delivering a dead report is a step
 * that changes nothing, and losing one only spends a loss, so from two such
 * states the other steps lead to states that again differ only in dead
 * reports: the processes reach the same states, by runs of the same
 * length. The states the search keeps are real ones, dead reports and all.
 *
 * @param sys - message-level Paxos
 * @returns the system with the coarser key
 */
export function forgettingDeadReports(sys: PaxosSystem): PaxosSystem {
  const c = sys.config.paxos;
  // The live messages of the last two (network, leaders) pairs met: the
  // successors of a state share them.
  let a = {
    net: [] as NetState['net'],
    leaders: [] as NetState['leaders'],
    live: [] as NetState['net'],
  };
  let b = a;
  const live = (y: NetState): NetState => {
    let hit = a.net === y.net && a.leaders === y.leaders ? a : undefined;
    if (!hit && b.net === y.net && b.leaders === y.leaders) {
      hit = b;
      b = a;
      a = hit;
    }
    if (!hit) {
      const dead = y.net.some((e) => deadReport(c, y, e.msg));
      hit = {
        net: y.net,
        leaders: y.leaders,
        live: dead ? y.net.filter((e) => !deadReport(c, y, e.msg)) : y.net,
      };
      b = a;
      a = hit;
    }
    return hit.live === y.net ? y : { ...y, net: hit.live };
  };
  const { fingerprint, ...rest } = sys;
  return {
    ...rest,
    key: (y) => sys.key(live(y)),
    ...(fingerprint ? { fingerprint: (y: NetState) => fingerprint(live(y)) } : {}),
  };
}

/**
 * The variables by the paper's names, for tables: s[i][n] where not
 * neutral, who is down and each agent's outcome, each leader's j_l, n_l,
 * u_l, allowed_l and what it heard, the messages in flight, and the
 * history variables.
 *
 * @param c - the configuration (for names)
 * @param s - the state
 * @returns the variables by name
 */
export function netView(c: PaxosConfig, s: NetState): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  s.agents.forEach((a, i) => {
    a.s.forEach((st, n) => {
      if (st !== 'neutral') v[`s[${agentName(i)}][${roundName(c, n)}]`] = st;
    });
  });
  s.agents.forEach((a, i) => {
    if (!s.up[i]) v[`${agentName(i)} down`] = true;
    if (a.outcome !== nil) v[`outcome_${agentName(i)}`] = a.outcome;
  });
  viewLeaders(c, s.leaders, v, (ls, name) => {
    if (ls.reports.length) v[`heard_${name}`] = ls.reports.map((r) => agentName(r.i)).join(' ');
    if (ls.accepted.length) v[`accepted_${name}`] = ls.accepted.map(agentName).join(' ');
  });
  v.net = s.net.map((e) => showAddressed(c, e.msg)).join('; ') || '-';
  s.history.command.forEach((u, n) => {
    if (u !== nil) v[`command[${roundName(c, n)}]`] = u;
  });
  v.published = s.history.published;
  return v;
}
