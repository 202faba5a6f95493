/**
 * A seeded discrete-event driver for timed actor systems: long runs that
 * cost no search. Each copy of a message gets a delay when the driver
 * first sees it in flight (from a delay policy and a seeded generator),
 * and the driver takes the system's own steps in time order, with the
 * steps a workload asks for (a client's requests, a crash) in between. A
 * driven run is a run of the machine, checked on every state like any
 * other: it replays step by step.
 *
 * @module
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { StepMatcher } from './_internal/stepMatcher';
import { makeLabel } from './_internal/successors';
import type { ActorState, ActorSystem, AnyRole } from './actors';
import { labelText } from './label';
import type { Action, Outcome } from './machine';
import type { Delivery, Envelope } from './network';
import type { ProcessAction } from './process';
import type { Invariant, Reachable } from './property';
import type { Refinement } from './refinement';
import type { Step, Trace } from './trace';
import { canonical } from './value';

/**
 * Draw a whole number from lo to hi, both included.
 *
 * @category Runs
 */
export type Draw = (lo: number, hi: number) => number;

/**
 * A seeded generator of whole numbers (pure-rand's xoroshiro128+): the same
 * seed gives the same draws.
 *
 * @param seed - a whole number
 * @returns the generator
 * @category Runs
 */
export function drawer(seed: number): Draw {
  const rng = xoroshiro128plus(seed);
  return (lo, hi) => uniformInt(rng, lo, hi);
}

/**
 * How long a copy takes: a whole number of ticks from 1, Infinity to hold
 * it for ever, or `'lost'` to lose it at once (a `Lose` step, so only on a
 * network that may lose messages). Called once per copy, when the driver
 * first sees it in flight; a delay longer than the network's `maxDelay`
 * stops time at the copy's deadline, and the driver says so.
 *
 * @category Runs
 */
export type DelayPolicy<S, M> = (e: Envelope<M>, s: S, draw: Draw) => number | 'lost';

/**
 * One step a workload asks for: an action of the system (its `Crash`, say)
 * and its parameter, or a process's own action and `{ p, arg }`. Make one
 * with {@link driveStep} or {@link processStep}.
 *
 * @category Runs
 */
export interface DriveStep<S> {
  /** The system's action, or a process's own action (the system's action of its name is taken). */
  readonly action: Action<S, any> | ProcessAction<any, any, any>;
  /** Its parameter: for a process's own action, `{ p, arg }`. */
  readonly param: unknown;
}

/**
 * A step of the system for a workload to ask for, its parameter checked against the action.
 *
 * @param action - the action, such as the system's `Crash`
 * @param param - its parameter
 * @returns the step
 * @category Runs
 */
export function driveStep<S, P>(action: Action<S, P>, param: P): DriveStep<S> {
  return { action, param };
}

/**
 * A process's own step for a workload to ask for: process p takes `action` with `arg`.
 *
 * @param action - the process action, as its role lists it
 * @param p - the process's id
 * @param arg - its argument, if it takes one
 * @returns the step
 * @category Runs
 */
export function processStep<P>(
  action: ProcessAction<any, any, P>,
  p: number,
  ...arg: P extends void ? [] : [NoInfer<P>]
): DriveStep<any> {
  return { action, param: { p, arg: arg[0] } };
}

/**
 * May process p take a process action now, with this argument, as the
 * system's guard says? For a workload that asks for a step only when it is
 * enabled.
 *
 * @param sys - the system (its actions)
 * @param pa - the process action, as its role lists it
 * @param s - the state
 * @param p - the process's id
 * @param arg - its argument (undefined if it takes none)
 * @returns true if the step is offered and enabled in s
 * @category Runs
 */
