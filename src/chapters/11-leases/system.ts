/**
 * Leases as a timed actor system (§2.2): a home process that grants leases
 * on one resource and keeps its value, and clients that ask for a lease,
 * read and write the resource while their own clock says the lease holds
 * with the paper's margin ε, renew it, and release it on demand. Real time
 * passes by the library's `Tick`; every clock is within b of real time
 * (so two clocks differ by at most ε = 2b) and may drift a tick either way
 * within that bound; every message, a write among them, arrives within δ.
 * An update is one write, or (to show §2.2's point on atomicity) two
 * writes one after the other, with or without a redo log first.
 *
 * @module
 */
import type { ActorState, ActorSystem, Nil, ProcessAction, Role, Send } from '../../index';
import { actors, layout, nil, processAction, role } from '../../index';
import type { LeaseConfig } from './config';
import { epsilon, validLeaseConfig } from './config';

/** A lease's mode: `r`, shared (read and cache); `w`, exclusive (read and write). */
export type Mode = 'r' | 'w';

/** A lease: its mode, the time t it expires on the home's clock, and the request n it answered (its name). */
export interface Lease {
  readonly mode: Mode;
  readonly t: number;
  readonly n: number;
}

/** A value of the resource: `v0` at first, then `p1.1` for p1's first write. */
export type Val = string;

/** A value with its version: how many writes the home had applied when it took it. */
export interface Versioned {
  readonly v: Val;
  readonly ver: number;
}

/**
 * How a client's update reaches the resource: `atomic`, one write; `two-parts`,
 * two writes one after the other (x, then y), as an update of a resource
 * larger than one write must; `redo-log`, the same two after a write of the
 * whole update to a log, which the home redoes before it hands the resource
 * to anyone (§2.2's careful writes, or a redo log).
 */
export type Update = 'atomic' | 'two-parts' | 'redo-log';

/** One write of an update: the whole of it, its log record, or one of its two halves. */
export type Part = 'all' | 'log' | 'x' | 'y';

/** The writes an update makes, in order. */
export const partsOf = (u: Update): readonly Part[] =>
  u === 'atomic' ? ['all'] : u === 'two-parts' ? ['x', 'y'] : ['log', 'x', 'y'];

/** The home: the resource's value and version, the lease it granted each client (nil: none), and the last write it applied from each. */
export interface Home {
  /** The resource's value; with updates in two parts, its first half x. */
  readonly value: Val;
  /** Its second half y, written last (the same as value when no update is half done). */
  readonly y: Val;
  /** The redo log: an update whose halves may not both have landed (nil: none). */
  readonly log: { readonly v: Val; readonly w: number; readonly i: number } | Nil;
  readonly ver: number;
  /** The newest request heard from each client: an older one, arriving late, is stale. */
  readonly seen: readonly number[];
  readonly leases: readonly (Lease | Nil)[];
  readonly applied: readonly number[];
}

/** A client. */
export interface Client {
  /** The lease it holds, as the home granted it (nil: none). */
  readonly lease: Lease | Nil;
  /** The request it is waiting on (nil: none), numbered so a stale grant is ignored. */
  readonly req: { readonly mode: Mode; readonly n: number } | Nil;
  /** How many requests it has made (a bound of the check). */
  readonly n: number;
  /** The number of its write on its way to the home, not yet acknowledged (nil: none). */
  readonly writing: number | Nil;
  /** Which write of that update (an index into its parts) is on its way or ready to go. */
  readonly part: number;
  /** The part at `part` is ready to be sent: the previous one was acknowledged. */
  readonly ready: boolean;
  /** The lease (its request number) it made that write under: only under it may the write be sent again. */
  readonly wroteUnder: number;
  /** Its copy of the resource's value and version, good while it holds a lease. */
  readonly cache: Versioned | Nil;
  /** The home asked for its lease back. */
  readonly revoked: boolean;
  /** How many writes it has made (a bound of the check). */
  readonly writes: number;
  /** How many of them it has seen acknowledged, or seen applied in a grant. */
  readonly acked: number;
  /** Its clock when it sent its last write: until δ + ε later that write may still land. */
  readonly wroteAt: number;
}

