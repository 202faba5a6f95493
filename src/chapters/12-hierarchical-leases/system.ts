/**
 * Hierarchical leases (§2.3) as a timed actor system. Consensus elects a
 * czar and gives it a lease, a term (czar, t) with t on the czar's own
 * clock; the czar renews its term by consensus, and hands out sub-leases on
 * the resources to masters, as chapter 11's home hands out leases, each
 * ending no later than its own term; the masters renew their sub-leases
 * with the czar, which costs no consensus.
 *
 * Consensus is spec D used as an oracle: the process `cons` keeps the log of
 * decided terms; a proposal for the next instance is D's Allow, and `cons`'s
 * own step Agree(v) picks one allowed proposal as the outcome, at any time
 * (consensus may take as long as it likes, and may pick a rival's
 * proposal over the czar's renewal). Chapters 08-10 check that Paxos
 * implements D, so composing Paxos here would multiply the states and show
 * nothing new. `cons` also holds the
 * resources' values (the replicated state): a master writes to it directly
 * and fetches a value with a `get` once it holds a sub-lease.
 *
 * Real time passes by the library's `Tick`; every clock is within b of real
 * time and may drift a tick either way within that bound; every message
 * arrives within δ.
 *
 * @module
 */
import type { ActorState, ActorSystem, Nil, ProcessAction, Role, Send } from '../../index';
import { actors, layout, nil, processAction, role } from '../../index';
import { epsilon } from '../11-leases/config';
import type { Decision, Lease, Mode, Val, Versioned } from '../11-leases/system';
import { clientName, homeRule, writeValue } from '../11-leases/system';
import type { HierConfig } from './config';
import { validHierConfig } from './config';

/**
 * A czar term, the outcome of one consensus instance: the czar (a
 * candidate's index), the time t its lease ends on its own clock, the
 * instance where its tenure began (an unbroken run of renewals keeps it: a
 * master epoch), and which of the czar's proposals it was.
 */
export interface Term {
  readonly czar: number;
  readonly t: number;
  readonly since: number;
  readonly p: number;
}

/** A resource's value at the oracle, with its version and the term it was written under (−1: never written). */
export interface Stored extends Versioned {
  readonly k: number;
}

/** The consensus oracle and the replicated state: the decided terms, and each resource's value. */
export interface Cons {
  /** Instance k's outcome is `log[k]`: one entry per consensus run. */
  readonly log: readonly Term[];
  /** D's `allowed` for the next instance (`log.length`): the proposals that have arrived for it, by candidate. */
  readonly allowed: readonly Term[];
  readonly values: readonly Stored[];
}

/** What a process knows of the latest decided term: its instance, czar and t. */
export interface Known {
  readonly k: number;
  readonly czar: number;
  readonly t: number;
}

/** A czar candidate. */
export interface Candidate {
  /** The latest term it has learned (nil: none). */
  readonly known: Known | Nil;
  /** Its own latest term, which it learned it won: it is czar while its clock is below t (nil: none). */
  readonly mine: { readonly k: number; readonly t: number; readonly since: number } | Nil;
  /** The instance it proposed a term for, and which proposal, not yet settled (nil: none). */
  readonly proposed: { readonly k: number; readonly p: number } | Nil;
  /** How many terms it has proposed (a bound of the check, and the proposals' names). */
  readonly proposals: number;
  /** As czar, the sub-lease it granted each master on each resource (`subs[r][i]`), as chapter 11's home keeps its leases. */
  readonly subs: readonly (readonly (Lease | Nil)[])[];
}

/**
 * A sub-lease as a master holds it: chapter 11's lease (mode, t on the
 * czar's clock, the request n it answered), with the term k it was granted
 * in, the czar c that granted it, and `first`, the request that began the
 * master's unbroken holding (renewals keep it): replies to a fetch or a
 * write made under an earlier holding are not taken into the copy.
 */
