/**
 * A sequence of consensus instances run by a primary (multi-Paxos, §7), as
 * an actor system: agents keep the compact state of §7, a primary queries
 * once per primary change and then runs one command/report round trip per
 * instance, with the outcome of each instance carried on the command of
 * the next.
 *
 * @module
 */
import type {
  ActorState,
  ActorSystem,
  Label,
  Nil,
  ProcessAction,
  Reaction,
  Role,
} from '../../index';
import { actors, layout, nil, processAction, role } from '../../index';
import { agentName } from '../06-paxos-state/state';
import type { MultiConfig } from './config';
import { validMultiConfig } from './config';

/** A value consensus may agree on. */
export type Value = number;

// #region compact
/**
 * One instance's part of an agent's compact state: the latest Value it
 * accepted (v) and the round it accepted it in (last; -1 for none). With
 * the agent's shared `next`, it stands for the instance's whole status
 * array: s[last] = v, s[m] = no for the other m < next, s[m] = neutral for
 * m ≥ next (§7).
 */
export interface Slot {
  readonly v: Value | Nil;
  readonly last: number;
}

/**
 * An agent: one `next` shared by all instances (a query promises, for
 * every instance at once, that every round below next stays no unless it
 * holds the instance's v), each instance's (v, last), and the outcomes it
 * has been told. Its p of §7, the first instance whose outcome it does not
 * know, is the first nil of `known`.
 */
export interface AgentState {
  /** Every round below next is no unless it is the instance's last (-1: no query or command seen). */
  readonly next: number;
  readonly slots: readonly Slot[];
  readonly known: readonly (Value | Nil)[];
}

/**
 * The status array of instance p that an agent's compact state stands for
 * (§7): s[last] = v, s[m] = no for the other m < next, s[m] = neutral for
 * m ≥ next (chapter 06's statuses, one per round).
 *
 * @param a - the agent
 * @param p - the instance
 * @param rounds - how many rounds
 * @returns the statuses, round by round
 */
export function decode(
  a: AgentState,
  p: number,
  rounds: number,
): readonly (Value | 'no' | 'neutral')[] {
  const s = a.slots[p]!;
  return Array.from({ length: rounds }, (_, m) =>
    m === s.last ? (s.v as Value) : m < a.next ? 'no' : 'neutral',
  );
}
// #endregion compact

// #region leader
/**
 * A leader. It keeps nothing on stable storage (§7) but a nonce counter
 * (see Poll). j: the round it knows it may start after (the last it
 * started, or after a poll the largest next a majority reported; -1: none;
 * nil: unknown, after a restart, until a poll). n: its current round. In
 * phase `poll` it collects next from the agents: which reported (heard) and
 * the largest (top). In phase `query` it collects the reports of its query:
 * which agents reported (heard), and, for each instance, the report with
 * the largest last (best). In phase `primary` it runs instance `slot`: u is
 * what it commanded there (nil: not yet), acc the agents that accepted it,
 * and prev the outcome of instance slot - 1, which rides on the next command.
 */
export interface LeaderState {
  readonly j: number | Nil;
  readonly inc: number;
  readonly top: number;
  readonly n: number | Nil;
  readonly phase: 'idle' | 'poll' | 'query' | 'primary';
  readonly heard: readonly number[];
  readonly best: readonly Slot[];
  readonly slot: number;
  readonly u: Value | Nil;
  readonly acc: readonly number[];
  readonly prev: Value | Nil;
}
// #endregion leader

// #region messages
/**
 * The messages: a leader's query and command, and an agent's two reports;
 * and a restarted leader's poll(l, inc) with the answers next(i, l, inc, next).
 */
export type Msg =
  | { readonly k: 'poll'; readonly l: number; readonly inc: number }
  | {
      readonly k: 'next';
      readonly i: number;
      readonly l: number;
      readonly inc: number;
      readonly next: number;
    }
  | { readonly k: 'query'; readonly n: number }
  | {
      readonly k: 'status';
      readonly i: number;
      readonly n: number;
      readonly slots: readonly Slot[];
    }
  | {
      readonly k: 'command';
      readonly n: number;
      readonly p: number;
      readonly v: Value;
      readonly out: Value | Nil;
    }
  | {
      readonly k: 'accepted';
      readonly i: number;
      readonly n: number;
      readonly p: number;
      readonly st: Value;
    };