// #region messages
/** What travels between the clients and the home. */
export type LeaseMsg =
  | { readonly k: 'req'; readonly mode: Mode; readonly n: number }
  | {
      readonly k: 'grant';
      readonly mode: Mode;
      readonly t: number;
      readonly n: number;
      readonly v: Val;
      readonly ver: number;
      /** The last write of this client's the home has applied. */
      readonly applied: number;
    }
  | { readonly k: 'write'; readonly w: number; readonly v: Val; readonly part: Part }
  | {
      readonly k: 'ack';
      readonly w: number;
      readonly part: Part;
      readonly v: Val;
      readonly ver: number;
    }
  | { readonly k: 'deny'; readonly n: number }
  | { readonly k: 'revoke'; readonly n: number }
  | { readonly k: 'rel'; readonly n: number };
// #endregion messages

/** The roles: one home, and the clients. */
export type LeaseRoles = {
  readonly home: Role<Home, LeaseMsg>;
  readonly clients: Role<Client, LeaseMsg>;
};

/** The whole system's state, as the library keeps it. */
export type LeaseState = ActorState<LeaseRoles, LeaseMsg>;

/** The rules a lease system runs by; the mutants change one each. */
export interface LeaseRules {
  /** The margin a holder keeps before its lease's expiry t, on its own clock (the paper's ε). */
  readonly margin: (c: LeaseConfig) => number;
  /** A holder starts a write only if it lands before the margin: its clock + δ ≤ t − margin. */
  readonly writeTakes: (c: LeaseConfig) => number;
  /** Does a holder that asks for a renewal count the new lease from its own clock at once? */
  readonly optimisticRenewal: boolean;
  /** Does a holder release only once its write is acknowledged? */
  readonly releaseWaits: boolean;
  /** Does the home grant an exclusive lease only when no shared lease may be live? */
  readonly exclusiveWaitsForShared: boolean;
  /**
   * A holder's test for starting a write (or sending it again, or its next part) at its own
   * clock, under a lease that expires at t on the home's clock: exercise 11.1 plugs one in.
   *
   * @defaultValue clock + writeTakes ≤ t − margin
   */
  readonly mayWrite?: (clock: number, t: number, c: LeaseConfig) => boolean;
  /**
   * The home's answer to client i's request for a lease of a mode, given the mode of each
   * client's live lease (nil: none): exercise 11.2 plugs one in.
   *
   * @defaultValue the home's rule, {@link homeRule}
   */
  readonly decide?: (i: number, mode: Mode, live: readonly (Mode | Nil)[]) => Decision;
}

/** The home's answer to a request: grant it or not, and the holders it asks to give theirs back. */
export interface Decision {
  /** The requester gets the lease it asked for. */
  readonly grant: boolean;
  /** The clients asked to release their live leases (a denied requester tries again later). */
  readonly revoke: readonly number[];
}

/**
 * The home's rule for client i's request: deny a shared lease to a client whose own
 * exclusive one is live; else grant unless another's lease is in the way (an exclusive one,
 * or, for an exclusive request, a shared one), and ask each holder in the way to release.
 *
 * @param r - the rules (whether an exclusive lease waits for the shared ones)
 * @returns the decision for a request, given the mode of each client's live lease
 */
export const homeRule =
  (r: Pick<LeaseRules, 'exclusiveWaitsForShared'>) =>
  (i: number, mode: Mode, live: readonly (Mode | Nil)[]): Decision => {
    // Its own exclusive lease is in the way of a shared one: a write of its may still land.
    if (live[i] === 'w' && mode === 'r') return { grant: false, revoke: [] };
    const conflicts = live.flatMap((l, q) =>
      q !== i && l !== nil && (l === 'w' || (mode === 'w' && r.exclusiveWaitsForShared)) ? [q] : [],
    );
    return { grant: conflicts.length === 0, revoke: conflicts };
  };

