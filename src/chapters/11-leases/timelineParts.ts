/**
 * The parts of a timeline that any timed actor system's run has, whatever
 * its leases are: where each state sits on the time axis, each process's
 * clock readings, when it is down, when a message was sent, the library's
 * faults as marks, the stretches of states in which something holds, and
 * bands merged from state to state, for any system. This chapter's
 * timeline and the hierarchical leases' are built on them.
 *
 * @module
 */
import type { ClockDrift, Envelope, Label, Trace } from '../../index';
import { canonical } from '../../index';
import type {
  NamedTimeline,
  TimelineBand,
  TimelineClock,
  TimelineInterval,
  TimelineMark,
  TimelineSpec,
} from '../chapter';

/** What a timed actor system's state has that a timeline reads. */
export interface TimedState {
  readonly now: number;
  readonly clocks: readonly number[];
  readonly up: readonly boolean[];
  readonly net: readonly Envelope<unknown>[];
}

/** A test of a step's label, as an action gives it. */
type Is<P> = { readonly is: (l: Pick<Label, 'action'>) => l is Label<P> };

/** What a timeline needs of a timed actor system with messages M, whatever its roles. */
export interface TimedSystem<M> {
  readonly names: readonly string[];
  readonly showMessage: (m: M) => string;
  readonly Tick: Is<number>;
  readonly Crash: Is<number>;
  readonly Recover: Is<number>;
  readonly Drift: Is<ClockDrift>;
  readonly Lose: Is<Envelope<M>>;
  readonly Duplicate: Is<Envelope<M>>;
}

/** A run laid out on the time axis: its states, where each begins, and where the axis ends. */
export interface Layout<S extends TimedState> {
  readonly states: readonly S[];
  /** Where state i begins. */
  readonly at: readonly number[];
  /** The axis's end: one tick past the last state's time. */
  readonly end: number;
  /** Where state i ends: where the next begins, or the end. */
  readonly until: (i: number) => number;
}

/**
 * A run on the time axis: a `Tick` to t starts column t; the other steps
 * of a column share it evenly, in order.
 *
 * @param sys - the system that made the run
 * @param t - the run
 * @returns its layout
 */
export function layoutOf<S extends TimedState>(
  sys: Pick<TimedSystem<unknown>, 'Tick'>,
  t: Trace<S>,
): Layout<S> {
  const count = new Map<number, number>();
  for (const s of t.steps)
    if (!sys.Tick.is(s.label)) count.set(s.from.now, (count.get(s.from.now) ?? 0) + 1);
  const used = new Map<number, number>();
  const at = [
    0,
    ...t.steps.map((s) => {
      if (sys.Tick.is(s.label)) return s.to.now;
      const k = s.from.now;
      const j = used.get(k) ?? 0;
      used.set(k, j + 1);
      return k + (j + 1) / (count.get(k)! + 1);
    }),
  ];
  const states = [t.init, ...t.steps.map((s) => s.to)];
  const end = states.at(-1)!.now + 1;
  return { states, at, end, until: (i) => (i + 1 < states.length ? at[i + 1]! : end) };
}

/** Process p's clock in s: real time plus its offset. */
export const clockAt = (s: TimedState, p: number) => s.now + s.clocks[p]!;

/**
 * Where the first state from index i on in which p's clock reads more
 * than t begins, if any.
 *
 * @param l - the layout
 * @param i - the first state to look at
 * @param p - the process
 * @param t - the reading
 * @returns the time, or undefined if the run ends first
 */
export function passes<S extends TimedState>(
  l: Layout<S>,
  i: number,
  p: number,
  t: number,
): number | undefined {
  for (let j = i; j < l.states.length; j++) if (clockAt(l.states[j]!, p) > t) return l.at[j]!;
  return undefined;
}

/**
 * Process p's clock readings, one stretch per reading.
 *
 * @param l - the layout
 * @param p - the process
 * @returns the readings, left to right
 */
export function clockOf<S extends TimedState>(l: Layout<S>, p: number): TimelineClock[] {
  const out: { from: number; to: number; reading: number }[] = [];
  l.states.forEach((s, i) => {
    const reading = clockAt(s, p);
    const last = out.at(-1);
    if (last && last.reading === reading) last.to = l.until(i);
    else out.push({ from: l.at[i]!, to: l.until(i), reading });
  });
  return out;
}

/**
 * The stretches in which process p is down, as dashed intervals.
 *
 * @param l - the layout
 * @param p - the process
 * @returns the intervals
 */
export function downOf<S extends TimedState>(l: Layout<S>, p: number): TimelineInterval[] {
  const out: TimelineInterval[] = [];
  let from: number | undefined;
  l.states.forEach((s, i) => {
    if (!s.up[p] && from === undefined) from = l.at[i]!;
    if (s.up[p] && from !== undefined) {
      out.push({ from, to: l.at[i]!, label: 'down', style: 'down' });
      from = undefined;
    }
  });
  if (from !== undefined) out.push({ from, to: l.end, label: 'down', style: 'down', open: true });
  return out;
}