// #endregion messages

/** A command, as an agent's step on it sees it. */
export type CommandMsg = Extract<Msg, { k: 'command' }>;

/** What a leader keeps of the reports of its query (§7): who reported, and per instance the (v, last) with the largest last. */
export interface Seen {
  readonly heard: readonly number[];
  readonly best: readonly Slot[];
}

const put = <T>(xs: readonly T[], k: number, x: T): readonly T[] =>
  xs.map((y, i) => (i === k ? x : y));

// #region rules
/**
 * The rules a mutant or an exercise may change, each one place in the
 * processes (the correct ones are {@link rules}).
 */
export interface Rules {
  /** Does a new primary go to work without querying? */
  readonly skipQuery: boolean;
  /** An agent's next after it answers query(n). */
  readonly promise: (n: number) => number;
  /** An agent's step on a command: the outcome it carries, then the command itself. */
  readonly onCommand: (a: AgentState, m: CommandMsg) => AgentState;
  /** A leader's bookkeeping of a report of its query from agent i. */
  readonly noteReport: (seen: Seen, i: number, slots: readonly Slot[]) => Seen;
  /** Does a leader that was primary before keep its old query result (and instance) in a new round? */
  readonly staleQuery: boolean;
  /** Does a restarted leader poll the agents' next before it starts a round? */
  readonly poll: boolean;
  /** Is a report from agent i new, given the agents already counted? */
  readonly isNew: (counted: readonly number[], i: number) => boolean;
}
// #endregion rules

/**
 * An agent's step on a command whose outcome is for the instance
 * `outcomeFor(p)`: it records the outcome the command carries if it did not
 * know it, then accepts the command if its round is still neutral in its
 * instance (at or above next, and above last), moving next up to it.
 *
 * @param outcomeFor - which instance the outcome on instance p's command is for (p - 1)
 * @returns the step
 */
export const commandStep =
  (outcomeFor: (p: number) => number) =>
  (a: AgentState, m: CommandMsg): AgentState => {
    let b = a;
    const q = outcomeFor(m.p);
    if (m.out !== nil && q >= 0 && q < b.known.length && b.known[q] === nil)
      b = { ...b, known: put(b.known, q, m.out) };
    const s = b.slots[m.p]!;
    if (m.n >= b.next && s.last < m.n)
      b = { ...b, next: m.n, slots: put(b.slots, m.p, { v: m.v, last: m.n }) };
    return b;
  };

/**
 * A leader's bookkeeping of a report of its query (§7): agent i is heard
 * once, however often its report arrives, and each instance keeps the
 * reported (v, last) with the largest last.
 *
 * @param seen - what the leader has kept so far
 * @param i - the agent
 * @param slots - its report, instance by instance
 * @returns what the leader keeps now
 */
export function noteReport(seen: Seen, i: number, slots: readonly Slot[]): Seen {
  if (seen.heard.includes(i)) return seen;
  return {
    heard: [...seen.heard, i],
    best: seen.best.map((b, p) => (slots[p]!.last > b.last ? slots[p]! : b)),
  };
}

/** The correct rules. */
export const rules: Rules = {
  skipQuery: false,
  promise: (n) => n,
  onCommand: commandStep((p) => p - 1),
  noteReport,
  staleQuery: false,
  poll: true,
  isNew: (counted, i) => !counted.includes(i),
};

/** What a client asks a primary for: value v in instance p (the primary's current one). */
export interface Request {
  readonly p: number;
  readonly v: Value;
}

/** The two roles. */
export type MultiRoles = {
  readonly agents: Role<AgentState, Msg>;
  readonly leaders: Role<LeaderState, Msg>;
};

/** The history variables (§5.1), read only by the abstraction function and the invariants. */
export interface MultiHistory {
  /** allowed[p]: the values clients asked for in instance p. */
  readonly allowed: readonly (readonly Value[])[];
  /** command[p][n]: the value round n commanded in instance p, else nil. */
  readonly command: readonly (readonly (Value | Nil)[])[];
  /** accepted[p][n]: the agents that ever accepted round n's command in instance p. */
  readonly accepted: readonly (readonly (readonly number[])[])[];
  /** Some round commanded two values in one instance. */
  readonly twice: boolean;
}

