/**
 * Two trade-offs of the lease length L, measured on driven runs of the
 * lease system (the library's `drive`): the lease messages a holder costs
 * per second, and how long the resource is out of reach after its holder
 * crashes. A tick is 10 ms; every clock is within b = 10 ms of real time
 * (so ε = 20 ms); every message takes 1 to δ = 2 ticks (20 ms). The derived
 * curves beside the measurements are ours, not the paper's.
 * Deterministic: fixed seeds, model time. Every driven run checks
 * `oneMaster` and `noMasterWithReaders` in every state, and a measurement
 * throws if one fails.
 *
 * @module
 */
import type { DelayPolicy, Draw, Workload } from '../../index';
import { drawer, drive, driveStep, mayTake, nil, processStep } from '../../index';
import { noMasterWithReaders, oneMaster } from './abstraction';
import type { LeaseVariant } from './checks';
import { correct } from './checks';
import type { LeaseConfig } from './config';
import { epsilon } from './config';
import type { LeaseMsg, LeaseState, LeaseSystem } from './system';
import { leaseSystem, writeValue } from './system';

/**
 * The measured systems' constants (ours): a tick is 10 ms; b = 1 tick, so
 * ε = 2b = 20 ms; δ = 2 ticks = 20 ms; lease lengths from 0.1 s to 10 s.
 * A holder writes every 0.5 s. Renewals: for each pair of clock offsets
 * (the home's, the holder's) within ±b, one run of `periods` renewals.
 * Crashes: `runs` runs per lease length, each crashing the holder once.
 */
export const measuredLeases = {
  tickMs: 10,
  clockBound: 1,
  delta: 2,
  leases: [10, 20, 50, 100, 200, 500, 1000],
  writeEvery: 50,
  renewal: { periods: 10 },
  /** From this lease length on, the measured renewal rate is within 0.5% of the derived one (2% below it). */
  tightFrom: 20,
  crash: { runs: 40 },
  seed: 1,
} as const;

const { tickMs, clockBound, delta } = measuredLeases;

/** Ticks to seconds. */
export const seconds = (ticks: number): number => (ticks * tickMs) / 1000;

/**
 * A measured configuration: `clients` clients, lease length L, the clocks'
 * offsets as given, no drift and no faults but the crashes given, and
 * requests and writes enough for any run here.
 *
 * @param lease - L, in ticks
 * @param skew - each process's clock offset, the home first
 * @param horizon - how long the run may last
 * @param crash - how many client crashes the run may take
 * @returns the configuration
 */
export function measuredConfig(
  lease: number,
  skew: readonly number[],
  horizon: number,
  crash = 0,
): LeaseConfig {
  return {
    clients: skew.length - 1,
    lease,
    clockBound,
    skew,
    drifts: 0,
    delta,
    requests: 1000,
    writes: 1000,
    shared: false,
    faults: { lose: 0, duplicate: 0, crash },
    horizon,
  };
}

/** Every copy takes 1 to δ ticks, uniformly. */
const uniform =
  (c: LeaseConfig): DelayPolicy<LeaseState, LeaseMsg> =>
  (_e, _s, draw) =>
    draw(1, c.delta);

/** Each process's clock offset, drawn from −b .. b. */
const offsets = (draw: Draw, processes: number) =>
  Array.from({ length: processes }, () => draw(-clockBound, clockBound));

/** Every pair of offsets within ±b: the home's, then the holder's. */
const offsetPairs = (): (readonly [number, number])[] => {
  const out: (readonly [number, number])[] = [];
  for (let h = -clockBound; h <= clockBound; h++)
    for (let p = -clockBound; p <= clockBound; p++) out.push([h, p]);
  return out;
};

/** The messages that manage leases (not the writes and their acks). */
const LEASE_KINDS = ['req', 'grant', 'deny', 'revoke', 'rel'] as const;

/** What the holder does: keep its lease, or stop renewing (and not release); write now and then. */
interface HolderPlan {
  /** The holder stops renewing at this real time (Infinity: never). */
  readonly renewUntil: number;
}

/**
 * The holder's demand: it asks for the exclusive lease when it has none,
 * renews when its own clock reads t − ε − 2δ (so the grant is back before
 * it must stop at t − ε), and writes every `writeEvery` ticks of real
 * time, when its lease leaves time for the write to land.
 */
