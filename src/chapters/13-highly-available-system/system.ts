/**
 * The highly available system of §8 as one timed actor system: a
 * replicated deterministic state machine (chapter 01's storage, with
 * exactly-once calls, see {@link exactlyOnce}) whose inputs are ordered by
 * chapter 10's multi-Paxos with a primary, whose primary holds a lease
 * decided by that same consensus and serves reads from its own copy while
 * the lease holds (chapter 11's clocks, skew and drift), and whose clients
 * call, wait, send again after a timeout, and accept the reply to their
 * current call only.
 *
 * How the lease is obtained through consensus (ours, not the paper's): a
 * primary's lease is an entry of the log itself, `lease(l, t)`, decided
 * like any other. It costs no machinery beyond the log, one entry per
 * primary (and one per renewal), and it keeps the state small: a new
 * primary learns every lease that may be in use from the query it runs
 * anyway (a decided entry is in the report of some agent of every
 * majority), so it needs no other process and no other message. Spec D
 * run by a separate process, as in chapter 12, would add a process and
 * its messages to every state, and a second consensus whose outcome the
 * log's primary must somehow match.
 *
 * The times: the holder writes t on its own clock, t = its clock + L when
 * it commands the lease (so the lease counts from before consensus
 * decides it), uses it once it sees it decided and while its clock is
 * below t, and needs no margin, for t is its own clock's. A new primary,
 * whose clock may be ε from the holder's, waits until its own clock passes
 * t + ε before it commands anything, so no write it decides can be missed
 * by a read of the old primary. (With t on the holder's clock, the margin
 * goes to the one who waits, as chapter 11's grantor waits.)
 *
 * A write is acknowledged once decided (its reply, `ok`, needs no state),
 * and the copy of the service applies the decided entries in a step of its
 * own; a read waits until the copy has caught up with every write
 * acknowledged.
 *
 * The compact state is chapter 10's: an agent keeps one next and a (v,
 * last) per instance, a leader keeps of its query only who reported and
 * the latest value per instance; the outcome rides on the next command.
 * What a primary adds is small too: the entries it has seen decided in
 * its round, how many it has applied, its lease's t, and a queue of calls.
 *
 * @module
 */
import type {
  ActorState,
  ActorSystem,
  Label,
  Nil,
  ProcessAction,
  ProcessParam,
  Role,
  Send,
} from '../../index';
import { actors, layout, nil, processAction, role, show } from '../../index';
import type { StorageInput, StorageOutput } from '../01-replicated-state-machines/storage';
import { showInput } from '../01-replicated-state-machines/storage';
import { agentName } from '../06-paxos-state/state';
import type { MultiConfig } from '../10-multi-paxos/config';
import type { AgentState, LeaderState, Msg, Rules as PaxosRules } from '../10-multi-paxos/system';
import {
  agentKey,
  agentReceive,
  current,
  freshAgent,
  idleLeader,
  leaderReceive,
  nextRound,
  rules as paxosRules,
  roundName,
  showMsg as showPaxosMsg,
} from '../10-multi-paxos/system';
import type { HaConfig } from './config';
import { epsilon, validHaConfig } from './config';
import type { HistoryOp } from './history';
import { opOf } from './history';
import type { ServiceState } from './service';
import {
  clientName,
  entryCode,
  entryOf,
  exactlyOnce,
  inputOf,
  leaderName,
  serviceInput,
  showEntry,
} from './service';

/** A value of consensus: an entry's code (see {@link entryCode}). */
export type Value = number;

// #region messages
/**
 * The messages: chapter 10's (query, report, command, accepted, and a
 * restarted leader's poll and its answers), and a client's request for
 * its call number seq (to every leader) with the reply to it.
 */
export type HaMsg =
  | Msg
  | { readonly k: 'request'; readonly c: number; readonly seq: number }
  | { readonly k: 'reply'; readonly c: number; readonly seq: number; readonly out: StorageOutput };
// #endregion messages

/** A client's call waiting at a primary: client c's call number seq. */
export interface Waiting {
  readonly c: number;
  readonly seq: number;
}

// #region leader
/**
 * A leader: chapter 10's leader (its round, phase, query result, instance,
 * command and the outcome it carries), and what a primary of the service
 * adds. After its query it `wait`s until its own clock passes the latest
 * lease it learned, plus ε (nil: it learned none); then it is `working`:
 * it commands again what its query found, then its own lease, then the
 * clients' writes. `decided`: the entries it has seen decided in its
 * round, instance by instance; `applied`: how many of them its copy of the
 * service, `sm`, has applied. `lease`: the t of its own lease, once
 * decided (nil: none). `leasing`: `next`, its next free instance goes to
 * a lease of its own; `asked`, it has commanded one, not yet decided.
 * `queue`: calls waiting, writes to command and reads to serve.
 */
export interface HaLeader extends LeaderState {
  readonly wait: number | Nil;
  readonly working: boolean;
  readonly decided: readonly Value[];
  readonly applied: number;
  readonly sm: ServiceState;
  readonly lease: number | Nil;
  readonly leasing: 'no' | 'next' | 'asked';
  readonly queue: readonly Waiting[];
}
// #endregion leader