/** The whole system's state. */
export type MultiState = ActorState<MultiRoles, Msg, MultiHistory>;

/** Multi-Paxos, with its configuration and the leaders' own steps at hand. */
export interface MultiSystem extends ActorSystem<MultiRoles, Msg, MultiHistory> {
  readonly config: MultiConfig;
  /** *Allow(l): a client asks primary l for its value in its free instance; l commands it. */
  readonly Allow: ProcessAction<LeaderState, Msg, Request>;
  /** Command(l): primary l commands, again, the value its query found in its instance. */
  readonly Command: ProcessAction<LeaderState, Msg>;
  /** NewRound(l): leader l starts its next round and becomes primary once a majority reports. */
  readonly NewRound: ProcessAction<LeaderState, Msg>;
  /** Poll(l): leader l, not knowing its clock, asks the agents for next. */
  readonly Poll: ProcessAction<LeaderState, Msg>;
  /** Retransmit(l): leader l sends its current message again once none is in flight. */
  readonly Retransmit: ProcessAction<LeaderState, Msg>;
  /** *Outcome(i, p): agent i returns the outcome of instance p it was told. */
  readonly Outcome: ProcessAction<AgentState, Msg, number>;
}

/**
 * A round's name: (j, l) for the j-th round leader l owns.
 *
 * @param c - the configuration
 * @param n - the round's index
 * @returns its name
 */
export function roundName(c: MultiConfig, n: number): string {
  const l = c.rounds[n]!;
  const j = c.rounds.slice(0, n + 1).filter((x) => x === l).length;
  return `(${j},l${l + 1})`;
}

const noSlot: Slot = { v: nil, last: -1 };
const showV = (v: Value | Nil | 'no') => (v === nil ? '_' : String(v));
const slotText = (s: Slot) => (s.last < 0 ? '_' : `${s.v}@${s.last}`);

/**
 * A message as the paper would write it.
 *
 * @param c - the configuration (round names)
 * @param m - the message
 * @returns its text
 */
export function showMsg(c: MultiConfig, m: Msg): string {
  const r = (n: number) => roundName(c, n);
  switch (m.k) {
    case 'poll':
      return `poll(l${m.l + 1}, #${m.inc})`;
    case 'next':
      return `next(${agentName(m.i)}, l${m.l + 1}, #${m.inc}, ${m.next < 0 ? '-' : r(m.next)})`;
    case 'query':
      return `query(${r(m.n)})`;
    case 'status':
      return `report(${agentName(m.i)}, ${r(m.n)}, [${m.slots.map(slotText).join(' ')}])`;
    case 'command':
      return `command(${r(m.n)}, p${m.p}, ${m.v}${m.out === nil ? '' : `, out ${m.out}`})`;
    case 'accepted':
      return `accepted(${agentName(m.i)}, ${r(m.n)}, p${m.p}, ${m.st})`;
  }
}

const msgKey = (m: Msg): string => {
  switch (m.k) {
    case 'poll':
      return `p${m.l},${m.inc}`;
    case 'next':
      return `x${m.i},${m.l},${m.inc},${m.next}`;
    case 'query':
      return `q${m.n}`;
    case 'status':
      return `s${m.i},${m.n},${m.slots.map(slotText).join(' ')}`;
    case 'command':
      return `c${m.n},${m.p},${m.v},${showV(m.out)}`;
    case 'accepted':
      return `a${m.i},${m.n},${m.p},${m.st}`;
  }
};

/**
 * An agent's key.
 *
 * @param a - the agent
 * @returns its key
 */
export function agentKey(a: AgentState): string {
  return `${a.next}|${a.slots.map(slotText).join(' ')}|${a.known.map(showV).join('')}`;
}

/**
 * A leader's key.
 *
 * @param l - the leader
 * @returns its key
 */
export function leaderKey(l: LeaderState): string {
  return `${showV(l.j)},${l.inc},${l.top},${showV(l.n)},${l.phase[0]},${l.heard.join('')},${l.best.map(slotText).join(' ')},${l.slot},${showV(l.u)},${l.acc.join('')},${showV(l.prev)}`;
}

/**
 * A fresh agent.
 *
 * @param c - the configuration
 * @returns its state
 */