function holderDemand(
  sys: LeaseSystem,
  s: LeaseState,
  i: number,
  plan: HolderPlan,
): { steps: ReturnType<typeof processStep>[]; next: number } {
  const c = sys.config;
  const p = sys.ids.clients[i]!;
  const cl = s.clients[i]!;
  const steps: ReturnType<typeof processStep>[] = [];
  let next = Number.POSITIVE_INFINITY;
  if (!s.up[p]) return { steps, next };
  const clock = s.now + s.clocks[p]!;
  const real = (t: number) => t - s.clocks[p]!;
  if (cl.req === nil && s.now < plan.renewUntil) {
    if (cl.lease === nil) steps.push(processStep(sys.Ask, p, 'w'));
    else {
      const renewAt = cl.lease.t - epsilon(c) - 2 * c.delta;
      if (clock >= renewAt && !cl.revoked) steps.push(processStep(sys.Ask, p, 'w'));
      else next = Math.min(next, real(renewAt));
    }
  }
  if (s.now < plan.renewUntil) next = Math.min(next, plan.renewUntil);
  const writeAt = (cl.writes + 1) * measuredLeases.writeEvery;
  const v = writeValue(i, cl.writes + 1);
  if (s.now < writeAt) next = Math.min(next, writeAt);
  else if (mayTake(sys, sys.Write, s, p, v)) steps.push(processStep(sys.Write, p, v));
  return { steps, next };
}

/** The lease messages of one renewal run, and how long it took. */
export interface RenewalRun {
  readonly lease: number;
  readonly seed: number;
  /** The clocks' offsets: the home's, then the holder's. */
  readonly skew: readonly number[];
  /** From the holder's first request to its last (which is not counted), in ticks. */
  readonly ticks: number;
  /** Lease messages sent in that time (requests, grants, denials, revokes, releases). */
  readonly leaseMessages: number;
  /** Requests the holder sent in that time. */
  readonly requests: number;
  /** Writes that landed. */
  readonly writes: number;
  /** Steps of the run, ticks included. */
  readonly length: number;
}

/** Throw if a driven run broke an invariant. */
function mustHold(d: { failure?: { property: string; message: string } }, what: string) {
  if (d.failure)
    throw new Error(`${what}: the invariant '${d.failure.property}' fails: ${d.failure.message}`);
}

/**
 * One run of a holder that keeps the exclusive lease: it asks at time 0,
 * renews, and writes now and then, until it sends its request number
 * `periods + 1`. So the run is `periods` whole lease periods, each begun
 * by a request; the last request ends it and is not counted.
 *
 * @param lease - L, in ticks
 * @param skew - the clocks' offsets, the home's and the holder's, each within ±b
 * @param seed - the run's seed (it draws the delays)
 * @param v - the rules (a mutant's, or the correct ones)
 * @returns the counts
 * @throws Error if an invariant fails in some state of the run
 */
export function renewalRun(
  lease: number,
  skew: readonly number[],
  seed: number,
  v: LeaseVariant = correct,
): RenewalRun {
  const periods = measuredLeases.renewal.periods;
  const horizon = 2 * periods * lease;
  const c = measuredConfig(lease, skew, horizon);
  const sys = leaseSystem({ ...c, ...v.config }, v.rules);
  const plan = { renewUntil: Number.POSITIVE_INFINITY };
  const workload: Workload<LeaseState> = (s) => holderDemand(sys, s, 0, plan);
  const d = drive(sys, {
    seed,
    horizon,
    delay: uniform(c),
    workload,
    invariants: [oneMaster(sys), noMasterWithReaders(sys)],
    // The driver counts a copy when it first sees it in flight, after this test: the last request is not counted.
    until: (s) => s.clients[0]!.n > periods,
    kindOf: (m) => m.k,
  });
  const what = `the renewal run with L = ${lease}, offsets ${skew.join(', ')}, seed ${seed}`;
  mustHold(d, what);
  if (d.ended !== 'until') throw new Error(`${what}: ${periods} renewals took past ${horizon}`);
  return {
    lease,
    seed,
    skew,
    ticks: d.end.now,
    leaseMessages: LEASE_KINDS.reduce((n, k) => n + (d.sent[k] ?? 0), 0),
    requests: d.sent.req ?? 0,
    writes: d.end.home[0]!.applied[0]!,
    length: d.steps + d.ticks,
  };
}