/**
 * A client: how many calls it has made (its current call is the last),
 * whether it waits for a reply or has one to return, when by its own clock
 * it last sent its call, and the reply it got.
 */
export interface HaClient {
  readonly seq: number;
  readonly phase: 'idle' | 'waiting' | 'done';
  readonly sentAt: number;
  readonly out: StorageOutput;
}

// #region rules
/** The rules a mutant changes, each one place in the processes (the correct ones are {@link rules}). */
export interface HaRules {
  /** Chapter 10's rules of consensus (its `skipQuery` mutant among them). */
  readonly paxos: PaxosRules;
  /** How long past the latest lease it learned a new primary waits, on its own clock: ε. */
  readonly margin: (c: HaConfig) => number;
  /** Does a read check, when it is served, that the lease holds by the primary's clock? */
  readonly leaseAtRead: boolean;
  /** Is a read served only once the primary has applied every write it acknowledged? */
  readonly readAfterApply: boolean;
  /** Does the service keep each client's last call and reply (exactly once)? */
  readonly dedup: boolean;
  /** Is the lease an entry of the log, decided by consensus, or does the primary simply take it? */
  readonly leaseByConsensus: boolean;
  /**
   * Until when, on its own clock, a new primary whose query found a lease
   * with t waits before it commands anything (unset: t + margin; exercise
   * 13.2 sets it).
   */
  readonly waitUntil?: (t: number, c: HaConfig) => number;
}

/** The correct rules. */
export const rules: HaRules = {
  paxos: paxosRules,
  margin: epsilon,
  leaseAtRead: true,
  readAfterApply: true,
  dedup: true,
  leaseByConsensus: true,
};
// #endregion rules

/** The history variables (§5.1), read only by the abstraction function, the invariants and the goals. */
export interface HaHistory {
  /** The longest log some primary has seen decided, entry by entry. */
  readonly log: readonly Value[];
  /** For each client, the values a primary has read for its current call (a read). */
  readonly served: readonly (readonly StorageOutput[])[];
  /** Some primary has seen an entry decided that differs from the log's. */
  readonly conflict: boolean;
  /** How many times a primary answered a write sent again from its service's table. */
  readonly fromTable: number;
  /** The leaders that have served a read, in order. */
  readonly readers: readonly number[];
  /** Every call and return so far, timed by their count (kept only if the configuration records them). */
  readonly calls: readonly HistoryOp[];
}

/** The three roles. */
export type HaRoles = {
  readonly agents: Role<AgentState, HaMsg>;
  readonly leaders: Role<HaLeader, HaMsg>;
  readonly clients: Role<HaClient, HaMsg>;
};

/** The whole system's state. */
export type HaState = ActorState<HaRoles, HaMsg, HaHistory>;

/** The system, with its configuration, rules and the processes' own steps at hand. */
export interface HaSystem extends ActorSystem<HaRoles, HaMsg, HaHistory> {
  readonly config: HaConfig;
  readonly rules: HaRules;
  /** Chapter 10's configuration of the same consensus. */
  readonly paxos: MultiConfig;
  /** *Call(c, input): client c calls its next input (external). */
  readonly Call: ProcessAction<HaClient, HaMsg, StorageInput>;
  /** *Return(c) -> out: client c returns the reply it accepted (external). */
  readonly Return: ProcessAction<HaClient, HaMsg>;
  /** Retry(c): its timeout passed without a reply; it sends its call again. */
  readonly Retry: ProcessAction<HaClient, HaMsg>;
  /** NewRound(l): leader l starts its next round and queries. */
  readonly NewRound: ProcessAction<HaLeader, HaMsg>;
  /** Poll(l): a restarted leader asks the agents for next (chapter 10). */
  readonly Poll: ProcessAction<HaLeader, HaMsg>;
  /** Go(l): the latest lease l learned has surely ended by its clock; it goes to work. */
  readonly Go: ProcessAction<HaLeader, HaMsg>;
  /** Apply(l): l's copy of the service applies the next decided entry, and serves reads waiting. */
  readonly Apply: ProcessAction<HaLeader, HaMsg>;
  /** Renew(l): l's lease is near its end; its next free instance goes to a new lease. */
  readonly Renew: ProcessAction<HaLeader, HaMsg>;
  /** Retransmit(l): l sends its current message again once no copy is in flight. */
  readonly Retransmit: ProcessAction<HaLeader, HaMsg>;
}

/**
 * Chapter 10's configuration of the same consensus: its leaders' functions
 * read the agents (for a majority), the instances and the rounds.
 *
 * @param c - the configuration
 * @returns chapter 10's
 */
export function paxosConfig(c: HaConfig): MultiConfig {
  return {
    agents: c.agents,
    slots: c.slots,
    leaders: c.leaders,
    rounds: c.rounds,
    values: Array.from({ length: c.leaders }, (_, l) => l),
    losses: c.faults.lose,
    duplicates: c.faults.duplicate,
    leaderCrashes: c.faults.leaderCrashes,
    agentCrashes: c.faults.agentCrashes,
    retransmit: true,
    maxInFlight: Number.POSITIVE_INFINITY,
  };
}

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b).join('');
const showV = (v: number | Nil) => (v === nil ? '_' : String(v));

