/**
 * What the hierarchy saves (§2.3), measured on driven runs (the library's
 * `drive`): consensus runs per second against the number of resources R,
 * with the hierarchy and without it.
 *
 * With the hierarchy: chapter 12's own system (`hierSystem`). Two
 * candidates propose at once, consensus elects a czar and gives it a term,
 * the czar renews its term by consensus, and the masters hold and renew
 * sub-leases on their resources with the czar, which costs no consensus.
 *
 * Without it, the baseline (ours, built here on the same library actors):
 * the flat scheme §2.3 starts from, in which every lease is granted and
 * renewed by running consensus. Each resource's lease is decided as the
 * czar's term is in chapter 12: a master proposes (r, itself, t) for the
 * resource's next consensus instance, with t on its own clock; the oracle
 * `cons` is spec D as chapter 12 uses it (a proposal is allowed, and its
 * own step `Agree` picks an allowed one as the outcome); the master holds
 * the resource while its clock is below t and renews by proposing again.
 * So every grant and every renewal is one decided instance: one consensus
 * run. In the measurement each resource has one master and the masters
 * never contend, so the variant has no takeover rule (one would wait out
 * the holder's t, as chapter 12's `Propose` does).
 *
 * In both, consensus agrees at once: as soon as a proposal is allowed, the
 * workload takes `Agree` on the first allowed (the lowest proposer). A
 * master renews its lease (a sub-lease with the czar, or a flat lease by
 * consensus) when its clock reads t − a, a = ε + 2δ, so that the grant is
 * back before it must stop. The czar renews its term earlier, at t − a_c
 * with a_c = a + ε + 2δ: a sub-lease is capped at the czar's term, so the
 * czar's new term must be decided and known to it before a master's
 * renewal of a sub-lease capped at the old term can reach it, or the
 * master gets a sub-lease ending at the old t and may lose it. Every lease
 * is as long as every other, 1 s, so what the hierarchy saves comes from
 * R alone, not from a longer czar lease. A tick is 10 ms; every clock is
 * within b = 10 ms of real time (ε = 20 ms), each offset drawn from the
 * seed, and does not drift; every message takes 1 to δ = 2 ticks, drawn
 * from the seed. The derived rates beside the measurements are ours, not
 * the paper's. Deterministic: fixed seeds, model time. Every driven run
 * checks its invariants in every state (chapter 12's for the hierarchy,
 * {@link leasesDecided} for the flat scheme), and a measurement throws if
 * one fails.
 *
 * `validHierConfig` accepts up to 64 resources and 100,000 requests per
 * master, so both schemes are measured at every R here; an R beyond it is
 * refused ({@link hierarchyAccepts}) with the configuration's error.
 *
 * @module
 */
import type {
  ActorState,
  ActorSystem,
  DelayPolicy,
  DriveResult,
  Invariant,
  Nil,
  ProcessAction,
  Role,
  Workload,
} from '../../index';
import {
  actors,
  drawer,
  drive,
  invariant,
  layout,
  mayTake,
  nil,
  processAction,
  processStep,
  role,
} from '../../index';
import { epsilon } from '../11-leases/config';
import { clientName } from '../11-leases/system';
import { hierInvariants } from './abstraction';
import { consensusRuns } from './checks';
import type { HierConfig } from './config';
import { validHierConfig } from './config';
import type { HierState, HierSystem } from './system';
import { CONS, hierSystem, resourceName } from './system';

/**
 * The measured systems' constants (ours): a tick is 10 ms; b = 1 tick, so
 * ε = 2b = 20 ms; δ = 2 ticks; every lease (the czar's term, a sub-lease,
 * a flat lease) 1 s long; 2 candidates; 4 masters, resource r held by
 * master r mod 4; each run 50 s of real time; R from 1 to 64; the seed.
 */
export const measuredCzar = {
  tickMs: 10,
  clockBound: 1,
  delta: 2,
  lease: 100,
  candidates: 2,
  masters: 4,
  span: 5_000,
  resources: [1, 2, 3, 4, 8, 16, 32, 64],
  seed: 1,
} as const;

const { tickMs, clockBound, delta } = measuredCzar;