// #region rules
/** The correct rules. */
export const rules: LeaseRules = {
  margin: epsilon,
  writeTakes: (c) => c.delta,
  optimisticRenewal: false,
  releaseWaits: true,
  exclusiveWaitsForShared: true,
};
// #endregion rules

/** The newer of a copy and a value the home sent. */
const newer = (a: Versioned | Nil, b: Versioned): Versioned =>
  a !== nil && a.ver >= b.ver ? a : b;

/** A client's name: p1, p2, ... */
export const clientName = (i: number) => `p${i + 1}`;

/** The value of client i's w-th write. */
export const writeValue = (i: number, w: number): Val => `${clientName(i)}.${w}`;

/** The home's id; the clients follow it. */
export const HOME = 0;

/** The lease system, with its steps at hand. */
export interface LeaseSystem extends ActorSystem<LeaseRoles, LeaseMsg> {
  readonly config: LeaseConfig;
  readonly rules: LeaseRules;
  /** A client asks for a lease of a mode, or to renew the one it holds. */
  readonly Ask: ProcessAction<Client, LeaseMsg, Mode>;
  /** A client's lease runs out on its own clock, at t − margin. */
  readonly Expire: ProcessAction<Client, LeaseMsg>;
  /** A client writes a value (external). */
  readonly Write: ProcessAction<Client, LeaseMsg, Val>;
  /** A client reads its copy (external). */
  readonly Read: ProcessAction<Client, LeaseMsg>;
  /** A client gives its lease back, as the home asked. */
  readonly Release: ProcessAction<Client, LeaseMsg>;
  /** A client sends its request again (a loss). */
  readonly Retry: ProcessAction<Client, LeaseMsg>;
  /** A client sends its unacknowledged write again, while its lease leaves time for it (a loss). */
  readonly Rewrite: ProcessAction<Client, LeaseMsg>;
  /** A client sends the next write of an update in parts, while its lease leaves time for it. */
  readonly Continue: ProcessAction<Client, LeaseMsg>;
}

const showMsg = (m: LeaseMsg): string => {
  switch (m.k) {
    case 'req':
      return `req(${m.mode}, #${m.n})`;
    case 'grant':
      return `grant(${m.mode}, t=${m.t}, #${m.n}, ${m.v})`;
    case 'write':
      return m.part === 'all' ? `write(${m.v})` : `write(${m.part} := ${m.v})`;
    case 'ack':
      return m.part === 'all' ? `ack(${m.v})` : `ack(${m.part}, ${m.v})`;
    case 'deny':
      return `deny(#${m.n})`;
    case 'revoke':
      return `revoke(#${m.n})`;
    case 'rel':
      return `release(#${m.n})`;
  }
};

/**
 * The lease system of a configuration, under some rules.
 *
 * @param c - the configuration
 * @param r - the rules (a mutant's, or the correct ones)
 * @returns the system
 * @throws Error if the configuration is not valid (a one-line message)
 */