export const freshAgent = (c: MultiConfig): AgentState => ({
  next: -1,
  slots: Array.from({ length: c.slots }, () => noSlot),
  known: Array.from({ length: c.slots }, () => nil),
});

/**
 * A leader that is in no round, with clock j (nil: it does not know it) and nonce counter inc.
 *
 * @param c - the configuration
 * @param j - its clock
 * @param inc - its nonce counter
 * @returns its state
 */
export const idleLeader = (c: MultiConfig, j: number | Nil, inc = 0): LeaderState => ({
  j,
  inc,
  top: -1,
  n: nil,
  phase: 'idle',
  heard: [],
  best: Array.from({ length: c.slots }, () => noSlot),
  slot: 0,
  u: nil,
  acc: [],
  prev: nil,
});

// #region agent
/**
 * An agent's step on a message (§7): a query at or above next moves next
 * to it, for every instance at once, and is answered with every
 * instance's (v, last); a command is taken by `onCommand` (it records the
 * outcome the command carries, for the instance before, then accepts the
 * command if its round is still neutral there), and is answered with an
 * accepted report if the agent now holds the command's round there (a
 * refusal is not reported: ours, the leader would ignore it). A poll is
 * answered with next.
 *
 * @param r - the rules
 * @param a - the agent
 * @param i - its index
 * @param m - the message
 * @returns its new state, and its report if any
 */
export function agentReceive(
  r: Rules,
  a: AgentState,
  i: number,
  m: Msg,
): { readonly state: AgentState; readonly send: readonly Msg[] } {
  if (m.k === 'poll')
    return { state: a, send: [{ k: 'next', i, l: m.l, inc: m.inc, next: a.next }] };
  if (m.k === 'query') {
    if (m.n < a.next) return { state: a, send: [] };
    const next = Math.max(a.next, r.promise(m.n));
    return { state: { ...a, next }, send: [{ k: 'status', i, n: m.n, slots: a.slots }] };
  }
  if (m.k === 'command') {
    const b = r.onCommand(a, m);
    const now = b.slots[m.p]!;
    if (now.last !== m.n) return { state: b, send: [] };
    return { state: b, send: [{ k: 'accepted', i, n: m.n, p: m.p, st: now.v as Value }] };
  }
  return { state: a, send: [] };
}
// #endregion agent

// #region leader-receive
/**
 * A leader's step on a report. A report of its query adds the agent to
 * heard and keeps, per instance, the (v, last) with the largest last; a
 * majority makes it primary, at instance 0. A report that the agent
 * accepted its command in its instance adds the agent to acc; a majority
 * decides the instance, and the leader moves to the next, keeping the
 * outcome to send with the next command.
 *
 * @param c - the configuration
 * @param r - the rules
 * @param ls - the leader
 * @param m - the message
 * @returns its new state
 */
export function leaderReceive(c: MultiConfig, r: Rules, ls: LeaderState, m: Msg): LeaderState {
  const majority = (k: number) => 2 * k > c.agents;
  if (m.k === 'next') {
    if (ls.phase !== 'poll' || m.inc !== ls.inc || !r.isNew(ls.heard, m.i)) return ls;
    const heard = [...ls.heard, m.i];
    const top = Math.max(ls.top, m.next);
    if (!majority(heard.length)) return { ...ls, heard, top };
    return { ...idleLeader(c, top, ls.inc) };
  }
  if (m.k === 'status') {
    if (ls.phase !== 'query' || ls.n !== m.n) return ls;
    const { heard, best } = r.noteReport(ls, m.i, m.slots);
    if (heard === ls.heard) return ls;
    if (!majority(heard.length)) return { ...ls, heard, best };
    return { ...ls, heard, best, phase: 'primary', slot: 0, u: nil, acc: [], prev: nil };
  }
  if (m.k === 'accepted') {
    if (ls.phase !== 'primary' || ls.n !== m.n || ls.slot !== m.p || ls.u === nil) return ls;
    if (m.st !== ls.u || !r.isNew(ls.acc, m.i)) return ls;
    const acc = [...ls.acc, m.i];
    if (!majority(acc.length)) return { ...ls, acc };
    return { ...ls, acc: [], slot: ls.slot + 1, u: nil, prev: ls.u };
  }
  return ls;
}
// #endregion leader-receive

