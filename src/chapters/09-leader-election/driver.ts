/**
 * A seeded discrete-event driver for the timed system: each copy of a
 * message gets a delay when it is sent (from a delay policy and a seeded
 * random generator), and the driver takes, at each moment, the system's
 * own steps in time order: deliveries that are due, then timers that are
 * due, then a tick. So a driven run is a run of the machine, checked on
 * every step like any other, and long runs cost no search.
 *
 * @module
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Action, Envelope, Invariant, Label, Nil, Reachable, Step, Trace } from '../../index';
import { nil } from '../../index';
import type { TimedConfig } from './config';
import type { ElectionMsg, ElectionState, TimedRules } from './system';
import { decided, leading, paxosWithElection, rules } from './system';

/** Draw a whole number from lo to hi, both included. */
export type Draw = (lo: number, hi: number) => number;

/**
 * How long a copy takes: at least one tick, Infinity to hold it for ever,
 * or `'lost'` to lose it at once (a `Lose` step, so only on a network that
 * may lose messages). Called once per copy, when the driver first sees it
 * in flight.
 */
export type DelayPolicy = (
  c: TimedConfig,
  e: Envelope<ElectionMsg>,
  s: ElectionState,
  draw: Draw,
) => number | 'lost';

// #region delays
/** A timely network: every copy takes 1 to δ ticks, uniformly. */
export const uniformDelays: DelayPolicy = (c, _e, _s, draw) => draw(1, c.delta);

/**
 * A network that is late now and then: with probability `percent` in 100
 * a copy takes more than δ, up to the configuration's maxDelay; otherwise
 * 1 to δ ticks.
 */
export const sometimesLate =
  (percent: number): DelayPolicy =>
  (c, _e, _s, draw) =>
    draw(1, 100) <= percent ? draw(c.delta + 1, c.maxDelay) : draw(1, c.delta);

/**
 * Potential leaders that cannot hear one another, while the agents hear
 * them all: every name is lost, and every other copy takes what `policy`
 * says. The election then never learns of a bigger name, so each potential
 * leader leads once its first timer runs out.
 */
export const namesLost =
  (policy: DelayPolicy): DelayPolicy =>
  (c, e, s, draw) =>
    e.msg.k === 'name' ? 'lost' : policy(c, e, s, draw);
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
  /** Called with the key of every state of the run, the first included (to count distinct states). */
  readonly visit?: (key: string | number) => void;
  /** Goals looked for in every state of the run, as the invariants are checked. */
  readonly goals?: readonly Reachable<ElectionState>[];
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
  /** Ticks: steps of time. */
  readonly ticks: number;
  /** Copies lost (`Lose` steps). */
  readonly lost: number;
  /** Rounds started. */
  readonly rounds: number;
  /** The most potential leaders leading at once. */
  readonly mostLeaders: number;
  /** The names of the goals met in some state of the run, in the order they were given. */
  readonly reached: readonly string[];
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

/** The order in which the driver draws delays and breaks ties: by message, then receiver, then time sent. */
const orderKey = (e: Envelope<ElectionMsg>) => `${e.msg.key}>${e.to[0]}@${e.sent}`;

