/**
 * A run of the lease system against real time, as a timeline: one column
 * per tick, one lane per process with its clock's reading (real time plus
 * its offset), the leases the home granted (until its own clock passes t),
 * the span each client holds a lease (until its own clock reads t − ε) and
 * the margin after it, the steps that matter as marks, writes and grants as
 * arrows, and a red band wherever two clients may touch the resource at
 * once. Everything is read off the run's states.
 *
 * @module
 */
import type { Envelope, Label, Trace } from '../../index';
import { canonical, nil, show } from '../../index';
import type {
  TimelineArrow,
  TimelineInterval,
  TimelineLane,
  TimelineLegendEntry,
  TimelineMark,
  TimelineSpec,
} from '../chapter';
import { masters } from './abstraction';
import type { Lease, LeaseMsg, LeaseState, LeaseSystem } from './system';
import { clientName, HOME } from './system';
import {
  bandsOf,
  clockOf,
  downOf,
  faultMarks,
  layoutOf,
  passes as passesAt,
  sentAt as sentAtIn,
  spans,
  timelineMaker,
} from './timelineParts';

const sameLease = (a: Lease, b: Lease) => a.n === b.n && a.t === b.t && a.mode === b.mode;

/**
 * The run as a timeline: a lane for the home and one for each client.
 *
 * @param sys - the lease system that made the run
 * @param trace - the run
 * @param title - the timeline's title (default: the system's name)
 * @returns the timeline, for the site's `timelineSvg`
 * @example
 * ```ts
 * const sys = leaseSystem(config, noMargin.rules);
 * const t = leaseTimeline(sys, checkRefinesLease(config, noMargin, { seed: 1 }).counterexample!.trace);
 * t.bands; // [{ label: 'two masters (p1, p2)', ... }]
 * ```
 */