/**
 * The message a leader would send again: its poll, its query, or its current command.
 *
 * @param ls - the leader
 * @param l - its index
 * @returns the message, if it has one
 */
export function current(ls: LeaderState, l: number): Msg | undefined {
  if (ls.phase === 'poll') return { k: 'poll', l, inc: ls.inc };
  if (ls.n === nil) return undefined;
  if (ls.phase === 'query') return { k: 'query', n: ls.n };
  if (ls.phase === 'primary' && ls.u !== nil)
    return { k: 'command', n: ls.n, p: ls.slot, v: ls.u, out: ls.prev };
  return undefined;
}

/**
 * The next round leader l may start after its round j, if any.
 *
 * @param c - the configuration
 * @param l - the leader
 * @param j - its last round (-1: none)
 * @returns the round's index, or undefined
 */
export function nextRound(c: MultiConfig, l: number, j: number | Nil): number | undefined {
  if (j === nil) return undefined;
  for (let n = j + 1; n < c.rounds.length; n++) if (c.rounds[n] === l) return n;
  return undefined;
}

/**
 * Multi-Paxos (§7), with our bookkeeping.
 *
 * | step             | of      | kind     | when                                              | effect                                              |
 * |------------------|---------|----------|---------------------------------------------------|-----------------------------------------------------|
 * | *Allow(l)        | leader  | external | l primary; its instance is free, not commanded    | u := l's value; send command(n, p, u, prev)         |
 * | Command(l)       | leader  | internal | l primary; its query found a value v there        | u := v; send command(n, p, u, prev)                 |
 * | NewRound(l)      | leader  | internal | l owns a later round                              | n := it; send query(n)                              |
 * | Retransmit(l)    | leader  | internal | its current message has no copy in flight         | send it again                                       |
 * | *Outcome(i, p)   | agent   | external | i was told instance p's outcome                   | return it                                           |
 * | Deliver(m → p)   | network | internal | m in flight, p up                                 | p's step (see agentReceive, leaderReceive)          |
 * | !Lose, !Duplicate| network | fault    | within the budgets                                |                                                     |
 * | !Crash(l)        | leader  | fault    | within the budget                                 | l forgets all but j                                 |
 * | !Crash(i)         | agent   | fault    | within the budget                                 | i is down; it keeps its whole (compact) state       |
 * | Recover(i)       | agent   | internal | i is down                                         | i is up                                             |
 *
 * @param c - the configuration
 * @param r - the rules (default: the correct ones; a mutant replaces one)
 * @param o - exact: keep every message in the key (by default, a key that
 *   forgets dead messages, see {@link forgettingDead}, where that is sound)
 * @returns the system
 */