/**
 * A leader's key: chapter 10's parts (who reported, and whose accepts it
 * counted, as sets), and the primary's; its copy of the service is left
 * out, as it is the decided entries it applied.
 *
 * @param l - the leader
 * @returns its key
 */
export function haLeaderKey(l: HaLeader): string {
  const px = `${showV(l.j)},${l.inc},${l.top},${showV(l.n)},${l.phase[0]},${sorted(l.heard)},${l.best.map((b) => (b.last < 0 ? '_' : `${b.v}@${b.last}`)).join(' ')},${l.slot},${showV(l.u)},${sorted(l.acc)},${showV(l.prev)}`;
  return `${px}|${showV(l.wait)}${l.working ? 'W' : ''}${l.leasing[0]}|${l.decided.join(' ')}/${l.applied}|${showV(l.lease)}|${l.queue.map((q) => `${q.c}.${q.seq}`).join(' ')}`;
}

/**
 * The system of a configuration, under some rules.
 *
 * | step            | of      | kind     | when                                                        | effect                                                  |
 * |-----------------|---------|----------|-------------------------------------------------------------|---------------------------------------------------------|
 * | *Call(c, i)     | client  | external | c idle, i its next input                                    | send request(c, seq) to every leader                    |
 * | Retry(c)        | client  | timer    | c waiting, its clock at sentAt + retry                      | send it again                                           |
 * | *Return(c)->o   | client  | ext., timer | c accepted reply o to its current call (at once)         | c idle                                                  |
 * | NewRound(l)     | leader  | internal | l owns a later round                                        | query (chapter 10)                                      |
 * | Go(l)           | leader  | timer    | l's clock past the latest lease it learned + ε              | working: command what it found, its lease, the writes   |
 * | Apply(l)        | leader  | timer    | a decided entry not yet applied (at once)                   | apply it; serve the reads waiting, if it may            |
 * | Renew(l)        | leader  | timer    | l's clock at its lease's t − renewAhead                     | its next free instance goes to a new lease              |
 * | Deliver(m → p)  | network | internal | m in flight, p up                                           | p's step (agents: chapter 10's; leaders, clients below) |
 * | faults          | network | fault    | within the budgets (loss, duplication, crash, partition, drift) |                                                     |
 *
 * A leader that is not primary ignores requests; one that was deposed does
 * not know it (agents refuse its commands without a word) and goes on,
 * with no lease. A primary serves a read from its own copy at once if its
 * lease holds by its clock and it has applied every entry it has seen
 * decided; otherwise the read waits in its queue. A write is queued, commanded when the
 * instance is free, and acknowledged (`ok`) once decided; a write sent
 * again is answered from the service's table if applied, and ignored if
 * decided, commanded or queued already.
 *
 * @param c - the configuration
 * @param r - the rules (default: the correct ones; a mutant replaces one)
 * @returns the system
 * @throws Error if the configuration is not valid (a one-line message)
 * @example
 * ```ts
 * const sys = haSystem(changeConfig);
 * refines(sys, refinementToSingleCopy(sys), { invariants: haInvariants(sys) });
 * ```
 */