export interface SubLease extends Lease {
  readonly k: number;
  readonly c: number;
  readonly first: number;
}

/** A master's hold on one resource. */
export interface Hold {
  readonly sub: SubLease | Nil;
  /** The request it is waiting on (nil: none). */
  readonly req: number | Nil;
  /** Its copy of the value, good while it holds the sub-lease (nil: none yet). */
  readonly cache: Versioned | Nil;
  /** The czar asked for the sub-lease back. */
  readonly revoked: boolean;
}

/** A master. */
export interface Master {
  /** The latest term it has learned, so the czar to ask (nil: none). */
  readonly czar: { readonly k: number; readonly c: number } | Nil;
  readonly holds: readonly Hold[];
  /** Its write on its way to the oracle, not yet acknowledged (nil: none). */
  readonly writing: { readonly r: number; readonly w: number } | Nil;
  /** How many requests it has made (a bound of the check, and the requests' names). */
  readonly n: number;
  /** How many writes it has made (a bound of the check). */
  readonly writes: number;
  /** How many of them it has seen acknowledged. */
  readonly acked: number;
  /** Its clock when it sent its last write: until δ + ε later that write may still land. */
  readonly wroteAt: number;
}

// #region messages
/** What travels between the oracle, the candidates and the masters. */
export type HierMsg =
  | {
      readonly k: 'propose';
      readonly i: number;
      readonly t: number;
      readonly since: number;
      readonly p: number;
    }
  | {
      readonly k: 'outcome';
      readonly i: number;
      readonly czar: number;
      readonly t: number;
      readonly since: number;
      readonly p: number;
    }
  | { readonly k: 'req'; readonly r: number; readonly n: number }
  | {
      readonly k: 'grant';
      readonly r: number;
      readonly n: number;
      readonly s: number;
      readonly term: number;
    }
  | { readonly k: 'deny'; readonly r: number; readonly n: number }
  | { readonly k: 'revoke'; readonly r: number; readonly n: number }
  | { readonly k: 'rel'; readonly r: number; readonly n: number }
  | { readonly k: 'get'; readonly r: number; readonly n: number }
  | {
      readonly k: 'value';
      readonly r: number;
      readonly n: number;
      readonly v: Val;
      readonly ver: number;
    }
  | {
      readonly k: 'write';
      readonly r: number;
      readonly w: number;
      readonly v: Val;
      /** The term, and the czar, of the sub-lease it is written under. */
      readonly term: number;
      readonly c: number;
      readonly n: number;
    }
  | {
      readonly k: 'ack';
      readonly r: number;
      readonly w: number;
      readonly v: Val;
      readonly ver: number;
      readonly n: number;
    };
// #endregion messages

/** The roles: the oracle, the candidates, the masters. */
export type HierRoles = {
  readonly cons: Role<Cons, HierMsg>;
  readonly candidates: Role<Candidate, HierMsg>;
  readonly masters: Role<Master, HierMsg>;
};

/** The whole system's state, as the library keeps it. */
export type HierState = ActorState<HierRoles, HierMsg>;