export function multiPaxos(
  c: MultiConfig,
  r: Rules = rules,
  o: { readonly exact?: boolean } = {},
): MultiSystem {
  validMultiConfig(c);
  const ids = layout({ agents: c.agents, leaders: c.leaders });
  const R = c.rounds.length;
  const route = (m: Msg) =>
    m.k === 'poll' || m.k === 'query' || m.k === 'command'
      ? ids.agents
      : ids.leaders[m.k === 'next' ? m.l : c.rounds[m.n]!]!;
  const sending = <T>(state: T, msgs: readonly Msg[]): Reaction<T, Msg> => ({
    state,
    send: msgs.map((msg) => ({ to: route(msg), msg })),
  });
  const command = (ls: LeaderState, v: Value, l: number): Reaction<LeaderState, Msg> => {
    const st = { ...ls, u: v };
    return sending(st, [current(st, l)!]);
  };
  const free = (ls: LeaderState) => ls.phase === 'primary' && ls.slot < c.slots && ls.u === nil;

  // #region actions
  const Allow = processAction<LeaderState, Msg, Request>({
    name: 'Allow',
    external: true,
    params: (ls, { index }) =>
      (c.anyValue ? c.values : [c.values[index]!]).map((v) => ({ p: ls.slot, v })),
    guard: (ls) => free(ls) && ls.best[ls.slot]!.v === nil,
    effect: (ls, { v }, { index }) => command(ls, v, index),
    showParam: ({ p, v }) => `p${p}, ${v}`,
  });
  const Command = processAction<LeaderState, Msg>({
    name: 'Command',
    guard: (ls) => free(ls) && ls.best[ls.slot]!.v !== nil,
    effect: (ls, _p, { index }) => command(ls, ls.best[ls.slot]!.v as Value, index),
  });
  const Poll = processAction<LeaderState, Msg>({
    name: 'Poll',
    guard: (ls) => ls.j === nil && ls.phase === 'idle',
    effect: (ls, _p, { index }) => {
      const inc = ls.inc + 1;
      return sending({ ...idleLeader(c, nil, inc), phase: 'poll' }, [{ k: 'poll', l: index, inc }]);
    },
  });
  const NewRound = processAction<LeaderState, Msg>({
    name: 'NewRound',
    guard: (ls, _p, { index }) => nextRound(c, index, ls.j) !== undefined,
    effect: (ls, _p, { index }) => {
      const n = nextRound(c, index, ls.j)!;
      if (r.staleQuery && ls.phase === 'primary')
        return { state: { ...ls, j: n, n, u: nil, acc: [] } };
      const fresh = { ...idleLeader(c, n, ls.inc), n };
      if (r.skipQuery) return { state: { ...fresh, phase: 'primary' } };
      return sending({ ...fresh, phase: 'query' }, [{ k: 'query', n }]);
    },
  });
  const Retransmit = processAction<LeaderState, Msg>({
    name: 'Retransmit',
    guard: (ls, _p, ctx) => {
      const m = current(ls, ctx.index);
      return m !== undefined && !ctx.inFlight(m);
    },
    effect: (ls, _p, { index }) => sending(ls, [current(ls, index)!]),
  });
  const Outcome = processAction<AgentState, Msg, number>({
    name: 'Outcome',
    external: true,
    params: (a) => a.known.flatMap((v, p) => (v === nil ? [] : [p])),
    effect: (a, p) => ({ state: a, output: a.known[p] }),
  });
  // #endregion actions

  const agents = role<AgentState, Msg>({
    name: agentName,
    init: () => freshAgent(c),
    persistent: ['next', 'slots', 'known'],
    crash: 'recover',
    receive: (a, m, { index }) => {
      const st = agentReceive(r, a, index, m);
      return sending(st.state, st.send);
    },
    actions: [Outcome],
    key: agentKey,
  });
  const leaders = role<LeaderState, Msg>({
    name: (l) => `l${l + 1}`,
    // A leader that may crash cannot tell its first start from a restart, so
    // it polls before its first round too; one that never crashes knows it
    // has used no round.
    init: () => idleLeader(c, r.poll && c.leaderCrashes > 0 ? nil : -1),
    persistent: r.poll ? ['inc'] : [],
    crash: 'restart',
    receive: (ls, m) => ({ state: leaderReceive(c, r, ls, m) }),
    actions: [
      Allow,
      Command,
      NewRound,
      ...(r.poll ? [Poll] : []),
      ...(c.retransmit ? [Retransmit] : []),
    ],
    key: leaderKey,
  });

  const changing = (s: MultiState, l: Label): boolean => {
    if (Allow.is(l) || Command.is(l) || Retransmit.is(l)) {
      const n = s.leaders[l.param.p - ids.leaders[0]!]!.n;
      return !s.leaders.some((o) => o.n !== nil && n !== nil && o.n > n);
    }
    if (!NewRound.is(l)) return true;
    const k = l.param.p - ids.leaders[0]!;
    const n = nextRound(c, k, s.leaders[k]!.j)!;
    if (n === 0) return true;
    const before = s.leaders[c.rounds[n - 1]!]!;
    if (c.rounds[n - 1] === k && before.phase === 'idle') return true;
    return before.n === n - 1 && before.phase === 'primary' && before.u !== nil;
  };
  // Is the message part of what leader k is doing now (its poll, or its round)?
  const ofRound = (m: Msg, k: number, ls: LeaderState) =>
    m.k === 'poll' || m.k === 'next' ? m.l === k && m.inc === ls.inc : m.n === ls.n;
  const empty = <T>(f: () => T) => Array.from({ length: c.slots }, f);
  const sys = actors<MultiRoles, Msg, MultiHistory>({
    name: `multi-Paxos(${c.agents} agents, ${c.slots} instances, rounds ${c.rounds.map((_, n) => roundName(c, n)).join(' < ')})`,
    ids,
    roles: { agents, leaders },
    network: 'multiset',
    messageKey: msgKey,
    showMessage: (m) => showMsg(c, m),
    faults: {
      lose: c.losses,
      duplicate: c.duplicates,
      crash: { agents: c.agentCrashes, leaders: c.leaderCrashes },
    },
    history: {
      init: {
        allowed: empty((): readonly Value[] => []),
        command: empty(() => Array.from({ length: R }, (): Value | Nil => nil)),
        accepted: empty(() => Array.from({ length: R }, (): readonly number[] => [])),
        twice: false,
      },
      record: (h, { from, label, to }) => {
        let out = h;
        if (Allow.is(label)) {
          const { p, v } = label.param.arg;
          const al = h.allowed[p]!;
          if (!al.includes(v))
            out = {
              ...out,
              allowed: put(
                out.allowed,
                p,
                [...al, v].sort((x, y) => x - y),
              ),
            };
        }
        from.leaders.forEach((ls, l) => {
          const ls2 = to.leaders[l]!;
          if (ls2.u !== nil && ls2.u !== ls.u && ls2.n !== nil) {
            const was = out.command[ls2.slot]![ls2.n]!;
            if (was === ls2.u) return;
            out = {
              ...out,
              twice: out.twice || was !== nil,
              command: put(out.command, ls2.slot, put(out.command[ls2.slot]!, ls2.n, ls2.u)),
            };
          }
        });
        from.agents.forEach((a, i) => {
          const a2 = to.agents[i]!;
          if (a2 === a) return;
          a2.slots.forEach((s, p) => {
            if (s.last === a.slots[p]!.last || s.last < 0) return;
            const who = out.accepted[p]![s.last]!;
            if (who.includes(i)) return;
            out = {
              ...out,
              accepted: put(
                out.accepted,
                p,
                put(
                  out.accepted[p]!,
                  s.last,
                  [...who, i].sort((x, y) => x - y),
                ),
              ),
            };
          });
        });
        return out;
      },
    },
    // A constraint of the check, if the configuration asks for it: a leader
    // starts a round only while the primary before it has a command in
    // flight, and a primary whose round is no longer the latest sends
    // nothing new (what it sent stays in flight).
    // And always: a leader times out (retransmits) only when nothing of its
    // round is in flight, neither its message nor a report to it.
    constraint: (s: MultiState, l) => {
      if (Retransmit.is(l)) {
        const k = l.param.p - ids.leaders[0]!;
        const ls = s.leaders[k]!;
        if (s.net.some((e) => ofRound(e.msg, k, ls))) return false;
      }
      return !c.changeInFlight || changing(s, l);
    },
    view: (s) => multiView(c, s),
  });
  const full = { ...sys, config: c, Allow, Command, NewRound, Poll, Retransmit, Outcome };
  return r.poll && !o.exact ? forgettingDead(full, r) : full;
}

