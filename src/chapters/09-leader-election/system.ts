/**
 * The timed model: chapter 08's agents and leaders, the sloppy election,
 * and a network whose messages carry the time they were sent. Time is part
 * of the state and passes by an action, so the library's checks apply to
 * it as to any machine. The step functions here are used by the machine
 * and by the seeded driver alike.
 *
 * @module
 */
import { action, type Machine, machine, type Nil, nil, to } from '../../index';
import { union } from '../03-consensus-specs/specs';
import { deadRounds, successfulRounds } from '../06-paxos-state/predicates';
import {
  agentName,
  leaderName,
  roundCount,
  roundName,
  type Status,
  type Value,
} from '../06-paxos-state/state';
import { toAbstract } from '../08-paxos-messages/abstraction';
import { type Msg, reportLeader, send, showMsg, toAgents } from '../08-paxos-messages/messages';
import {
  type AgentState,
  agentReceive,
  choices,
  commandValue,
  idleLeader,
  type LeaderState,
  leaderReceive,
  startRound,
} from '../08-paxos-messages/processes';
import { rules as paxosRules, type Rules } from '../08-paxos-messages/rules';
import type { NetState } from '../08-paxos-messages/system';
import { initialNetState, netView } from '../08-paxos-messages/system';
import { isTimely, type TimedConfig, validTimedConfig } from './config';
import {
  catchUp,
  election as correctElection,
  type Election,
  follower,
  type NameMsg,
  nameMsg,
  type PotentialLeader,
} from './election';

// #region state
/** One copy of a message, on its way to one process, stamped with the time it was sent. */
export interface Copy {
  /** A Paxos message of chapter 08, or a name of the election. */
  readonly m: Msg | NameMsg;
  /** The receiver: agent i is i; potential leader l is agents + l. */
  readonly to: number;
  /** The real time it was sent. It arrives after sent, and by sent + maxDelay. */
  readonly sent: number;
  readonly key: string;
}

/** The whole timed system. */
export interface ElectionState {
  /** Real time, in ticks. A process reads its clock, now + its skew. */
  readonly now: number;
  /** Chapter 08's agents. */
  readonly agents: readonly AgentState[];
  /** The potential leaders l1, l2, ...: election state and chapter 08's leader state. */
  readonly leaders: readonly PotentialLeader[];
  /** The copies in flight, sorted by key. */
  readonly net: readonly Copy[];
  /** History, as in chapter 08: command[n], the value round n's leader commanded, else nil. */
  readonly command: readonly (Value | Nil)[];
  /** History: some leader has published an outcome. */
  readonly published: boolean;
  /** History: every value any leader was offered. */
  readonly everAllowed: readonly Value[];
}
// #endregion state

/** The rules a timed system runs by: chapter 08's Paxos rules and the election's. */
export interface TimedRules {
  readonly paxos: Rules;
  readonly election: Election;
}

/** The correct rules. */
export const correct: TimedRules = { paxos: paxosRules, election: correctElection };

/** The clock of potential leader l. */
export const clockOf = (c: TimedConfig, s: ElectionState, l: number): number => s.now + c.skew[l]!;

/** The name of a process lane: a, b, c for agents, l1, l2 for leaders. */
export const laneName = (c: TimedConfig, to: number): string =>
  to < c.paxos.agents ? agentName(to) : leaderName(to - c.paxos.agents);

const copyOf = (m: Msg | NameMsg, to: number, sent: number): Copy => ({
  m,
  to,
  sent,
  key: `${m.key}>${to}@${sent}`,
});

const byKey = (a: Copy, b: Copy) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Put copies into the network. */
function post(net: readonly Copy[], copies: readonly Copy[]): readonly Copy[] {
  return copies.length ? [...net, ...copies].sort(byKey) : net;
}

/** Take one copy out of the network (delivered, or lost). */
function take(net: readonly Copy[], k: Copy): readonly Copy[] {
  const i = net.findIndex((x) => x.key === k.key);
  return i < 0 ? net : [...net.slice(0, i), ...net.slice(i + 1)];
}

