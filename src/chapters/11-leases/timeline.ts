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
  NamedTimeline,
  TimelineArrow,
  TimelineBand,
  TimelineClock,
  TimelineInterval,
  TimelineLane,
  TimelineLegendEntry,
  TimelineMark,
  TimelineSpec,
} from '../chapter';
import { masters } from './abstraction';
import type { Lease, LeaseMsg, LeaseState, LeaseSystem } from './system';
import { clientName, HOME } from './system';

/**
 * Where each state of a run starts on the time axis: a `Tick` to t starts
 * column t; the other steps of a column share it evenly, in order.
 */
function positions(sys: LeaseSystem, t: Trace<LeaseState>): number[] {
  const count = new Map<number, number>();
  for (const s of t.steps)
    if (!sys.Tick.is(s.label)) count.set(s.from.now, (count.get(s.from.now) ?? 0) + 1);
  const used = new Map<number, number>();
  return [
    0,
    ...t.steps.map((s) => {
      if (sys.Tick.is(s.label)) return s.to.now;
      const k = s.from.now;
      const j = used.get(k) ?? 0;
      used.set(k, j + 1);
      return k + (j + 1) / (count.get(k)! + 1);
    }),
  ];
}

const sameLease = (a: Lease, b: Lease) => a.n === b.n && a.t === b.t && a.mode === b.mode;

/** The stretches of states where `held` gives the same lease: from the state's index to the one after it. */
function leaseRuns(
  states: readonly LeaseState[],
  held: (s: LeaseState) => Lease | undefined,
): { readonly lease: Lease; readonly from: number; readonly to: number }[] {
  const out: { lease: Lease; from: number; to: number }[] = [];
  let cur: { lease: Lease; from: number } | undefined;
  states.forEach((s, i) => {
    const l = held(s);
    if (cur && !(l && sameLease(l, cur.lease))) {
      out.push({ ...cur, to: i });
      cur = undefined;
    }
    if (!cur && l) cur = { lease: l, from: i };
  });
  if (cur) out.push({ ...cur, to: states.length });
  return out;
}

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
  const states = [trace.init, ...trace.steps.map((s) => s.to)];
  const at = positions(sys, trace);
  const end = states.at(-1)!.now + 1;
  /** Where state i ends: where the next begins, or the timeline's end. */
  const until = (i: number) => (i + 1 < states.length ? at[i + 1]! : end);
  const clock = (s: LeaseState, p: number) => s.now + s.clocks[p]!;
  /** Where the first state from index i on in which p's clock reads more than t begins, if any. */
  const passes = (i: number, p: number, t: number) => {
    for (let j = i; j < states.length; j++) if (clock(states[j]!, p) > t) return at[j]!;
    return undefined;
  };
  const margin = sys.rules.margin(sys.config);
  const clients = sys.ids.clients;
  const name = (p: number) => sys.names[p]!;

  const clockOf = (p: number): TimelineClock[] => {
    const out: { from: number; to: number; reading: number }[] = [];
    states.forEach((s, i) => {
      const reading = clock(s, p);
      const last = out.at(-1);
      if (last && last.reading === reading) last.to = until(i);
      else out.push({ from: at[i]!, to: until(i), reading });
    });
    return out;
  };

  const down = (p: number): TimelineInterval[] => {
    const out: TimelineInterval[] = [];
    let from: number | undefined;
    states.forEach((s, i) => {
      if (!s.up[p] && from === undefined) from = at[i]!;
      if (s.up[p] && from !== undefined) {
        out.push({ from, to: at[i]!, label: 'down', style: 'down' });
        from = undefined;
      }
    });
    if (from !== undefined) out.push({ from, to: end, label: 'down', style: 'down', open: true });
    return out;
  };

  // The home: each lease it granted, from the grant until its own clock passes t.
  const homeIntervals: TimelineInterval[] = clients.flatMap((_, i) =>
    leaseRuns(states, (s) => {
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
    return leaseRuns(states, (s) => {
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
  const marks = new Map<number, TimelineMark[]>(sys.names.map((_, p) => [p, []]));
  const mark = (p: number, m: TimelineMark) => marks.get(p)!.push(m);
  const arrows: TimelineArrow[] = [];
  const key = (e: Envelope<LeaseMsg>) => canonical([e.from, e.to, e.msg]);
  const copies = (s: LeaseState, k: string) => s.net.filter((e) => key(e) === k).length;
  /** Where the message of an envelope was last sent before state i. */
  const sentAt = (e: Envelope<LeaseMsg>, i: number) => {
    const k = key(e);
    for (let j = i - 1; j >= 1; j--)
      if (copies(states[j]!, k) > copies(states[j - 1]!, k)) return at[j]!;
    return undefined;
  };
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
    if (sys.Crash.is(l)) {
      mark(l.param, { at: x, label: 'crash', kind: 'crash' });
      continue;
    }
    if (sys.Recover.is(l)) {
      mark(l.param, { at: x, label: 'recover', kind: 'recover' });
      continue;
    }
    if (sys.Drift.is(l)) {
      const { p, by } = l.param;
      mark(p, { at: x, label: `drift ${by > 0 ? '+' : '−'}${Math.abs(by)}`, kind: 'fault' });
      continue;
    }
    if (sys.Lose.is(l) || sys.Duplicate.is(l)) {
      const e = l.param;
      const what = sys.showMessage(e.msg);
      mark(e.to[0]!, {
        at: x,
        label: sys.Lose.is(l) ? `lost ${what}` : `dup ${what}`,
        kind: 'fault',
      });
      continue;
    }
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
  const bands: TimelineBand[] = [];
  states.forEach((s, i) => {
    const ms = masters(sys, s);
    const readers = s.clients.flatMap((c, q) =>
      s.up[clients[q]!] && c.lease !== nil && c.lease.mode === 'r' ? [clientName(q)] : [],
    );
    const label =
      ms.length >= 2
        ? `two masters (${ms.join(', ')})`
        : ms.length === 1 && readers.length > 0
          ? `a master (${ms[0]}) beside ${readers.length === 1 ? 'a reader' : 'readers'} (${readers.join(', ')})`
          : undefined;
    const last = bands.at(-1);
    if (label && last && last.label === label && last.to === at[i])
      bands[bands.length - 1] = { ...last, to: until(i) };
    else if (label) bands.push({ from: at[i]!, to: until(i), label });
  });

  const lanes: TimelineLane[] = sys.names.map((laneName, p) => ({
    name: laneName,
    clock: clockOf(p),
    intervals: p === HOME ? homeIntervals : [...clientIntervals(clients.indexOf(p)), ...down(p)],
    marks: marks.get(p)!,
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
 * A timeline of a run for the chapter's `timelines`, named `11-timeline-<name>`.
 *
 * @param name - its short name (`no-margin` gives `11-timeline-no-margin`)
 * @param title - what it shows: its caption, and the title drawn above it
 * @param run - produce the run (deterministically) and the system that made it
 * @returns the named timeline; the run is made when the timeline is
 */
export function timelineOfRun(
  name: string,
  title: string,
  run: () => { readonly machine: LeaseSystem; readonly trace: Trace<LeaseState> },
): NamedTimeline {
  return {
    name: `11-timeline-${name}`,
    title,
    make: () => {
      const { machine, trace } = run();
      return leaseTimeline(machine, trace, title);
    },
  };
}
