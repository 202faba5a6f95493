/**
 * A run of the highly available system against real time, as a timeline:
 * one column per tick, a lane per leader with its clock's reading, and a
 * lane per client that calls. On a leader's lane, each round it starts
 * (from its query on), the wait until its clock passes the old lease's
 * t + ε, and the span in which it holds a lease and may read from its
 * copy (from when it sees the lease decided until its own clock reads t);
 * the entries it sees decided, the reads it serves and when it goes to
 * work are marks. On a client's lane, each call from its call to its
 * return. Requests a primary acts on and replies a client accepts are
 * arrows, and a red band marks wherever a later primary works while an
 * earlier one's lease holds. An agent gets a lane only if a fault touches
 * it. The parts any timed run has come from chapter 11's `timelineParts`.
 *
 * @module
 */
import type { Label, Trace } from '../../index';
import { nil, show } from '../../index';
import { showInput } from '../01-replicated-state-machines/storage';
import { roundName } from '../10-multi-paxos/system';
import type { Layout } from '../11-leases/timelineParts';
import {
  bandsOf,
  clockAt,
  clockOf,
  downOf,
  faultMarks,
  layoutOf,
  sentAt,
  spans,
  timelineMaker,
} from '../11-leases/timelineParts';
import type {
  TimelineArrow,
  TimelineInterval,
  TimelineLane,
  TimelineLegendEntry,
  TimelineMark,
  TimelineSpec,
} from '../chapter';
import { overlaps } from './abstraction';
import { clientName, inputOf, leaderName, showEntry } from './service';
import type { HaState, HaSystem } from './system';

/** An interval from state `from` to the state before `to`, open if the run ends in it. */
function interval(
  l: Layout<HaState>,
  r: { readonly from: number; readonly to: number },
  label: string,
  style: TimelineInterval['style'],
  group?: string,
): TimelineInterval {
  const ended = r.to < l.states.length;
  return {
    from: l.at[r.from]!,
    to: ended ? l.at[r.to]! : l.end,
    label,
    style,
    ...(group ? { group } : {}),
    ...(ended ? {} : { open: true }),
  };
}

/** Leader k's lane: its rounds, its waits, its leases in use, and when it is down. */
function leaderIntervals(sys: HaSystem, l: Layout<HaState>, k: number): TimelineInterval[] {
  const p = sys.ids.leaders[k]!;
  const up = (s: HaState) => s.up[p] === true;
  const round = spans(
    l.states,
    (s) => (up(s) && s.leaders[k]!.n !== nil ? (s.leaders[k]!.n as number) : undefined),
    (a, b) => a === b,
  ).map((r) => interval(l, r, `round ${roundName(sys.paxos, r.value)}`, 'outline'));
  const wait = spans(
    l.states,
    (s) => {
      const ls = s.leaders[k]!;
      return up(s) && ls.phase === 'primary' && !ls.working && ls.wait !== nil
        ? (ls.wait as number)
        : undefined;
    },
    (a, b) => a === b,
  ).map((r) => interval(l, r, `waits: clock > ${r.value}`, 'light'));
  const lease = spans(
    l.states,
    (s) => {
      const ls = s.leaders[k]!;
      return up(s) && ls.working && ls.lease !== nil && clockAt(s, p) < ls.lease
        ? (ls.lease as number)
        : undefined;
    },
    (a, b) => a === b,
  ).map((r) => interval(l, r, `lease, t = ${r.value}`, 'solid', leaderName(k)));
  return [...round, ...wait, ...lease, ...downOf(l, p)];
}

/** Client i's lane: each call, from its call to its return. */
function clientIntervals(sys: HaSystem, l: Layout<HaState>, i: number): TimelineInterval[] {
  const c = sys.config;
  return spans(
    l.states,
    (s) => {
      const cl = s.clients[i]!;
      return cl.phase === 'idle' ? undefined : cl.seq;
    },
    (a, b) => a === b,
  ).map((r) => {
    const out = l.states[r.to - 1]!.clients[i]!;
    const what = showInput(inputOf(c, i, r.value));
    const label = out.phase === 'done' ? `${what} → ${show(out.out)}` : what;
    return interval(l, r, label, 'outline', clientName(i));
  });
}