const put = <T>(xs: readonly T[], k: number, x: T): T[] => xs.map((y, i) => (i === k ? x : y));

/** Where the messages a process sends go: a leader's to every agent, an agent's report to its round's leader. */
function address(c: TimedConfig, msgs: readonly Msg[], now: number): Copy[] {
  const A = c.paxos.agents;
  return msgs.flatMap((m) =>
    toAgents(m)
      ? Array.from({ length: A }, (_, i) => copyOf(m, i, now))
      : [copyOf(m, A + reportLeader(c.paxos, m), now)],
  );
}

/** name(l, j) to every other potential leader. */
function broadcastName(c: TimedConfig, l: number, j: number, now: number): Copy[] {
  const A = c.paxos.agents;
  return Array.from({ length: c.paxos.leaders }, (_, k) => k)
    .filter((k) => k !== l)
    .map((k) => copyOf(nameMsg(l, j), A + k, now));
}

/** The initial states: every follower's first timer, every status neutral, nothing in flight. */
export function initialStates(c: TimedConfig): ElectionState[] {
  validTimedConfig(c);
  const p = c.paxos;
  const R = roundCount(p);
  const timers = c.firstTimers ?? allTimers(p.leaders, c.timeout);
  const everAllowed = c.allowed.flat().reduce<readonly Value[]>((acc, v) => union(acc, v), []);
  return timers.map((ts) => ({
    now: 0,
    agents: Array.from({ length: p.agents }, () => ({
      s: Array.from({ length: R }, (): Status => 'neutral'),
      up: true,
      outcome: nil,
    })),
    leaders: ts.map((t, l) =>
      follower(t + c.skew[l]!, {
        ...idleLeader(0),
        allowed: [...c.allowed[l]!].sort((a, b) => a - b),
      }),
    ),
    net: [],
    command: Array.from({ length: R }, () => nil),
    published: false,
    everAllowed,
  }));
}

/** Every list of `n` first timers in 0 .. T. */
function allTimers(n: number, T: number): number[][] {
  let out: number[][] = [[]];
  for (let k = 0; k < n; k++)
    out = out.flatMap((ts) => Array.from({ length: T + 1 }, (_, t) => [...ts, t]));
  return out;
}

// #region deliver
/**
 * A copy arrives. An agent runs chapter 08's agentReceive and its report
 * goes to the round's leader. A potential leader that hears a name runs the
 * election's hear (and catches its clock j up with the sender's); one that
 * is leading runs chapter 08's leaderReceive on a report, and commands as
 * soon as the rule lets it. A report to a process that is not leading is
 * ignored.
 */
export function deliver(c: TimedConfig, r: TimedRules, s: ElectionState, k: Copy): ElectionState {
  const A = c.paxos.agents;
  const net = take(s.net, k);
  const m = k.m;
  if (k.to < A) {
    if (m.k === 'name') return { ...s, net };
    const st = agentReceive(r.paxos, s.agents[k.to]!, k.to, m);
    return {
      ...s,
      agents: put(s.agents, k.to, st.state),
      net: post(net, address(c, st.send, s.now)),
    };
  }
  const l = k.to - A;
  const p = s.leaders[l]!;
  if (m.k === 'name') {
    const h = r.election.hear(r.election, c, p, l, m.l, clockOf(c, s, l));
    const state = { ...h.state, paxos: catchUp(h.state.paxos, m.j) };
    const reply = h.answer ? [copyOf(nameMsg(l, state.paxos.j), A + m.l, s.now)] : [];
    return { ...s, leaders: put(s.leaders, l, state), net: post(net, reply) };
  }
  if (p.role !== 'leader') return { ...s, net };
  const heard = leaderReceive(c.paxos, r.paxos, p.paxos, m);
  let ls = heard.state;
  let sent: Msg[] = [...heard.send];
  let command = s.command;
  const vs = choices(c.paxos, r.paxos, ls);
  if (vs.length > 0) {
    const st = commandValue(ls, vs[0]!);
    command = put(command, ls.n as number, vs[0]!);
    ls = st.state;
    sent = [...sent, ...st.send];
  }
  // Once published, nothing more is due: the timer stops.
  const timer = ls.published ? nil : p.timer;
  return {
    ...s,
    leaders: put(s.leaders, l, { ...p, paxos: ls, timer }),
    net: post(net, address(c, sent, s.now)),
    command,
    published: s.published || ls.published,
  };
}
// #endregion deliver