export function leaseTimeline(
  sys: LeaseSystem,
  trace: Trace<LeaseState>,
  title?: string,
): TimelineSpec {
  const lay = layoutOf(sys, trace);
  const { states, at, end } = lay;
  /** Where the first state from index i on in which p's clock reads more than t begins, if any. */
  const passes = (i: number, p: number, t: number) => passesAt(lay, i, p, t);
  const margin = sys.rules.margin(sys.config);
  const clients = sys.ids.clients;
  const name = (p: number) => sys.names[p]!;
  const leaseRuns = (held: (s: LeaseState) => Lease | undefined) =>
    spans(states, held, sameLease).map((r) => ({ lease: r.value, from: r.from, to: r.to }));

  // The home: each lease it granted, from the grant until its own clock passes t.
  const homeIntervals: TimelineInterval[] = clients.flatMap((_, i) =>
    leaseRuns((s) => {
      const l = s.home[0]!.leases[i];
      return l === nil || l === undefined ? undefined : l;
    }).map((r): TimelineInterval => {
      const expires = passes(r.from, HOME, r.lease.t);
      const stop = r.to < states.length ? at[r.to]! : end;
      const to = Math.min(stop, expires ?? end);
      return {
        from: at[r.from]!,
        to,
        label: `${clientName(i)} ${r.lease.mode}, t=${r.lease.t}`,
        style: 'outline',
        group: clientName(i),
        ...(expires === undefined && r.to === states.length ? { open: true } : {}),
      };
    }),
  );

  // Each client: the span it holds a lease (up), then its margin if the lease ran out.
  const clientIntervals = (i: number): TimelineInterval[] => {
    const p = clients[i]!;
    return leaseRuns((s) => {
      const l = s.clients[i]!.lease;
      return s.up[p] && l !== nil ? l : undefined;
    }).flatMap((r) => {
      const { mode, t } = r.lease;
      const group = clientName(i);
      const ended = r.to < states.length;
      const held: TimelineInterval = {
        from: at[r.from]!,
        to: ended ? at[r.to]! : end,
        label: `${mode}, t=${t}, use until ${t - margin}`,
        style: 'solid',
        group,
        ...(ended ? {} : { open: true }),
      };
      if (!ended || margin === 0 || !sys.Expire.is(trace.steps[r.to - 1]!.label)) return [held];
      const over = passes(r.to, p, t);
      return [
        held,
        {
          from: at[r.to]!,
          to: over ?? end,
          label: `ε: ${t - margin} to ${t}`,
          style: 'light',
          group,
          ...(over === undefined ? { open: true } : {}),
        },
      ];
    });
  };

  // The steps that matter, as marks on the lane of the process they happen at.
  const marks = faultMarks(sys, lay, trace);
  const mark = (p: number, m: TimelineMark) => marks.get(p)!.push(m);
  const arrows: TimelineArrow[] = [];
  const key = (e: Envelope<LeaseMsg>) => canonical([e.from, e.to, e.msg]);
  const copies = (s: LeaseState, k: string) => s.net.filter((e) => key(e) === k).length;
  /** Where the message of an envelope was last sent before state i. */
  const sentAt = (e: Envelope<LeaseMsg>, i: number) => sentAtIn(lay, e, i);
  for (const [k, step] of trace.steps.entries()) {
    const i = k + 1;
    const x = at[i]!;
    const l: Label = step.label;
    if (sys.Deliver.is(l)) {
      const d = l.param;
      const m = d.env.msg;
      const from = d.env.from;
      if (d.to === HOME) {
        const h0 = step.from.home[0]!;
        const h1 = step.to.home[0]!;
        // What the home sent in this step: the envelopes of which there are more copies now.
        const fresh = step.to.net.filter(
          (e) => e.from === HOME && copies(step.to, key(e)) > copies(step.from, key(e)),
        );
        if (m.k === 'write') {
          const what = m.part === 'all' ? m.v : `${m.part} := ${m.v}`;
          mark(HOME, {
            at: x,
            label: canonical(h0) === canonical(h1) ? `${what} again` : `${what} lands`,
            kind: 'event',
          });
          const s = sentAt(d.env, i);
          if (s !== undefined)
            arrows.push({ fromLane: name(from), from: s, toLane: 'home', to: x });
        } else if (m.k === 'req') {
          const revoked = fresh.filter((e) => e.msg.k === 'revoke').map((e) => name(e.to[0]!));
          if (fresh.some((e) => e.msg.k === 'deny'))
            mark(HOME, {
              at: x,
              label: `deny ${name(from)}${revoked.length ? `, revoke ${revoked.join(', ')}` : ''}`,
              kind: 'event',
            });
        } else if (m.k === 'rel')
          mark(HOME, { at: x, label: `release from ${name(from)}`, kind: 'event' });
        continue;
      }
      const i0 = clients.indexOf(d.to);
      const c0 = step.from.clients[i0]!;
      const c1 = step.to.clients[i0]!;
      if (m.k === 'grant' && c1.lease !== nil && canonical(c0.lease) !== canonical(c1.lease)) {
        const s = sentAt(d.env, i);
        if (s !== undefined) arrows.push({ fromLane: 'home', from: s, toLane: name(d.to), to: x });
      } else if (m.k === 'revoke' && c1.revoked && !c0.revoked)
        mark(d.to, { at: x, label: 'revoked', kind: 'event' });
      else if (m.k === 'deny' && c0.req !== nil && c1.req === nil)
        mark(d.to, { at: x, label: 'denied', kind: 'event' });
      else if (m.k === 'ack' && canonical(c0) !== canonical(c1))
        mark(d.to, { at: x, label: 'ack', kind: 'event' });
      continue;
    }
    // Crashes, recoveries, drifts and losses: the fault marks already hold them.
    if (
      sys.Crash.is(l) ||
      sys.Recover.is(l) ||
      sys.Drift.is(l) ||
      sys.Lose.is(l) ||
      sys.Duplicate.is(l)
    )
      continue;
    const p = sys.actor(l);
    if (p === undefined) continue;
    if (sys.Ask.is(l))
      mark(p, {
        at: x,
        label: `${step.from.clients[clients.indexOf(p)]!.lease === nil ? 'ask' : 'renew'} ${l.param.arg}`,
        kind: 'event',
      });
    else if (sys.Write.is(l)) mark(p, { at: x, label: `write ${l.param.arg}`, kind: 'external' });
    else if (sys.Read.is(l)) mark(p, { at: x, label: `read → ${show(l.ret)}`, kind: 'external' });
    else if (sys.Release.is(l)) mark(p, { at: x, label: 'release', kind: 'event' });
    else if (sys.Retry.is(l)) mark(p, { at: x, label: 'ask again', kind: 'event' });
    else if (sys.Rewrite.is(l)) mark(p, { at: x, label: 'write again', kind: 'event' });
    else if (sys.Continue.is(l)) mark(p, { at: x, label: 'next write', kind: 'event' });
  }

  // Writes and grants still on their way when the run stops.
  const last = states.at(-1)!;
  for (const e of last.net) {
    const to = e.to[0]!;
    if (
      !(e.msg.k === 'write' || e.msg.k === 'grant') ||
      last.net.indexOf(e) !== last.net.findIndex((f) => key(f) === key(e))
    )
      continue;
    const s = sentAt(e, states.length);
    if (s !== undefined)
      arrows.push({ fromLane: name(e.from), from: s, toLane: name(to), to: end, open: true });
  }

  // Two clients that may touch the resource at once, or one beside a reader, across the lanes.
  const bands = bandsOf(lay, (s) => {
    const ms = masters(sys, s);
    const readers = s.clients.flatMap((c, q) =>
      s.up[clients[q]!] && c.lease !== nil && c.lease.mode === 'r' ? [clientName(q)] : [],
    );
    return ms.length >= 2
      ? `two masters (${ms.join(', ')})`
      : ms.length === 1 && readers.length > 0
        ? `a master (${ms[0]}) beside ${readers.length === 1 ? 'a reader' : 'readers'} (${readers.join(', ')})`
        : undefined;
  });

  const lanes: TimelineLane[] = sys.names.map((laneName, p) => ({
    name: laneName,
    clock: clockOf(lay, p),
    intervals:
      p === HOME ? homeIntervals : [...clientIntervals(clients.indexOf(p)), ...downOf(lay, p)],
    // In time order: the fault marks came first.
    marks: [...marks.get(p)!].sort((a, b) => a.at - b.at),
  }));
  const styles = new Set(lanes.flatMap((l) => l.intervals.map((iv) => iv.style)));
  const legend: TimelineLegendEntry[] = [
    {
      swatch: 'clock',
      label: "each process's clock: real time + its offset, within ±b of real time",
    },
    {
      swatch: 'outline',
      label: "a lease at the home: from its grant until the home's clock passes t",
    },
    {
      swatch: 'solid',
      label:
        margin > 0
          ? `a client holds it and may use it: until its own clock reads t − ε (ε = ${margin})`
          : 'a client holds it and may use it: until its own clock reads t (no margin)',
    },
    { swatch: 'light', label: 'its margin: t − ε to t on its own clock' },
    { swatch: 'down', label: 'the process is down' },
  ].filter((e) => e.swatch === 'clock' || styles.has(e.swatch as 'solid')) as TimelineLegendEntry[];
  if (bands.length)
    legend.push({
      swatch: 'band',
      label: 'two clients may use the resource at once, and one of them may write',
    });
  return { title: title ?? sys.name, end, lanes, arrows, bands, legend };
}

/**
 * A timeline of a run for the chapter's `timelines`, named `11-timeline-<name>`
 * (`no-margin` gives `11-timeline-no-margin`); the run is made when the timeline is.
 */
export const timelineOfRun = timelineMaker('11', leaseTimeline);
