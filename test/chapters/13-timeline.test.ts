/**
 * Chapter 13's figures, read off real runs: on the demo, l1's lease ends
 * where its own clock reaches t, l2 waits until its clock passes t + ε and
 * only then goes to work, and no band marks two primaries; on the no-ε
 * mutant's counterexample a band marks l2 working while l1's lease holds.
 * The history figure of the skip-query mutant is a failing window: the
 * library's checker says the history is not linearizable.
 */
import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/13-highly-available-system';
import { demoRun } from '../../src/chapters/13-highly-available-system/demo';
import { haTimeline } from '../../src/chapters/13-highly-available-system/timeline';
import type { TimelineLane } from '../../src/chapters/chapter';
import { figuresOf } from '../../src/site/figures';

const lane = (lanes: readonly TimelineLane[], name: string) => lanes.find((l) => l.name === name)!;

/** The clock reading of a lane at real time x. */
const readingAt = (l: TimelineLane, x: number) =>
  l.clock!.find((c) => c.from <= x && x < c.to)!.reading;

describe('chapter 13’s timelines', () => {
  const { machine, trace } = demoRun();
  const t = haTimeline(machine, trace);
  const eps = machine.rules.margin(machine.config);

  it('has a lane per leader and per client, and no agent lane when no fault touches one', () => {
    expect(t.lanes.map((l) => l.name)).toEqual(['l1', 'l2', 'c1', 'c2']);
  });

  it('ends l1’s lease where its own clock reaches t, and starts l2’s work after t + ε by l2’s clock', () => {
    const l1 = lane(t.lanes, 'l1');
    const l2 = lane(t.lanes, 'l2');
    const lease1 = l1.intervals.find((i) => i.style === 'solid')!;
    const tOf = Number(/t = (\d+)/.exec(lease1.label)![1]);
    expect(readingAt(l1, lease1.to)).toBe(tOf);
    expect(readingAt(l1, lease1.to - 0.01)).toBeLessThan(tOf);
    const wait = l2.intervals.find((i) => i.style === 'light')!;
    expect(wait.label).toBe(`waits: clock > ${tOf + eps}`);
    const go = l2.marks.find((m) => m.label === 'go')!;
    expect(readingAt(l2, go.at)).toBeGreaterThan(tOf + eps);
    const lease2 = l2.intervals.find((i) => i.style === 'solid')!;
    expect(lease2.from).toBeGreaterThan(lease1.to);
    expect(t.bands).toEqual([]);
  });

  it('draws each client’s calls with what they returned, and replies as arrows', () => {
    expect(lane(t.lanes, 'c1').intervals.map((i) => i.label)).toEqual([
      'Write(x, 1) → ok',
      'Read(x) → 1',
    ]);
    expect(t.arrows!.some((a) => a.fromLane === 'l2' && a.toLane === 'c2')).toBe(true);
  });

  it('marks l2 working while l1’s lease holds on the no-ε mutant’s run', () => {
    const made = chapter.timelines!.find((x) => x.name === '13-timeline-no-epsilon-wait')!.make();
    expect(made.bands!.map((b) => b.label)).toEqual(['l2 works while l1’s lease holds']);
    const demo = chapter.timelines!.find((x) => x.name === '13-timeline-demo')!.make();
    expect(demo.bands).toEqual([]);
  });
});

describe('chapter 13’s history figure', () => {
  it('is the failing window of a history the checker finds not linearizable', () => {
    const h = chapter.histories!.find((x) => x.name === '13-history-skip-query')!;
    const c = h.make();
    expect(c.result.verdict).toBe('not linearizable');
    const culprit = c.history[c.result.failure!.culprit]!;
    expect(culprit.input).toMatchObject({ f: 'read' });
    const svg = figuresOf([chapter]).get('13-history-skip-query')!.svg();
    expect(svg).toMatch(/^<svg[^>]*class="wb-history"/);
    expect(svg).toContain('wb-op-culprit');
  });
});