/** The copies in flight in the driver's order. */
function inOrder(net: readonly Envelope<ElectionMsg>[]): readonly Envelope<ElectionMsg>[] {
  return [...net].sort((a, b) => {
    const x = orderKey(a);
    const y = orderKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** The label the explorer would give the step. */
function labelOf<P>(a: Action<ElectionState, P>, p: P): Label {
  return {
    action: a.name,
    external: a.external,
    fault: a.fault === true,
    param: p,
    ...(a.showParam ? { args: a.showParam(p) } : {}),
    ret: undefined,
  };
}

// #region drive
/**
 * Drive one run of the timed system. At each moment: lose a copy the delay
 * policy loses; else deliver the copy whose time has come (the earliest
 * first, ties drawn at random); else run a timer that is due; else let one
 * tick pass, if anything is still to come before the horizon.
 */
export function drive(o: DriveOptions): Drive {
  const draw = drawer(o.seed);
  const firstTimers =
    o.config.firstTimers?.[0] ??
    Array.from({ length: o.config.paxos.leaders }, () => draw(0, o.config.timeout));
  const c: TimedConfig = { ...o.config, firstTimers: [firstTimers] };
  const m = paxosWithElection(c, o.rules ?? rules);
  const starting = (a: { name: string }) =>
    m.Lead.is({ action: a.name }) || m.NewRound.is({ action: a.name });
  const timers = m.actions.filter((a) => starting(a) || m.Broadcast.is({ action: a.name }));
  const delay = o.delay ?? uniformDelays;
  const key = m.network.key;
  const arrival = new Map<string, number | 'lost'>();
  /** When a copy arrives (once it is known not to be lost). */
  const arrivesAt = (e: Envelope<ElectionMsg>) => arrival.get(key(e)) as number;
  const init = [...m.init()][0]!;
  const steps: Step<ElectionState>[] = [];
  let s = init;
  let count = 0;
  let ticks = 0;
  let lost = 0;
  const goals = o.goals ?? [];
  const met = goals.map(() => false);
  let index = 0;
  let rounds = 0;
  let mostLeaders = 0;
  let leaderAt: number | undefined;
  let decidedAt: number | undefined;
  let failure: Drive['failure'];
  const check = (at: number) => {
    goals.forEach((g, k) => {
      if (!met[k] && g.holds(s)) met[k] = true;
    });
    for (const inv of o.invariants ?? [])
      if (!inv.holds(s)) {
        failure = { property: inv.name, message: inv.why ? inv.why(s) : 'violated', at };
        return;
      }
  };
  const take = <P>(a: Action<ElectionState, P>, p: P, last = true) => {
    const e = a.effect(s, p);
    const next = ('next' in e ? e : e[0]!).next;
    if (o.trace) steps.push({ from: s, label: labelOf(a, p), to: next });
    s = next;
    o.visit?.(m.key(s));
    index++;
    if (m.Tick.is({ action: a.name })) ticks++;
    else if (m.Lose.is({ action: a.name })) lost++;
    else count++;
    if (starting(a)) {
      rounds++;
      leaderAt ??= s.now;
    }
    mostLeaders = Math.max(mostLeaders, leading(s).length);
    if (decidedAt === undefined && decided(s)) decidedAt = s.now;
    if (last) check(index);
  };
  o.visit?.(m.key(s));
  check(0);
  while (!failure && !(decidedAt !== undefined && o.stopWhenDecided !== false)) {
    const net = inOrder(s.net);
    for (const e of net)
      if (!arrival.has(key(e))) {
        const d = delay(c, e, s, draw);
        arrival.set(key(e), d === 'lost' ? d : e.sent! + d);
      }
    // A copy the policy loses is lost at once, the fault the network allows.
    const gone = net.find((e) => arrival.get(key(e)) === 'lost');
    if (gone) {
      if (!c.loss)
        throw new Error(
          'drive: the delay policy lost a copy, but this network does not lose messages',
        );
      arrival.delete(key(gone));
      take(m.Lose, gone);
      continue;
    }
    const dueNow = net.filter((e) => arrivesAt(e) <= s.now);
    if (dueNow.length > 0) {
      const first = Math.min(...dueNow.map(arrivesAt));
      const ties = dueNow.filter((e) => arrivesAt(e) === first);
      const env = ties[ties.length > 1 ? draw(0, ties.length - 1) : 0]!;
      if (!(s.now > env.sent!))
        throw new Error(
          `drive: a copy sent at ${env.sent} cannot arrive at ${s.now} (a bug in the driver)`,
        );
      arrival.delete(key(env));
      take(m.Deliver, { env, to: env.to[0]! });
      continue;
    }
    // The timers that are due, with no message overdue to their process: the system's own steps.
    const due = timers
      .flatMap((a) => [...a.params!(s)].map((p) => ({ a, p })))
      .sort((x, y) => x.p.p - y.p.p);
    if (due.length > 0) {
      const { a, p } = due[due.length > 1 ? draw(0, due.length - 1) : 0]!;
      take(a, p);
      continue;
    }
    const timerAt = (t: number | Nil, l: number) =>
      t === nil ? Number.POSITIVE_INFINITY : t - s.clocks[m.ids.leaders[l]!]!;
    const next = Math.min(
      ...s.net.map(arrivesAt),
      ...s.leaders.map((pl, l) => timerAt(pl.timer, l)),
    );
    if (!Number.isFinite(next) || next > c.horizon) break;
    // Time passes tick by tick up to the next event; only `now` changes, so
    // the properties are checked once, when it gets there.
    while (s.now < next) take(m.Tick, s.now + 1, s.now + 1 === next);
  }
  return {
    seed: o.seed,
    firstTimers,
    ...(leaderAt !== undefined ? { leaderAt } : {}),
    ...(decidedAt !== undefined ? { decidedAt } : {}),
    steps: count,
    ticks,
    lost,
    rounds,
    mostLeaders,
    reached: goals.filter((_, k) => met[k]).map((g) => g.name),
    ...(failure ? { failure } : {}),
    ...(o.trace ? { trace: { init, steps } } : {}),
    end: s,
  };
}
// #endregion drive