export function leaseSystem(c: LeaseConfig, r: LeaseRules = rules): LeaseSystem {
  validLeaseConfig(c);
  const ids = layout({ home: 1, clients: c.clients });
  const margin = r.margin(c);
  const writeTakes = r.writeTakes(c);
  // A holder's test for starting a write: in time for it to land before the margin.
  const inTime = r.mayWrite
    ? (clock: number, t: number) => r.mayWrite!(clock, t, c)
    : (clock: number, t: number) => clock + writeTakes <= t - margin;
  const decision = r.decide ?? homeRule(r);
  const toHome = (msg: LeaseMsg): Send<LeaseMsg>[] => [{ to: HOME, msg }];
  const client = (i: number) => ids.clients[i]!;
  const modes: readonly Mode[] = c.shared ? ['r', 'w'] : ['w'];
  const parts = partsOf(c.update ?? 'atomic');
  const writeMsg = (s: Client, index: number): LeaseMsg => ({
    k: 'write',
    w: s.writing as number,
    v: writeValue(index, s.writing as number),
    part: parts[s.part]!,
  });
  // While the lease it wrote under leaves time for a write to land.
  const mayWrite = (s: Client, clock: number) =>
    s.lease !== nil &&
    s.lease.mode === 'w' &&
    s.lease.n === s.wroteUnder &&
    inTime(clock, s.lease.t);
  // Without loss every request is answered (a grant or a deny), so nothing is sent again.
  const lossy = c.faults.lose > 0;

  // #region client-ask
  const Ask = processAction<Client, LeaseMsg, Mode>({
    name: 'Ask',
    params: () => modes,
    // A client that may have forgotten a write of its own (it crashed) waits until that write
    // has surely landed or been lost: a copy taken before it lands would be stale.
    guard: (s, mode, { clock }) =>
      (s.acked === s.writes || s.writing !== nil || clock > s.wroteAt + writeTakes + margin) &&
      s.req === nil &&
      s.n < c.requests &&
      (s.lease === nil || (s.lease.mode === mode && !s.revoked)),
    effect: (s, mode, { clock }) => {
      const req = { mode, n: s.n + 1 };
      // The bug a renewal can race: counting the new lease before the home grants it.
      const lease =
        r.optimisticRenewal && s.lease !== nil ? { ...s.lease, t: clock + c.lease } : s.lease;
      return { state: { ...s, req, n: req.n, lease }, send: toHome({ k: 'req', ...req }) };
    },
  });
  // #endregion client-ask
  const Retry = processAction<Client, LeaseMsg>({
    name: 'Retry',
    guard: (s, _p, ctx) =>
      lossy && s.req !== nil && !ctx.inFlight({ k: 'req', mode: s.req.mode, n: s.req.n }, HOME),
    effect: (s) => ({
      state: s,
      send: s.req === nil ? [] : toHome({ k: 'req', mode: s.req.mode, n: s.req.n }),
    }),
  });
  // #region client-expire
  const Expire = processAction<Client, LeaseMsg>({
    name: 'Expire',
    due: (s) => (s.lease === nil ? nil : s.lease.t - margin),
    // A write on its way stays the client's business: only its ack says what the home holds.
    effect: (s) => ({ state: { ...s, lease: nil, revoked: false } }),
  });
  // #endregion client-expire
  // #region client-write
  const Write = processAction<Client, LeaseMsg, Val>({
    name: 'Write',
    external: true,
    params: (s, { index }) => (s.writes < c.writes ? [writeValue(index, s.writes + 1)] : []),
    guard: (s, _v, { clock }) =>
      s.lease !== nil && s.lease.mode === 'w' && s.writing === nil && inTime(clock, s.lease.t),
    effect: (s, v, { clock }) => {
      const w = s.writes + 1;
      const wroteUnder = s.lease === nil ? 0 : s.lease.n;
      return {
        state: { ...s, writing: w, writes: w, wroteUnder, wroteAt: clock, part: 0, ready: false },
        send: toHome({ k: 'write', w, v, part: parts[0]! }),
      };
    },
  });
  // #endregion client-write
  const Rewrite = processAction<Client, LeaseMsg>({
    name: 'Rewrite',
    guard: (s, _p, ctx) =>
      lossy &&
      s.writing !== nil &&
      !s.ready &&
      mayWrite(s, ctx.clock) &&
      !ctx.inFlight(writeMsg(s, ctx.index), HOME),
    effect: (s, _p, { index }) => ({
      state: s,
      send: s.writing === nil ? [] : toHome(writeMsg(s, index)),
    }),
  });
  const Continue = processAction<Client, LeaseMsg>({
    name: 'Continue',
    guard: (s, _p, { clock }) => s.writing !== nil && s.ready && mayWrite(s, clock),
    effect: (s, _p, { index }) => ({
      state: { ...s, ready: false },
      send: s.writing === nil ? [] : toHome(writeMsg(s, index)),
    }),
  });
  // #region client-read
  const Read = processAction<Client, LeaseMsg>({
    name: 'Read',
    external: true,
    guard: (s, _p, { clock }) => s.lease !== nil && s.writing === nil && clock < s.lease.t - margin,
    effect: (s) => ({ state: s, output: s.cache === nil ? nil : s.cache.v }),
  });
  // #endregion client-read
  // #region client-release
  const Release = processAction<Client, LeaseMsg>({
    name: 'Release',
    guard: (s) => s.lease !== nil && s.revoked && (s.writing === nil || !r.releaseWaits),
    // It stops waiting for a renewal too: a grant that comes later is not taken.
    effect: (s) => ({
      state: { ...s, lease: nil, revoked: false, req: nil },
      send: s.lease === nil ? [] : toHome({ k: 'rel', n: s.lease.n }),
    }),
  });
  // #endregion client-release
  const clientReceive = (s: Client, m: LeaseMsg): Client => {
    switch (m.k) {
      case 'grant':
        if (s.req === nil || s.req.n !== m.n) return s;
        return {
          ...s,
          req: nil,
          lease: { mode: m.mode, t: m.t, n: m.n },
          // The grant's copy is the home's value when the grant left; an ack may have
          // brought a newer one since: the client keeps the newer version.
          cache: newer(s.cache, { v: m.v, ver: m.ver }),
          // A write the home had applied when the grant left is in that copy.
          writing: s.writing !== nil && m.applied >= s.writing ? nil : s.writing,
          acked: Math.max(s.acked, m.applied),
          revoked: false,
        };
      case 'deny':
        return s.req !== nil && s.req.n === m.n ? { ...s, req: nil } : s;
      case 'ack':
        if (s.writing !== m.w || parts[s.part] !== m.part || s.ready) return s;
        // A part before the last: the next may go.
        if (s.part < parts.length - 1) return { ...s, part: s.part + 1, ready: true };
        return {
          ...s,
          writing: nil,
          acked: Math.max(s.acked, m.w),
          cache: newer(s.cache, { v: m.v, ver: m.ver }),
        };
      case 'revoke':
        return s.lease !== nil && s.lease.n === m.n && !s.revoked ? { ...s, revoked: true } : s;
      default:
        return s;
    }
  };
  const clients = role<Client, LeaseMsg>({
    name: clientName,
    init: () => ({
      lease: nil,
      req: nil,
      n: 0,
      writing: nil,
      part: 0,
      ready: false,
      wroteUnder: 0,
      cache: nil,
      revoked: false,
      writes: 0,
      acked: 0,
      wroteAt: 0,
    }),
    crash: 'recover',
    // What survives a crash: the counts, which bound the check and number the requests and
    // writes, and when it last wrote.
    persistent: ['n', 'writes', 'acked', 'wroteAt'],
    receive: (s, m) => ({ state: clientReceive(s, m) }),
    actions: [Ask, Expire, Write, Read, Release, Retry, Rewrite, Continue],
  });

  const homeReceive = (h0: Home, m: LeaseMsg, from: number, clock: number) => {
    let h = h0;
    const i = from - ids.clients[0]!;
    switch (m.k) {
      // #region home-request
      case 'req': {
        // A request older than one already heard (a copy sent again, arriving late) is stale.
        if (m.n < h.seen[i]!) return { state: h };
        const seen = h.seen.map((n, q) => (q === i ? m.n : n));
        // A lease the home granted is live until its clock passes t.
        const leases = h.leases.map((l) => (l !== nil && clock <= l.t ? l : nil));
        const d = decision(
          i,
          m.mode,
          leases.map((l) => (l === nil ? nil : l.mode)),
        );
        // Each holder in the way is asked to release (a client with no live lease has none).
        const revokes = d.revoke.flatMap((q) => {
          const l = leases[q];
          return l === nil || l === undefined
            ? []
            : [{ to: client(q), msg: { k: 'revoke', n: l.n } as LeaseMsg }];
        });
        // A conflict: the requester is told no.
        if (!d.grant)
          return {
            state: { ...h, leases, seen },
            send: [{ to: from, msg: { k: 'deny', n: m.n } as LeaseMsg }, ...revokes],
          };
        const t = clock + c.lease;
        // Before it hands the resource to anyone, the home redoes an update its log holds.
        h = redo(h);
        return {
          state: {
            ...h,
            seen,
            leases: leases.map((l, q) => (q === i ? { mode: m.mode, t, n: m.n } : l)),
          },
          send: [
            {
              to: from,
              msg: {
                k: 'grant',
                mode: m.mode,
                t,
                n: m.n,
                v: contents(h),
                ver: h.ver,
                applied: h.applied[i]!,
              } as LeaseMsg,
            },
            ...revokes,
          ],
        };
      }
      // #endregion home-request
      case 'write': {
        // A write of an update applied already (a copy sent again, or duplicated) is
        // acknowledged, not applied.
        const next = m.w > h.applied[i]! ? applyPart(h, m, i) : h;
        return {
          state: next,
          send: [
            {
              to: from,
              msg: { k: 'ack', w: m.w, part: m.part, v: contents(next), ver: next.ver } as LeaseMsg,
            },
          ],
        };
      }
      case 'rel': {
        const l = h.leases[i];
        // Only the lease it names: a release of an earlier lease must not end a renewal.
        if (l === nil || l === undefined || l.n !== m.n) return { state: h };
        return { state: { ...h, leases: h.leases.map((x, q) => (q === i ? nil : x)) } };
      }
      default:
        return { state: h };
    }
  };
  const home = role<Home, LeaseMsg>({
    name: () => 'home',
    init: () => ({
      value: 'v0',
      y: 'v0',
      log: nil,
      ver: 0,
      seen: Array.from({ length: c.clients }, () => 0),
      leases: Array.from({ length: c.clients }, () => nil),
      applied: Array.from({ length: c.clients }, () => 0),
    }),
    receive: (h, m, { from, clock }) => homeReceive(h, m, from!, clock),
  });

  const b = c.driftBound ?? c.clockBound;
  const sys = actors({
    name: `leases(${c.clients} clients, L = ${c.lease}, ε = ${epsilon(c)}, δ = ${c.delta})`,
    ids,
    roles: { home, clients },
    network: 'multiset',
    showMessage: showMsg,
    faults: {
      lose: c.faults.lose,
      duplicate: c.faults.duplicate,
      crash: { clients: c.faults.crash },
    },
    time: {
      maxDelay: c.maxDelay ?? c.delta,
      horizon: c.horizon,
      skew: (p) => c.skew[p]!,
      ...(c.drifts > 0 ? { drift: { bound: b, budget: c.drifts } } : {}),
    },
  });
  return Object.assign(sys, {
    config: c,
    rules: r,
    Ask,
    Expire,
    Write,
    Read,
    Release,
    Retry,
    Rewrite,
    Continue,
  });
}