/** When the other client got the resource after the holder crashed (or stopped renewing). */
export interface CrashRun {
  readonly lease: number;
  readonly seed: number;
  readonly skew: readonly number[];
  /** When the holder crashed, or stopped renewing (real time, ticks). */
  readonly crashAt: number;
  /** Ticks from then until the other client held the lease. */
  readonly untilHeld: number;
  /** Ticks from then until the other client's first write landed at the home. */
  readonly untilWrite: number;
  /** The other client's requests until it held the lease. */
  readonly requests: number;
  /** Steps of the run, ticks included. */
  readonly length: number;
}

/** How a crash run goes. */
export interface CrashOptions {
  /**
   * `crash`: the holder crashes; `stop`: it stops renewing, ignores the
   * home's revoke and writes on while its lease lets it.
   *
   * @defaultValue `crash`
   */
  readonly holder?: 'crash' | 'stop';
  /**
   * The clocks' offsets (the home, the holder, the other client).
   *
   * @defaultValue drawn from −b .. b
   */
  readonly skew?: readonly number[];
}

/**
 * One run of the crash: p1 holds the exclusive lease, renewing it and
 * writing now and then; at a moment drawn from 2δ + 1 .. 2δ + L (its first
 * grant is back by 2δ, and L is longer than a renewal period) it crashes, and
 * from then on p2 keeps asking (again as soon as it is denied) and
 * writes once it holds the lease. The run ends when that write lands.
 *
 * @param lease - L, in ticks
 * @param seed - the run's seed (it draws the offsets and the moment, then the delays)
 * @param v - the rules (a mutant's, or the correct ones)
 * @param o - whether the holder crashes or stops renewing, and fixed offsets
 * @returns when p2 held the lease and when its write landed, from the crash
 * @throws Error if an invariant fails in some state of the run, or p2's write never lands
 */
export function crashRun(
  lease: number,
  seed: number,
  v: LeaseVariant = correct,
  o: CrashOptions = {},
): CrashRun {
  const draw = drawer(seed);
  const skew = o.skew ?? offsets(draw, 3);
  // Some moment of the lease periods after the holder's first grant has surely come back.
  const crashAt = draw(2 * delta + 1, 2 * delta + lease);
  const horizon = 3 * lease + 100 * delta;
  const c = measuredConfig(lease, skew, horizon, 1);
  const sys = leaseSystem({ ...c, ...v.config }, v.rules);
  const [holder, other] = sys.ids.clients as [number, number];
  const crashes = o.holder !== 'stop';
  const plan = { renewUntil: crashAt };
  let crashed: number | undefined;
  const workload: Workload<LeaseState> = (s) => {
    // The holder crashes at the moment drawn, holding the lease (it holds it from its first grant on).
    const atCrash = crashes && s.now >= crashAt && s.up[holder]! && s.clients[0]!.lease !== nil;
    if (atCrash || (!crashes && s.now >= crashAt)) crashed ??= s.now;
    const mine = atCrash
      ? { steps: [], next: Number.POSITIVE_INFINITY }
      : holderDemand(sys, s, 0, plan);
    const steps = [...(atCrash ? [driveStep(sys.Crash, holder)] : []), ...mine.steps];
    if (crashed === undefined)
      return { steps, next: Math.max(s.now + 1, Math.min(mine.next, crashAt)) };
    const p2 = s.clients[1]!;
    if (p2.lease === nil && p2.req === nil) steps.push(processStep(sys.Ask, other, 'w'));
    else if (p2.writes === 0 && mayTake(sys, sys.Write, s, other, writeValue(1, 1)))
      steps.push(processStep(sys.Write, other, writeValue(1, 1)));
    return { steps, next: mine.next };
  };
  let heldAt: number | undefined;
  let requests = 0;
  const d = drive(sys, {
    seed,
    draw,
    horizon,
    delay: uniform(c),
    workload,
    invariants: [oneMaster(sys), noMasterWithReaders(sys)],
    // Looked at after every step but a tick: p2's lease comes with a delivery, and time passes only after.
    until: (s) => {
      if (heldAt === undefined && s.clients[1]!.lease !== nil) {
        heldAt = s.now;
        requests = s.clients[1]!.n;
      }
      return s.home[0]!.applied[1]! >= 1;
    },
  });
  const what = `the crash run with L = ${lease}, seed ${seed}`;
  mustHold(d, what);
  if (crashed === undefined || heldAt === undefined || d.ended !== 'until')
    throw new Error(`${what}: p2's first write had not landed by ${d.end.now}`);
  return {
    lease,
    seed,
    skew,
    crashAt: crashed,
    untilHeld: heldAt - crashed,
    untilWrite: d.end.now - crashed,
    requests,
    length: d.steps + d.ticks,
  };
}

