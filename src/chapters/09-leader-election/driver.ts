/**
 * The library's seeded discrete-event driver ({@link drive} in
 * `src/lib/drive.ts`) set up for the timed system: each copy of a message
 * gets a delay when it is sent (from a delay policy and a seeded random
 * generator), and the driver takes, at each moment, the system's own steps
 * in time order: deliveries that are due, then timers that are due, then a
 * tick. So a driven run is a run of the machine, checked on every step
 * like any other, and long runs cost no search. Here the run starts from
 * first timers drawn from the run's generator, and it records when the
 * first leader led, when every agent knew the outcome, and the rounds.
 *
 * @module
 */
import type { Draw, Envelope, Invariant, Reachable, Trace } from '../../index';
import { drawer, drive as driveSystem } from '../../index';
import type { TimedConfig } from './config';
import type { ElectionMsg, ElectionState, TimedRules } from './system';
import { decided, leading, paxosWithElection, rules } from './system';

export type { Draw } from '../../index';
export { drawer } from '../../index';

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

/** The order in which the driver draws delays and breaks ties: by message, then receiver, then time sent. */
const orderKey = (e: Envelope<ElectionMsg>) => `${e.msg.key}>${e.to[0]}@${e.sent}`;

/**
 * Drive one run of the timed system with the library's driver: the first
 * timers are drawn first (unless the configuration fixes them), and the
 * run stops once every agent has been told the outcome.
 *
 * @param o - the configuration, the rules, the seed, the delays, and what to check
 * @returns the run: when the first leader led and when the outcome was known, and its counts
 */
export function drive(o: DriveOptions): Drive {
  const draw = drawer(o.seed);
  const firstTimers =
    o.config.firstTimers?.[0] ??
    Array.from({ length: o.config.paxos.leaders }, () => draw(0, o.config.timeout));
  const c: TimedConfig = { ...o.config, firstTimers: [firstTimers] };
  const m = paxosWithElection(c, o.rules ?? rules);
  const delay = o.delay ?? uniformDelays;
  const init = [...m.init()][0]!;
  let rounds = 0;
  let mostLeaders = 0;
  let leaderAt: number | undefined;
  let decidedAt: number | undefined;
  o.visit?.(m.key(init));
  const d = driveSystem(m, {
    seed: o.seed,
    draw,
    horizon: c.horizon,
    init,
    delay: (e, s, dr) => delay(c, e, s, dr),
    order: orderKey,
    ...(o.stopWhenDecided !== false ? { until: () => decidedAt !== undefined } : {}),
    ...(o.invariants ? { invariants: o.invariants } : {}),
    ...(o.goals ? { goals: o.goals } : {}),
    ...(o.trace ? { trace: true } : {}),
    onStep: ({ label, to }) => {
      o.visit?.(m.key(to));
      if (m.Lead.is(label) || m.NewRound.is(label)) {
        rounds++;
        leaderAt ??= to.now;
      }
      mostLeaders = Math.max(mostLeaders, leading(to).length);
      if (decidedAt === undefined && decided(to)) decidedAt = to.now;
    },
  });
  return {
    seed: o.seed,
    firstTimers,
    ...(leaderAt !== undefined ? { leaderAt } : {}),
    ...(decidedAt !== undefined ? { decidedAt } : {}),
    steps: d.steps,
    ticks: d.ticks,
    lost: d.lost,
    rounds,
    mostLeaders,
    reached: d.reached,
    ...(d.failure ? { failure: d.failure } : {}),
    ...(d.trace ? { trace: d.trace } : {}),
    end: d.end,
  };
}