/** ε, the margin a holder keeps: 2b. */
const EPS = epsilon({ clockBound });

/** Ticks to seconds. */
export const seconds = (ticks: number): number => (ticks * tickMs) / 1000;

/** What a measured run may change: the lease lengths, how early each is renewed, and the span. */
export interface RunOptions {
  /**
   * Lc, the czar's term, in ticks (the hierarchy only).
   *
   * @defaultValue `measuredCzar.lease`
   */
  readonly czarLease?: number;
  /**
   * L, a sub-lease's length (the hierarchy) or a flat lease's (the flat scheme), in ticks.
   *
   * @defaultValue `measuredCzar.lease`
   */
  readonly lease?: number;
  /**
   * a, how many ticks before its lease's t, by its own clock, a master
   * renews it: a sub-lease with the czar, or a flat lease by consensus.
   *
   * @defaultValue ε + 2δ: the grant is back before the master must stop at t − ε
   */
  readonly lead?: number;
  /**
   * a_c, how many ticks before its term's t, by its own clock, the czar
   * renews it by consensus (the hierarchy only).
   *
   * @defaultValue a + ε + 2δ: the czar knows its new term before a master's renewal of a sub-lease capped at the old one can reach it
   */
  readonly czarLead?: number;
  /**
   * The real time the run lasts, in ticks.
   *
   * @defaultValue `measuredCzar.span`
   */
  readonly span?: number;
}

/** The options with their defaults filled in. */
const filled = (o: RunOptions) => {
  const lead = o.lead ?? EPS + 2 * delta;
  return {
    czarLease: o.czarLease ?? measuredCzar.lease,
    lease: o.lease ?? measuredCzar.lease,
    lead,
    czarLead: o.czarLead ?? lead + EPS + 2 * delta,
    span: o.span ?? measuredCzar.span,
  };
};

/**
 * The leads a run renews its leases with, in ticks: a master's a (ε + 2δ
 * unless given) and the czar's a_c (a + ε + 2δ unless given).
 *
 * @param o - the options
 * @returns a and a_c
 */
export function leads(o: RunOptions = {}): { readonly lead: number; readonly czarLead: number } {
  const { lead, czarLead } = filled(o);
  return { lead, czarLead };
}

/** The counts of one driven run. */
export interface ConsensusRun {
  readonly scheme: 'hierarchical' | 'flat';
  readonly resources: number;
  readonly seed: number;
  /** The real time it lasted, in ticks. */
  readonly span: number;
  /** Consensus instances decided in that time. */
  readonly runs: number;
  /** Consensus runs per second of real time. */
  readonly perSecond: number;
  /** Leases granted to the masters, renewals included: sub-leases from the czar, or flat leases from consensus. */
  readonly grants: number;
  /** Times a master's lease on a resource ran out before its renewal came back (it asked afresh). */
  readonly lapses: number;
  /** Steps of the run, ticks included. */
  readonly length: number;
}

/** Every copy takes 1 to δ ticks, uniformly. */
const uniform =
  <S, M>(): DelayPolicy<S, M> =>
  (_e, _s, draw) =>
    draw(1, delta);

/** The resources master i holds, of R: those r with r mod 4 = i. */
const ownedBy = (i: number, resources: number): readonly number[] => {
  const out: number[] = [];
  for (let r = i; r < resources; r += measuredCzar.masters) out.push(r);
  return out;
};

/** Throw if a driven run broke an invariant, or stopped before its span. */
function mustHold(d: DriveResult<unknown>, what: string) {
  if (d.failure)
    throw new Error(`${what}: the invariant '${d.failure.property}' fails: ${d.failure.message}`);
  if (d.ended !== 'horizon')
    throw new Error(`${what}: the run ended (${d.ended}) at ${(d.end as { now: number }).now}`);
}

// The hierarchy: chapter 12's system.

/**
 * The configuration of a measured hierarchical run: 2 candidates (neither
 * elected at the start), 4 masters, R resources, the clocks' offsets as
 * given, no drift, no crash, no writes, and proposals and requests enough
 * for the span.
 *
 * @param resources - R
 * @param skew - each process's clock offset: the oracle, the candidates, the masters
 * @param o - the lease lengths, the leads and the span
 * @returns the configuration
 */