export function mayTake<S>(
  sys: { readonly actions: readonly Action<S, any>[] },
  pa: { readonly is: (l: { readonly action: string }) => boolean },
  s: S,
  p: number,
  arg?: unknown,
): boolean {
  const a = sys.actions.find((x) => pa.is({ action: x.name }));
  if (!a) return false;
  for (const q of a.params ? a.params(s) : [undefined]) {
    const { p: qp, arg: qa } = q as { p: number; arg: unknown };
    if (qp === p && canonical(qa) === canonical(arg)) return !a.guard || a.guard(s, q);
  }
  return false;
}

/**
 * What a workload wants: the steps to take now (none, if nothing), and the
 * real time at which it next wants to be asked if nothing happens before.
 *
 * @category Runs
 */
export interface Demand<S> {
  /** The steps to take now, in order; each must be enabled when its turn comes. */
  readonly steps?: readonly DriveStep<S>[];
  /**
   * When to ask again if nothing happens before: time passes up to it (the
   * driver asks again after every step anyway). Earlier than the next tick
   * counts as the next tick.
   *
   * @defaultValue not before something happens
   */
  readonly next?: number;
}

/**
 * The world outside the system: given the state, what it asks the system
 * to do now, and when it next wants to act. The driver asks it when no
 * copy is due and no timer is, and again after each of its steps, so it
 * must stop asking at a moment once it has what it wants.
 *
 * @category Runs
 */
export type Workload<S> = (s: S) => Demand<S> | undefined;

/**
 * What to drive, and how.
 *
 * @category Runs
 */
export interface DriveOptions<S, M> {
  /** The seed of the run: the same seed gives the same run. */
  readonly seed: number;
  /**
   * The generator to draw from, if the caller has drawn from it already
   * (a seeded start, say).
   *
   * @defaultValue {@link drawer}(seed)
   */
  readonly draw?: Draw;
  /** The run stops before the first event after this time (time never passes the system's own horizon). */
  readonly horizon: number;
  /**
   * The state to start from.
   *
   * @defaultValue the machine's first initial state
   */
  readonly init?: S;
  /** How long each copy takes. */
  readonly delay: DelayPolicy<S, M>;
  /**
   * The order in which delays are drawn and ties are broken: copies are
   * sorted by this key.
   *
   * @defaultValue the network's key of the copy
   */
  readonly order?: (e: Envelope<M>) => string;
  /**
   * The steps the world outside asks for.
   *
   * @defaultValue none: only the system's own steps
   */
  readonly workload?: Workload<S>;
  /**
   * Stop once this holds, looked at before each moment's steps.
   *
   * @defaultValue run to the horizon
   */
  readonly until?: (s: S) => boolean;
  /**
   * Checked in every state of the run; the run stops at the first that
   * fails. Within a run of ticks to the next event, where only `now`
   * changes, they are checked where time stops (and wherever a tick drops
   * a copy past its deadline): an invariant that time alone could break
   * and then mend within such a run would not be seen.
   *
   * @defaultValue none
   */
  readonly invariants?: readonly Invariant<S>[];
  /**
   * Check the §5.1 step obligation against this spec on every step (ticks included).
   *
   * @defaultValue no refinement is checked
   */
  readonly refinement?: Refinement<S, any>;
  /**
   * Goals looked for in every state of the run, as the invariants are checked.
   *
   * @defaultValue none
   */
  readonly goals?: readonly Reachable<S>[];
  /**
   * Keep the run as a trace.
   *
   * @defaultValue false
   */
  readonly trace?: boolean;
  /**
   * Called with every step, as it is taken.
   *
   * @defaultValue none
   */
  readonly onStep?: (step: Step<S>) => void;
  /**
   * The kind of a message, for counting the copies sent (`sent`).
   *
   * @defaultValue copies are not counted by kind
   */
  readonly kindOf?: (m: M) => string;
}

/**
 * Why a driven run ended: its stop condition held, an invariant or the
 * refinement failed, the next event lay beyond the horizon, or nothing
 * was left to happen.
 *
 * @category Runs
 */
export type DriveEnd = 'until' | 'failure' | 'horizon' | 'quiet';