// #region timers
/**
 * A follower's timer runs out: it broadcasts its name and becomes a
 * candidate for one round trip.
 */
export function broadcast(
  c: TimedConfig,
  r: TimedRules,
  s: ElectionState,
  l: number,
): ElectionState {
  const p = s.leaders[l]!;
  const clock = clockOf(c, s, l);
  const state: PotentialLeader = { ...p, role: 'candidate', timer: clock + r.election.wait(c) };
  return {
    ...s,
    leaders: put(s.leaders, l, state),
    net: post(s.net, broadcastName(c, l, p.paxos.j, s.now)),
  };
}

/**
 * A candidate's round trip is over and it has heard no bigger name (it
 * would be a follower again): it leads, and starts a round. A leader whose
 * round has not published within its patience starts another. Either way
 * the round is chapter 08's startRound, from the largest j it has heard.
 */
export function newRound(
  c: TimedConfig,
  r: TimedRules,
  s: ElectionState,
  l: number,
): ElectionState {
  const p = s.leaders[l]!;
  const clock = clockOf(c, s, l);
  if (p.paxos.j >= c.paxos.maxJ)
    // Out of round numbers (a bound of the model): it leads, but can start nothing.
    return { ...s, leaders: put(s.leaders, l, { ...p, role: 'leader', timer: nil }) };
  const st = startRound(c.paxos, p.paxos, l);
  const state: PotentialLeader = {
    role: 'leader',
    timer: clock + r.election.patience(c),
    paxos: st.state,
  };
  return { ...s, leaders: put(s.leaders, l, state), net: post(s.net, address(c, st.send, s.now)) };
}
// #endregion timers

/** Is potential leader l's timer due? */
export const due = (c: TimedConfig, s: ElectionState, l: number): boolean => {
  const t = s.leaders[l]!.timer;
  return t !== nil && clockOf(c, s, l) >= t;
};

/** The real time at which l's timer runs out, or Infinity. */
export const timerAt = (c: TimedConfig, s: ElectionState, l: number): number => {
  const t = s.leaders[l]!.timer;
  return t === nil ? Number.POSITIVE_INFINITY : t - c.skew[l]!;
};

// #region time
/**
 * How far time may pass from `now`: not beyond the horizon, not beyond
 * the moment a timer runs out, and not beyond the deadline sent + maxDelay
 * of a copy still in flight (δ on a timely network, none on one whose
 * delays are unbounded).
 */
export function timeLimit(c: TimedConfig, s: ElectionState): number {
  let limit = c.horizon;
  for (let l = 0; l < s.leaders.length; l++) limit = Math.min(limit, timerAt(c, s, l));
  for (const k of s.net) limit = Math.min(limit, k.sent + c.maxDelay);
  return limit;
}

/** May time pass by one tick: is nothing due now, and is the limit still ahead? */
export const mayPass = (c: TimedConfig, s: ElectionState): boolean =>
  timeLimit(c, s) > s.now && !s.leaders.some((_, l) => due(c, s, l));

/**
 * A process handles the messages due by now before its timer: a timer does
 * not run out while a copy to its process has reached its deadline.
 */
export const messagesFirst = (c: TimedConfig, s: ElectionState, to: number): boolean =>
  !s.net.some((k) => k.to === to && k.sent + c.maxDelay <= s.now);
// #endregion time

/** A copy as a label shows it: `query((1,l2)) → a`, `name(l2) → l1`. */
export function showCopy(c: TimedConfig, k: Copy): string {
  const m = k.m;
  const text = m.k === 'name' ? `name(${leaderName(m.l)}, j=${m.j})` : showMsg(c.paxos, m);
  return `${text} → ${laneName(c, k.to)}`;
}