// #region dead
/**
 * Will the message never change anything? A query below the agent's next
 * is ignored for good (next only grows). A poll, or an answer to one, of a
 * poll the leader is no longer running is ignored for good (its nonce
 * counter only grows), and so is an answer from an agent already heard. A
 * report to a leader that has left its round for good (see leftForGood),
 * or, in the round, a report of
 * the query once the leader is primary, of an agent already heard, or a
 * report of an accept for an instance the leader has decided or of an
 * agent already counted, is ignored for good too.
 *
 * @param c - the configuration
 * @param r - the rules
 * @param y - the state
 * @param m - a message in flight
 * @param to - its receiver's id
 * @returns whether delivering it can never change anything
 */
export function deadMessage(c: MultiConfig, r: Rules, y: MultiState, m: Msg, to: number): boolean {
  if (m.k === 'query') return m.n < y.agents[to]!.next;
  if (m.k === 'command') return false;
  if (m.k === 'poll' || m.k === 'next') {
    const ls = y.leaders[m.l]!;
    if (m.inc < ls.inc || (m.inc === ls.inc && ls.phase !== 'poll')) return true;
    return m.k === 'next' && !r.isNew(ls.heard, m.i);
  }
  const ls = y.leaders[c.rounds[m.n]!]!;
  if (ls.n !== m.n) return leftForGood(c, y, ls, m.n);
  if (m.k === 'status') return ls.phase === 'primary' || ls.heard.includes(m.i);
  if (ls.phase !== 'primary') return false;
  return ls.slot > m.p || (ls.slot === m.p && ls.u !== nil && !r.isNew(ls.acc, m.i));
}
// #endregion dead