export function measuredHierConfig(
  resources: number,
  skew: readonly number[],
  o: RunOptions = {},
): HierConfig {
  const f = filled(o);
  const periods = (length: number, lead: number) => Math.ceil(f.span / Math.max(1, length - lead));
  return {
    candidates: measuredCzar.candidates,
    masters: measuredCzar.masters,
    resources,
    czarLease: f.czarLease,
    renewAhead: f.czarLead,
    subLease: f.lease,
    clockBound,
    skew,
    drifts: 0,
    delta,
    elected: false,
    proposals: periods(f.czarLease, f.czarLead) + 2,
    // A sub-lease capped at the czar's term may be renewed again once the czar's new term is
    // known: twice the requests of a renewal a period, and a few more.
    requests:
      Math.ceil(resources / measuredCzar.masters) *
        2 *
        (periods(f.lease, f.lead) + periods(f.czarLease, f.czarLead)) +
      10,
    writes: 0,
    crashes: { candidates: 0, masters: 0 },
    horizon: f.span,
  };
}

/**
 * Does chapter 12's configuration accept R resources in a measured run?
 * Its validation caps the sizes for the exhaustive checks.
 *
 * @param resources - R
 * @param o - the lease lengths, the leads and the span
 * @returns true if {@link hierarchicalRun} can run with R
 */
export function hierarchyAccepts(resources: number, o: RunOptions = {}): boolean {
  const n = 1 + measuredCzar.candidates + measuredCzar.masters;
  try {
    validHierConfig(measuredHierConfig(resources, Array(n).fill(0), o));
    return true;
  } catch {
    return false;
  }
}

/** Each process's clock offset, drawn from −b .. b. */
const offsets = (draw: (lo: number, hi: number) => number, processes: number) =>
  Array.from({ length: processes }, () => draw(-clockBound, clockBound));

/**
 * The hierarchy's workload: consensus agrees at once on the first allowed
 * proposal; the czar renews its term when its clock reads t − a_c (the
 * configuration's `renewAhead`); each master asks the czar it knows for a
 * sub-lease on each of its resources when it holds none, and renews one
 * when its clock reads s − a (so the grant is back before it must stop at
 * s − ε). It counts a lapse when a sub-lease a master held is gone.
 */
function hierDemand(
  sys: HierSystem,
  s: HierState,
  lead: number,
  owned: readonly (readonly number[])[],
  held: Set<string>,
  counts: { lapses: number },
) {
  const c = sys.config;
  const steps: ReturnType<typeof processStep>[] = [];
  let next = Number.POSITIVE_INFINITY;
  const first = s.cons[0]!.allowed[0];
  if (first !== undefined) steps.push(processStep(sys.Agree, CONS, first));
  s.candidates.forEach((cand, j) => {
    const p = sys.ids.candidates[j]!;
    const clock = s.now + s.clocks[p]!;
    const { mine, known, proposed } = cand;
    if (mine === nil || known === nil || proposed !== nil || mine.k !== known.k || clock >= mine.t)
      return;
    const at = mine.t - c.renewAhead;
    if (clock >= at) steps.push(processStep(sys.Renew, p));
    else next = Math.min(next, at - s.clocks[p]!);
  });
  s.masters.forEach((m, i) => {
    const p = sys.ids.masters[i]!;
    const clock = s.now + s.clocks[p]!;
    if (m.czar === nil) return;
    for (const r of owned[i]!) {
      const h = m.holds[r]!;
      if (h.req !== nil) continue;
      const key = `${i}/${r}`;
      if (h.sub === nil) {
        // It held this resource and let the sub-lease run out.
        if (held.delete(key)) counts.lapses++;
      } else {
        held.add(key);
        const at = h.sub.t - lead;
        if (clock < at) {
          next = Math.min(next, at - s.clocks[p]!);
          continue;
        }
      }
      if (!mayTake(sys, sys.Ask, s, p, r))
        throw new Error(
          `${clientName(i)} cannot ask for ${resourceName(r)} at ${s.now}: its ${c.requests} requests are spent`,
        );
      steps.push(processStep(sys.Ask, p, r));
    }
  });
  return { steps, next };
}

