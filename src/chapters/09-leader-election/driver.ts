/**
 * A seeded discrete-event driver for the timed machine: each copy of a
 * message gets a delay when it is sent (from a delay policy and a seeded
 * random generator), and the driver takes, at each moment, the machine's
 * own steps in time order: deliveries that are due, then timers that are
 * due, then a tick. So a driven run is a run of the machine, checked on
 * every step like any other, and long runs cost no search.
 *
 * @module
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Invariant, Label, Machine, Step, Trace } from '../../index';
import type { TimedConfig } from './config';
import {
  type Copy,
  correct,
  decided,
  due,
  type ElectionState,
  leading,
  messagesFirst,
  paxosWithElection,
  type TimedRules,
  timerAt,
} from './system';

/** Draw a whole number from lo to hi, both included. */
export type Draw = (lo: number, hi: number) => number;

/**
 * How long a copy takes: at least one tick, or Infinity to hold it for
 * ever. Called once per copy, when the driver first sees it in flight.
 */
export type DelayPolicy = (c: TimedConfig, k: Copy, s: ElectionState, draw: Draw) => number;

// #region delays
/** A timely network: every copy takes 1 to δ ticks, uniformly. */
export const uniformDelays: DelayPolicy = (c, _k, _s, draw) => draw(1, c.delta);

/**
 * A network that is late now and then: with probability `percent` in 100
 * a copy takes more than δ, up to the configuration's maxDelay; otherwise
 * 1 to δ ticks.
 */
export const sometimesLate =
  (percent: number): DelayPolicy =>
  (c, _k, _s, draw) =>
    draw(1, 100) <= percent ? draw(c.delta + 1, c.maxDelay) : draw(1, c.delta);
// #endregion delays

/** What to drive, and how. */
export interface DriveOptions {
  /** The configuration; its firstTimers, if given, fix the start (else each is drawn from 0 .. T). */
  readonly config: TimedConfig;
  /** The rules (default: the correct ones). */
  readonly rules?: TimedRules;
  /** The seed of the run. */
  readonly seed: number;
  /** How long each copy takes (default: 1 to δ ticks). */
  readonly delay?: DelayPolicy;
  /** Stop once every agent has been told the outcome (default true). */
  readonly stopWhenDecided?: boolean;
  /** Checked in every state of the run. */
  readonly invariants?: readonly Invariant<ElectionState>[];
  /** Keep the run as a trace of the machine. */
  readonly trace?: boolean;
}

/** A driven run: when things happened, how much it took, and what failed. */
export interface Drive {
  readonly seed: number;
  /** Each follower's first timer. */
  readonly firstTimers: readonly number[];
  /** The time of the first Lead step, if any. */
  readonly leaderAt?: number;
  /** The time every agent had been told the outcome, if it came. */
  readonly decidedAt?: number;
  /** Steps of processes (deliveries and timers, not ticks) up to the decision or the end. */
  readonly steps: number;
  /** Rounds started. */
  readonly rounds: number;
  /** The most potential leaders leading at once. */
  readonly mostLeaders: number;
  /** The first invariant that failed, in which state (its index in the run), and why. */
  readonly failure?: { readonly property: string; readonly message: string; readonly at: number };
  /** The run, if asked for. */
  readonly trace?: Trace<ElectionState>;
  /** The last state. */
  readonly end: ElectionState;
}

/** A seeded generator of whole numbers. */
export function drawer(seed: number): Draw {
  const rng = xoroshiro128plus(seed);
  return (lo, hi) => uniformInt(rng, lo, hi);
}

// #region drive
/**
 * Drive one run of the timed machine. At each moment: deliver the copy
 * whose time has come (the earliest first, ties drawn at random); else run
 * a timer that is due; else let one tick pass, if anything is still to
 * come before the horizon.
 */
