/**
 * Toy machines whose answers are known, for testing the checker itself.
 */
import type {
  ActorState,
  CrashMode,
  FaultBudgets,
  Label,
  NetworkKind,
  Nil,
  Role,
  TimeOptions,
} from '../../src/index';
import {
  action,
  actors,
  choose,
  invariant,
  layout,
  machine,
  nil,
  processAction,
  returns,
  role,
  to,
} from '../../src/index';

/** The Die Hard jugs: a 3-gallon and a 5-gallon jug; get exactly 4 gallons in the big one. */
export interface Jugs {
  readonly small: number;
  readonly big: number;
}
export const jugs = machine<Jugs>({
  name: 'DieHard',
  init: [{ small: 0, big: 0 }],
  actions: [
    action({ name: 'FillSmall', external: true, effect: (s: Jugs) => to({ ...s, small: 3 }) }),
    action({ name: 'FillBig', external: true, effect: (s: Jugs) => to({ ...s, big: 5 }) }),
    action({ name: 'EmptySmall', external: true, effect: (s: Jugs) => to({ ...s, small: 0 }) }),
    action({ name: 'EmptyBig', external: true, effect: (s: Jugs) => to({ ...s, big: 0 }) }),
    action({
      name: 'SmallToBig',
      external: true,
      effect: (s: Jugs) => {
        const pour = Math.min(s.small, 5 - s.big);
        return to({ small: s.small - pour, big: s.big + pour });
      },
    }),
    action({
      name: 'BigToSmall',
      external: true,
      effect: (s: Jugs) => {
        const pour = Math.min(s.big, 3 - s.small);
        return to({ small: s.small + pour, big: s.big - pour });
      },
    }),
  ],
});

/** A counter 0..max with an external Inc and an external Read. */
export interface Counter {
  readonly n: number;
}
export function counter(max: number) {
  return machine<Counter>({
    name: 'Counter',
    init: [{ n: 0 }],
    actions: [
      action({
        name: 'Inc',
        external: true,
        guard: (s: Counter) => s.n < max,
        effect: (s) => to({ n: s.n + 1 }),
      }),
      action({ name: 'Read', external: true, effect: (s: Counter) => returns(s, s.n) }),
    ],
  });
}

/** Two counters whose sum is the counter; an internal Move shifts one from a to b. */
export interface Two {
  readonly a: number;
  readonly b: number;
}
export function twoCounters(max: number, bug?: 'internal-inc' | 'stale-read') {
  return machine<Two>({
    name: bug ? `TwoCounters(${bug})` : 'TwoCounters',
    init: [{ a: 0, b: 0 }],
    actions: [
      action({
        name: 'Inc',
        external: true,
        guard: (s: Two) => s.a + s.b < max,
        effect: (s) => to({ ...s, a: s.a + 1 }),
      }),
      action({
        name: 'Move',
        external: false,
        guard: (s: Two) => s.a > 0,
        effect: (s) => to({ a: s.a - 1, b: s.b + (bug === 'internal-inc' && s.b === 1 ? 2 : 1) }),
      }),
      action({
        name: 'Read',
        external: true,
        effect: (s: Two) => returns(s, bug === 'stale-read' ? s.b : s.a + s.b),
      }),
    ],
  });
}
export const sum = (y: Two): Counter => ({ n: y.a + y.b });

/** x starts at 0 and goes up by 2 while below 10. "x != 7" holds on every reachable state but is not inductive. */
export const evens = machine<{ readonly x: number }>({
  name: 'Evens',
  init: [{ x: 0 }],
  actions: [
    action({
      name: 'Add2',
      external: false,
      guard: (s: { x: number }) => s.x < 10,
      effect: (s) => to({ x: s.x + 2 }),
    }),
  ],
});
export const notSeven = invariant(
  'x != 7',
  (s: { x: number }) => s.x !== 7,
  (s) => `x = ${s.x}`,
);
export const even = invariant(
  'x is even',
  (s: { x: number }) => s.x % 2 === 0,
  (s) => `x = ${s.x}`,
);