/**
 * One driven run of chapter 12's system with R resources: the candidates
 * elect a czar, the czar renews its term by consensus, and the masters
 * hold and renew sub-leases on their resources, for the span. Every state
 * is checked against chapter 12's invariants.
 *
 * @param resources - R, one that {@link hierarchyAccepts}
 * @param seed - the run's seed (it draws the offsets, then the delays)
 * @param o - the lease lengths, the leads and the span
 * @returns the counts
 * @throws Error if chapter 12's configuration refuses R, or an invariant fails
 */
export function hierarchicalRun(resources: number, seed: number, o: RunOptions = {}): ConsensusRun {
  const draw = drawer(seed);
  const skew = offsets(draw, 1 + measuredCzar.candidates + measuredCzar.masters);
  const c = measuredHierConfig(resources, skew, o);
  const sys = hierSystem(c);
  const held = new Set<string>();
  const counts = { lapses: 0 };
  const lead = filled(o).lead;
  const owned = sys.ids.masters.map((_p, i) => ownedBy(i, resources));
  const workload: Workload<HierState> = (s) => hierDemand(sys, s, lead, owned, held, counts);
  const d = drive(sys, {
    seed,
    draw,
    horizon: c.horizon,
    delay: uniform(),
    workload,
    invariants: hierInvariants(sys),
    kindOf: (m) => m.k,
  });
  mustHold(d, `the hierarchical run with R = ${resources}, seed ${seed}`);
  const span = c.horizon;
  const runs = consensusRuns(d.end);
  return {
    scheme: 'hierarchical',
    resources,
    seed,
    span,
    runs,
    perSecond: runs / seconds(span),
    grants: d.sent.grant ?? 0,
    lapses: counts.lapses,
    length: d.steps + d.ticks,
  };
}

// The flat scheme: every lease by consensus.

/** A flat lease as consensus decides it: its holder (a master's index) and t, on the holder's clock. */
export interface FlatTerm {
  readonly holder: number;
  readonly t: number;
}

/**
 * The flat scheme's oracle, per resource: how many instances are decided,
 * the latest outcome, and D's `allowed` for the next instance.
 */
export interface FlatCons {
  readonly decided: readonly number[];
  readonly latest: readonly (FlatTerm | Nil)[];
  readonly allowed: readonly (readonly FlatTerm[])[];
}

/** A master's hold on one resource in the flat scheme. */
export interface FlatHold {
  /** The latest instance it has heard decided (−1: none). */
  readonly known: number;
  /** The instance it won last and its lease's t: it holds the resource while its clock is below t (nil: none). */
  readonly mine: { readonly k: number; readonly t: number } | Nil;
  /** The instance it proposed for, not yet settled (nil: none). */
  readonly proposed: number | Nil;
}

/** A master in the flat scheme: a hold on each resource. */
export interface FlatMaster {
  readonly holds: readonly FlatHold[];
}

/** What travels in the flat scheme: a proposal for resource r's instance i, and its outcome. */
export type FlatMsg =
  | { readonly k: 'propose'; readonly r: number; readonly i: number; readonly t: number }
  | {
      readonly k: 'outcome';
      readonly r: number;
      readonly i: number;
      readonly holder: number;
      readonly t: number;
    };

/** The flat scheme's roles: the oracle and the masters. */
export type FlatRoles = {
  readonly cons: Role<FlatCons, FlatMsg>;
  readonly masters: Role<FlatMaster, FlatMsg>;
};

/** The flat scheme's state. */
export type FlatState = ActorState<FlatRoles, FlatMsg>;

/** What consensus agrees on in the flat scheme: resource r's next instance is v. */
export interface FlatAgree {
  readonly r: number;
  readonly v: FlatTerm;
}

