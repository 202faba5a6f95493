/**
 * Chapter 12's measurements, from driven runs: they are deterministic;
 * consensus runs per second grow with the number of resources R when
 * every lease is granted by consensus and stay flat with the hierarchy;
 * both match the rates we derive within the stated tolerance, and the
 * check rejects a wrong formula and a changed measurement.
 */
import { describe, expect, it } from 'vitest';
import {
  derivedRate,
  flatRun,
  hierarchicalRun,
  hierarchyAccepts,
  leads,
  matchesDerived,
  measureConsensusRuns,
  measuredCzar,
  seconds,
  tolerance,
} from '../../src/chapters/12-hierarchical-leases/measure';
import { plots } from '../../src/chapters/12-hierarchical-leases/plots';

const { resources, seed, lease, span } = measuredCzar;
const { lead, czarLead } = leads();
const points = measureConsensusRuns(resources, seed);
const hier = points.flatMap((p) =>
  p.hierarchical ? [{ ...p, hierarchical: p.hierarchical }] : [],
);

describe('12 measured: deterministic', () => {
  it('gives the same figures for the same seed, and the plot shows them', () => {
    expect(measureConsensusRuns([1, 4], seed)).toEqual(
      points.filter((p) => p.resources === 1 || p.resources === 4),
    );
    expect(flatRun(16, 3)).toEqual(flatRun(16, 3));
    const plot = plots[0]!.make();
    expect(plot.series[0]!.points).toEqual(points.map((p) => [p.resources, p.flat.perSecond]));
    expect(plot.series[1]!.points).toEqual(
      hier.map((p) => [p.resources, p.hierarchical.perSecond]),
    );
  });

  it('draws another run for another seed, with the same rate within the tolerance', () => {
    const a = hierarchicalRun(2, seed);
    const b = hierarchicalRun(2, seed + 1);
    expect(b.length).not.toBe(a.length);
    expect(matchesDerived(b.perSecond, a.perSecond, 2 * tolerance('hierarchical'))).toBe(true);
  });
});

describe('12 measured: consensus runs against R', () => {
  it('measures the hierarchy at some R, and the flat scheme at every R', () => {
    expect(hier.map((p) => p.resources)).toEqual(resources.filter((r) => hierarchyAccepts(r)));
    expect(hier.length).toBeGreaterThanOrEqual(3);
    for (const p of points) expect(p.flat.runs).toBeGreaterThan(0);
  });

  it('with the hierarchy, one run per czar term whatever R, and the sub-leases cost none', () => {
    const first = hier[0]!.hierarchical;
    for (const { hierarchical: h, resources: r } of hier) {
      expect(Math.abs(h.runs - first.runs), `R = ${r}`).toBeLessThanOrEqual(1);
      // the czar grants a sub-lease on each resource once a term
      expect(Math.abs(h.grants - r * h.runs), `R = ${r}`).toBeLessThanOrEqual(r);
      expect(h.lapses).toBe(0);
    }
  });

  it('flat, the runs grow in proportion to R', () => {
    const one = points[0]!.flat;
    for (const p of points) {
      expect(
        Math.abs(p.flat.runs - p.resources * one.runs),
        `R = ${p.resources}`,
      ).toBeLessThanOrEqual(p.resources);
      expect(p.flat.lapses).toBe(0);
    }
  });

  it('flat costs more than the hierarchy from R = 2 on, and a little less at R = 1', () => {
    const one = hier.find((p) => p.resources === 1)!;
    expect(one.flat.perSecond).toBeLessThan(one.hierarchical.perSecond);
    for (const p of hier)
      if (p.resources >= 2)
        expect(p.flat.perSecond, `R = ${p.resources}`).toBeGreaterThan(p.hierarchical.perSecond);
  });
});

describe('12 measured: the derived rates', () => {
  it('flat R / (L − a) and hierarchical 1 / (Lc − a_c), within one run per lease over the span', () => {
    expect(tolerance('flat')).toBe((lease - lead) / span);
    expect(tolerance('hierarchical')).toBe((lease - czarLead) / span);
    for (const p of points) {
      expect(p.derived.flat).toBe(p.resources / seconds(lease - lead));
      expect(
        matchesDerived(p.flat.perSecond, p.derived.flat, tolerance('flat')),
        `R = ${p.resources}`,
      ).toBe(true);
      // as a count: within one run of each lease
      expect(Math.abs(p.flat.runs - (p.resources * span) / (lease - lead))).toBeLessThanOrEqual(
        p.resources,
      );
    }
    for (const p of hier) {
      expect(p.derived.hierarchical).toBe(1 / seconds(lease - czarLead));
      expect(
        matchesDerived(p.hierarchical.perSecond, p.derived.hierarchical, tolerance('hierarchical')),
        `R = ${p.resources}`,
      ).toBe(true);
    }
  });

  it('rejects a wrong formula: the leads forgotten, the czar renewing as late as a master, or the hierarchy growing with R', () => {
    for (const p of points)
      expect(
        matchesDerived(p.flat.perSecond, p.resources / seconds(lease), tolerance('flat')),
        `R = ${p.resources}`,
      ).toBe(false);
    for (const p of hier) {
      const h = p.hierarchical.perSecond;
      const tol = tolerance('hierarchical');
      expect(matchesDerived(h, 1 / seconds(lease), tol)).toBe(false);
      expect(matchesDerived(h, 1 / seconds(lease - lead), tol)).toBe(false);
      if (p.resources >= 2)
        expect(matchesDerived(h, derivedRate('flat', p.resources), tol)).toBe(false);
    }
  });

  it('rejects a changed measurement: a master or the czar renewing a lead early', () => {
    const early = flatRun(8, seed, { lead: 2 * lead });
    const tolFlat = tolerance('flat', { lead: 2 * lead });
    expect(matchesDerived(early.perSecond, derivedRate('flat', 8), tolFlat)).toBe(false);
    expect(
      matchesDerived(early.perSecond, derivedRate('flat', 8, { lead: 2 * lead }), tolFlat),
    ).toBe(true);
    const eager = hierarchicalRun(2, seed, { czarLead: 2 * czarLead });
    const tolHier = tolerance('hierarchical', { czarLead: 2 * czarLead });
    expect(matchesDerived(eager.perSecond, derivedRate('hierarchical', 2), tolHier)).toBe(false);
    expect(
      matchesDerived(
        eager.perSecond,
        derivedRate('hierarchical', 2, { czarLead: 2 * czarLead }),
        tolHier,
      ),
    ).toBe(true);
  });

  it('with the czar renewing as late as its masters, sub-leases capped at its old term run out', () => {
    const late = hierarchicalRun(1, seed, { czarLead: lead });
    expect(late.lapses).toBeGreaterThan(0);
    // consensus runs still one a term
    expect(
      matchesDerived(
        late.perSecond,
        derivedRate('hierarchical', 1, { czarLead: lead }),
        tolerance('hierarchical', { czarLead: lead }),
      ),
    ).toBe(true);
  });

  it("refuses, with chapter 12's one-line error, an R its configuration does not accept", () => {
    expect(hierarchyAccepts(65)).toBe(false);
    expect(() => hierarchicalRun(65, seed)).toThrow(
      /^hierarchical lease config: resources must be a whole number from 1 to 64, got 65$/,
    );
  });
});