export function haSystem(c: HaConfig, r: HaRules = rules): HaSystem {
  validHaConfig(c);
  const clients = c.scripts.length;
  const ids = layout({ agents: c.agents, leaders: c.leaders, clients });
  const mc = paxosConfig(c);
  const sm = exactlyOnce(clients, r.dedup);
  const margin = r.margin(c);
  const lossy =
    c.faults.lose > 0 ||
    c.faults.agentCrashes > 0 ||
    c.faults.partitions > 0 ||
    c.faults.leaderCrashes > 0;
  const code = (e: Parameters<typeof entryCode>[1]) => entryCode(c, e);
  const toAgents = (msg: HaMsg): Send<HaMsg> => ({ to: ids.agents, msg });
  const reply = (q: Waiting, out: StorageOutput): Send<HaMsg> => ({
    to: ids.clients[q.c]!,
    msg: { k: 'reply', c: q.c, seq: q.seq, out },
  });
  const isWrite = (q: Waiting) => inputOf(c, q.c, q.seq).op === 'Write';
  const same = (q: Waiting) => (x: Waiting) => x.c === q.c && x.seq === q.seq;
  const isCall = (q: Waiting) => (v: Value) => {
    const e = entryOf(c, v);
    return e.k === 'call' && e.c === q.c && e.seq === q.seq;
  };
  /** The fields of a primary, as a leader that is not one has them. */
  const notPrimary = {
    wait: nil,
    working: false,
    decided: [] as readonly Value[],
    applied: 0,
    sm: sm.initial,
    lease: nil,
    leasing: 'no' as const,
    queue: [] as readonly Waiting[],
  };
  const freshLeader = (): HaLeader => ({
    ...idleLeader(mc, c.faults.leaderCrashes > 0 ? nil : -1),
    ...notPrimary,
  });
  type Reply = { readonly state: HaLeader; readonly send: readonly Send<HaMsg>[] };
  const none = (state: HaLeader): Reply => ({ state, send: [] });
  const also = (a: readonly Send<HaMsg>[], b: Reply): Reply =>
    a.length ? { state: b.state, send: [...a, ...b.send] } : b;

  // #region serve
  /** May the primary serve a read now, from its own copy? */
  const mayRead = (ls: HaLeader, clock: number) =>
    ls.working &&
    ls.lease !== nil &&
    (!r.leaseAtRead || clock < ls.lease) &&
    (!r.readAfterApply || ls.applied === ls.decided.length);
  /** A read of its own copy, as the reply to call q. */
  const read = (ls: HaLeader, q: Waiting): Send<HaMsg> => {
    const i = inputOf(c, q.c, q.seq);
    return reply(q, ls.sm.store[i.a] ?? nil);
  };
  /** Serve the reads waiting in the queue, if it may read now. */
  const serveWaiting = (ls: HaLeader, clock: number): Reply => {
    if (!mayRead(ls, clock) || !ls.queue.some((q) => !isWrite(q))) return none(ls);
    const reads = ls.queue.filter((q) => !isWrite(q));
    return {
      state: { ...ls, queue: ls.queue.filter(isWrite) },
      send: reads.map((q) => read(ls, q)),
    };
  };
  // #endregion serve

  /** Has the primary already got write q: applied (its table says so), or decided and not applied yet? */
  const known = (ls: HaLeader, q: Waiting) =>
    (r.dedup && ls.sm.last[q.c]!.seq >= q.seq) || ls.decided.slice(ls.applied).some(isCall(q));

  // #region advance
  /**
   * A working primary with a free instance commands, in this order: the
   * value its query found there; else its own lease, if it is to take one
   * (t = its clock + L: the lease counts from before it is decided); else
   * the first write waiting.
   */
  const advance = (ls: HaLeader, clock: number, l: number): Reply => {
    if (!ls.working || ls.phase !== 'primary' || ls.u !== nil || ls.slot >= c.slots)
      return none(ls);
    let st = ls;
    let v: Value | undefined;
    const found = ls.best[ls.slot]!.v;
    if (found !== nil) v = found;
    else if (ls.leasing === 'next') {
      v = code({ k: 'lease', l, t: clock + c.lease });
      st = { ...st, leasing: 'asked' };
    } else {
      const queue = st.queue.filter((q) => !(isWrite(q) && known(st, q)));
      const k = queue.findIndex(isWrite);
      if (k >= 0) {
        const q = queue[k]!;
        v = code({ k: 'call', c: q.c, seq: q.seq });
        st = { ...st, queue: [...queue.slice(0, k), ...queue.slice(k + 1)] };
      } else if (queue.length !== st.queue.length) st = { ...st, queue };
    }
    if (v === undefined) return none(st);
    st = { ...st, u: v };
    return { state: st, send: [toAgents(current(st, l)!)] };
  };
  // #endregion advance

  // #region primary-change
  /** Go to work: take the lease at once if it is not decided by consensus (a mutant), then command. */
  const startWork = (ls: HaLeader, clock: number, l: number): Reply => {
    const st: HaLeader = {
      ...ls,
      working: true,
      wait: nil,
      ...(r.leaseByConsensus ? { leasing: 'next' } : { lease: clock + c.lease }),
    };
    const a = advance(st, clock, l);
    return also(a.send, serveWaiting(a.state, clock));
  };
  /**
   * Its query done, a new primary waits until its clock passes the latest
   * lease its query found (its own earlier one included), plus the margin;
   * if it found none, it goes to work at once.
   */
  const becomePrimary = (ls: HaLeader, clock: number, l: number): Reply => {
    let latest: number | undefined;
    for (const b of ls.best)
      if (b.v !== nil) {
        const e = entryOf(c, b.v);
        if (e.k === 'lease' && (latest === undefined || e.t > latest)) latest = e.t;
      }
    if (latest === undefined) return startWork(ls, clock, l);
    const wait = r.waitUntil ? r.waitUntil(latest, c) : latest + margin;
    if (clock > wait) return startWork(ls, clock, l);
    return none({ ...ls, wait });
  };
  // #endregion primary-change

  /**
   * The primary has seen its command decided: it records the entry,
   * acknowledges a write (`ok`), holds a lease of its own it commanded
   * (not one it commanded again because its query found it), and commands
   * the next.
   */
  const decide = (before: HaLeader, ls: HaLeader, clock: number, l: number): Reply => {
    const v = before.u as Value;
    const e = entryOf(c, v);
    let st: HaLeader = { ...ls, decided: [...before.decided, v] };
    const send: Send<HaMsg>[] = [];
    if (e.k === 'call') send.push(reply(e, 'ok'));
    else if (e.l === l && before.leasing === 'asked' && before.best[before.slot]!.v === nil)
      st = { ...st, lease: e.t, leasing: 'no' };
    return also(send, advance(st, clock, l));
  };

  // #region request
  /**
   * A client's request at a leader. A leader that is not primary ignores
   * it. A write applied already is answered from the table; one decided,
   * commanded or waiting already is ignored; else it waits for a free
   * instance. A read is served at once if the primary may read, else waits.
   */
  const onRequest = (ls: HaLeader, q: Waiting, clock: number, l: number): Reply => {
    if (ls.phase !== 'primary') return none(ls);
    if (isWrite(q)) {
      const last = ls.sm.last[q.c]!;
      if (r.dedup && last.seq >= q.seq)
        return last.seq === q.seq ? { state: ls, send: [reply(q, last.reply)] } : none(ls);
      if (known(ls, q) || (ls.u !== nil && isCall(q)(ls.u)) || ls.queue.some(same(q)))
        return none(ls);
      return advance({ ...ls, queue: [...ls.queue, q] }, clock, l);
    }
    if (mayRead(ls, clock)) return { state: ls, send: [read(ls, q)] };
    if (ls.queue.some(same(q))) return none(ls);
    return none({ ...ls, queue: [...ls.queue, q] });
  };
  // #endregion request

  const leaderReceiveHa = (ls: HaLeader, m: HaMsg, clock: number, l: number): Reply => {
    if (m.k === 'request') return onRequest(ls, m, clock, l);
    if (m.k === 'reply') return none(ls);
    const px = leaderReceive(mc, r.paxos, ls, m);
    if (px === ls) return none(ls);
    const st: HaLeader = { ...ls, ...px };
    if (ls.phase === 'query' && st.phase === 'primary') return becomePrimary(st, clock, l);
    if (st.phase === 'primary' && st.n === ls.n && st.slot > ls.slot)
      return decide(ls, st, clock, l);
    return none(st);
  };

  // #region actions
  const NewRound = processAction<HaLeader, HaMsg>({
    name: 'NewRound',
    guard: (ls, _p, { index }) => nextRound(mc, index, ls.j) !== undefined,
    effect: (ls, _p, { index, clock }) => {
      const n = nextRound(mc, index, ls.j)!;
      const fresh: HaLeader = { ...ls, ...idleLeader(mc, n, ls.inc), n, ...notPrimary };
      if (r.paxos.skipQuery) return becomePrimary({ ...fresh, phase: 'primary' }, clock, index);
      return { state: { ...fresh, phase: 'query' }, send: [toAgents({ k: 'query', n })] };
    },
  });
  const Poll = processAction<HaLeader, HaMsg>({
    name: 'Poll',
    guard: (ls) => ls.j === nil && ls.phase === 'idle',
    effect: (ls, _p, { index }) => {
      const inc = ls.inc + 1;
      return {
        state: { ...ls, ...idleLeader(mc, nil, inc), phase: 'poll' },
        send: [toAgents({ k: 'poll', l: index, inc })],
      };
    },
  });
  const Go = processAction<HaLeader, HaMsg>({
    name: 'Go',
    due: (ls) => (ls.phase === 'primary' && !ls.working && ls.wait !== nil ? ls.wait + 1 : nil),
    effect: (ls, _p, { index, clock }) => startWork(ls, clock, index),
  });
  const Apply = processAction<HaLeader, HaMsg>({
    name: 'Apply',
    // As soon as it may (a timer due at once): the entry is decided.
    due: (ls) => (ls.applied < ls.decided.length ? Number.NEGATIVE_INFINITY : nil),
    effect: (ls, _p, { clock }) => {
      const v = ls.decided[ls.applied]!;
      const st = {
        ...ls,
        sm: sm.transition(ls.sm, serviceInput(c, v)).state,
        applied: ls.applied + 1,
      };
      return serveWaiting(st, clock);
    },
  });
  const renews = r.leaseByConsensus && c.renewAhead !== Number.POSITIVE_INFINITY;
  const Renew = processAction<HaLeader, HaMsg>({
    name: 'Renew',
    due: (ls) =>
      renews && ls.working && ls.lease !== nil && ls.leasing === 'no' && ls.phase === 'primary'
        ? ls.lease - c.renewAhead
        : nil,
    effect: (ls, _p, { index, clock }) => advance({ ...ls, leasing: 'next' }, clock, index),
  });
  const Retransmit = processAction<HaLeader, HaMsg>({
    name: 'Retransmit',
    guard: (ls, _p, ctx) => {
      const m = current(ls, ctx.index);
      return m !== undefined && !ctx.inFlight(m);
    },
    effect: (ls, _p, { index }) => ({ state: ls, send: [toAgents(current(ls, index)!)] }),
  });
  const request = (s: HaClient, i: number): Send<HaMsg> => ({
    to: ids.leaders,
    msg: { k: 'request', c: i, seq: s.seq },
  });
  const Call = processAction<HaClient, HaMsg, StorageInput>({
    name: 'Call',
    external: true,
    params: (s, { index }) =>
      s.phase === 'idle' && s.seq < c.scripts[index]!.length ? [inputOf(c, index, s.seq + 1)] : [],
    showParam: showInput,
    effect: (s, _i, { index, clock }) => {
      const st: HaClient = { ...s, seq: s.seq + 1, phase: 'waiting', sentAt: clock };
      return { state: st, send: [request(st, index)] };
    },
  });
  const Retry = processAction<HaClient, HaMsg>({
    name: 'Retry',
    due: (s) =>
      s.phase === 'waiting' && c.retry !== Number.POSITIVE_INFINITY ? s.sentAt + c.retry : nil,
    effect: (s, _p, { index, clock }) => ({
      state: { ...s, sentAt: clock },
      send: [request(s, index)],
    }),
  });
  const Return = processAction<HaClient, HaMsg>({
    name: 'Return',
    external: true,
    // It returns at once: the reply is its caller's.
    due: (s) => (s.phase === 'done' ? Number.NEGATIVE_INFINITY : nil),
    effect: (s) => ({ state: { ...s, phase: 'idle' }, output: s.out }),
  });
  // #endregion actions

  const agents = role<AgentState, HaMsg>({
    name: agentName,
    init: () => freshAgent(mc),
    persistent: ['next', 'slots', 'known'],
    crash: 'recover',
    receive: (a, m, { index }) => {
      if (m.k === 'request' || m.k === 'reply') return { state: a };
      const st = agentReceive(r.paxos, a, index, m);
      return {
        state: st.state,
        send: st.send.map((msg) => ({ to: ids.leaders[leaderOf(msg)]!, msg })),
      };
    },
    key: agentKey,
  });
  const leaderOf = (m: HaMsg): number =>
    m.k === 'next' ? m.l : m.k === 'status' || m.k === 'accepted' ? c.rounds[m.n]! : 0;
  const leaders = role<HaLeader, HaMsg>({
    name: leaderName,
    init: freshLeader,
    persistent: ['inc'],
    crash: 'restart',
    receive: (ls, m, { index, clock }) => leaderReceiveHa(ls, m, clock, index),
    actions: [
      NewRound,
      Go,
      Apply,
      ...(renews ? [Renew] : []),
      ...(c.faults.leaderCrashes > 0 ? [Poll] : []),
      ...(lossy ? [Retransmit] : []),
    ],
    key: haLeaderKey,
  });
  const clientRole = role<HaClient, HaMsg>({
    name: clientName,
    init: () => ({ seq: 0, phase: 'idle', sentAt: 0, out: nil }),
    receive: (s, m) =>
      m.k === 'reply' && s.phase === 'waiting' && m.seq === s.seq
        ? { state: { ...s, phase: 'done', out: m.out } }
        : { state: s },
    actions: [Call, Return, ...(c.retry !== Number.POSITIVE_INFINITY ? [Retry] : [])],
    // When it sent matters only to its timer.
    key: (s) =>
      `${s.seq}${s.phase[0]}${c.retry === Number.POSITIVE_INFINITY ? '' : s.sentAt}${s.phase === 'done' ? show(s.out) : ''}`,
  });

  const firstLeader = ids.leaders[0]!;
  const firstClient = ids.clients[0]!;
  const isLeader = (p: number) => p >= firstLeader && p < firstLeader + c.leaders;
  // The system itself, for its actions' tests of labels (`Drift.is`), once it is made.
  let self: HaSystem | undefined;
  const history = historyVariables(
    c,
    ids.leaders.length,
    firstLeader,
    firstClient,
    (l) => Call.is(l),
    (l) => Return.is(l),
    (l) => self!.Deliver.is(l) && l.param.env.msg.k === 'request',
  );
  /** Can the message arrive now (as the network's Deliver has it)? */
  const arrives = (s: HaState, e: HaState['net'][number]) =>
    s.up[e.to[0]!] === true &&
    e.sent! < s.now &&
    (s.partition === nil || s.partition.includes(e.from) === s.partition.includes(e.to[0]!));
  const ofRound = (m: HaMsg, k: number, ls: HaLeader) =>
    m.k === 'poll' || m.k === 'next'
      ? m.l === k && m.inc === ls.inc
      : m.k !== 'request' && m.k !== 'reply' && m.n === ls.n;
  const sys = actors<HaRoles, HaMsg, HaHistory>({
    name: `highly available storage(${c.agents} agents, rounds ${c.rounds.map((_, n) => roundName(mc, n)).join(' < ')}, ${clients} clients, L = ${c.lease}, ε = ${epsilon(c)}, δ = ${c.delta})`,
    ids,
    roles: { agents, leaders, clients: clientRole },
    network: 'multiset',
    messageKey: msgKey,
    showMessage: (m) => showHaMsg(c, m),
    faults: {
      lose: c.faults.lose,
      duplicate: c.faults.duplicate,
      crash: { agents: c.faults.agentCrashes, leaders: c.faults.leaderCrashes },
      partition: c.faults.partitions,
    },
    time: {
      maxDelay: c.delta,
      horizon: c.horizon,
      skew: (p) => (isLeader(p) ? c.skew[p - firstLeader]! : 0),
      ...(c.drifts > 0 ? { drift: { bound: c.clockBound, budget: c.drifts } } : {}),
    },
    history,
    constraint: (s, l) => {
      const k = (p: number) => p - firstLeader;
      if (c.tidy) {
        const x = self!;
        if (x.Deliver.is(l)) {
          const to = l.param.to;
          if (s.net.some((e) => e.to[0]! < to && arrives(s, e))) return false;
        } else if (x.Tick.is(l)) {
          if (s.leaders[c.rounds[0]!]!.j === -1) return false;
        } else if (Call.is(l) || NewRound.is(l) || Poll.is(l) || Apply.is(l) || Retransmit.is(l)) {
          if (s.net.some((e) => arrives(s, e))) return false;
        }
      }
      // Only the leaders' clocks matter: only theirs drift.
      if (self!.Drift.is(l)) return isLeader(l.param.p);
      if (NewRound.is(l) && c.change === 'leased') {
        const n = nextRound(mc, k(l.param.p), s.leaders[k(l.param.p)]!.j)!;
        if (n > 0 && s.leaders[c.rounds[n - 1]!]!.lease === nil) return false;
      }
      if (Retransmit.is(l)) {
        const ls = s.leaders[k(l.param.p)]!;
        if (s.net.some((e) => ofRound(e.msg, k(l.param.p), ls))) return false;
      }
      return true;
    },
    view: (s) => haView(c, s, firstLeader),
  });
  self = Object.assign(sys, {
    config: c,
    rules: r,
    paxos: mc,
    Call,
    Return,
    Retry,
    NewRound,
    Poll,
    Go,
    Apply,
    Renew,
    Retransmit,
  });
  return self;
}