/** A walk on the integers that fails when it reaches 8: random runs must find and shrink it. */
export const walk = machine<{ readonly x: number }>({
  name: 'Walk',
  init: [{ x: 0 }],
  actions: [
    action({ name: 'Up', external: false, effect: (s: { x: number }) => to({ x: s.x + 1 }) }),
    action({ name: 'Down', external: false, effect: (s: { x: number }) => to({ x: s.x - 1 }) }),
    action({
      name: 'Jitter',
      external: false,
      fault: true,
      effect: (s: { x: number }) => choose(to(s), to({ x: s.x })),
    }),
  ],
});

/** A grid of k counters each 0..m: (m+1)^k states, for the benchmark and for counts. */
export function grid(k: number, m: number) {
  return machine<readonly number[]>({
    name: `Grid(${k}x${m})`,
    init: [Array(k).fill(0)],
    actions: [
      action({
        name: 'Inc',
        external: false,
        params: () => Array.from({ length: k }, (_, i) => i),
        guard: (s: readonly number[], i: number) => s[i]! < m,
        effect: (s, i) => to(s.map((v, j) => (j === i ? v + 1 : v))),
      }),
    ],
    key: (s) => s.join(','),
  });
}

// Actor toys: small message-passing systems whose state counts the tests
// work out by hand, or by a reference machine written beside them.

/**
 * The message of {@link voters}: a vote names its voter (a label says the
 * message and its receiver, so equal messages from two senders would be
 * one text, and a printed path would not say which arrived).
 */
export interface VoteMsg {
  readonly vote: number;
}
/** A voter: it votes once. */
export interface Voter {
  readonly voted: boolean;
}
/** The tally: whom it has heard from (ids, sorted), and how many copies arrived. */
export interface Tally {
  readonly heard: readonly number[];
  readonly copies: number;
}
/** The roles of {@link voters}: the tally is process 0, the voters 1 .. n. */
export type VoterRoles = { tally: Role<Tally, VoteMsg>; voters: Role<Voter, VoteMsg> };
/** A state of {@link voters}. */
export type VotersState = ActorState<VoterRoles, VoteMsg, any>;

/** `Vote`: a voter sends its vote to the tally. */
export const Vote = processAction<Voter, VoteMsg>({
  name: 'Vote',
  guard: (s) => !s.voted,
  effect: (_s, _p, { self }) => ({
    state: { voted: true },
    send: [{ to: 0, msg: { vote: self } }],
  }),
});

/** What {@link voters} takes. */
export interface VotersOptions {
  /** How many voters. */
  readonly n: number;
  readonly network: NetworkKind;
  readonly faults?: FaultBudgets<'voters' | 'tally'>;
  /** The tally counts the copies that arrive (never on a `set` network: they never stop). */
  readonly countCopies?: boolean;
  /** The voters are interchangeable. */
  readonly symmetric?: boolean;
  readonly constraint?: (s: VotersState, l: Label) => boolean;
  readonly starts?: () => Iterable<{ readonly voters?: readonly Voter[] }>;
  /** Record the order in which votes arrive (ids). */
  readonly arrivals?: boolean;
}