/**
 * Will a leader that is not in round n never be in it again? Its next round
 * is above its clock j, or, while it does not know j, above the largest
 * next of the majority it will poll, which is at least the floor: the
 * largest x such that a majority of agents has next ≥ x now (next only
 * grows). If it can still crash, its clock may go back to the floor after a
 * poll, so round n must be at or below the floor too. While it polls, the
 * answers in flight may be older than the floor, so we say nothing.
 *
 * @param c - the configuration
 * @param y - the state
 * @param ls - the leader
 * @param n - the round
 * @returns whether it has left round n for good
 */
function leftForGood(c: MultiConfig, y: MultiState, ls: LeaderState, n: number): boolean {
  if (ls.phase === 'poll') return false;
  const nexts = y.agents.map((a) => a.next).sort((x, z) => x - z);
  const floor = nexts[Math.floor(c.agents / 2)]!;
  if (y.faults.crashed[1]! < c.leaderCrashes && floor < n) return false;
  return ls.j !== nil ? ls.j >= n : floor >= n;
}

/**
 * How many messages in flight are live (not dead).
 *
 * @param c - the configuration
 * @param r - the rules
 * @param y - the state
 * @returns the count
 */
export function liveCount(c: MultiConfig, r: Rules, y: MultiState): number {
  let k = 0;
  for (const e of y.net) if (!e.to.every((to) => deadMessage(c, r, y, e.msg, to))) k++;
  return k;
}

/**
 * The same system, whose key (and fingerprint) forget dead messages: two
 * states that differ only in messages that will never change anything
 * count as one (a reduction of ours, as chapter 08's). Delivering a dead
 * message changes nothing and sends nothing, and losing one only spends a
 * loss, so the processes reach the same states from both. Used only where
 * restarted leaders poll (one that does not may return to a round).
 *
 * @param sys - multi-Paxos
 * @param r - its rules
 * @returns the system with the coarser key
 */
export function forgettingDead(sys: MultiSystem, r: Rules): MultiSystem {
  const c = sys.config;
  const live = (y: MultiState): MultiState => {
    const dead = (e: MultiState['net'][number]) =>
      e.to.every((to) => deadMessage(c, r, y, e.msg, to));
    return y.net.some(dead) ? { ...y, net: y.net.filter((e) => !dead(e)) } : y;
  };
  const { fingerprint, ...rest } = sys;
  return {
    ...rest,
    key: (y) => sys.key(live(y)),
    ...(fingerprint ? { fingerprint: (y: MultiState) => fingerprint(live(y)) } : {}),
  };
}

/**
 * The variables by name, for tables.
 *
 * @param c - the configuration
 * @param s - the state
 * @returns the variables
 */
export function multiView(c: MultiConfig, s: MultiState): Record<string, unknown> {
  const v: Record<string, unknown> = {};
  s.agents.forEach((a, i) => {
    v[agentName(i)] =
      `next ${a.next < 0 ? '-' : a.next < c.rounds.length ? roundName(c, a.next) : a.next}; ${a.slots
        .map((x, p) => `p${p} ${x.last < 0 ? '-' : `${x.v} in ${roundName(c, x.last)}`}`)
        .join(', ')}; known ${a.known.map(showV).join(' ')}`;
  });
  s.leaders.forEach((ls, l) => {
    if (ls.phase === 'poll') {
      v[`l${l + 1}`] = `polling #${ls.inc}, heard ${ls.heard.map(agentName).join(' ') || '-'}`;
      return;
    }
    if (ls.n === nil) {
      if (ls.j === nil) v[`l${l + 1}`] = 'clock unknown';
      else if (ls.inc > 0) v[`l${l + 1}`] = `idle, clock ${ls.j < 0 ? '-' : roundName(c, ls.j)}`;
      return;
    }
    v[`l${l + 1}`] =
      `${roundName(c, ls.n)} ${ls.phase} p${ls.slot} u ${showV(ls.u)} prev ${showV(ls.prev)}`;
  });
  v.net = s.net.map((e) => showMsg(c, e.msg)).join('; ') || '-';
  return v;
}
