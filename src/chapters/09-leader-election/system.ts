/**
 * The timed model: chapter 08's agents and leaders, the sloppy election,
 * and the library's real time (an actor system with `time`): every copy of
 * a message carries the time it was sent, each process reads its own
 * clock, and time passes by an action, so the library's checks apply to it
 * as to any machine.
 *
 * @module
 */
import type {
  ActorState,
  ActorSystem,
  Envelope,
  ProcessAction,
  Reaction,
  Role,
  Send,
} from '../../index';
import { actors, layout, nil, processAction, role } from '../../index';
import { union } from '../03-consensus-specs/specs';
import { deadRounds, successfulRounds } from '../06-paxos-state/predicates';
import type { Value } from '../06-paxos-state/state';
import { agentName, leaderName, roundCount, roundName } from '../06-paxos-state/state';
import { messagesToPaxos } from '../08-paxos-messages/abstraction';
import type { Msg } from '../08-paxos-messages/messages';
import { reportLeader, showMsg, toAgents } from '../08-paxos-messages/messages';
import type { AgentState } from '../08-paxos-messages/processes';
import {
  agentReceive,
  choices,
  commandValue,
  freshAgent,
  idleLeader,
  leaderReceive,
  startRound,
} from '../08-paxos-messages/processes';
import type { Rules } from '../08-paxos-messages/rules';
import { rules as paxosRules } from '../08-paxos-messages/rules';
import type { NetHistory, NetState } from '../08-paxos-messages/system';
import { agentKey, leaderKey, netView } from '../08-paxos-messages/system';
import type { TimedConfig } from './config';
import { isTimely, validTimedConfig } from './config';
import type { Election, NameMsg, PotentialLeader } from './election';
import { catchUp, election, follower, nameMsg } from './election';

// #region state
/** What travels: chapter 08's Paxos messages, and the election's names. */
export type ElectionMsg = Msg | NameMsg;

/** The two roles: chapter 08's agents, and potential leaders running the election around chapter 08's leader. */
export type ElectionRoles = {
  readonly agents: Role<AgentState, ElectionMsg>;
  readonly leaders: Role<PotentialLeader, ElectionMsg>;
};

/**
 * The whole timed system, as the library keeps it: the processes, the
 * copies in flight (each stamped with the time it was sent), real time
 * `now` and each process's clock offset, and chapter 08's history
 * variables.
 */
export type ElectionState = ActorState<ElectionRoles, ElectionMsg, NetHistory>;
// #endregion state

/** The rules a timed system runs by: chapter 08's Paxos rules and the election's. */
export interface TimedRules {
  readonly paxos: Rules;
  readonly election: Election;
}

/** The correct rules. */
export const rules: TimedRules = { paxos: paxosRules, election };

/** The timed system, with its configuration and the election's timers at hand. */
export interface ElectionSystem extends ActorSystem<ElectionRoles, ElectionMsg, NetHistory> {
  /** The configuration it was made with. */
  readonly config: TimedConfig;
  /** A follower's timer runs out: it broadcasts its name. */
  readonly Broadcast: ProcessAction<PotentialLeader, ElectionMsg>;
  /** A candidate's timer runs out: it leads. */
  readonly Lead: ProcessAction<PotentialLeader, ElectionMsg>;
  /** A leader's timer runs out before its round published: it starts another. */
  readonly NewRound: ProcessAction<PotentialLeader, ElectionMsg>;
}

/** Every list of `n` first timers in 0 .. T. */
function allTimers(n: number, T: number): number[][] {
  let out: number[][] = [[]];
  for (let k = 0; k < n; k++)
    out = out.flatMap((ts) => Array.from({ length: T + 1 }, (_, t) => [...ts, t]));
  return out;
}

const standingChar = { follower: 'F', candidate: 'C', leader: 'L' } as const;

/**
 * A compact key of a potential leader: its standing, its timer, and chapter 08's leader key.
 *
 * @param p - the potential leader's state
 * @returns the key
 */
export const potentialKey = (p: PotentialLeader): string =>
  `${standingChar[p.role]}${p.timer ?? '_'} ${leaderKey(p.paxos)}`;