export function drive(o: DriveOptions): Drive {
  const draw = drawer(o.seed);
  const firstTimers =
    o.config.firstTimers?.[0] ??
    Array.from({ length: o.config.paxos.leaders }, () => draw(0, o.config.timeout));
  const c: TimedConfig = { ...o.config, firstTimers: [firstTimers] };
  const m = paxosWithElection(c, o.rules ?? correct);
  const act = (name: string) => m.actions.find((a) => a.name === name)!;
  const [Deliver, Broadcast, Lead, NewRound, Tick] = [
    'Deliver',
    'Broadcast',
    'Lead',
    'NewRound',
    'Tick',
  ].map(act) as [Action, Action, Action, Action, Action];
  const byRole = { follower: Broadcast, candidate: Lead, leader: NewRound };
  const delay = o.delay ?? uniformDelays;
  const arrival = new Map<string, number>();
  const init = [...m.init()][0]!;
  const steps: Step<ElectionState>[] = [];
  let s = init;
  let count = 0;
  let index = 0;
  let rounds = 0;
  let mostLeaders = 0;
  let leaderAt: number | undefined;
  let decidedAt: number | undefined;
  let failure: Drive['failure'];
  const check = (at: number) => {
    for (const inv of o.invariants ?? [])
      if (!inv.holds(s)) {
        failure = { property: inv.name, message: inv.why ? inv.why(s) : 'violated', at };
        return;
      }
  };
  const take = (a: Action, p: unknown, last = true) => {
    if (a.guard && !a.guard(s, p))
      throw new Error(`drive: ${a.name} is not enabled at time ${s.now} (a bug in the driver)`);
    const next = (a.effect(s, p) as { next: ElectionState }).next;
    if (o.trace) steps.push({ from: s, label: labelOf(a, p), to: next });
    s = next;
    index++;
    if (a !== Tick) count++;
    if (a === Lead || a === NewRound) {
      rounds++;
      leaderAt ??= s.now;
    }
    mostLeaders = Math.max(mostLeaders, leading(s).length);
    if (decidedAt === undefined && decided(s)) decidedAt = s.now;
    if (last) check(index);
  };
  check(0);
  while (!failure && !(decidedAt !== undefined && o.stopWhenDecided !== false)) {
    for (const k of s.net)
      if (!arrival.has(k.key)) arrival.set(k.key, k.sent + delay(c, k, s, draw));
    const dueNow = s.net.filter((k) => arrival.get(k.key)! <= s.now);
    if (dueNow.length > 0) {
      const first = Math.min(...dueNow.map((k) => arrival.get(k.key)!));
      const ties = dueNow.filter((k) => arrival.get(k.key) === first);
      const k = ties[ties.length > 1 ? draw(0, ties.length - 1) : 0]!;
      arrival.delete(k.key);
      take(Deliver, k);
      continue;
    }
    const A = c.paxos.agents;
    const timers = s.leaders.flatMap((_, l) =>
      due(c, s, l) && messagesFirst(c, s, A + l) ? [l] : [],
    );
    if (timers.length > 0) {
      const l = timers[timers.length > 1 ? draw(0, timers.length - 1) : 0]!;
      take(byRole[s.leaders[l]!.role], l);
      continue;
    }
    const next = Math.min(
      ...s.net.map((k) => arrival.get(k.key)!),
      ...s.leaders.map((_, l) => timerAt(c, s, l)),
    );
    if (!Number.isFinite(next) || next > c.horizon) break;
    // Time passes tick by tick up to the next event; only `now` changes, so
    // the properties are checked once, when it gets there.
    while (s.now < next) take(Tick, s.now + 1, s.now + 1 === next);
  }
  return {
    seed: o.seed,
    firstTimers,
    ...(leaderAt !== undefined ? { leaderAt } : {}),
    ...(decidedAt !== undefined ? { decidedAt } : {}),
    steps: count,
    rounds,
    mostLeaders,
    ...(failure ? { failure } : {}),
    ...(o.trace ? { trace: { init, steps } } : {}),
    end: s,
  };
}
// #endregion drive

type Action = Machine<ElectionState>['actions'][number];

/** The label the explorer would give the step. */
function labelOf(a: Action, p: unknown): Label {
  return {
    action: a.name,
    external: a.external,
    fault: a.fault === true,
    param: p,
    ...(a.showParam ? { args: a.showParam(p) } : {}),
    ret: undefined,
  };
}