/** The flat scheme, with its steps at hand. */
export interface FlatSystem extends ActorSystem<FlatRoles, FlatMsg> {
  readonly resources: number;
  readonly lease: number;
  /** The resources each master holds: master i those r with r mod 4 = i. */
  readonly owned: readonly (readonly number[])[];
  /** A master proposes itself as resource r's holder for r's next instance, with t = its clock + L. */
  readonly Claim: ProcessAction<FlatMaster, FlatMsg, number>;
  /** Consensus decides resource r's next instance: one of the proposals allowed for it (D's Agree). */
  readonly Agree: ProcessAction<FlatCons, FlatMsg, FlatAgree>;
}

/**
 * The flat scheme: R resources, each master proposing leases on its own
 * resources to the consensus oracle (spec D, once per resource: a
 * proposal is allowed, and `Agree` decides the instance), one instance per
 * grant or renewal.
 *
 * @param resources - R
 * @param lease - L, in ticks
 * @param skew - each process's clock offset: the oracle, then the masters
 * @param horizon - how long time may pass
 * @returns the system
 */
export function flatSystem(
  resources: number,
  lease: number,
  skew: readonly number[],
  horizon: number,
): FlatSystem {
  const ids = layout({ cons: 1, masters: skew.length - 1 });
  const rs = Array.from({ length: resources }, (_, r) => r);
  const owned = ids.masters.map((_p, i) => ownedBy(i, resources));
  const put = <T>(xs: readonly T[], k: number, x: T): readonly T[] =>
    xs.map((y, q) => (q === k ? x : y));
  const Claim = processAction<FlatMaster, FlatMsg, number>({
    name: 'Claim',
    params: (_s, { index }) => owned[index]!,
    showParam: resourceName,
    guard: (s, r) => s.holds[r]!.proposed === nil,
    effect: (s, r, { clock }) => {
      const h = s.holds[r]!;
      const i = h.known + 1;
      return {
        state: { holds: put(s.holds, r, { ...h, proposed: i }) },
        send: [{ to: CONS, msg: { k: 'propose', r, i, t: clock + lease } }],
      };
    },
  });
  const masters = role<FlatMaster, FlatMsg>({
    name: clientName,
    init: () => ({ holds: rs.map(() => ({ known: -1, mine: nil, proposed: nil })) }),
    receive: (s, m, { index }) => {
      if (m.k !== 'outcome') return { state: s };
      const h = s.holds[m.r]!;
      const won = m.holder === index && h.proposed === m.i;
      const hold: FlatHold = {
        known: Math.max(h.known, m.i),
        mine: won ? { k: m.i, t: m.t } : h.mine,
        proposed: h.proposed !== nil && m.i >= h.proposed ? nil : h.proposed,
      };
      return { state: { holds: put(s.holds, m.r, hold) } };
    },
    actions: [Claim],
  });
  const Agree = processAction<FlatCons, FlatMsg, FlatAgree>({
    name: 'Agree',
    params: (s) => s.allowed.flatMap((vs, r) => vs.map((v) => ({ r, v }))),
    showParam: ({ r, v }) => `${resourceName(r)} = ${clientName(v.holder)}, t=${v.t}`,
    // The outcome is told to every proposer allowed; the next instance starts with nothing allowed.
    effect: (s, { r, v }) => {
      const i = s.decided[r]!;
      const to = s.allowed[r]!.map((a) => ids.masters[a.holder]!);
      return {
        state: {
          decided: put(s.decided, r, i + 1),
          latest: put(s.latest, r, v),
          allowed: put(s.allowed, r, []),
        },
        send: [{ to, msg: { k: 'outcome', r, i, ...v } }],
      };
    },
  });
  const cons = role<FlatCons, FlatMsg>({
    name: () => 'cons',
    init: () => ({
      decided: rs.map(() => 0),
      latest: rs.map(() => nil),
      allowed: rs.map(() => []),
    }),
    receive: (s, m, { from }) => {
      if (m.k !== 'propose') return { state: s };
      const holder = from! - ids.masters[0]!;
      const n = s.decided[m.r]!;
      // A proposal for the next instance is allowed (D's Allow); one for a decided instance is told the latest.
      if (m.i === n) {
        const vs = s.allowed[m.r]!;
        if (vs.some((a) => a.holder === holder)) return { state: s };
        const allowed = [...vs, { holder, t: m.t }].sort((a, b) => a.holder - b.holder);
        return { state: { ...s, allowed: put(s.allowed, m.r, allowed) } };
      }
      const last = s.latest[m.r]!;
      return last === nil
        ? { state: s }
        : { state: s, send: [{ to: from!, msg: { k: 'outcome', r: m.r, i: n - 1, ...last } }] };
    },
    actions: [Agree],
  });
  const sys: ActorSystem<FlatRoles, FlatMsg> = actors({
    name: `flat leases by consensus (${skew.length - 1} masters, ${resources} resources, L = ${lease})`,
    ids,
    roles: { cons, masters },
    network: 'multiset',
    time: { maxDelay: delta, horizon, skew: (p) => skew[p]! },
  });
  return Object.assign(sys, { resources, lease, owned, Claim, Agree });
}