/**
 * The timed system as an actor system.
 *
 * | step         | of       | when                                                  | effect                                             |
 * |--------------|----------|-------------------------------------------------------|----------------------------------------------------|
 * | Deliver(m → p) | network | m in flight to p, sent before now                   | p's step; its replies go out stamped now           |
 * | Broadcast(l) | leader   | l a follower, its timer due, no message to l overdue  | name(l, j_l) to the others; candidate until now + 2δ |
 * | Lead(l)      | leader   | l a candidate, its timer due, no message to l overdue | l leads; `startRound`; timer now + 4δ              |
 * | NewRound(l)  | leader   | l a leader, its timer due, no message to l overdue    | `startRound` again                                 |
 * | Tick(t)      | time     | t = now + 1, within every deadline, no timer due      | now := t                                           |
 * | !Lose(m)     | network  | the network may lose messages                         | m is gone                                          |
 *
 * @param c - the configuration
 * @param r - the rules (default: the correct ones; a mutant replaces one)
 * @returns the system
 */
export function paxosWithElection(c: TimedConfig, r: TimedRules = rules): ElectionSystem {
  validTimedConfig(c);
  const p = c.paxos;
  const ids = layout({ agents: p.agents, leaders: p.leaders });
  const R = roundCount(p);
  const e = r.election;
  const route = (m: Msg) => (toAgents(m) ? ids.agents : ids.leaders[reportLeader(p, m)]!);
  const addressed = (msgs: readonly Msg[]): Send<ElectionMsg>[] =>
    msgs.map((msg) => ({ to: route(msg), msg }));
  const others = (l: number) => ids.leaders.filter((_, k) => k !== l);

  // #region timers
  /**
   * A candidate leads, or a leader's round has not published within its
   * patience: it starts a round with chapter 08's startRound, from the
   * largest j it has heard of.
   */
  const newRound = (
    pl: PotentialLeader,
    l: number,
    clock: number,
  ): Reaction<PotentialLeader, ElectionMsg> => {
    // Out of round numbers (a bound of the model): it leads, but can start nothing.
    if (pl.paxos.j >= p.maxJ) return { state: { ...pl, role: 'leader', timer: nil } };
    const st = startRound(p, pl.paxos, l);
    return {
      state: { role: 'leader', timer: clock + e.patience(c), paxos: st.state },
      send: addressed(st.send),
    };
  };
  const Broadcast = processAction<PotentialLeader, ElectionMsg>({
    name: 'Broadcast',
    due: (pl) => (pl.role === 'follower' ? pl.timer : nil),
    effect: (pl, _p, { index, clock }) => ({
      state: { ...pl, role: 'candidate', timer: clock + e.wait(c) },
      send: [{ to: others(index), msg: nameMsg(index, pl.paxos.j) }],
    }),
  });
  const Lead = processAction<PotentialLeader, ElectionMsg>({
    name: 'Lead',
    due: (pl) => (pl.role === 'candidate' ? pl.timer : nil),
    effect: (pl, _p, { index, clock }) => newRound(pl, index, clock),
  });
  const NewRound = processAction<PotentialLeader, ElectionMsg>({
    name: 'NewRound',
    due: (pl) => (pl.role === 'leader' ? pl.timer : nil),
    effect: (pl, _p, { index, clock }) => newRound(pl, index, clock),
  });
  // #endregion timers

  // #region deliver
  /**
   * A potential leader receives a message. A name runs the election's hear
   * (and catches its clock j up with the sender's), and is answered if the
   * election says so. A report runs chapter 08's leaderReceive, only while
   * it leads, and then, as soon as the rule lets it, commandValue. Once it
   * has published, nothing more is due: the timer stops.
   */
  const leaderReceives = (
    pl: PotentialLeader,
    m: ElectionMsg,
    l: number,
    clock: number,
  ): Reaction<PotentialLeader, ElectionMsg> => {
    if (m.k === 'name') {
      const h = e.hear(e, c, pl, l, m.l, clock);
      const state = { ...h.state, paxos: catchUp(h.state.paxos, m.j) };
      return {
        state,
        send: h.answer ? [{ to: ids.leaders[m.l]!, msg: nameMsg(l, state.paxos.j) }] : [],
      };
    }
    if (pl.role !== 'leader') return { state: pl };
    const heard = leaderReceive(p, r.paxos, pl.paxos, m);
    let ls = heard.state;
    let sent: readonly Msg[] = heard.send;
    const vs = choices(p, r.paxos, ls);
    if (vs.length > 0) {
      const st = commandValue(ls, vs[0]!);
      ls = st.state;
      sent = [...sent, ...st.send];
    }
    const timer = ls.published ? nil : pl.timer;
    if (ls === pl.paxos && timer === pl.timer) return { state: pl };
    return { state: { ...pl, paxos: ls, timer }, send: addressed(sent) };
  };
  // #endregion deliver

  const agents = role<AgentState, ElectionMsg>({
    name: agentName,
    init: () => freshAgent(R),
    receive: (a, m, { index }) => {
      if (m.k === 'name') return { state: a };
      const st = agentReceive(r.paxos, a, index, m);
      return { state: st.state, send: addressed(st.send) };
    },
    key: agentKey,
  });
  const sorted = (vs: readonly Value[]) => [...vs].sort((a, b) => a - b);
  const start = (l: number, t: number) =>
    follower(t + c.skew[l]!, { ...idleLeader(0), allowed: sorted(c.allowed[l]!) });
  const leaders = role<PotentialLeader, ElectionMsg>({
    name: leaderName,
    init: (l) => start(l, 0),
    receive: (pl, m, { index, clock }) => leaderReceives(pl, m, index, clock),
    actions: [Broadcast, Lead, NewRound],
    key: potentialKey,
  });

  const A = p.agents;
  const history0: NetHistory = {
    command: Array.from({ length: R }, () => nil),
    published: false,
    everAllowed: c.allowed.flat().reduce<readonly Value[]>((acc, v) => union(acc, v), []),
  };
  const delays = isTimely(c)
    ? 'timely'
    : c.maxDelay === Number.POSITIVE_INFINITY
      ? 'untimely'
      : `delays up to ${c.maxDelay}`;
  // #region system
  const sys = actors({
    name: `timed Paxos(${p.agents} agents, ${p.leaders} leaders, j ≤ ${p.maxJ}, δ = ${c.delta}, T = ${c.timeout}, ${delays})`,
    ids,
    roles: { agents, leaders },
    network: 'multiset',
    messageKey: (m: ElectionMsg) => m.key,
    showMessage: (m) => (m.k === 'name' ? `name(${leaderName(m.l)}, j=${m.j})` : showMsg(p, m)),
    faults: { lose: c.loss ? Number.POSITIVE_INFINITY : 0 },
    time: {
      maxDelay: c.maxDelay,
      horizon: c.horizon,
      skew: (q) => (q < A ? 0 : c.skew[q - A]!),
    },
    // Every way the followers can have last heard a bigger name during the T before time 0.
    starts: () =>
      (c.firstTimers ?? allTimers(p.leaders, c.timeout)).map((ts) => ({
        leaders: ts.map((t, l) => start(l, t)),
      })),
    history: {
      init: history0,
      record: (h, { from, to }) => {
        let out = h;
        to.leaders.forEach((pl, l) => {
          const ls = pl.paxos;
          if (from.leaders[l]!.paxos.u === nil && ls.u !== nil && ls.n !== nil)
            out = { ...out, command: out.command.map((x, k) => (k === ls.n ? ls.u : x)) };
        });
        if (!out.published && to.leaders.some((pl) => pl.paxos.published))
          out = { ...out, published: true };
        return out;
      },
    },
    view: (s) => timedView(c, s),
  });
  // #endregion system
  return { ...sys, config: c, Broadcast, Lead, NewRound };
}

const NET = new WeakMap<ElectionState, NetState>();

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
    y = {
      ...s,
      leaders: s.leaders.map((l) => l.paxos),
      net: s.net.filter((e): e is Envelope<Msg> => e.msg.k !== 'name'),
    };
    NET.set(s, y);
  }
  return y;
}

/**
 * The variables by the paper's names: now, each potential leader's
 * standing and timer, and chapter 08's view (s[i][n], outcomes, n_l, u_l,
 * what each leader heard, command[n]) without the messages in flight,
 * which the labels show as they arrive.
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
  const y = asNet(s);
  const rest = netView(c.paxos, y);
  const f = messagesToPaxos(y);
  const dead = deadRounds(f).map((n) => roundName(c.paxos, n));
  const won = successfulRounds(f).map((n) => roundName(c.paxos, n));
  for (const [name, value] of Object.entries(rest)) {
    if (name === 'net' || name.startsWith('allowed_') || name === 'published') continue;
    if (name.startsWith('n_') || name.startsWith('u_') || name.startsWith('j_')) {
      const l = Number(name.slice(3)) - 1;
      if (s.leaders[l]!.paxos.n === nil && value === nil) continue;
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