// #region rules
/** The rules the system runs by; the mutants change one each. */
export interface HierRules {
  /** The margin a master keeps before its sub-lease's expiry s, on its own clock (the paper's ε). */
  readonly margin: (c: HierConfig) => number;
  /** A master starts a write only if it lands before the margin: its clock + δ ≤ s − margin. */
  readonly writeTakes: (c: HierConfig) => number;
  /** Is a sub-lease's expiry capped at the czar's own term, s = min(clock + Ls, t)? */
  readonly capped: boolean;
  /**
   * The czar's answer to a request for a sub-lease that nothing is in the
   * way of, when its clock reads `clock` and its own term ends at t: the
   * sub-lease's expiry s, or nil to deny it (exercise 12.1 writes it).
   *
   * @defaultValue from `capped` and `czarChecksLease`
   */
  readonly grantUntil?: (clock: number, t: number, c: HierConfig) => number | Nil;
  /** Does the czar grant and renew sub-leases only while its own clock is below its term's t? */
  readonly czarChecksLease: boolean;
  /**
   * How far past another czar's t (its clock's reading) a candidate's own
   * clock must be before it proposes the next term, or undefined: it
   * proposes at any time.
   */
  readonly wait: (c: HierConfig) => number | undefined;
  /**
   * Does a candidate take a term naming it as its own, though it did not
   * propose it since it last recovered (so it may have forgotten the
   * sub-leases it granted)?
   */
  readonly resumesTerm: boolean;
  /** Does a master drop its copy of a resource when its sub-lease on it runs out or is given back? */
  readonly dropsCopy: boolean;
  /**
   * Does the czar count the term it proposes to renew its lease as its own
   * at once, before consensus decides it (so it grants against the t it
   * proposed)?
   */
  readonly optimisticRenewal: boolean;
}

/** The correct rules. */
export const rules: HierRules = {
  margin: epsilon,
  writeTakes: (c) => c.delta,
  capped: true,
  czarChecksLease: true,
  wait: epsilon,
  resumesTerm: false,
  dropsCopy: true,
  optimisticRenewal: false,
};
// #endregion rules

/** The czar's answer to a request, as chapter 11's home decides: exclusive sub-leases only. */
const decide: (i: number, mode: Mode, live: readonly (Mode | Nil)[]) => Decision = homeRule({
  exclusiveWaitsForShared: true,
});

/** A candidate's name: c1, c2, ... */
export const candidateName = (j: number) => `c${j + 1}`;

/** A resource's name: x0, x1, ... */
export const resourceName = (r: number) => `x${r}`;

/** The newer of a copy and a value the oracle sent. */
const newer = (a: Versioned | Nil, b: Versioned): Versioned =>
  a !== nil && a.ver >= b.ver ? a : b;

/** The oracle's id; the candidates, then the masters, follow it. */
export const CONS = 0;

/** The hierarchical lease system, with its steps at hand. */
export interface HierSystem extends ActorSystem<HierRoles, HierMsg> {
  readonly config: HierConfig;
  readonly rules: HierRules;
  /** A candidate proposes a term for the next instance: at once if it knows none, else once the latest term has run out by its clock. */
  readonly Propose: ProcessAction<Candidate, HierMsg>;
  /** The czar proposes its own next term for the next instance, before its term runs out on its own clock. */
  readonly Renew: ProcessAction<Candidate, HierMsg>;
  /** Consensus decides the next instance: one of the proposals allowed for it (D's Agree), at any time. */
  readonly Agree: ProcessAction<Cons, HierMsg, Term>;
  /** A master asks the czar it knows for a sub-lease on a resource, or to renew the one it holds. */
  readonly Ask: ProcessAction<Master, HierMsg, number>;
  /** A master's sub-leases run out on its own clock, at s − margin. */
  readonly Expire: ProcessAction<Master, HierMsg>;
  /** A master writes a value to a resource (external). */
  readonly Write: ProcessAction<Master, HierMsg, { readonly r: number; readonly v: Val }>;
  /** A master reads its copy of a resource (external). */
  readonly Read: ProcessAction<Master, HierMsg, number>;
  /** A master gives back the sub-leases the czar asked for, at once. */
  readonly Release: ProcessAction<Master, HierMsg>;
}