/**
 * A driven run: how much it took, what it met, what failed, and where it ended.
 *
 * @category Runs
 */
export interface DriveResult<S> {
  /** The seed it was driven with. */
  readonly seed: number;
  /** Why it ended. */
  readonly ended: DriveEnd;
  /** Steps other than ticks and losses: deliveries, timers, and the workload's steps. */
  readonly steps: number;
  /** Ticks: steps of time. */
  readonly ticks: number;
  /** Copies lost (`Lose` steps). */
  readonly lost: number;
  /** Copies seen in flight, by kind (given `kindOf`), each once. */
  readonly sent: Readonly<Record<string, number>>;
  /** The names of the goals met in some state of the run, in the order they were given. */
  readonly reached: readonly string[];
  /** The first property that failed, in which state, and why. */
  readonly failure?: {
    /** The property's name. */
    readonly property: string;
    /** Why it failed, from the state. */
    readonly message: string;
    /** The state's index in the run: 0 is the start. */
    readonly at: number;
  };
  /** The run, if asked for. */
  readonly trace?: Trace<S>;
  /** The last state. */
  readonly end: S;
}

/** The most batches a workload may ask for at one moment before the driver calls it a loop. */
const BATCHES_AT_ONE_MOMENT = 10_000;

/** Are two records equal field by field (a process step's `{ p, arg }` with a plain argument)? */
function shallowEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka)
    if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  return true;
}

/**
 * The step as the machine offers it, if it is enabled: its parameter one
 * the action offers (the action's own object), and its guard true.
 */
function offered<S>(s: S, a: Action<S, any>, p: unknown): { readonly param: unknown } | undefined {
  let param = p;
  if (a.params) {
    let k: string | undefined;
    const same = (q: unknown) => {
      if (q === p || shallowEqual(q, p)) return true;
      k ??= canonical(p);
      return canonical(q) === k;
    };
    let found = false;
    for (const q of a.params(s))
      if (same(q)) {
        param = q;
        found = true;
        break;
      }
    if (!found) return undefined;
  }
  return !a.guard || a.guard(s, param) ? { param } : undefined;
}

// #region drive
/**
 * Drive one run of a timed system. At each moment: lose a copy the delay
 * policy loses; else deliver the copy whose time has come (the earliest
 * first, ties drawn at random); else take a timer that is due (ties drawn);
 * else take the steps the workload asks for now; else let time pass, tick
 * by tick, up to the next event: the next arrival, the next timer, or
 * when the workload next wants to act. The run stops when its stop
 * condition holds, a property fails, or the next event lies beyond the
 * horizon or nowhere. A run of ticks changes only `now` (and drops the
 * copies whose deadline passes, which are checked), so the properties are
 * checked once, where time stops.
 *
 * @param sys - a timed actor system on a `multiset` or `ordered` network
 * @param o - the seed, the horizon, the delays, the workload, and what to check
 * @returns the run's counts, the goals it met, its first failure, and its end
 * @throws Error if the policy or the workload asks for what the system cannot do (one line)
 * @example
 * ```ts
 * const r = drive(sys, { seed: 1, horizon: 10_000, delay: (_e, _s, draw) => draw(1, 5),
 *                        invariants: [oneMaster], workload: (s) => ({ steps: [...] }) });
 * r.failure; // undefined: every state of the run satisfied oneMaster
 * ```
 * @category Runs
 */
