/**
 * Message-level Paxos (§6.4) as a machine: the pure step functions of the
 * agents and leaders wired to a network that loses, duplicates and reorders
 * messages, with agents that crash and recover and leaders that crash and
 * forget.
 *
 * @module
 */
import { action, type Machine, machine, type Nil, nil, returns, to } from '../../index';
import { union } from '../03-consensus-specs/specs';
import {
  agentName,
  leaderName,
  type PaxosConfig,
  roundCount,
  roundName,
  type Status,
  type Value,
  validConfig,
} from '../06-paxos-state/state';
import {
  inFlight,
  type Msg,
  type Network,
  remove,
  reportLeader,
  send,
  showAddressed,
  showMsg,
  toAgents,
} from './messages';
import {
  type AgentState,
  agentReceive,
  allow,
  choices,
  commandValue,
  crashLeader,
  idleLeader,
  type LeaderState,
  leaderReceive,
  retransmission,
  startRound,
} from './processes';
import { rules as correct, type Rules } from './rules';

// #region config
/** The checking constants: Paxos's (agents, leaders, rounds, values) and the network's faults. */
export interface NetConfig {
  /** Agents, leaders, j ≤ maxJ, values, as in chapter 06. */
  readonly paxos: PaxosConfig;
  /**
   * A constraint of the check: the k-th value is offered only to leader
   * k mod |L| (7 to l1, 8 to l2), so each leader has its own value.
   */
  readonly pairs: boolean;
  /** A constraint of the check: states with more messages in flight are not expanded. */
  readonly maxInFlight: number;
  /** How many messages the network may lose in a run (Infinity: no budget). */
  readonly losses: number;
  /** May a leader send its current message again (after a loss)? */
  readonly retransmit: boolean;
  /** How many agent crashes a run may have (Infinity: no budget). */
  readonly agentCrashes: number;
  /** How many leader crashes a run may have (Infinity: no budget). */
  readonly leaderCrashes: number;
}
// #endregion config

// #region state
/** The whole system: the processes, the network, and three history variables. */
export interface NetState {
  readonly agents: readonly AgentState[];
  readonly leaders: readonly LeaderState[];
  /** The messages in flight (a multiset, sorted). */
  readonly net: Network;
  /** History: command[n], the value commanded in round n once its leader chose, else nil. */
  readonly command: readonly (Value | Nil)[];
  /** History: some leader has published an outcome. */
  readonly published: boolean;
  /** History: every value any Allow has given a leader. */
  readonly everAllowed: readonly Value[];
  /** Faults used so far: messages lost, agent crashes, leader crashes. */
  readonly faults: readonly [number, number, number];
}
// #endregion state

/** Check a network configuration, or say what is wrong with it. */
export function validNetConfig(c: NetConfig): NetConfig {
  validConfig(c.paxos);
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      throw new Error(
        `message Paxos config: ${name} must be a whole number from ${min} to ${max}, got ${v}`,
      );
  };
  whole('maxInFlight', c.maxInFlight, 1, 1000);
  const budget = (name: string, v: number) => {
    if (v !== Number.POSITIVE_INFINITY && !(Number.isInteger(v) && v >= 0))
      throw new Error(
        `message Paxos config: ${name} must be a whole number from 0, or Infinity (no budget), got ${v}`,
      );
  };
  budget('losses', c.losses);
  budget('agentCrashes', c.agentCrashes);
  budget('leaderCrashes', c.leaderCrashes);
  return c;
}

/** The initial state: every status neutral, every leader idle, nothing in flight. */
export function initialNetState(c: PaxosConfig): NetState {
  const R = roundCount(c);
  return {
    agents: Array.from({ length: c.agents }, () => ({
      s: Array.from({ length: R }, (): Status => 'neutral'),
      up: true,
      outcome: nil,
    })),
    leaders: Array.from({ length: c.leaders }, () => idleLeader(0)),
    net: [],
    command: Array.from({ length: R }, () => nil),
    published: false,
    everAllowed: [],
    faults: [0, 0, 0],
  };
}

const put = <T>(xs: readonly T[], k: number, x: T): T[] => xs.map((y, i) => (i === k ? x : y));

