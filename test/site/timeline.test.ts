/**
 * The timeline renderer: a lane per process in order, a bar per interval in
 * its style, clock readings, marks, arrows and bands across the lanes; a
 * width that fits the chapter column; no text over another in chromium,
 * even when marks crowd; and a bad timeline refused in one line.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineSpec } from '../../src/chapters/chapter';
import { timelineSvg, validateTimeline } from '../../src/site/timeline';
import { launchChromium, textCollisions } from './browser';

const readings = (offset: number, end: number) =>
  Array.from({ length: end }, (_, k) => ({ from: k, to: k + 1, reading: k + offset }));

const spec: TimelineSpec = {
  title: 'a lease and its margin',
  end: 6,
  lanes: [
    {
      name: 'home',
      clock: readings(1, 6),
      intervals: [{ from: 1.5, to: 5, label: 'p1 w, t=5', style: 'outline', group: 'p1' }],
      marks: [{ at: 3.5, label: 'p1.1 lands', kind: 'event' }],
    },
    {
      name: 'p1',
      clock: [
        ...readings(-1, 3),
        { from: 3, to: 3.5, reading: 2 },
        { from: 3.5, to: 6, reading: 3 },
      ],
      intervals: [
        { from: 2.5, to: 4.5, label: 'w, t=5, use until 3', style: 'solid', group: 'p1' },
        {
          from: 4.5,
          to: 6,
          label: 'ε: 3 to 5, and more words than fit',
          style: 'light',
          group: 'p1',
          open: true,
        },
      ],
      marks: [
        { at: 2.75, label: 'write p1.1', kind: 'external' },
        { at: 3.5, label: 'drift +1', kind: 'fault' },
        { at: 5.5, label: 'crash', kind: 'crash' },
      ],
    },
    {
      name: 'p2',
      intervals: [{ from: 4, to: 6, label: 'w, t=9', style: 'solid', group: 'p2' }],
      marks: [],
    },
  ],
  arrows: [{ fromLane: 'p1', from: 2.75, toLane: 'home', to: 3.5 }],
  bands: [{ from: 4, to: 4.5, label: 'two masters (p1, p2)' }],
  legend: [
    { swatch: 'clock', label: "each process's clock" },
    { swatch: 'solid', label: 'held' },
    { swatch: 'band', label: 'two at once' },
  ],
};

const all = (svg: string, re: RegExp) => [...svg.matchAll(re)].map((m) => m[1]);

describe('timelineSvg', () => {
  const svg = timelineSvg(spec, { idPrefix: 'test' });

  it('draws a lane per process, in order, each with its clock readings', () => {
    expect(svg).toMatch(/^<svg[^>]*class="wb-timeline"/);
    expect(all(svg, /data-lane="([^"]+)"/g)).toEqual(['home', 'p1', 'p2']);
    expect(all(svg, /class="wb-tl-clock"[^>]*>([^<]+)</g)).toEqual([
      ...['1', '2', '3', '4', '5', '6'],
      ...['-1', '0', '1', '2', '3'],
    ]);
  });

  it('draws each interval as a bar of its style, and a band across the lanes with its label', () => {
    expect(all(svg, /class="wb-tl-interval wb-tl-(\w+)"/g)).toEqual([
      'outline',
      'solid',
      'light',
      'solid',
    ]);
    expect(svg).toContain('class="wb-tl-band" data-from="4" data-to="4.5"');
    expect(all(svg, /class="wb-tl-band-label"[^>]*>([^<]+)</g)).toEqual(['two masters (p1, p2)']);
    // The band runs from the top of the first lane to the bottom of the last.
    const band = svg.match(
      /class="wb-tl-band"[^>]*><title>[^<]*<\/title><rect [^>]*y="(\d+)"[^>]*height="(\d+)"/,
    )!;
    const lanes = all(svg, /class="wb-tl-lane"[^>]*><line x1="0" y1="(\d+)"/g).map(Number);
    expect(Number(band[1])).toBe(lanes[0]);
    expect(Number(band[1]) + Number(band[2])).toBeGreaterThan(lanes[2]!);
    expect(svg).toContain('class="wb-tl-arrow"');
  });

  it('writes a label inside its bar where it fits, and beside it where it does not', () => {
    const inside = (label: string) => {
      const m = svg.match(new RegExp(`<text class="wb-tl-interval-label"[^>]*>${label}</text>`));
      return m !== null && !m[0].includes('stroke="#fff"');
    };
    expect(inside('p1 w, t=5')).toBe(true);
    // Too long for its bar: in the lane's rows of labels, with a halo.
    expect(inside('ε: 3 to 5, and more words than fit')).toBe(false);
    expect(svg).toContain('ε: 3 to 5, and more words than fit</text>');
  });

  it('fits the chapter column, and grows wider for a long run rather than cramming it', () => {
    expect(Number(svg.match(/width="(\d+)"/)![1])).toBeLessThanOrEqual(760);
    const long = timelineSvg({ ...spec, end: 40 });
    expect(Number(long.match(/width="(\d+)"/)![1])).toBeGreaterThan(40 * 40);
  });

  it('escapes its texts', () => {
    const s = timelineSvg({
      ...spec,
      lanes: [{ name: 'a<b', intervals: [], marks: [{ at: 1, label: 'x & y', kind: 'event' }] }],
      arrows: [],
    });
    expect(s).toContain('a&lt;b');
    expect(s).toContain('x &amp; y');
    expect(s).not.toContain('a<b');
  });

  it('refuses a bad timeline in one line, saying what is accepted', () => {
    const bad = (t: Partial<TimelineSpec>) => () => validateTimeline({ ...spec, ...t });
    const p1 = spec.lanes[1]!;
    expect(
      bad({ lanes: [{ ...p1, intervals: [{ from: 2, to: 9, label: 'w', style: 'solid' }] }] }),
    ).toThrow(
      /^timeline 'a lease and its margin': lane p1's interval 'w' runs from 2 to 9; times must be within 0\.\.6, from before to$/,
    );
    expect(bad({ lanes: [{ ...p1, marks: [{ at: -1, label: 'x', kind: 'event' }] }] })).toThrow(
      "lane p1's mark 'x' is at -1; times must be within 0..6",
    );
    expect(bad({ end: 0 })).toThrow('end must be a whole number of ticks from 1, got 0');
    expect(bad({ lanes: [p1, p1] })).toThrow('lane names repeat (p1, p1)');
    expect(bad({ arrows: [{ fromLane: 'p9', from: 1, toLane: 'home', to: 2 }] })).toThrow(
      "an arrow names lane 'p9', which is not one of home, p1, p2",
    );
    expect(bad({ bands: [{ from: 3, to: 2, label: 'b' }] })).toThrow(
      "the band 'b' runs from 3 to 2",
    );
    expect(() => timelineSvg({ ...spec, end: 2.5 })).toThrow(/^[^\n]+$/);
  });
});

describe('timelineSvg in chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('draws no text over another or past the edge, even where marks crowd', async () => {
    const page = await browser.newPage();
    // Many marks in one tick on each lane, labels longer than their bars, and a band near the edge.
    const crowd = (lane: string) => ({
      name: lane,
      clock: readings(0, 8),
      intervals: [
        { from: 0.2, to: 0.6, label: 'a label far too long for this bar', style: 'solid' as const },
        { from: 0.5, to: 7.9, label: 'overlapping, so stacked', style: 'outline' as const },
        { from: 7, to: 8, label: 'the end', style: 'light' as const, open: true },
      ],
      marks: Array.from({ length: 9 }, (_, k) => ({
        at: 3 + k / 10,
        label: ['ask w', 'write p1.1', 'revoked', 'crash', 'drift −1'][k % 5]!,
        kind: (['event', 'external', 'event', 'crash', 'fault'] as const)[k % 5]!,
      })).concat([
        { at: 0, label: 'at the very start', kind: 'event' },
        { at: 8, label: 'at the very end', kind: 'event' },
      ]),
    });
    const svg = timelineSvg({
      title: 'a crowded timeline',
      end: 8,
      lanes: [crowd('home'), crowd('p1')],
      bands: [
        { from: 7.5, to: 8, label: 'two masters (p1, p2)' },
        { from: 7.6, to: 8, label: 'a master beside a reader' },
      ],
      legend: spec.legend!,
    });
    const { overlaps, outside } = await textCollisions(page, svg);
    expect(overlaps).toEqual([]);
    expect(outside).toEqual([]);
    expect(svg.split('<text').length - 1).toBeGreaterThan(40);
  });
});