/**
 * The history variables' definition: the log grows when a primary sees
 * the next entry decided (and a different entry where the log has one is
 * a conflict); a read served for a client's current call adds its value;
 * a client's call clears its reads; a write answered from the table counts.
 */
function historyVariables(
  c: HaConfig,
  leaders: number,
  firstLeader: number,
  firstClient: number,
  isCall: (l: Label) => l is Label<{ readonly p: number; readonly arg: StorageInput }>,
  isReturn: (l: Label) => l is Label<ProcessParam<void>>,
  isRequestArrival: (l: Label) => boolean,
) {
  /** The number of calls and returns so far: the time of the next. */
  const events = (calls: readonly HistoryOp[]) =>
    calls.reduce((n, o) => n + (o.ret === null ? 1 : 2), 0);
  const clients = c.scripts.length;
  return {
    init: {
      log: [],
      served: Array.from({ length: clients }, () => []),
      conflict: false,
      fromTable: 0,
      readers: [],
      calls: [],
    } as HaHistory,
    record: (h: HaHistory, step: { from: HaState; label: Label; to: HaState }): HaHistory => {
      const { from, label, to } = step;
      let out = h;
      for (let l = 0; l < leaders; l++) {
        const a = from.leaders[l]!.decided;
        const b = to.leaders[l]!.decided;
        if (b.length !== a.length + 1) continue;
        const p = a.length;
        const v = b[p]!;
        if (p < out.log.length) {
          if (out.log[p] !== v) out = { ...out, conflict: true };
        } else out = { ...out, log: [...out.log, v] };
      }
      // A client's call clears the reads of its previous one.
      if (isCall(label)) {
        const i = label.param.p - firstClient;
        if (out.served[i]!.length) out = { ...out, served: put(out.served, i, []) };
        if (c.record) {
          const t = events(out.calls);
          const op: HistoryOp = {
            client: i,
            call: t,
            ret: null,
            op: opOf(label.param.arg),
            output: nil,
          };
          out = { ...out, calls: [...out.calls, op] };
        }
      } else if (c.record && isReturn(label)) {
        const i = label.param.p - firstClient;
        let k = out.calls.length - 1;
        while (k >= 0 && !(out.calls[k]!.client === i && out.calls[k]!.ret === null)) k--;
        if (k >= 0) {
          const done = {
            ...out.calls[k]!,
            ret: events(out.calls),
            output: label.ret as StorageOutput,
          };
          out = { ...out, calls: put(out.calls, k, done) };
        }
      }
      if (to.net !== from.net) {
        for (const e of to.net) {
          if (e.msg.k !== 'reply' || from.net.includes(e)) continue;
          const m = e.msg;
          const cl = to.clients[m.c]!;
          const op = inputOf(c, m.c, m.seq);
          if (op.op === 'Write') {
            // Sent on a request's arrival, not on a decision: answered from the table.
            if (isRequestArrival(label)) out = { ...out, fromTable: out.fromTable + 1 };
            continue;
          }
          const l = e.from - firstLeader;
          if (!out.readers.includes(l))
            out = { ...out, readers: [...out.readers, l].sort((a, b) => a - b) };
          if (cl.seq !== m.seq || cl.phase === 'idle') continue;
          const got = out.served[m.c]!;
          if (!got.some((x) => x === m.out))
            out = { ...out, served: put(out.served, m.c, [...got, m.out]) };
        }
      }
      return out;
    },
    key: (h: HaHistory) =>
      `${h.log.join(' ')}|${h.served.map((xs) => xs.map((x) => show(x)).join(',')).join(';')}|${h.conflict ? 'C' : ''}${h.fromTable}|${h.readers.join('')}${c.record ? `|${h.calls.map((o) => `${o.client}:${o.call}:${o.ret}:${show(o.output)}`).join(' ')}` : ''}`,
  };
}