/**
 * The timed system as a machine.
 *
 * | action       | kind     | guard                                                         | effect                                  |
 * |--------------|----------|---------------------------------------------------------------|-----------------------------------------|
 * | Deliver(k)   | internal | k in flight                                                    | {@link deliver}                         |
 * | Broadcast(l) | internal | l is a follower, its timer is due, it has no message due       | {@link broadcast}                       |
 * | Lead(l)      | internal | l is a candidate, its timer is due, it has no message due      | {@link newRound}: it leads              |
 * | NewRound(l)  | internal | l is a leader, its timer is due, it has no message due         | {@link newRound}                        |
 * | Tick(t)      | internal | t = now + 1 ≤ {@link timeLimit}, no timer due now              | now := t                                |
 * | !Lose(k)     | fault    | the network may lose messages; k in flight                     | take k out                              |
 *
 * @param c - the configuration
 * @param r - the rules (default: the correct ones; a mutant replaces one)
 * @returns the machine
 */
export function paxosWithElection(c: TimedConfig, r: TimedRules = correct): Machine<ElectionState> {
  validTimedConfig(c);
  const A = c.paxos.agents;
  const leaders = Array.from({ length: c.paxos.leaders }, (_, l) => l);
  const timerAction = (name: string, role: PotentialLeader['role'], step: typeof broadcast) =>
    action({
      name,
      external: false,
      params: () => leaders,
      showParam: leaderName,
      guard: (s: ElectionState, l: number) =>
        s.leaders[l]!.role === role && due(c, s, l) && messagesFirst(c, s, A + l),
      effect: (s: ElectionState, l: number) => to(step(c, r, s, l)),
    });
  // #region actions
  const Deliver = action({
    name: 'Deliver',
    external: false,
    params: (s: ElectionState) => s.net,
    showParam: (k: Copy) => showCopy(c, k),
    guard: (s: ElectionState, k: Copy) => s.now > k.sent,
    effect: (s: ElectionState, k: Copy) => to(deliver(c, r, s, k)),
  });
  const Broadcast = timerAction('Broadcast', 'follower', broadcast);
  const Lead = timerAction('Lead', 'candidate', newRound);
  const NewRound = timerAction('NewRound', 'leader', newRound);
  const Tick = action({
    name: 'Tick',
    external: false,
    params: (s: ElectionState) => (mayPass(c, s) ? [s.now + 1] : []),
    showParam: String,
    effect: (s: ElectionState, t: number) => to({ ...s, now: t }),
  });
  const Lose = action({
    name: 'Lose',
    external: false,
    fault: true,
    params: (s: ElectionState) => (c.loss ? s.net : []),
    showParam: (k: Copy) => showCopy(c, k),
    effect: (s: ElectionState, k: Copy) => to({ ...s, net: take(s.net, k) }),
  });
  // #endregion actions
  const p = c.paxos;
  return machine<ElectionState>({
    name: `timed Paxos(${p.agents} agents, ${p.leaders} leaders, j ≤ ${p.maxJ}, δ = ${c.delta}, T = ${c.timeout}, ${isTimely(c) ? 'timely' : c.maxDelay === Number.POSITIVE_INFINITY ? 'untimely' : `delays up to ${c.maxDelay}`})`,
    init: () => initialStates(c),
    actions: [Deliver, Broadcast, Lead, NewRound, Tick, Lose],
    key: (s) => timedKey(s, c.maxDelay !== Number.POSITIVE_INFINITY),
    view: (s) => timedView(c, s),
  });
}

const NET = new WeakMap<ElectionState, NetState>();

/** Chapter 08's fields, for those the timed model has no use for (its fault counts). */
const NET_BASE = initialNetState({ agents: 1, leaders: 1, maxJ: 1, values: [1] });

/**
 * The state as chapter 08 sees it: the agents, each leader's Paxos state,
 * the Paxos messages in flight, and the history variables. Chapter 08's
 * abstraction function and invariants apply to it unchanged.
 *
 * @param s - a state of the timed system
 * @returns the message-level Paxos state it contains
 */