/** Consensus runs in the flat scheme: every instance decided, over every resource. */
export const flatRuns = (y: FlatState): number => y.cons[0]!.decided.reduce((n, k) => n + k, 0);

/**
 * Every flat lease a master uses (its clock below t) was decided for it:
 * consensus's latest decision on that resource names that master, with a
 * t no earlier (a renewal may be decided before the master hears of it).
 *
 * @param sys - the flat system
 * @returns the invariant
 */
export function leasesDecided(sys: FlatSystem): Invariant<FlatState> {
  const owned = sys.owned;
  /** Why master i's lease on r is not one consensus decided for it, or undefined if it is (or it uses none). */
  const wrong = (y: FlatState, i: number, r: number): string | undefined => {
    const h = y.masters[i]!.holds[r]!;
    if (h.mine === nil || y.now + y.clocks[sys.ids.masters[i]!]! >= h.mine.t) return undefined;
    const l = y.cons[0]!.latest[r]!;
    if (l !== nil && l.holder === i && l.t >= h.mine.t) return undefined;
    return `${clientName(i)} uses ${resourceName(r)} until ${h.mine.t}, but consensus's latest decision on it is ${l === nil ? 'none' : `${clientName(l.holder)} until ${l.t}`}`;
  };
  return invariant(
    'every lease in use was decided by consensus for its master',
    (y) => owned.every((rs, i) => rs.every((r) => wrong(y, i, r) === undefined)),
    (y) =>
      owned
        .flatMap((rs, i) => rs.map((r) => wrong(y, i, r)))
        .filter((w) => w !== undefined)
        .join('; '),
  );
}

/**
 * The flat workload: consensus agrees at once on the first proposal
 * allowed for each resource; each master claims each of its resources at
 * once, and renews a lease it holds when its clock reads t − renewAhead.
 */
function flatDemand(sys: FlatSystem, s: FlatState, lead: number, counts: { lapses: number }) {
  const steps: ReturnType<typeof processStep>[] = [];
  let next = Number.POSITIVE_INFINITY;
  s.cons[0]!.allowed.forEach((vs, r) => {
    if (vs.length > 0) steps.push(processStep(sys.Agree, CONS, { r, v: vs[0]! }));
  });
  s.masters.forEach((m, i) => {
    const p = sys.ids.masters[i]!;
    const clock = s.now + s.clocks[p]!;
    for (const r of sys.owned[i]!) {
      const h = m.holds[r]!;
      if (h.proposed !== nil) continue;
      if (h.mine !== nil) {
        const at = h.mine.t - lead;
        if (clock < at) {
          next = Math.min(next, at - s.clocks[p]!);
          continue;
        }
        if (clock >= h.mine.t) counts.lapses++;
      }
      steps.push(processStep(sys.Claim, p, r));
    }
  });
  return { steps, next };
}

/**
 * One driven run of the flat scheme with R resources: each master claims
 * its resources and renews every lease by consensus, for the span. Every
 * state is checked by {@link leasesDecided}.
 *
 * @param resources - R
 * @param seed - the run's seed (it draws the offsets, then the delays)
 * @param o - the lease length, the lead and the span
 * @returns the counts
 * @throws Error if the invariant fails
 */