/** n voters and a tally: each voter votes once; the tally records whom it heard. */
export function voters(o: VotersOptions) {
  const voter = role<Voter, VoteMsg>({
    name: (i) => `v${i + 1}`,
    init: () => ({ voted: false }),
    actions: [Vote],
  });
  const tally = role<Tally, VoteMsg>({
    name: () => 't',
    init: () => ({ heard: [], copies: 0 }),
    receive: (s, _m, { from }) => {
      const heard = s.heard.includes(from!) ? s.heard : [...s.heard, from!].sort((a, b) => a - b);
      const copies = o.countCopies ? s.copies + 1 : s.copies;
      return { state: heard === s.heard && copies === s.copies ? s : { heard, copies } };
    },
  });
  // Voter i has id i + 1: renamed by perm, it becomes perm[i] + 1.
  const rename = (perm: readonly number[]) => (p: number) => perm[p - 1]! + 1;
  return actors<VoterRoles, VoteMsg, any>({
    name: `voters(${o.n}, ${o.network})`,
    showMessage: (m) => `vote(v${m.vote})`,
    ids: layout({ tally: 1, voters: o.n }),
    roles: { tally, voters: voter },
    network: o.network,
    ...(o.faults ? { faults: o.faults } : {}),
    ...(o.constraint ? { constraint: o.constraint } : {}),
    ...(o.starts ? { starts: o.starts } : {}),
    ...(o.arrivals
      ? {
          history: {
            init: [] as readonly number[],
            record: (h: readonly number[], st) =>
              st.label.action === 'Deliver' ? [...h, (st.label.param as any).env.from] : h,
          },
        }
      : {}),
    ...(o.symmetric
      ? {
          symmetry: {
            role: 'voters',
            message: (m: VoteMsg, perm: readonly number[]) => ({ vote: rename(perm)(m.vote) }),
            state: (r: string, s: any, perm: readonly number[]) =>
              r === 'tally'
                ? { ...s, heard: s.heard.map(rename(perm)).sort((a: number, b: number) => a - b) }
                : s,
          },
        }
      : {}),
  });
}

/** The state of {@link keeper}: `kept` survives a crash, `scratch` does not. */
export interface Kept {
  readonly kept: number;
  readonly scratch: number;
}
/** `Bump`: both fields go up by one, up to 2. */
export const Bump = processAction<Kept, never>({
  name: 'Bump',
  guard: (s) => s.kept < 2,
  effect: (s) => ({ state: { kept: s.kept + 1, scratch: s.scratch + 1 } }),
});
/** One process that counts to 2, with a persistent and a volatile field, crashing as `mode` says. */
export function keeper(mode: CrashMode, crashes: number) {
  const k = role<Kept, never>({
    name: () => 'k',
    init: () => ({ kept: 0, scratch: 0 }),
    persistent: ['kept'],
    crash: mode,
    actions: [Bump],
  });
  return actors({
    name: `keeper(${mode})`,
    ids: layout({ keeper: 1 }),
    roles: { keeper: k },
    network: 'multiset',
    showMessage: (m: never) => m,
    faults: { crash: { keeper: crashes } },
  });
}

/** The messages of {@link echo}. */
export type EchoMsg = { readonly ping: number } | 'pong';
/** A client: it pings once, and notes the pong. */
export interface EchoClient {
  readonly sent: boolean;
  readonly got: boolean;
}
/** `Ping`: an input from outside; the client sends `ping` to the server (process 0). */
export const Ping = processAction<EchoClient, EchoMsg>({
  name: 'Ping',
  external: true,
  guard: (s) => !s.sent,
  effect: (s, _p, ctx) => ({
    state: { ...s, sent: true },
    send: [{ to: 0, msg: { ping: ctx.self } }],
  }),
});
/** A server that answers every ping with a pong, and k clients (ids 1 .. k). */
export function echo(
  k: number,
  network: NetworkKind,
  faults?: FaultBudgets<'server' | 'clients'>,
  crash: CrashMode = 'recover',
) {
  const server = role<{ readonly served: number }, EchoMsg>({
    name: () => 's',
    init: () => ({ served: 0 }),
    crash,
    receive: (s, m, { from }) =>
      m !== 'pong'
        ? { state: { served: Math.min(s.served + 1, 2) }, send: [{ to: from!, msg: 'pong' }] }
        : { state: s },
  });
  const client = role<EchoClient, EchoMsg>({
    name: (i) => `c${i + 1}`,
    init: () => ({ sent: false, got: false }),
    receive: (s, m) => ({ state: m === 'pong' && !s.got ? { ...s, got: true } : s }),
    actions: [Ping],
  });
  return actors({
    name: `echo(${k}, ${network})`,
    ids: layout({ server: 1, clients: k }),
    roles: { server, clients: client },
    network,
    showMessage: (m: EchoMsg) => (m === 'pong' ? m : `ping(c${m.ping})`),
    ...(faults ? { faults } : {}),
  });
}