export function asNet(s: ElectionState): NetState {
  let y = NET.get(s);
  if (!y) {
    const msgs = s.net.map((k) => k.m).filter((m): m is Msg => m.k !== 'name');
    y = {
      ...NET_BASE,
      agents: s.agents,
      leaders: s.leaders.map((l) => l.paxos),
      net: send([], msgs),
      command: s.command,
      published: s.published,
      everAllowed: s.everAllowed,
    };
    NET.set(s, y);
  }
  return y;
}

const roleChar = { follower: 'F', candidate: 'C', leader: 'L' } as const;

const stChar = (st: Status): string =>
  st === 'neutral' ? '.' : st === 'no' ? '-' : String.fromCharCode(48 + (st % 64));

/**
 * A compact key: the time; the agents' statuses and outcomes; each
 * potential leader's role, timer, j_l, n_l, u_l, the reports it heard and
 * who accepted; the copies in flight; command[n]; published.
 *
 * @param s - the state
 * @returns the key
 */
export function timedKey(s: ElectionState, bounded = true): string {
  let k = `${s.now}|`;
  for (const a of s.agents) {
    for (const st of a.s) k += stChar(st);
    k += a.outcome === nil ? '_' : a.outcome;
  }
  for (const p of s.leaders) {
    const l = p.paxos;
    k += `|${roleChar[p.role]}${p.timer ?? '_'} ${l.j}${l.n ?? '_'}${l.u ?? '_'};`;
    for (const r of l.reports) k += `${r.i}${r.s.map(stChar).join('')},`;
    k += `;${l.accepted.join('')}${l.published ? 'P' : ''}`;
  }
  k += '|';
  // With unbounded delays, when a copy was sent matters only as: can it arrive now?
  if (bounded) for (const x of s.net) k += `${x.key} `;
  else
    for (const x of s.net)
      k += `${x.key.slice(0, x.key.lastIndexOf('@'))}${x.sent < s.now ? '+' : ''} `;
  k += '|';
  for (const u of s.command) k += u ?? '_';
  return s.published ? `${k}P` : k;
}

/** The leader state of a leader that is not leading, as the view shows it. */
const quiet = (ls: LeaderState) => ls.n === nil;

/**
 * The variables by the paper's names: now, each potential leader's role
 * and timer, and chapter 08's view (s[i][n], outcomes, n_l, u_l, what each
 * leader heard, command[n]) without the messages in flight, which the
 * labels show as they arrive.
 *
 * @param c - the configuration
 * @param s - the state
 * @returns the variables by name
 */
export function timedView(c: TimedConfig, s: ElectionState): Record<string, unknown> {
  const v: Record<string, unknown> = { now: s.now };
  s.leaders.forEach((p, l) => {
    v[leaderName(l)] = p.timer === nil ? p.role : `${p.role} until ${p.timer}`;
  });
  const rest = netView(c.paxos, asNet(s));
  const f = toAbstract(asNet(s));
  const dead = deadRounds(f).map((n) => roundName(c.paxos, n));
  const won = successfulRounds(f).map((n) => roundName(c.paxos, n));
  for (const [name, value] of Object.entries(rest)) {
    if (name === 'net' || name.startsWith('allowed_') || name === 'published') continue;
    if (name.startsWith('n_') || name.startsWith('u_') || name.startsWith('j_')) {
      const l = Number(name.slice(3)) - 1;
      if (quiet(s.leaders[l]!.paxos) && value === nil) continue;
    }
    v[name] = value;
  }
  if (dead.length) v.dead = new Set(dead);
  if (won.length) v.successful = new Set(won);
  return v;
}

/** Has every agent been told the outcome? */
export const decided = (s: ElectionState): boolean => s.agents.every((a) => a.outcome !== nil);

/** The potential leaders that are leading. */
export const leading = (s: ElectionState): number[] =>
  s.leaders.flatMap((p, l) => (p.role === 'leader' ? [l] : []));