export function flatRun(resources: number, seed: number, o: RunOptions = {}): ConsensusRun {
  const f = filled(o);
  const draw = drawer(seed);
  const skew = offsets(draw, 1 + measuredCzar.masters);
  const sys = flatSystem(resources, f.lease, skew, f.span);
  const counts = { lapses: 0 };
  const workload: Workload<FlatState> = (s) => flatDemand(sys, s, f.lead, counts);
  const d = drive(sys, {
    seed,
    draw,
    horizon: f.span,
    delay: uniform(),
    workload,
    invariants: [leasesDecided(sys)],
    kindOf: (m) => m.k,
  });
  mustHold(d, `the flat run with R = ${resources}, seed ${seed}`);
  const runs = flatRuns(d.end);
  return {
    scheme: 'flat',
    resources,
    seed,
    span: f.span,
    runs,
    perSecond: runs / seconds(f.span),
    grants: runs,
    lapses: counts.lapses,
    length: d.steps + d.ticks,
  };
}

// What we expect.

// #region derived
/**
 * The rate we derive (ours): every lease decided by consensus is renewed
 * once a period of its length less its renewal's lead, on its holder's
 * clock (t is on that clock, and the clocks do not drift), and each
 * renewal is one consensus run. With the hierarchy only the czar's term
 * is: 1 / (Lc − a_c) runs per unit time, whatever R (the sub-leases cost
 * none). Without it, every resource's lease is: R / (L − a).
 *
 * @param scheme - with the hierarchy, or flat
 * @param resources - R
 * @param o - the lease lengths and the leads
 * @returns consensus runs per second
 */
export function derivedRate(
  scheme: ConsensusRun['scheme'],
  resources: number,
  o: RunOptions = {},
): number {
  const f = filled(o);
  return scheme === 'hierarchical'
    ? 1 / seconds(f.czarLease - f.czarLead)
    : resources / seconds(f.lease - f.lead);
}
// #endregion derived

/**
 * How far a measured rate may be from the derived one, as a fraction of
 * it (ours): one run per lease over the span, P / span for the period P of
 * the scheme's leases (L − a flat, Lc − a_c with the hierarchy). Each lease
 * is first granted at the start, one run more than the renewals, and the
 * span's end may fall just before a renewal is decided, one run fewer; the
 * clocks do not drift, so the renewals come exactly P apart.
 *
 * @param scheme - with the hierarchy, or flat
 * @param o - the lease lengths, the leads and the span
 * @returns the relative tolerance
 */
export function tolerance(scheme: ConsensusRun['scheme'], o: RunOptions = {}): number {
  const f = filled(o);
  const period = scheme === 'hierarchical' ? f.czarLease - f.czarLead : f.lease - f.lead;
  return period / f.span;
}

/**
 * Is a measured rate within a relative tolerance of the derived one?
 *
 * @param measured - runs per second, measured
 * @param derived - runs per second, derived
 * @param tol - the relative tolerance (see {@link tolerance})
 * @returns true if |measured / derived − 1| is at most tol
 */
export function matchesDerived(measured: number, derived: number, tol: number): boolean {
  return derived > 0 && Math.abs(measured / derived - 1) <= tol;
}

/** The figures at one R: flat always, the hierarchy where chapter 12's configuration accepts R. */
export interface ConsensusPoint {
  readonly resources: number;
  readonly flat: ConsensusRun;
  readonly hierarchical: ConsensusRun | undefined;
  /** The derived rates, runs per second. */
  readonly derived: { readonly flat: number; readonly hierarchical: number };
}

/**
 * Consensus runs per second against R, with and without the hierarchy:
 * one run of each scheme at each R, with the same seed.
 *
 * @param resources - the values of R
 * @param seed - the runs' seed
 * @param o - the lease lengths, the leads and the span
 * @returns one point per R
 */
export function measureConsensusRuns(
  resources: readonly number[],
  seed: number,
  o: RunOptions = {},
): ConsensusPoint[] {
  return resources.map((r) => ({
    resources: r,
    flat: flatRun(r, seed, o),
    hierarchical: hierarchyAccepts(r, o) ? hierarchicalRun(r, seed, o) : undefined,
    derived: { flat: derivedRate('flat', r, o), hierarchical: derivedRate('hierarchical', r, o) },
  }));
}