const put = <T>(xs: readonly T[], k: number, x: T): readonly T[] =>
  xs.map((y, i) => (i === k ? x : y));

const msgKey = (m: HaMsg): string => {
  switch (m.k) {
    case 'request':
      return `r${m.c},${m.seq}`;
    case 'reply':
      return `y${m.c},${m.seq},${show(m.out)}`;
    case 'poll':
      return `p${m.l},${m.inc}`;
    case 'next':
      return `x${m.i},${m.l},${m.inc},${m.next}`;
    case 'query':
      return `q${m.n}`;
    case 'status':
      return `s${m.i},${m.n},${m.slots.map((s) => (s.last < 0 ? '_' : `${s.v}@${s.last}`)).join(' ')}`;
    case 'command':
      return `c${m.n},${m.p},${m.v},${showV(m.out)}`;
    case 'accepted':
      return `a${m.i},${m.n},${m.p},${m.st}`;
  }
};

/**
 * A message as the paper would write it, with entries decoded.
 *
 * @param c - the configuration
 * @param m - the message
 * @returns its text
 */
export function showHaMsg(c: HaConfig, m: HaMsg): string {
  const mc = paxosConfig(c);
  const e = (v: Value) => showEntry(c, v);
  switch (m.k) {
    case 'request':
      return `request(${clientName(m.c)}#${m.seq} ${showInput(inputOf(c, m.c, m.seq))})`;
    case 'reply':
      return `reply(${clientName(m.c)}#${m.seq}, ${show(m.out)})`;
    case 'command':
      return `command(${roundName(mc, m.n)}, p${m.p}, ${e(m.v)}${m.out === nil ? '' : `, out ${e(m.out)}`})`;
    case 'accepted':
      return `accepted(${agentName(m.i)}, ${roundName(mc, m.n)}, p${m.p})`;
    case 'status':
      return `report(${agentName(m.i)}, ${roundName(mc, m.n)}, [${m.slots.map((s) => (s.last < 0 ? '_' : `${e(s.v as Value)}@${roundName(mc, s.last)}`)).join(' ')}])`;
    default:
      return showPaxosMsg(mc, m);
  }
}