type Faults = NetState['faults'];
const bump = (f: Faults, k: 0 | 1 | 2): Faults =>
  [f[0] + (k === 0 ? 1 : 0), f[1] + (k === 1 ? 1 : 0), f[2] + (k === 2 ? 1 : 0)] as const;

/** The parameter of Allow: the value, and the leader that hears of it (chapter 06's). */
export interface AllowParam {
  readonly v: Value;
  readonly l: number;
}

/** The parameter of Command: a leader and a value. */
export interface CommandParam {
  readonly l: number;
  readonly v: Value;
}

/** The parameter of Deliver: a message and its receiver (an agent, or the report's leader). */
export interface DeliverParam {
  readonly m: Msg;
  readonly to: number;
}

/**
 * Message-level Paxos.
 *
 * | action            | kind     | guard                                  | effect                                        |
 * |-------------------|----------|----------------------------------------|-----------------------------------------------|
 * | *Allow(v, l)      | external |                                        | allowed_l := allowed_l ∪ {v}                  |
 * | *Outcome(i)       | external | i is up and has been told the outcome  | return it                                     |
 * | NewRound(l)       | internal | j_l < maxJ                             | n_l := (j_l + 1, l); send query(n_l)          |
 * | Command(l, v)     | internal | l heard a majority; its rule allows v  | u_l := v; send command(n_l, v)                |
 * | Deliver(m → p)    | internal | m in flight; p is up                   | p's step; send its replies; m stays in flight |
 * | Retransmit(l)     | internal | l's current message is not in flight   | send it again                                 |
 * | !Lose(m)          | fault    | m in flight                            | take m out                                    |
 * | !CrashAgent(i)    | fault    | i is up                                | i is down and forgets the outcome, not s_i    |
 * | RecoverAgent(i)   | internal | i is down                              | i is up                                       |
 * | !CrashLeader(l)   | fault    | l has something to forget              | l forgets all but its clock j_l               |
 *
 * @param nc - the configuration
 * @param r - the processes' rules (default: the correct ones; a mutant replaces one)
 * @returns the machine
 * @example
 * ```ts
 * const r = explore(messagePaxos(netConfig), { invariants: channelInvariants(netConfig.paxos) });
 * ```
 */