const showMsg = (m: HierMsg): string => {
  switch (m.k) {
    case 'propose':
      return `propose(#${m.i}, t=${m.t}${m.since < m.i ? ', renew' : ''})`;
    case 'outcome':
      return `outcome(#${m.i} = ${candidateName(m.czar)}, t=${m.t})`;
    case 'req':
      return `req(${resourceName(m.r)}, #${m.n})`;
    case 'grant':
      return `grant(${resourceName(m.r)}, s=${m.s}, #${m.n}, term ${m.term})`;
    case 'deny':
      return `deny(${resourceName(m.r)}, #${m.n})`;
    case 'revoke':
      return `revoke(${resourceName(m.r)}, #${m.n})`;
    case 'rel':
      return `release(${resourceName(m.r)}, #${m.n})`;
    case 'get':
      return `get(${resourceName(m.r)})`;
    case 'value':
      return `value(${resourceName(m.r)} = ${m.v})`;
    case 'write':
      return `write(${resourceName(m.r)} := ${m.v})`;
    case 'ack':
      return `ack(${resourceName(m.r)} = ${m.v})`;
  }
};

const put = <T>(xs: readonly T[], k: number, x: T): readonly T[] =>
  xs.map((y, q) => (q === k ? x : y));

/**
 * The hierarchical lease system of a configuration, under some rules.
 *
 * @param c - the configuration
 * @param r - the rules (a mutant's, or the correct ones)
 * @returns the system
 * @throws Error if the configuration is not valid (a one-line message)
 */
