/**
 * The lease chapter's timelines, read off a run's states: on the no-margin
 * mutant's counterexample two clients hold the lease at once, and a band
 * marks exactly when; on a correct run (a grant, a write, a revoke and a
 * release, a second grant and a read) nothing overlaps; every clock
 * reading is real time plus the process's offset; the home's lease ends
 * where its own clock passes t, the holder's use ε earlier by its own.
 */
import { describe, expect, it } from 'vitest';
import { checkRefinesLease } from '../../src/chapters/11-leases/checks';
import { config } from '../../src/chapters/11-leases/config';
import { noMargin } from '../../src/chapters/11-leases/mutants';
import type { LeaseState } from '../../src/chapters/11-leases/system';
import { leaseSystem } from '../../src/chapters/11-leases/system';
import { leaseTimeline, timelineOfRun } from '../../src/chapters/11-leases/timeline';
import type { TimelineInterval, TimelineSpec } from '../../src/chapters/chapter';
import type { Trace } from '../../src/index';
import { replay } from '../../src/index';

/** p1 gets a lease and writes; p2 asks; p1 is revoked and releases; p2 gets the lease and reads. */
const handOver = [
  'Ask(p1, w)',
  'Tick(1)',
  'Deliver(req(w, #1) → home)',
  'Tick(2)',
  'Deliver(grant(w, t=5, #1, v0) → p1)',
  'Write(p1, p1.1)',
  'Ask(p2, w)',
  'Tick(3)',
  'Drift(p2, -1)',
  'Deliver(write(p1.1) → home)',
  'Deliver(req(w, #1) → home)',
  'Tick(4)',
  'Deliver(ack(p1.1) → p1)',
  'Deliver(revoke(#1) → p1)',
  'Release(p1)',
  'Deliver(deny(#1) → p2)',
  'Ask(p2, w)',
  'Tick(5)',
  'Deliver(release(#1) → home)',
  'Deliver(req(w, #2) → home)',
  'Tick(6)',
  'Deliver(grant(w, t=9, #2, p1.1) → p2)',
  'Read(p2) -> p1.1',
  'Tick(7)',
];

/** p1's lease runs out: it stops at t − ε on its own clock, the home's ends when its clock passes t. */
const runsOut = [
  'Ask(p1, w)',
  'Tick(1)',
  'Deliver(req(w, #1) → home)',
  'Tick(2)',
  'Deliver(grant(w, t=5, #1, v0) → p1)',
  'Write(p1, p1.1)',
  'Tick(3)',
  'Deliver(write(p1.1) → home)',
  'Tick(4)',
  'Deliver(ack(p1.1) → p1)',
  'Expire(p1)',
  'Tick(5)',
  'Tick(6)',
  'Tick(7)',
];

const lane = (t: TimelineSpec, name: string) => t.lanes.find((l) => l.name === name)!;
const solid = (t: TimelineSpec, name: string) =>
  lane(t, name).intervals.filter((i) => i.style === 'solid');

/** Where two clients' held spans overlap in real time, pairwise. */
function overlaps(t: TimelineSpec): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const clients = t.lanes.filter((l) => l.name !== 'home').map((l) => l.name);
  for (const [i, a] of clients.entries())
    for (const b of clients.slice(i + 1))
      for (const x of solid(t, a))
        for (const y of solid(t, b)) {
          const from = Math.max(x.from, y.from);
          const to = Math.min(x.to, y.to);
          if (from < to) out.push({ from, to });
        }
  return out;
}