/** What a reader of the home's resource gets: its value, or both halves when an update is half done. */
export const contents = (h: Home): Val => (h.value === h.y ? h.value : `${h.value}|${h.y}`);

// #region careful
/** One write of client i's update lands at the home (`applied` counts whole updates). */
function applyPart(h: Home, m: Extract<LeaseMsg, { k: 'write' }>, i: number): Home {
  const done = (x: Home) => ({ ...x, applied: x.applied.map((a, q) => (q === i ? m.w : a)) });
  switch (m.part) {
    case 'all':
      return done({ ...h, value: m.v, y: m.v, ver: h.ver + 1 });
    case 'log':
      return { ...h, log: { v: m.v, w: m.w, i } };
    case 'x':
      return { ...h, value: m.v, ver: h.ver + 1 };
    case 'y': {
      const logged = h.log !== nil && h.log.i === i && h.log.w === m.w;
      return done({ ...h, y: m.v, ver: h.ver + 1, log: logged ? nil : h.log });
    }
  }
}

/** The home redoes the update in its log, if any: both halves take its value. */
function redo(h: Home): Home {
  if (h.log === nil) return h;
  const { v, w, i } = h.log;
  return {
    ...h,
    value: v,
    y: v,
    log: nil,
    ver: h.ver + 1,
    applied: h.applied.map((a, q) => (q === i ? Math.max(a, w) : a)),
  };
}
// #endregion careful