export function messagePaxos(nc: NetConfig, r: Rules = correct): Machine<NetState> {
  validNetConfig(nc);
  const c = nc.paxos;
  const agents = Array.from({ length: c.agents }, (_, i) => i);
  const leaders = Array.from({ length: c.leaders }, (_, l) => l);
  const allowParams: AllowParam[] = nc.pairs
    ? c.values.map((v, k) => ({ v, l: k % c.leaders }))
    : c.values.flatMap((v) => leaders.map((l) => ({ v, l })));
  const commandParams: CommandParam[] = leaders.flatMap((l) => c.values.map((v) => ({ l, v })));
  const deliveries = (s: NetState): DeliverParam[] =>
    s.net.flatMap((m): DeliverParam[] =>
      toAgents(m)
        ? agents.filter((i) => s.agents[i]!.up).map((to) => ({ m, to }))
        : [{ m, to: reportLeader(c, m) }],
    );

  // #region actions
  const Allow = action({
    name: 'Allow',
    external: true,
    params: () => allowParams,
    showParam: (p: AllowParam) => `${p.v}, ${leaderName(p.l)}`,
    guard: (s: NetState, { v }: AllowParam) => !c.allowOnce || !s.everAllowed.includes(v),
    effect: (s: NetState, { v, l }: AllowParam) =>
      to<NetState>({
        ...s,
        leaders: put(s.leaders, l, allow(s.leaders[l]!, v)),
        everAllowed: union(s.everAllowed, v),
      }),
  });
  const Outcome = action({
    name: 'Outcome',
    external: true,
    params: () => agents,
    showParam: agentName,
    guard: (s: NetState, i: number) => s.agents[i]!.up && s.agents[i]!.outcome !== nil,
    effect: (s: NetState, i: number) => returns(s, s.agents[i]!.outcome),
  });
  const NewRound = action({
    name: 'NewRound',
    external: false,
    params: () => leaders,
    showParam: leaderName,
    guard: (s: NetState, l: number) => s.leaders[l]!.j < c.maxJ,
    effect: (s: NetState, l: number) => {
      const st = startRound(c, s.leaders[l]!, l);
      return to<NetState>({
        ...s,
        leaders: put(s.leaders, l, st.state),
        net: send(s.net, st.send),
      });
    },
  });
  const Command = action({
    name: 'Command',
    external: false,
    params: () => commandParams,
    showParam: (p: CommandParam) => `${leaderName(p.l)}, ${p.v}`,
    guard: (s: NetState, { l, v }: CommandParam) => choices(c, r, s.leaders[l]!).includes(v),
    effect: (s: NetState, { l, v }: CommandParam) => {
      const ls = s.leaders[l]!;
      const st = commandValue(ls, v);
      return to<NetState>({
        ...s,
        leaders: put(s.leaders, l, st.state),
        net: send(s.net, st.send),
        command: put(s.command, ls.n as number, v),
      });
    },
  });
  const Deliver = action({
    name: 'Deliver',
    external: false,
    params: deliveries,
    showParam: ({ m, to }: DeliverParam) =>
      `${showMsg(c, m)} → ${toAgents(m) ? agentName(to) : leaderName(to)}`,
    effect: (s: NetState, { m, to: p }: DeliverParam) => {
      if (!toAgents(m)) {
        const st = leaderReceive(c, r, s.leaders[p]!, m);
        if (st.state === s.leaders[p]) return to(s);
        return to<NetState>({
          ...s,
          leaders: put(s.leaders, p, st.state),
          net: send(s.net, st.send),
          published: s.published || st.state.published,
        });
      }
      const st = agentReceive(r, s.agents[p]!, p, m);
      const net = send(s.net, st.send);
      if (st.state === s.agents[p] && net === s.net) return to(s);
      return to<NetState>({ ...s, agents: put(s.agents, p, st.state), net });
    },
  });
  const Retransmit = action({
    name: 'Retransmit',
    external: false,
    params: () => (nc.retransmit ? leaders : []),
    showParam: leaderName,
    guard: (s: NetState, l: number) => {
      const m = retransmission(s.leaders[l]!);
      return m !== undefined && !inFlight(s.net, m);
    },
    effect: (s: NetState, l: number) =>
      to<NetState>({ ...s, net: send(s.net, [retransmission(s.leaders[l]!)!]) }),
  });
  const Lose = action({
    name: 'Lose',
    external: false,
    fault: true,
    params: (s: NetState) => (s.faults[0] < nc.losses ? s.net : []),
    showParam: (m: Msg) => showAddressed(c, m),
    effect: (s: NetState, m: Msg) =>
      to<NetState>({ ...s, net: remove(s.net, m), faults: bump(s.faults, 0) }),
  });
  const CrashAgent = action({
    name: 'CrashAgent',
    external: false,
    fault: true,
    params: () => agents,
    showParam: agentName,
    guard: (s: NetState, i: number) => s.agents[i]!.up && s.faults[1] < nc.agentCrashes,
    effect: (s: NetState, i: number) =>
      to<NetState>({
        ...s,
        agents: put(s.agents, i, { ...s.agents[i]!, up: false, outcome: nil }),
        faults: bump(s.faults, 1),
      }),
  });
  const RecoverAgent = action({
    name: 'RecoverAgent',
    external: false,
    params: () => agents,
    showParam: agentName,
    guard: (s: NetState, i: number) => !s.agents[i]!.up,
    effect: (s: NetState, i: number) =>
      to<NetState>({ ...s, agents: put(s.agents, i, { ...s.agents[i]!, up: true }) }),
  });
  const CrashLeader = action({
    name: 'CrashLeader',
    external: false,
    fault: true,
    params: () => leaders,
    showParam: leaderName,
    guard: (s: NetState, l: number) => {
      const ls = s.leaders[l]!;
      return (
        s.faults[2] < nc.leaderCrashes && (ls.n !== nil || ls.u !== nil || ls.allowed.length > 0)
      );
    },
    effect: (s: NetState, l: number) =>
      to<NetState>({
        ...s,
        leaders: put(s.leaders, l, crashLeader(s.leaders[l]!)),
        faults: bump(s.faults, 2),
      }),
  });
  // #endregion actions

  return machine<NetState>({
    name: `message Paxos(${c.agents} agents, ${c.leaders} leaders, j ≤ ${c.maxJ}, values {${c.values.join(', ')}})`,
    init: [initialNetState(c)],
    actions: [
      Allow,
      Outcome,
      NewRound,
      Command,
      Deliver,
      Retransmit,
      Lose,
      CrashAgent,
      RecoverAgent,
      CrashLeader,
    ],
    key: netKey,
    view: (s) => netView(c, s),
  });
}