/** The messages of {@link retransmit}. */
export type DataMsg = 'data' | 'ack';
/** The retransmitting sender's state: acked yet, and how many sends so far. */
export interface Sender {
  readonly acked: boolean;
  readonly tries: number;
}
/** `Send`: the sender (0) sends `data` to the receiver (1), at most twice, unless acked or a copy is in flight. */
export const Send = processAction<Sender, DataMsg>({
  name: 'Send',
  guard: (s, _p, ctx) => !s.acked && s.tries < 2 && !ctx.inFlight('data'),
  effect: (s) => ({ state: { ...s, tries: s.tries + 1 }, send: [{ to: 1, msg: 'data' }] }),
});
/** A sender that sends again once its message is gone, and a receiver that acks every copy. */
export function retransmit(network: NetworkKind, lose: number) {
  const sender = role<Sender, DataMsg>({
    name: () => 'snd',
    init: () => ({ acked: false, tries: 0 }),
    receive: (s, m) => ({ state: m === 'ack' && !s.acked ? { ...s, acked: true } : s }),
    actions: [Send],
  });
  const receiver = role<{ readonly got: boolean }, DataMsg>({
    name: () => 'rcv',
    init: () => ({ got: false }),
    receive: (s, m) =>
      m === 'data'
        ? { state: s.got ? s : { got: true }, send: [{ to: 0, msg: 'ack' }] }
        : { state: s },
  });
  return actors({
    name: `retransmit(${network})`,
    ids: layout({ sender: 1, receiver: 1 }),
    roles: { sender, receiver },
    network,
    showMessage: (m: DataMsg) => m,
    faults: { lose },
  });
}

/** `Next`: the sender (0) sends 0, 1, ..., k - 1 to the receiver (1), in order. */
export const Next = processAction<{ readonly next: number; readonly k: number }, number>({
  name: 'Next',
  guard: (s) => s.next < s.k,
  effect: (s) => ({ state: { ...s, next: s.next + 1 }, send: [{ to: 1, msg: s.next }] }),
});
/** A sender of 0 .. k-1 in order and a receiver that logs what arrives. */
export function sequence(
  k: number,
  network: NetworkKind,
  faults?: FaultBudgets<'sender' | 'receiver'>,
  time?: TimeOptions,
) {
  const sender = role<{ readonly next: number; readonly k: number }, number>({
    name: () => 'snd',
    init: () => ({ next: 0, k }),
    actions: [Next],
  });
  const receiver = role<{ readonly log: readonly number[] }, number>({
    name: () => 'rcv',
    init: () => ({ log: [] }),
    receive: (s, m) => ({ state: { log: [...s.log, m] } }),
  });
  return actors({
    name: `sequence(${k}, ${network})`,
    ids: layout({ sender: 1, receiver: 1 }),
    roles: { sender, receiver },
    network,
    showMessage: (m: number) => String(m),
    ...(faults ? { faults } : {}),
    ...(time ? { time } : {}),
  });
}

/** `SendAny(v)`: a sender sends `a` or `b`, whichever it has not sent, to the receiver (0). */
export const SendAny = processAction<{ readonly sent: readonly string[] }, string, string>({
  name: 'SendAny',
  params: (s) => ['a', 'b'].filter((v) => !s.sent.includes(v)),
  effect: (s, v) => ({ state: { sent: [...s.sent, v].sort() }, send: [{ to: 0, msg: v }] }),
});
/** Senders (1 .. n) that send `a` and `b` in either order, remembering only which; a receiver logs each sender's. */
export function anyOrder(n: number, network: NetworkKind, symmetric: boolean, time?: TimeOptions) {
  const sender = role<{ readonly sent: readonly string[] }, string>({
    name: (i) => `s${i + 1}`,
    init: () => ({ sent: [] }),
    actions: [SendAny],
  });
  const receiver = role<{ readonly logs: readonly (readonly string[])[] }, string>({
    name: () => 'r',
    init: () => ({ logs: Array.from({ length: n }, () => []) }),
    receive: (s, m, { from }) => ({
      state: { logs: s.logs.map((l, i) => (i === from! - 1 ? [...l, m] : l)) },
    }),
  });
  return actors({
    name: `anyOrder(${n}, ${network})`,
    ids: layout({ receiver: 1, senders: n }),
    roles: { receiver, senders: sender },
    network,
    showMessage: (m: string) => m,
    ...(time ? { time } : {}),
    ...(symmetric
      ? {
          symmetry: {
            role: 'senders',
            state: (r: string, s: any, perm: readonly number[]) => {
              if (r !== 'receiver') return s;
              const logs = new Array(n);
              s.logs.forEach((l: readonly string[], i: number) => {
                logs[perm[i]!] = l;
              });
              return { logs };
            },
          },
        }
      : {}),
  });
}