// #region derived
/**
 * The renewal rate we derive (ours): each lease period costs a request
 * and a grant. The holder asks when its clock reads t − ε − 2δ; the
 * request takes d ticks, so the home grants t' = (its clock) + L, and
 * the holder asks again L − ε − 2δ + d + (o_home − o_holder) ticks later.
 * With d uniform on 1 .. δ and offsets drawn alike for both, the mean
 * period is L − ε − 2δ + (δ + 1)/2.
 *
 * @param lease - L, in ticks
 * @returns lease messages per second
 */
export function derivedRenewalRate(lease: number): number {
  const c = measuredConfig(lease, [0, 0], 0);
  const period = lease - epsilon(c) - 2 * c.delta + (c.delta + 1) / 2;
  return 2 / seconds(period);
}

/**
 * The bound we derive (ours) on the time from the holder's crash until
 * the other client holds the lease: the holder's last request left by the
 * crash and reached the home by δ later, so the home's lease runs out L
 * after that, by its own clock (the margin ε is the holder's, not the
 * home's); the next request of the other client, which asks again each
 * time it is denied, reaches the home within 2δ − 1 of that, and the grant
 * takes δ more: L + 4δ. Its first write lands δ later still: L + 5δ.
 *
 * @param lease - L, in ticks
 * @returns the two bounds, in ticks
 */
export function unavailabilityBound(lease: number): {
  readonly held: number;
  readonly write: number;
} {
  return { held: lease + 4 * delta, write: lease + 5 * delta };
}
// #endregion derived

/** The renewal figures of one lease length. */
export interface RenewalPoint {
  readonly lease: number;
  /** Lease messages per second of real time, over every run of the point. */
  readonly perSecond: number;
  /** The derived rate. */
  readonly derived: number;
  readonly runs: number;
  /** Steps of the runs, ticks included. */
  readonly steps: number;
}

/**
 * Lease messages per second against L: at each lease length, one renewal
 * run for every pair of clock offsets within ±b (each pair with its own
 * seed, from `seed` on, the same at every point); the rate is every run's
 * messages over every run's time.
 *
 * @param leases - the lease lengths, in ticks
 * @param seed - the first seed
 * @returns one point per lease length
 */
export function measureRenewals(leases: readonly number[], seed: number): RenewalPoint[] {
  const pairs = offsetPairs();
  return leases.map((lease) => {
    let messages = 0;
    let ticks = 0;
    let steps = 0;
    pairs.forEach((skew, k) => {
      const r = renewalRun(lease, skew, seed + k);
      messages += r.leaseMessages;
      ticks += r.ticks;
      steps += r.length;
    });
    return {
      lease,
      perSecond: messages / seconds(ticks),
      derived: derivedRenewalRate(lease),
      runs: pairs.length,
      steps,
    };
  });
}

/** The unavailability figures of one lease length, in ticks. */
export interface UnavailabilityPoint {
  readonly lease: number;
  readonly runs: number;
  /** From the crash until the other client held the lease: mean and largest. */
  readonly meanHeld: number;
  readonly maxHeld: number;
  /** From the crash until its first write landed: mean and largest. */
  readonly meanWrite: number;
  readonly maxWrite: number;
  /** The derived bounds. */
  readonly bound: { readonly held: number; readonly write: number };
  /** Steps of the runs, ticks included. */
  readonly steps: number;
}

/**
 * Unavailability after the holder crashes, against L: `runs` crash runs
 * per lease length, seeds seed, seed + 1, ...
 *
 * @param leases - the lease lengths, in ticks
 * @param runs - runs per point
 * @param seed - the first seed
 * @returns one point per lease length
 */
export function measureUnavailability(
  leases: readonly number[],
  runs: number,
  seed: number,
): UnavailabilityPoint[] {
  return leases.map((lease) => {
    let held = 0;
    let write = 0;
    let maxHeld = 0;
    let maxWrite = 0;
    let steps = 0;
    for (let k = 0; k < runs; k++) {
      const r = crashRun(lease, seed + k);
      held += r.untilHeld;
      write += r.untilWrite;
      maxHeld = Math.max(maxHeld, r.untilHeld);
      maxWrite = Math.max(maxWrite, r.untilWrite);
      steps += r.length;
    }
    return {
      lease,
      runs,
      meanHeld: held / runs,
      maxHeld,
      meanWrite: write / runs,
      maxWrite,
      bound: unavailabilityBound(lease),
      steps,
    };
  });
}