describe('lease timelines', () => {
  const buggy = leaseSystem(config, noMargin.rules);
  const ce = checkRefinesLease(config, noMargin, { seed: 1 }).counterexample!.trace;
  const sys = leaseSystem(config);
  const good = replay(sys, handOver);

  it('mark two clients holding the lease at once, where the no-margin mutant lets them', () => {
    const t = leaseTimeline(buggy, ce);
    const both = overlaps(t);
    expect(both.length).toBeGreaterThan(0);
    for (const o of both)
      expect(
        t.bands!.some((b) => /^two masters/.test(b.label) && b.from <= o.from && b.to >= o.to),
        `a band over ${o.from}..${o.to}`,
      ).toBe(true);
    expect(t.bands!.map((b) => b.label)).toEqual(['two masters (p1, p2)']);
  });

  it('mark nothing on a correct run: one holder at a time, at the home and at the clients', () => {
    const t = leaseTimeline(sys, good, 'hand over');
    expect(t.title).toBe('hand over');
    expect(solid(t, 'p1')).toHaveLength(1);
    expect(solid(t, 'p2')).toHaveLength(1);
    expect(overlaps(t)).toEqual([]);
    expect(t.bands).toEqual([]);
    const [a, b] = lane(t, 'home').intervals;
    expect([a!.label, b!.label]).toEqual(['p1 w, t=5', 'p2 w, t=9']);
    expect(a!.to).toBeLessThanOrEqual(b!.from);
    // The write and where it lands, the read with its value, the revoke and the release.
    expect(lane(t, 'p1').marks.map((m) => m.label)).toEqual([
      'ask w',
      'write p1.1',
      'ack',
      'revoked',
      'release',
    ]);
    expect(lane(t, 'home').marks.map((m) => m.label)).toContain('p1.1 lands');
    expect(lane(t, 'p2').marks.map((m) => m.label)).toContain('read → p1.1');
  });

  it('read every clock off the states: real time plus the process’s offset, a drift included', () => {
    for (const [trace, machine] of [
      [ce, buggy],
      [good, sys],
    ] as const) {
      const t = leaseTimeline(machine, trace);
      const states = [trace.init, ...trace.steps.map((s) => s.to)];
      machine.names.forEach((name, p) => {
        const want: number[] = [];
        for (const s of states) {
          const r = s.now + s.clocks[p]!;
          if (want.at(-1) !== r) want.push(r);
        }
        const clock = lane(t, name).clock!;
        expect(clock.map((c) => c.reading)).toEqual(want);
        // The readings tile the timeline, 0 to its end.
        expect(clock[0]!.from).toBe(0);
        expect(clock.at(-1)!.to).toBe(t.end);
        for (const [i, c] of clock.slice(1).entries()) expect(c.from).toBe(clock[i]!.to);
      });
      expect(t.end).toBe(states.at(-1)!.now + 1);
    }
    // p2's clock drifts back a tick during real time 3: it reads 3, then 2.
    expect(
      lane(leaseTimeline(sys, good), 'p2')
        .clock!.filter((c) => c.from >= 3 && c.to <= 4)
        .map((c) => c.reading),
    ).toEqual([3, 2]);
  });

  it('end the home’s lease where its clock passes t, and the holder’s use where its clock reads t − ε', () => {
    const t = leaseTimeline(sys, replay(sys, runsOut));
    const passes = (name: string, v: number) =>
      lane(t, name).clock!.find((c) => c.reading > v)?.from;
    const reads = (name: string, at: number) =>
      lane(t, name).clock!.find((c) => c.from <= at && at < c.to)!.reading;
    const home = lane(t, 'home').intervals[0]!;
    expect(home.to).toBe(passes('home', 5));
    const [held, margin] = lane(t, 'p1').intervals as [TimelineInterval, TimelineInterval];
    expect([held.style, margin.style]).toEqual(['solid', 'light']);
    expect(reads('p1', held.to)).toBe(5 - 2);
    expect(margin.from).toBe(held.to);
    expect(margin.to).toBe(passes('p1', 5));
    // The holder stops before the home lets the lease go: that is what ε buys.
    expect(held.to).toBeLessThan(home.to);
  });

  it('are named for the chapter by timelineOfRun, made from the run when asked', () => {
    let made = 0;
    const named = timelineOfRun('hand-over', 'A lease handed over', () => {
      made++;
      return { machine: sys, trace: good as Trace<LeaseState> };
    });
    expect(named.name).toBe('11-timeline-hand-over');
    expect(made).toBe(0);
    expect(named.make()).toEqual(leaseTimeline(sys, good, 'A lease handed over'));
    expect(made).toBe(1);
  });
});