/**
 * The variables by name, for tables: real time, each leader with its
 * clock, each agent, each client, the network and the log.
 *
 * @param c - the configuration
 * @param s - the state
 * @param firstLeader - the first leader's id
 * @returns the variables
 */
export function haView(c: HaConfig, s: HaState, firstLeader: number): Record<string, unknown> {
  const mc = paxosConfig(c);
  const e = (v: Value) => showEntry(c, v);
  const v: Record<string, unknown> = {
    now: s.now,
    clocks: s.leaders
      .map((_, l) => `${leaderName(l)} ${s.now + s.clocks[firstLeader + l]!}`)
      .join(', '),
  };
  s.leaders.forEach((ls, l) => {
    const p = firstLeader + l;
    let what: string;
    if (!s.up[p]) what = 'down';
    else if (ls.phase === 'poll') what = `polling #${ls.inc}`;
    else if (ls.n === nil) what = 'idle';
    else if (ls.phase === 'query') what = `${roundName(mc, ls.n)} querying`;
    else {
      const parts = [`${roundName(mc, ls.n)} primary p${ls.slot}`];
      if (!ls.working) parts.push(`waits for clock > ${ls.wait}`);
      if (ls.u !== nil) parts.push(`commands ${e(ls.u)}`);
      if (ls.lease !== nil) parts.push(`lease < ${ls.lease}`);
      parts.push(`applied ${ls.applied}/${ls.decided.length}`);
      if (ls.queue.length)
        parts.push(`waiting ${ls.queue.map((q) => `${clientName(q.c)}#${q.seq}`).join(' ')}`);
      what = parts.join(', ');
    }
    v[leaderName(l)] = what;
  });
  s.agents.forEach((a, i) => {
    v[agentName(i)] = `next ${a.next < 0 ? '-' : roundName(mc, a.next)}${a.slots
      .map((x, q) => (x.last < 0 ? '' : `; p${q} ${e(x.v as Value)}`))
      .join('')}`;
  });
  s.clients.forEach((cl, i) => {
    v[clientName(i)] =
      cl.phase === 'idle'
        ? `idle after ${cl.seq}`
        : `#${cl.seq} ${showInput(inputOf(c, i, cl.seq))} ${cl.phase === 'done' ? `-> ${show(cl.out)}` : 'waiting'}`;
  });
  v.net = s.net.map((x) => showHaMsg(c, x.msg)).join('; ') || '-';
  v.log = s.history.log.map(e).join('; ') || '-';
  return v;
}
