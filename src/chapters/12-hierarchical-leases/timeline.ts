/**
 * A run of the hierarchical lease system against real time, as a
 * timeline: one column per tick, one lane per process with its clock's
 * reading. On the oracle's lane, each term consensus decided, until its
 * czar's clock passes t; on a candidate's, the term it counts as its own
 * (until its clock reaches t) and the sub-leases it granted (until its
 * clock passes s); on a master's, the span it may use its sub-lease (until
 * its own clock reads s − ε) and the margin after it. Proposals, grants
 * and writes are arrows, and a red band marks wherever two masters may
 * touch a resource at once, or a master uses a sub-lease past its czar's
 * decided lease. Everything is read off the run's states; the parts any
 * timed run has come from `timelineParts`.
 *
 * @module
 */
import type { Delivery, Label, Trace } from '../../index';
import { canonical, nil, show } from '../../index';
import { clientName } from '../11-leases/system';
import type { Layout } from '../11-leases/timelineParts';
import {
  bandsOf,
  clockAt,
  clockOf,
  downOf,
  faultMarks,
  layoutOf,
  passes,
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
import { decidedLease, masters, uses } from './abstraction';
import type { HierMsg, HierState, HierSystem, Term } from './system';
import { CONS, candidateName, resourceName } from './system';

/** The same lease: the same request, expiry and term. */
const sameLease = (a: { n: number; t: number }, b: { n: number; t: number }) =>
  a.n === b.n && a.t === b.t;

/** The oracle's lane: each decided term, from its decision until its czar's clock passes t. */
function termIntervals(sys: HierSystem, l: Layout<HierState>): TimelineInterval[] {
  const last = l.states.at(-1)!.cons[0]!.log;
  return last.flatMap((term: Term, k) => {
    const i = l.states.findIndex((s) => s.cons[0]!.log.length > k);
    if (i < 0) return [];
    const czar = sys.ids.candidates[term.czar]!;
    const over = passes(l, i, czar, term.t);
    return [
      {
        from: l.at[i]!,
        to: over ?? l.end,
        label: `#${k} ${candidateName(term.czar)}, t=${term.t}`,
        style: 'outline',
        group: candidateName(term.czar),
        ...(over === undefined ? { open: true } : {}),
      },
    ];
  });
}

/** A candidate's lane: the term it counts as its own, and the sub-leases it granted. */
function candidateIntervals(sys: HierSystem, l: Layout<HierState>, j: number): TimelineInterval[] {
  const p = sys.ids.candidates[j]!;
  const own = spans(
    l.states,
    (s) => {
      const m = s.candidates[j]!.mine;
      return s.up[p] && m !== nil && clockAt(s, p) < m.t ? m : undefined;
    },
    (a, b) => a.k === b.k && a.t === b.t,
  ).map(
    (r): TimelineInterval => ({
      from: l.at[r.from]!,
      to: r.to < l.states.length ? l.at[r.to]! : l.end,
      label: `czar #${r.value.k}, t=${r.value.t}`,
      style: 'solid',
      group: candidateName(j),
      ...(r.to < l.states.length ? {} : { open: true }),
    }),
  );
  const granted = sys.ids.masters.flatMap((_q, i) =>
    Array.from({ length: sys.config.resources }, (_r, r) => r).flatMap((r) =>
      spans(
        l.states,
        (s) => {
          const g = s.candidates[j]!.subs[r]![i];
          return g === nil || g === undefined ? undefined : g;
        },
        sameLease,
      ).map((run): TimelineInterval => {
        const over = passes(l, run.from, p, run.value.t);
        const stop = run.to < l.states.length ? l.at[run.to]! : l.end;
        return {
          from: l.at[run.from]!,
          to: Math.min(stop, over ?? l.end),
          label: `${clientName(i)} ${resourceName(r)}, s=${run.value.t}`,
          style: 'outline',
          group: clientName(i),
          ...(over === undefined && run.to === l.states.length ? { open: true } : {}),
        };
      }),
    ),
  );
  return [...own, ...granted, ...downOf(l, p)];
}

/** A master's lane: each sub-lease it holds (up), then its margin if it ran out. */
function masterIntervals(
  sys: HierSystem,
  l: Layout<HierState>,
  t: Trace<HierState>,
  i: number,
): TimelineInterval[] {
  const p = sys.ids.masters[i]!;
  const margin = sys.rules.margin(sys.config);
  const held = Array.from({ length: sys.config.resources }, (_r, r) => r).flatMap((r) =>
    spans(
      l.states,
      (s) => {
        const sub = s.masters[i]!.holds[r]!.sub;
        return s.up[p] && sub !== nil ? sub : undefined;
      },
      sameLease,
    ).flatMap((run) => {
      const group = clientName(i);
      const ended = run.to < l.states.length;
      const use: TimelineInterval = {
        from: l.at[run.from]!,
        to: ended ? l.at[run.to]! : l.end,
        label: `${resourceName(r)} from ${candidateName(run.value.c)}, s=${run.value.t}, use until ${run.value.t - margin}`,
        style: 'solid',
        group,
        ...(ended ? {} : { open: true }),
      };
      if (!ended || margin === 0 || !sys.Expire.is(t.steps[run.to - 1]!.label)) return [use];
      const over = passes(l, run.to, p, run.value.t);
      return [
        use,
        {
          from: l.at[run.to]!,
          to: over ?? l.end,
          label: `ε: ${run.value.t - margin} to ${run.value.t}`,
          style: 'light' as const,
          group,
          ...(over === undefined ? { open: true } : {}),
        },
      ];
    }),
  );
  return [...held, ...downOf(l, p)];
}

/** The steps that matter, as marks and arrows. */
function stepsOf(
  sys: HierSystem,
  l: Layout<HierState>,
  t: Trace<HierState>,
): { marks: Map<number, TimelineMark[]>; arrows: TimelineArrow[] } {
  const marks = faultMarks(sys, l, t);
  const mark = (p: number, m: TimelineMark) => marks.get(p)!.push(m);
  const arrows: TimelineArrow[] = [];
  const name = (p: number) => sys.names[p]!;
  const arrow = (from: number, to: number, i: number, env: Delivery<HierMsg>['env']) => {
    const s = sentAt(l, env, i);
    if (s !== undefined)
      arrows.push({ fromLane: name(from), from: s, toLane: name(to), to: l.at[i]! });
  };
  for (const [k, step] of t.steps.entries()) {
    const i = k + 1;
    const x = l.at[i]!;
    const lb: Label = step.label;
    if (sys.Deliver.is(lb)) {
      const d = lb.param;
      const m = d.env.msg;
      if (d.to === CONS) {
        if (
          m.k === 'propose' &&
          step.to.cons[0]!.allowed.length > step.from.cons[0]!.allowed.length
        ) {
          mark(CONS, {
            at: x,
            label: `allow ${name(d.env.from)}${m.since < m.i ? ' (renew)' : ''}`,
            kind: 'event',
          });
          arrow(d.env.from, CONS, i, d.env);
        } else if (m.k === 'write') {
          mark(CONS, { at: x, label: `${resourceName(m.r)} := ${m.v}`, kind: 'event' });
          arrow(d.env.from, CONS, i, d.env);
        }
        continue;
      }
      const mi = sys.ids.masters.indexOf(d.to);
      if (mi >= 0) {
        const h0 = step.from.masters[mi]!;
        const h1 = step.to.masters[mi]!;
        if (m.k === 'grant' && canonical(h0.holds) !== canonical(h1.holds))
          arrow(d.env.from, d.to, i, d.env);
        else if (m.k === 'deny' && h0.holds[m.r]!.req !== nil && h1.holds[m.r]!.req === nil)
          mark(d.to, { at: x, label: 'denied', kind: 'event' });
        else if (m.k === 'revoke' && h1.holds[m.r]!.revoked && !h0.holds[m.r]!.revoked)
          mark(d.to, { at: x, label: 'revoked', kind: 'event' });
      }
      continue;
    }
    if (sys.Agree.is(lb)) {
      const k2 = step.from.cons[0]!.log.length;
      mark(CONS, {
        at: x,
        label: `decide #${k2} = ${candidateName(lb.param.arg.czar)}`,
        kind: 'event',
      });
      continue;
    }
    const p = sys.actor(lb);
    if (p === undefined) continue;
    if (sys.Propose.is(lb)) mark(p, { at: x, label: 'propose', kind: 'event' });
    else if (sys.Renew.is(lb)) mark(p, { at: x, label: 'renew', kind: 'event' });
    else if (sys.Ask.is(lb)) {
      const mi = sys.ids.masters.indexOf(p);
      const had = step.from.masters[mi]!.holds[lb.param.arg]!.sub !== nil;
      mark(p, {
        at: x,
        label: `${had ? 'renew' : 'ask'} ${resourceName(lb.param.arg)}`,
        kind: 'event',
      });
    } else if (sys.Write.is(lb))
      mark(p, { at: x, label: `write ${lb.param.arg.v}`, kind: 'external' });
    else if (sys.Read.is(lb)) mark(p, { at: x, label: `read → ${show(lb.ret)}`, kind: 'external' });
    else if (sys.Release.is(lb)) mark(p, { at: x, label: 'release', kind: 'event' });
  }
  // Grants and writes still on their way when the run stops.
  const last = l.states.at(-1)!;
  const seen = new Set<string>();
  for (const e of last.net) {
    const key = canonical([e.from, e.to, e.msg]);
    if (!(e.msg.k === 'grant' || e.msg.k === 'write') || seen.has(key)) continue;
    seen.add(key);
    const s = sentAt(l, e, l.states.length);
    if (s !== undefined)
      arrows.push({
        fromLane: name(e.from),
        from: s,
        toLane: name(e.to[0]!),
        to: l.end,
        open: true,
      });
  }
  return { marks, arrows };
}

/** What is wrong in a state, if anything: two masters on a resource, or a sub-lease past its czar's lease. */
function wrong(sys: HierSystem, s: HierState): string | undefined {
  for (let r = 0; r < sys.config.resources; r++) {
    const ms = masters(sys, s, r);
    if (ms.length >= 2) return `two masters (${ms.join(', ')}) on ${resourceName(r)}`;
  }
  for (const [i, m] of s.masters.entries())
    for (const [r, h] of m.holds.entries()) {
      if (h.sub === nil || !uses(sys, s, i, r)) continue;
      const lease = decidedLease(s, h.sub.c);
      if (lease === undefined || clockAt(s, sys.ids.candidates[h.sub.c]!) >= lease)
        return `${clientName(i)} uses a sub-lease past ${candidateName(h.sub.c)}’s lease`;
    }
  return undefined;
}

/**
 * The run as a timeline: a lane for the oracle, one for each candidate,
 * and one for each master.
 *
 * @param sys - the system that made the run
 * @param trace - the run
 * @param title - the timeline's title (default: the system's name)
 * @returns the timeline, for the site's `timelineSvg`
 * @example
 * ```ts
 * const { machine, trace } = raceRun();
 * hierTimeline(machine, trace).bands; // [..., { label: 'two masters (p1, p2) on x0', ... }]
 * ```
 */
export function hierTimeline(
  sys: HierSystem,
  trace: Trace<HierState>,
  title?: string,
): TimelineSpec {
  const l = layoutOf(sys, trace);
  const { marks, arrows } = stepsOf(sys, l, trace);
  const lanes: TimelineLane[] = sys.names.map((laneName, p) => {
    const j = sys.ids.candidates.indexOf(p);
    const i = sys.ids.masters.indexOf(p);
    return {
      name: laneName,
      clock: clockOf(l, p),
      intervals:
        p === CONS
          ? termIntervals(sys, l)
          : j >= 0
            ? candidateIntervals(sys, l, j)
            : masterIntervals(sys, l, trace, i),
      marks: marks.get(p)!,
    };
  });
  const bands = bandsOf(l, (s) => wrong(sys, s));
  const margin = sys.rules.margin(sys.config);
  const styles = new Set(lanes.flatMap((ln) => ln.intervals.map((iv) => iv.style)));
  const legend: TimelineLegendEntry[] = [
    {
      swatch: 'clock' as const,
      label: "each process's clock: real time + its offset, within ±b of real time",
    },
    {
      swatch: 'outline' as const,
      label: "on cons, a term as decided, until its czar's clock passes t",
    },
    {
      swatch: 'outline' as const,
      label: "on a czar, a sub-lease it granted, until the czar's clock passes s",
    },
    {
      swatch: 'solid' as const,
      label: 'on a candidate, the term it counts as its own, until its clock reads t',
    },
    {
      swatch: 'solid' as const,
      label: `on a master, its sub-lease, until its own clock reads s − ε (ε = ${margin})`,
    },
    { swatch: 'light' as const, label: "a sub-lease's margin: s − ε to s on the master's clock" },
    { swatch: 'down' as const, label: 'the process is down' },
  ].filter((e) => e.swatch === 'clock' || styles.has(e.swatch));
  if (bands.length)
    legend.push({
      swatch: 'band',
      label:
        'two masters may touch a resource, or a master uses a sub-lease no decided lease covers',
    });
  return { title: title ?? sys.name, end: l.end, lanes, arrows, bands, legend };
}

/**
 * A timeline of a run for the chapter's `timelines`, named `12-timeline-<name>`
 * (`demo` gives `12-timeline-demo`); the run is made when the timeline is.
 */
export const timelineOfRun = timelineMaker('12', hierTimeline);