export function drive<R extends Record<string, AnyRole<M>>, M, H>(
  sys: ActorSystem<R, M, H>,
  o: DriveOptions<ActorState<R, M, H>, M>,
): DriveResult<ActorState<R, M, H>> {
  type S = ActorState<R, M, H>;
  if (!sys.timed) throw new Error(`drive: ${sys.name} is not timed; give it time options`);
  if (sys.network.kind === 'set')
    throw new Error('drive: a set network keeps a delivered message; use multiset or ordered');
  const draw = o.draw ?? drawer(o.seed);
  const key = sys.network.key;
  const order = o.order ?? key;
  const inOrder = (net: readonly Envelope<M>[]) =>
    [...net].sort((a, b) => {
      const x = order(a);
      const y = order(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  const timers = sys.actions.filter((a) => sys.isTimer({ action: a.name }));
  /** The system's action: a process action is the one of its name. */
  const actionOf = (a: DriveStep<S>['action']): Action<S, any> => {
    const found = sys.actions.find((x) => x === a || x.name === a.name);
    if (!found)
      throw new Error(`drive: the workload asked for ${a.name}, not an action of ${sys.name}`);
    return found;
  };
  const loses = sys.actions.includes(sys.Lose);
  const matcher = o.refinement ? new StepMatcher(o.refinement) : undefined;
  const seesSteps = o.trace === true || o.onStep !== undefined || matcher !== undefined;
  const goals = o.goals ?? [];
  const met = goals.map(() => false);
  const sent: Record<string, number> = {};
  const arrival = new Map<string, number | 'lost'>();
  const arrivesAt = (e: Envelope<M>) => arrival.get(key(e)) as number;
  const init = o.init ?? [...sys.init()][0]!;
  const steps: Step<S>[] = [];
  let s = init;
  let index = 0;
  let count = 0;
  let ticks = 0;
  let lost = 0;
  let failure: DriveResult<S>['failure'];
  const check = () => {
    goals.forEach((g, k) => {
      if (!met[k] && g.holds(s)) met[k] = true;
    });
    for (const inv of o.invariants ?? [])
      if (!inv.holds(s)) {
        failure = { property: inv.name, message: inv.why ? inv.why(s) : 'violated', at: index };
        return;
      }
  };
  /** Take a step; check the state after it unless more ticks follow at once. */
  const take = (a: Action<S, any>, p: unknown, last = true) => {
    const e = a.effect(s, p);
    const out: Outcome<S> = 'next' in e ? e : e[0]!;
    const from = s;
    s = out.next;
    index++;
    if (a === sys.Tick) ticks++;
    else if (a === sys.Lose) lost++;
    else count++;
    if (seesSteps) {
      const step: Step<S> = { from, label: makeLabel(a, p, out), to: s };
      if (o.trace) steps.push(step);
      o.onStep?.(step);
      const bad = matcher?.check(from, step.label, s);
      if (bad) {
        failure = {
          property: 'obligation 2: every step is simulated',
          message: `the ${step.label.external ? 'external' : 'internal'} step ${labelText(step.label)}: ${bad.message}`,
          at: index,
        };
        return;
      }
    }
    if (last || s.net !== from.net) check();
  };
  let ended: DriveEnd = 'quiet';
  let batches = 0;
  let batchesAt = -1;
  check();
  while (!failure) {
    if (o.until?.(s)) {
      ended = 'until';
      break;
    }
    const net = inOrder(s.net);
    for (const e of net)
      if (!arrival.has(key(e))) {
        const d = o.delay(e, s, draw);
        if (d !== 'lost' && !(d === Number.POSITIVE_INFINITY || (Number.isInteger(d) && d >= 1)))
          throw new Error(
            `drive: a delay must be a whole number of ticks from 1, Infinity or 'lost', got ${d}`,
          );
        arrival.set(key(e), d === 'lost' ? d : e.sent! + d);
        if (o.kindOf) {
          const k = o.kindOf(e.msg);
          sent[k] = (sent[k] ?? 0) + 1;
        }
      }
    // A copy the policy loses is lost at once, the fault the network allows.
    const gone = net.find((e) => arrival.get(key(e)) === 'lost');
    if (gone) {
      if (!loses)
        throw new Error(
          'drive: the delay policy lost a copy, but this network does not lose messages',
        );
      if (!offered(s, sys.Lose, gone))
        throw new Error('drive: the delay policy lost a copy, but the loss budget is spent');
      arrival.delete(key(gone));
      take(sys.Lose, gone);
      continue;
    }
    // The copies whose time has come and that can arrive now: the earliest first.
    const dueNow = net.filter((e) => arrivesAt(e) <= s.now);
    if (dueNow.length > 0) {
      const can = new Map<string, Delivery<M>>();
      for (const d of sys.Deliver.params!(s))
        if (!sys.Deliver.guard || sys.Deliver.guard(s, d)) can.set(key(d.env), d);
      const ready = dueNow.filter((e) => can.has(key(e)));
      if (ready.length > 0) {
        const first = Math.min(...ready.map(arrivesAt));
        const ties = ready.filter((e) => arrivesAt(e) === first);
        const env = ties[ties.length > 1 ? draw(0, ties.length - 1) : 0]!;
        arrival.delete(key(env));
        take(sys.Deliver, can.get(key(env)));
        continue;
      }
    }
    // The timers that are due: the system's own steps, ties drawn.
    const due = timers
      .flatMap((a) =>
        [...a.params!(s)]
          .filter((p) => !a.guard || a.guard(s, p))
          .map((p) => ({ a, p: p as { p: number } })),
      )
      .sort((x, y) => x.p.p - y.p.p);
    if (due.length > 0) {
      const { a, p } = due[due.length > 1 ? draw(0, due.length - 1) : 0]!;
      take(a, p);
      continue;
    }
    // The world outside: the steps it asks for now, and when it next wants to act.
    const demand = o.workload?.(s);
    if (demand?.steps?.length) {
      if (batchesAt !== s.now) {
        batchesAt = s.now;
        batches = 0;
      }
      if (++batches > BATCHES_AT_ONE_MOMENT)
        throw new Error(
          `drive: the workload asked for steps ${BATCHES_AT_ONE_MOMENT} times at time ${s.now}; it must stop asking once it has what it wants`,
        );
      for (const st of demand.steps) {
        const a = actionOf(st.action);
        const ok = offered(s, a, st.param);
        if (!ok)
          throw new Error(
            `drive: the workload asked for ${labelText(makeLabel(a, st.param, { next: s }))} at time ${s.now}, which is not enabled`,
          );
        take(a, ok.param);
        if (failure) break;
      }
      continue;
    }
    const later = (t: number) => (t > s.now ? t : Number.POSITIVE_INFINITY);
    const wants = demand?.next === undefined ? Number.POSITIVE_INFINITY : demand.next;
    const next = Math.min(
      ...s.net.map((e) => later(arrivesAt(e))),
      later(sys.nextTimer(s)),
      Math.max(wants, s.now + 1),
    );
    if (!Number.isFinite(next)) break;
    if (next > o.horizon) {
      ended = 'horizon';
      break;
    }
    // Time passes tick by tick up to the next event. While only time passes,
    // what stops it stays put (the timers set, the deadlines of the copies
    // that can arrive, the horizon) and a timer once due stays due: a tick
    // the system offers at the first and the last moment it offers in
    // between, so those two are asked (and the step constraint every time).
    const first = s.now + 1;
    while (!failure && s.now < next) {
      const t = s.now + 1;
      const ok =
        t === first || t === next
          ? offered(s, sys.Tick, t) !== undefined
          : !sys.Tick.guard || sys.Tick.guard(s, t);
      if (!ok)
        throw new Error(
          `drive: time cannot pass ${s.now} (the system's horizon, a timer due that cannot run, or a copy that the policy held past its deadline)`,
        );
      take(sys.Tick, t, t === next);
    }
  }
  if (failure) ended = 'failure';
  return {
    seed: o.seed,
    ended,
    steps: count,
    ticks,
    lost,
    sent,
    reached: goals.filter((_, k) => met[k]).map((g) => g.name),
    ...(failure ? { failure } : {}),
    ...(o.trace ? { trace: { init, steps } } : {}),
    end: s,
  };
}
// #endregion drive