/** The steps that matter, as marks and arrows. */
function stepsOf(
  sys: HaSystem,
  l: Layout<HaState>,
  t: Trace<HaState>,
): { marks: Map<number, TimelineMark[]>; arrows: TimelineArrow[] } {
  const c = sys.config;
  const marks = faultMarks(sys, l, t);
  const mark = (p: number, m: TimelineMark) => marks.get(p)!.push(m);
  const arrows: TimelineArrow[] = [];
  const name = (p: number) => sys.names[p]!;
  for (const [j, step] of t.steps.entries()) {
    const i = j + 1;
    const x = l.at[i]!;
    const lb: Label = step.label;
    // Which leader went to work, what each saw decided, and the reads served, in this step.
    step.to.leaders.forEach((ls, k) => {
      const before = step.from.leaders[k]!;
      const p = sys.ids.leaders[k]!;
      if (ls.working && !before.working) mark(p, { at: x, label: 'go', kind: 'event' });
      if (ls.decided.length === before.decided.length + 1 && ls.n === before.n)
        mark(p, { at: x, label: `decided ${showEntry(c, ls.decided.at(-1)!)}`, kind: 'event' });
    });
    for (const e of step.to.net) {
      if (e.msg.k !== 'reply' || step.from.net.includes(e)) continue;
      if (inputOf(c, e.msg.c, e.msg.seq).op === 'Read')
        mark(e.from, { at: x, label: `read → ${show(e.msg.out)}`, kind: 'event' });
    }
    if (sys.Deliver.is(lb)) {
      const { to, env } = lb.param;
      const m = env.msg;
      const k = sys.ids.leaders.indexOf(to);
      const replied = step.to.net.some((e) => e.msg.k === 'reply' && !step.from.net.includes(e));
      const acted =
        m.k === 'request'
          ? k >= 0 && (replied || step.to.leaders[k] !== step.from.leaders[k])
          : m.k === 'reply' &&
            step.to.clients[m.c]!.phase === 'done' &&
            step.from.clients[m.c]!.phase === 'waiting';
      const s = acted ? sentAt(l, env, i) : undefined;
      if (s !== undefined)
        arrows.push({ fromLane: name(env.from), from: s, toLane: name(to), to: x });
      continue;
    }
    const p = sys.actor(lb);
    if (p === undefined) continue;
    if (sys.NewRound.is(lb)) mark(p, { at: x, label: 'new round: query', kind: 'event' });
    else if (sys.Renew.is(lb)) mark(p, { at: x, label: 'renew', kind: 'event' });
    else if (sys.Retry.is(lb)) mark(p, { at: x, label: 'send again', kind: 'event' });
  }
  return { marks, arrows };
}

/**
 * The run as a timeline: a lane for each leader, each client that calls,
 * and each agent that a fault touches.
 *
 * @param sys - the system that made the run
 * @param trace - the run
 * @param title - the timeline's title (default: the system's name)
 * @returns the timeline, for the site's `timelineSvg`
 * @example
 * ```ts
 * const { machine, trace } = demoRun();
 * haTimeline(machine, trace).lanes.map((l) => l.name); // ['l1', 'l2', 'c1', 'c2']
 * ```
 */
export function haTimeline(sys: HaSystem, trace: Trace<HaState>, title?: string): TimelineSpec {
  const l = layoutOf(sys, trace);
  const { marks, arrows } = stepsOf(sys, l, trace);
  const agents = sys.ids.agents.filter(
    (p) => marks.get(p)!.length > 0 || l.states.some((s) => !s.up[p]),
  );
  const lanes: TimelineLane[] = [
    ...agents.map((p) => ({ name: sys.names[p]!, intervals: downOf(l, p), marks: marks.get(p)! })),
    ...sys.ids.leaders.map((p, k) => ({
      name: sys.names[p]!,
      clock: clockOf(l, p),
      intervals: leaderIntervals(sys, l, k),
      marks: marks.get(p)!,
    })),
    ...sys.ids.clients
      .map((p, i) => ({
        name: sys.names[p]!,
        intervals: clientIntervals(sys, l, i),
        marks: marks.get(p)!,
      }))
      .filter((ln) => ln.intervals.length + ln.marks.length > 0),
  ];
  const shown = new Set(lanes.map((ln) => ln.name));
  const bands = bandsOf(l, (s) => {
    const o = overlaps(sys, s)[0];
    return o ? `${leaderName(o[1])} works while ${leaderName(o[0])}’s lease holds` : undefined;
  });
  const styles = new Set(lanes.flatMap((ln) => ln.intervals.map((iv) => iv.style)));
  const legend: TimelineLegendEntry[] = [
    {
      swatch: 'clock' as const,
      label: "each leader's clock: real time + its offset, within ±b of real time",
    },
    { swatch: 'outline' as const, label: 'on a leader, a round it started; on a client, a call' },
    {
      swatch: 'light' as const,
      label: `a new primary's wait, until its clock passes the old lease's t + ε (ε = ${sys.rules.margin(sys.config)})`,
    },
    {
      swatch: 'solid' as const,
      label: 'a lease in use: decided, until its holder’s clock reads t; reads come from its copy',
    },
    { swatch: 'down' as const, label: 'the process is down' },
  ].filter((e) => e.swatch === 'clock' || styles.has(e.swatch));
  if (bands.length)
    legend.push({
      swatch: 'band',
      label: "a later primary works while an earlier one's lease holds",
    });
  return {
    title: title ?? sys.name,
    end: l.end,
    lanes,
    arrows: arrows.filter((a) => shown.has(a.fromLane) && shown.has(a.toLane)),
    bands,
    legend,
  };
}

/**
 * A timeline of a run for the chapter's `timelines`, named `13-timeline-<name>`
 * (`demo` gives `13-timeline-demo`); the run is made when the timeline is.
 */
export const timelineOfRun = timelineMaker('13', haTimeline);