/** The timed sender's state: acked yet, tries so far, and when its timer runs out (its own clock). */
export interface Resender {
  readonly acked: boolean;
  readonly tries: number;
  readonly next: number;
}
/** How long the timed sender waits before it sends again, on its own clock. */
export const PERIOD = 3;
/** `Resend`: a timer; the sender (0) sends `data` to the receiver (1), at most twice. */
export const Resend = processAction<Resender, DataMsg>({
  name: 'Resend',
  due: (s): number | Nil => (s.acked || s.tries >= 2 ? nil : s.next),
  effect: (s, _p, ctx) => ({
    state: { ...s, tries: s.tries + 1, next: ctx.clock + PERIOD },
    send: [{ to: 1, msg: 'data' }],
  }),
});
/** A sender that sends on a timer until acked, and a receiver that acks (untimed if `time` is left out). */
export function resender(
  o: {
    readonly time?: TimeOptions;
    readonly faults?: FaultBudgets<'sender' | 'receiver'>;
    readonly crash?: CrashMode;
  } = {},
) {
  const sender = role<Resender, DataMsg>({
    name: () => 'snd',
    init: () => ({ acked: false, tries: 0, next: 0 }),
    receive: (s, m) => ({ state: m === 'ack' && !s.acked ? { ...s, acked: true } : s }),
    actions: [Resend],
  });
  const receiver = role<{ readonly got: boolean }, DataMsg>({
    name: () => 'rcv',
    init: () => ({ got: false }),
    crash: o.crash ?? 'recover',
    receive: (s, m) =>
      m === 'data'
        ? { state: s.got ? s : { got: true }, send: [{ to: 0, msg: 'ack' }] }
        : { state: s },
  });
  return actors({
    name: o.time ? 'resender (timed)' : 'resender',
    ids: layout({ sender: 1, receiver: 1 }),
    roles: { sender, receiver },
    network: 'multiset',
    showMessage: (m: DataMsg) => m,
    ...(o.faults ? { faults: o.faults } : {}),
    ...(o.time ? { time: o.time } : {}),
  });
}

/** `Speak`: the speaker (0) says `hi` to both listeners (1 and 2) at once, once. */
export const Speak = processAction<{ readonly spoke: boolean }, string>({
  name: 'Speak',
  guard: (s) => !s.spoke,
  effect: () => ({ state: { spoke: true }, send: [{ to: [2, 1], msg: 'hi' }] }),
});
/** A speaker that broadcasts once to two listeners, which note that they heard it. */
export function broadcast(network: NetworkKind, faults?: FaultBudgets<'speaker' | 'listeners'>) {
  const speaker = role<{ readonly spoke: boolean }, string>({
    name: () => 'sp',
    init: () => ({ spoke: false }),
    actions: [Speak],
  });
  const listener = role<{ readonly heard: boolean }, string>({
    name: (i) => `l${i + 1}`,
    init: () => ({ heard: false }),
    receive: (s) => ({ state: s.heard ? s : { heard: true } }),
  });
  return actors({
    name: `broadcast(${network})`,
    ids: layout({ speaker: 1, listeners: 2 }),
    roles: { speaker, listeners: listener },
    network,
    showMessage: (m: string) => m,
    ...(faults ? { faults } : {}),
  });
}