/**
 * The stretches of states in which `held` gives the same value (by
 * `same`): each from the index of its first state to the index after its
 * last.
 *
 * @param states - the run's states
 * @param held - what is held in a state, or undefined
 * @param same - whether two values are the same holding
 * @returns the stretches, in order
 */
export function spans<S, V>(
  states: readonly S[],
  held: (s: S) => V | undefined,
  same: (a: V, b: V) => boolean,
): { readonly value: V; readonly from: number; readonly to: number }[] {
  const out: { value: V; from: number; to: number }[] = [];
  let cur: { value: V; from: number } | undefined;
  states.forEach((s, i) => {
    const v = held(s);
    if (cur && !(v !== undefined && same(v, cur.value))) {
      out.push({ ...cur, to: i });
      cur = undefined;
    }
    if (!cur && v !== undefined) cur = { value: v, from: i };
  });
  if (cur) out.push({ ...cur, to: states.length });
  return out;
}

const keyOf = (e: Envelope<unknown>) => canonical([e.from, e.to, e.msg]);
const copies = (s: TimedState, k: string) => s.net.filter((e) => keyOf(e) === k).length;

/**
 * Where the message of an envelope was last sent before state i: the
 * last state before i with more copies of it than the state before.
 *
 * @param l - the layout
 * @param e - the envelope
 * @param i - the state it is delivered from (or the number of states, for one still on its way)
 * @returns the time, or undefined if it was in flight from the start
 */
export function sentAt<S extends TimedState>(
  l: Layout<S>,
  e: Envelope<unknown>,
  i: number,
): number | undefined {
  const k = keyOf(e);
  for (let j = i - 1; j >= 1; j--)
    if (copies(l.states[j]!, k) > copies(l.states[j - 1]!, k)) return l.at[j]!;
  return undefined;
}

/**
 * The library's faults and recoveries in a run, as marks on the lane of
 * the process they happen to: a crash, a recovery, a clock's drift, a
 * message lost or duplicated.
 *
 * @param sys - the system
 * @param l - the layout
 * @param t - the run
 * @returns the marks, by process id
 */
export function faultMarks<S extends TimedState, M>(
  sys: TimedSystem<M>,
  l: Layout<S>,
  t: Trace<S>,
): Map<number, TimelineMark[]> {
  const marks = new Map<number, TimelineMark[]>(sys.names.map((_n, p) => [p, []]));
  const mark = (p: number, m: TimelineMark) => marks.get(p)!.push(m);
  for (const [k, step] of t.steps.entries()) {
    const x = l.at[k + 1]!;
    const lb = step.label;
    if (sys.Crash.is(lb)) mark(lb.param, { at: x, label: 'crash', kind: 'crash' });
    else if (sys.Recover.is(lb)) mark(lb.param, { at: x, label: 'recover', kind: 'recover' });
    else if (sys.Drift.is(lb)) {
      const { p, by } = lb.param;
      mark(p, { at: x, label: `drift ${by > 0 ? '+' : '−'}${Math.abs(by)}`, kind: 'fault' });
    } else if (sys.Lose.is(lb) || sys.Duplicate.is(lb)) {
      const e = lb.param;
      const what = sys.showMessage(e.msg);
      mark(e.to[0]!, {
        at: x,
        label: sys.Lose.is(lb) ? `lost ${what}` : `dup ${what}`,
        kind: 'fault',
      });
    }
  }
  return marks;
}

/**
 * Bands across the lanes, one per stretch of states with the same label:
 * `labelOf` names what is wrong in a state (undefined: nothing).
 *
 * @param l - the layout
 * @param labelOf - what is wrong in a state
 * @returns the bands
 */
export function bandsOf<S extends TimedState>(
  l: Layout<S>,
  labelOf: (s: S) => string | undefined,
): TimelineBand[] {
  const bands: TimelineBand[] = [];
  l.states.forEach((s, i) => {
    const label = labelOf(s);
    const last = bands.at(-1);
    if (label && last && last.label === label && last.to === l.at[i])
      bands[bands.length - 1] = { ...last, to: l.until(i) };
    else if (label) bands.push({ from: l.at[i]!, to: l.until(i), label });
  });
  return bands;
}

/**
 * A chapter's maker of named timelines: given how it draws a run, a
 * function from a short name, a title and a run to the timeline
 * `NN-timeline-<name>`, whose run is made when the timeline is.
 *
 * @param chapter - the chapter's id (`11`)
 * @param draw - how the chapter draws a run of its system
 * @returns the maker
 */
export function timelineMaker<Sys, S>(
  chapter: string,
  draw: (sys: Sys, trace: Trace<S>, title: string) => TimelineSpec,
) {
  return (
    name: string,
    title: string,
    run: () => { readonly machine: Sys; readonly trace: Trace<S> },
  ): NamedTimeline => ({
    name: `${chapter}-timeline-${name}`,
    title,
    make: () => {
      const { machine, trace } = run();
      return draw(machine, trace, title);
    },
  });
}