const stChar = (st: Status): string =>
  st === 'neutral' ? '.' : st === 'no' ? '-' : String.fromCharCode(48 + (st % 64));

/**
 * A compact key: the agents' statuses, up flags and outcomes; each leader's
 * j, n, u, allowed, reports, accepted and published; the messages in flight;
 * the history variables; the faults used.
 *
 * @param s - the state
 * @returns the key
 */
export function netKey(s: NetState): string {
  let k = '';
  for (const a of s.agents) k += cached(agentKeys, a, agentKey);
  for (const l of s.leaders) k += cached(leaderKeys, l, leaderKey);
  k += cached(netKeys, s.net, messagesKey);
  for (const u of s.command) k += u ?? '_';
  return `${k}|${s.published ? 1 : 0}${s.everAllowed.join('')}|${s.faults.join('')}`;
}

// Each step changes one or two parts of the state and shares the rest with
// the state it came from, so the parts' keys are computed once per object.
const agentKeys = new WeakMap<AgentState, string>();
const leaderKeys = new WeakMap<LeaderState, string>();
const netKeys = new WeakMap<Network, string>();

function cached<T extends object>(memo: WeakMap<T, string>, x: T, f: (x: T) => string): string {
  let k = memo.get(x);
  if (k === undefined) {
    k = f(x);
    memo.set(x, k);
  }
  return k;
}

function agentKey(a: AgentState): string {
  let k = '';
  for (const st of a.s) k += stChar(st);
  return `${k}${a.up ? '+' : '!'}${a.outcome === nil ? '_' : a.outcome}`;
}

function leaderKey(l: LeaderState): string {
  let k = `|${l.j}${l.n ?? '_'}${l.u ?? '_'}${l.allowed.join('')};`;
  for (const r of l.reports) k += `${r.i}${r.s.map(stChar).join('')},`;
  return `${k};${l.accepted.join('')}${l.published ? 'P' : ''}`;
}

function messagesKey(net: Network): string {
  let k = '|';
  for (const m of net) k += `${m.key} `;
  return `${k}|`;
}

/**
 * The variables by the paper's names, for tables: s[i][n] where not
 * neutral, each agent's up flag and outcome, each leader's j_l, n_l, u_l,
 * allowed_l and what it heard, the messages in flight, and the history
 * variables.
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
    if (!a.up) v[`${agentName(i)} down`] = true;
    if (a.outcome !== nil) v[`outcome_${agentName(i)}`] = a.outcome;
  });
  s.leaders.forEach((ls, l) => {
    const name = leaderName(l);
    v[`j_${name}`] = ls.j;
    v[`n_${name}`] = ls.n === nil ? nil : roundName(c, ls.n);
    v[`u_${name}`] = ls.u;
    v[`allowed_${name}`] = new Set(ls.allowed);
    if (ls.reports.length) v[`heard_${name}`] = ls.reports.map((r) => agentName(r.i)).join(' ');
    if (ls.accepted.length) v[`accepted_${name}`] = ls.accepted.map(agentName).join(' ');
  });
  v.net = s.net.map((m) => showAddressed(c, m)).join('; ') || '-';
  s.command.forEach((u, n) => {
    if (u !== nil) v[`command[${roundName(c, n)}]`] = u;
  });
  v.published = s.published;
  return v;
}