export function hierSystem(c: HierConfig, r: HierRules = rules): HierSystem {
  validHierConfig(c);
  const ids = layout({ cons: 1, candidates: c.candidates, masters: c.masters });
  const margin = r.margin(c);
  const writeTakes = r.writeTakes(c);
  const wait = r.wait(c);
  const grantUntil = r.grantUntil
    ? (clock: number, t: number) => r.grantUntil!(clock, t, c)
    : (clock: number, t: number): number | Nil =>
        r.czarChecksLease && clock >= t
          ? nil
          : r.capped
            ? Math.min(clock + c.subLease, t)
            : clock + c.subLease;
  const eps = epsilon(c);
  const candidate = (j: number) => ids.candidates[j]!;
  const resources = Array.from({ length: c.resources }, (_, x) => x);
  const toCons = (msg: HierMsg): Send<HierMsg>[] => [{ to: CONS, msg }];
  const inTime = (clock: number, s: number) => clock + writeTakes <= s - margin;
  const putHold = (m: Master, x: number, h: Hold): Master => ({
    ...m,
    holds: put(m.holds, x, h),
  });

  // #region candidate
  // The candidates.
  const propose = (s: Candidate, i: number, since: number, clock: number) => {
    const p = s.proposals + 1;
    return {
      state: { ...s, proposed: { k: i, p }, proposals: p },
      send: toCons({ k: 'propose', i, t: clock + c.czarLease, since, p }),
    };
  };
  const Propose = processAction<Candidate, HierMsg>({
    name: 'Propose',
    // Knowing no term, it proposes at once (the oracle tells it the latest, if there is one);
    // knowing one, once its own clock is past t + wait: t is on that czar's clock, up to ε
    // from its own.
    // (Knowing none, it may have just recovered: that proposal is not held to the bound, which
    // bounds the others, for the crashes are bounded.)
    due: (s) => {
      if (s.proposed !== nil) return nil;
      if (s.known === nil) return Number.NEGATIVE_INFINITY;
      if (s.proposals >= c.proposals) return nil;
      return wait === undefined ? Number.NEGATIVE_INFINITY : s.known.t + wait + 1;
    },
    effect: (s, _p, { clock }) => {
      const i = s.known === nil ? 0 : s.known.k + 1;
      return propose(s, i, i, clock);
    },
  });
  const Renew = processAction<Candidate, HierMsg>({
    name: 'Renew',
    // The czar renews before its term runs out on its own clock: no margin, for t is on its
    // own clock (it counts from when it sent the proposal). It keeps its tenure.
    guard: (s, _p, { clock }) =>
      s.proposed === nil &&
      s.proposals < c.proposals &&
      s.known !== nil &&
      s.mine !== nil &&
      s.mine.k === s.known.k &&
      clock < s.mine.t &&
      clock >= s.mine.t - c.renewAhead,
    effect: (s, _p, { clock }) => {
      if (s.mine === nil) return { state: s };
      const sent = propose(s, s.mine.k + 1, s.mine.since, clock);
      // The bug: counting the new term before consensus decides it.
      if (!r.optimisticRenewal) return sent;
      const mine = { k: s.mine.k + 1, t: clock + c.czarLease, since: s.mine.since };
      return { ...sent, state: { ...sent.state, mine } };
    },
  });

  // #endregion candidate
  const candidates = role<Candidate, HierMsg>({
    name: candidateName,
    init: () => ({
      known: nil,
      mine: nil,
      proposed: nil,
      proposals: 0,
      subs: resources.map(() => Array.from({ length: c.masters }, () => nil)),
    }),
    crash: 'recover',
    // What survives a crash: the count, which bounds the check and names the proposals.
    persistent: ['proposals'],
    receive: (s, m, ctx) => onCandidate(s, m, ctx.index, ctx.from!, ctx.clock),
    actions: [Propose, Renew],
  });

  /** A candidate receives a message. */
  const onCandidate = (
    s: Candidate,
    m: HierMsg,
    self: number,
    from: number,
    clock: number,
  ): { state: Candidate; send?: Send<HierMsg>[] } => {
    switch (m.k) {
      case 'outcome': {
        const known =
          s.known === nil || m.i > s.known.k ? { k: m.i, czar: m.czar, t: m.t } : s.known;
        // Its own proposal won: it is czar. A term naming it that it did not propose since it
        // last recovered is not its own: it may have forgotten sub-leases granted under it.
        const won =
          m.czar === self &&
          ((s.proposed !== nil && s.proposed.k === m.i && s.proposed.p === m.p) ||
            (r.resumesTerm && (s.mine === nil || m.i > s.mine.k)));
        const mine = won ? { k: m.i, t: m.t, since: m.since } : s.mine;
        // Its proposal is settled once it hears the outcome of its instance, or of a later one.
        const proposed = s.proposed !== nil && m.i >= s.proposed.k ? nil : s.proposed;
        return { state: { ...s, known, mine, proposed } };
      }
      // #region czar-request
      case 'req': {
        const i = from - ids.masters[0]!;
        const deny: Send<HierMsg> = { to: from, msg: { k: 'deny', r: m.r, n: m.n } };
        // Only a czar answers, and only while its own lease leaves it something to grant.
        const t = s.mine === nil ? nil : grantUntil(clock, s.mine.t);
        if (s.mine === nil || t === nil) return { state: s, send: [deny] };
        // A sub-lease it granted is live until its clock passes s.
        const live = s.subs[m.r]!.map((l) => (l !== nil && clock <= l.t ? l : nil));
        const d = decide(
          i,
          'w',
          live.map((l) => (l === nil ? nil : l.mode)),
        );
        const revokes = d.revoke.flatMap((q) => {
          const l = live[q];
          return l === nil || l === undefined
            ? []
            : [{ to: ids.masters[q]!, msg: { k: 'revoke', r: m.r, n: l.n } as HierMsg }];
        });
        if (!d.grant)
          return { state: { ...s, subs: put(s.subs, m.r, live) }, send: [deny, ...revokes] };
        // A grant, or a renewal: no consensus, the czar alone decides.
        const lease: Lease = { mode: 'w', t, n: m.n };
        return {
          state: { ...s, subs: put(s.subs, m.r, put(live, i, lease)) },
          send: [
            { to: from, msg: { k: 'grant', r: m.r, n: m.n, s: t, term: s.mine.k } },
            ...revokes,
          ],
        };
      }
      // #endregion czar-request
      case 'rel': {
        const i = from - ids.masters[0]!;
        const l = s.subs[m.r]![i];
        if (l === nil || l === undefined || l.n !== m.n) return { state: s };
        return { state: { ...s, subs: put(s.subs, m.r, put(s.subs[m.r]!, i, nil)) } };
      }
      default:
        return { state: s };
    }
  };

  // The masters.
  const Ask = processAction<Master, HierMsg, number>({
    name: 'Ask',
    params: () => resources,
    showParam: resourceName,
    // A master that may have forgotten a write of its own (it crashed) waits until that write
    // has surely landed: a copy taken before it lands would be stale (chapter 11's rule).
    guard: (s, x, { clock }) => {
      const h = s.holds[x]!;
      return (
        s.czar !== nil &&
        (s.acked === s.writes || s.writing !== nil || clock > s.wroteAt + writeTakes + margin) &&
        h.req === nil &&
        s.n < c.requests &&
        (h.sub === nil || !h.revoked)
      );
    },
    effect: (s, x) => {
      const n = s.n + 1;
      const czar = s.czar === nil ? 0 : s.czar.c;
      return {
        state: putHold({ ...s, n }, x, { ...s.holds[x]!, req: n }),
        send: [{ to: candidate(czar), msg: { k: 'req', r: x, n } }],
      };
    },
  });
  // #region master
  const Expire = processAction<Master, HierMsg>({
    name: 'Expire',
    due: (s) => {
      let d = Number.POSITIVE_INFINITY;
      for (const h of s.holds) if (h.sub !== nil) d = Math.min(d, h.sub.t - margin);
      return d === Number.POSITIVE_INFINITY ? nil : d;
    },
    // Its copy goes with the sub-lease: another master may write once it has run out.
    effect: (s, _p, { clock }) => ({
      state: {
        ...s,
        holds: s.holds.map((h) =>
          h.sub !== nil && clock >= h.sub.t - margin
            ? { ...h, sub: nil, cache: r.dropsCopy ? nil : h.cache, revoked: false }
            : h,
        ),
      },
    }),
  });
  const Write = processAction<Master, HierMsg, { readonly r: number; readonly v: Val }>({
    name: 'Write',
    external: true,
    params: (s, { index }) =>
      s.writes < c.writes
        ? resources.map((x) => ({ r: x, v: writeValue(index, s.writes + 1) }))
        : [],
    showParam: ({ r: x, v }) => `${resourceName(x)}, ${v}`,
    guard: (s, { r: x }, { clock }) => {
      const sub = s.holds[x]!.sub;
      return s.writing === nil && sub !== nil && inTime(clock, sub.t);
    },
    effect: (s, { r: x, v }, { clock }) => {
      const w = s.writes + 1;
      const sub = s.holds[x]!.sub as SubLease;
      return {
        state: { ...s, writing: { r: x, w }, writes: w, wroteAt: clock },
        send: toCons({ k: 'write', r: x, w, v, term: sub.k, c: sub.c, n: sub.first }),
      };
    },
  });
  // #endregion master
  const Read = processAction<Master, HierMsg, number>({
    name: 'Read',
    external: true,
    params: () => resources,
    showParam: resourceName,
    guard: (s, x, { clock }) => {
      const h = s.holds[x]!;
      return (
        h.sub !== nil &&
        h.cache !== nil &&
        clock < h.sub.t - margin &&
        (s.writing === nil || s.writing.r !== x)
      );
    },
    effect: (s, x) => {
      const cache = s.holds[x]!.cache;
      return { state: s, output: cache === nil ? nil : cache.v };
    },
  });
  // A hold it must give back: the czar asked, and no write of its is on its way to it.
  const releasable = (s: Master, x: number) => {
    const h = s.holds[x]!;
    return h.sub !== nil && h.revoked && (s.writing === nil || s.writing.r !== x);
  };
  const Release = processAction<Master, HierMsg>({
    name: 'Release',
    // On demand, at once.
    due: (s) => (resources.some((x) => releasable(s, x)) ? Number.NEGATIVE_INFINITY : nil),
    // It stops waiting for a renewal too: a grant that comes later is not taken.
    effect: (s) => {
      const gone = resources.filter((x) => releasable(s, x));
      return {
        state: {
          ...s,
          holds: s.holds.map((h, x) =>
            gone.includes(x)
              ? { sub: nil, req: nil, cache: r.dropsCopy ? nil : h.cache, revoked: false }
              : h,
          ),
        },
        send: gone.map((x) => {
          const sub = s.holds[x]!.sub as SubLease;
          return { to: candidate(sub.c), msg: { k: 'rel', r: x, n: sub.n } as HierMsg };
        }),
      };
    },
  });
  const onMaster = (
    s: Master,
    m: HierMsg,
    from: number,
  ): { state: Master; send?: Send<HierMsg>[] } => {
    switch (m.k) {
      case 'outcome':
        return s.czar === nil || m.i > s.czar.k
          ? { state: { ...s, czar: { k: m.i, c: m.czar } } }
          : { state: s };
      case 'grant': {
        const h = s.holds[m.r]!;
        if (h.req !== m.n) return { state: s };
        // A renewal keeps the holding, and the copy; a new holding fetches the value.
        const first = h.sub === nil ? m.n : h.sub.first;
        const sub: SubLease = {
          mode: 'w',
          t: m.s,
          n: m.n,
          k: m.term,
          c: from - ids.candidates[0]!,
          first,
        };
        const next = putHold(s, m.r, { ...h, sub, req: nil, revoked: false });
        return h.cache === nil
          ? { state: next, send: toCons({ k: 'get', r: m.r, n: first }) }
          : { state: next };
      }
      case 'deny': {
        const h = s.holds[m.r]!;
        return h.req === m.n ? { state: putHold(s, m.r, { ...h, req: nil }) } : { state: s };
      }
      case 'revoke': {
        const h = s.holds[m.r]!;
        return h.sub !== nil && h.sub.n === m.n && !h.revoked
          ? { state: putHold(s, m.r, { ...h, revoked: true }) }
          : { state: s };
      }
      case 'value': {
        const h = s.holds[m.r]!;
        // Only a reply to a fetch made under this holding goes into the copy.
        if (h.sub === nil || h.sub.first !== m.n) return { state: s };
        return { state: putHold(s, m.r, { ...h, cache: newer(h.cache, m) }) };
      }
      case 'ack': {
        const done: Master =
          s.writing !== nil && s.writing.w === m.w ? { ...s, writing: nil, acked: m.w } : s;
        const h = done.holds[m.r]!;
        if (h.sub === nil || h.sub.first !== m.n) return { state: done };
        return { state: putHold(done, m.r, { ...h, cache: newer(h.cache, m) }) };
      }
      default:
        return { state: s };
    }
  };
  const masters = role<Master, HierMsg>({
    name: clientName,
    init: () => ({
      czar: nil,
      holds: resources.map(() => ({ sub: nil, req: nil, cache: nil, revoked: false })),
      writing: nil,
      n: 0,
      writes: 0,
      acked: 0,
      wroteAt: 0,
    }),
    crash: 'recover',
    // What survives a crash: the counts, and when it last wrote (chapter 11's client keeps the same).
    persistent: ['n', 'writes', 'acked', 'wroteAt'],
    receive: (s, m, ctx) => onMaster(s, m, ctx.from!),
    actions: [Ask, Expire, Write, Read, Release],
  });

  // The oracle.
  const everyone = [...ids.candidates, ...ids.masters];
  const onCons = (s: Cons, m: HierMsg, from: number): { state: Cons; send?: Send<HierMsg>[] } => {
    switch (m.k) {
      case 'propose': {
        const j = from - ids.candidates[0]!;
        // A proposal for the next instance is allowed (D's Allow): Agree picks one, later.
        if (m.i === s.log.length) {
          const term: Term = { czar: j, t: m.t, since: m.since, p: m.p };
          if (s.allowed.some((a) => a.czar === j && a.p === m.p)) return { state: s };
          const allowed = [...s.allowed, term].sort((a, b) => a.czar - b.czar || a.p - b.p);
          return { state: { ...s, allowed } };
        }
        // A proposal for an instance decided already is told the latest outcome.
        const k = s.log.length - 1;
        return { state: s, send: [{ to: from, msg: { k: 'outcome', i: k, ...s.log[k]! } }] };
      }
      case 'get': {
        const x = s.values[m.r]!;
        return {
          state: s,
          send: [{ to: from, msg: { k: 'value', r: m.r, n: m.n, v: x.v, ver: x.ver } }],
        };
      }
      case 'write': {
        const ver = s.values[m.r]!.ver + 1;
        return {
          state: { ...s, values: put(s.values, m.r, { v: m.v, ver, k: m.term }) },
          send: [{ to: from, msg: { k: 'ack', r: m.r, w: m.w, v: m.v, ver, n: m.n } }],
        };
      }
      default:
        return { state: s };
    }
  };
  // #region agree
  const Agree = processAction<Cons, HierMsg, Term>({
    name: 'Agree',
    // Any allowed proposal may be the outcome, at any time: consensus takes as long as it takes.
    params: (s) => s.allowed,
    showParam: (v) => `czar ${candidateName(v.czar)}, t=${v.t}`,
    // The outcome is told to everyone; the next instance starts with nothing allowed.
    effect: (s, v) => ({
      state: { ...s, log: [...s.log, v], allowed: [] },
      send: [{ to: everyone, msg: { k: 'outcome', i: s.log.length, ...v } }],
    }),
  });
  // #endregion agree
  const cons = role<Cons, HierMsg>({
    name: () => 'cons',
    init: () => ({
      log: [],
      allowed: [],
      values: resources.map(() => ({ v: 'v0', ver: 0, k: -1 })),
    }),
    receive: (s, m, ctx) => onCons(s, m, ctx.from!),
    actions: [Agree],
  });

  // Consensus run once already: c1 is czar from time 0, until its clock reads Lc.
  const t0 = c.skew[candidate(0)]! + c.czarLease;
  const elected = () => {
    const known: Known = { k: 0, czar: 0, t: t0 };
    return {
      cons: [{ ...cons.init(0), log: [{ czar: 0, t: t0, since: 0, p: 1 }] }],
      candidates: ids.candidates.map((_p, j) => ({
        ...candidates.init(j),
        known,
        ...(j === 0 ? { mine: { k: 0, t: t0, since: 0 }, proposals: 1 } : {}),
      })),
      masters: ids.masters.map((_p, i) => ({ ...masters.init(i), czar: { k: 0, c: 0 } })),
    };
  };

  const b = c.driftBound ?? c.clockBound;
  const sys: ActorSystem<HierRoles, HierMsg> = actors({
    name: `hierarchical leases(${c.candidates} candidates, ${c.masters} masters, ${c.resources} resource${c.resources === 1 ? '' : 's'}, Lc = ${c.czarLease}, Ls = ${c.subLease}, ε = ${eps}, δ = ${c.delta})`,
    ids,
    roles: { cons, candidates, masters },
    network: 'multiset',
    showMessage: showMsg,
    faults: { crash: { candidates: c.crashes.candidates, masters: c.crashes.masters } },
    time: {
      maxDelay: c.maxDelay ?? c.delta,
      horizon: c.horizon,
      skew: (p) => c.skew[p]!,
      ...(c.drifts > 0 ? { drift: { bound: b, budget: c.drifts } } : {}),
    },
    ...(c.elected ? { starts: () => [elected()] } : {}),
    // The oracle reads no clock: its drifting would only multiply the states.
    constraint: (_s, l) => !(sys.Drift.is(l) && l.param.p === CONS),
  });
  return Object.assign(sys, {
    config: c,
    rules: r,
    Propose,
    Renew,
    Agree,
    Ask,
    Expire,
    Write,
    Read,
    Release,
  });
}
