/**
 * Chapter 11's measurements, from driven runs of the lease system: they
 * are deterministic; lease messages per second fall as the lease length L
 * grows and match the rate we derive; the time out of reach after a crash
 * stays below the bound we derive; and a holder with no margin is caught
 * by a driven run's invariant.
 */
import { describe, expect, it } from 'vitest';
import { correct } from '../../src/chapters/11-leases/checks';
import {
  crashRun,
  derivedRenewalRate,
  measuredLeases,
  measureRenewals,
  measureUnavailability,
  renewalRun,
  unavailabilityBound,
} from '../../src/chapters/11-leases/measure';
import { noMargin } from '../../src/chapters/11-leases/mutants';
import { plots } from '../../src/chapters/11-leases/plots';

const { leases, crash, seed, renewal, delta } = measuredLeases;
const renewals = measureRenewals(leases, seed);
const crashes = measureUnavailability(leases, crash.runs, seed);

describe('11 measured: deterministic', () => {
  it('gives the same figures for the same seeds', () => {
    expect(measureRenewals([10, 100], seed)).toEqual(
      renewals.filter((p) => p.lease === 10 || p.lease === 100),
    );
    expect(measureUnavailability([20], crash.runs, seed)).toEqual(
      crashes.filter((p) => p.lease === 20),
    );
    expect(crashRun(50, 7)).toEqual(crashRun(50, 7));
    expect(plots.map((p) => p.make())).toEqual(plots.map((p) => p.make()));
  });

  it('draws the crash at another moment for another seed', () => {
    const moments = new Set(Array.from({ length: 10 }, (_, k) => crashRun(100, k + 1).crashAt));
    expect(moments.size).toBeGreaterThan(5);
  });
});

describe('11 measured: renewals', () => {
  it('costs a request and a grant per lease period, and the holder writes every 0.5 s', () => {
    for (const lease of [20, 100])
      for (const skew of [
        [-1, 1],
        [1, -1],
      ]) {
        const r = renewalRun(lease, skew, 3);
        expect([r.requests, r.leaseMessages]).toEqual([renewal.periods, 2 * renewal.periods]);
        expect(r.writes).toBe(Math.floor(r.ticks / measuredLeases.writeEvery));
      }
  });

  it('falls as L grows', () => {
    for (let k = 1; k < renewals.length; k++)
      expect(renewals[k]!.perSecond).toBeLessThan(renewals[k - 1]!.perSecond);
    // about a hundredfold over the hundredfold range of L
    expect(renewals[0]!.perSecond / renewals.at(-1)!.perSecond).toBeGreaterThan(100);
  });

  it('matches the derived rate 2 / (L − ε − 2δ + (δ + 1)/2): within 2%, and within 0.5% from L = 200 ms', () => {
    for (const p of renewals) {
      expect(p.derived).toBe(derivedRenewalRate(p.lease));
      const off = Math.abs(p.perSecond / p.derived - 1);
      expect(off, `L = ${p.lease}`).toBeLessThan(
        p.lease >= measuredLeases.tightFrom ? 0.005 : 0.02,
      );
    }
  });
});

describe('11 measured: unavailability after a crash', () => {
  it('stays below the derived bounds L + 4δ (the lease held) and L + 5δ (the first write landed)', () => {
    for (const p of crashes) {
      expect(p.bound).toEqual(unavailabilityBound(p.lease));
      expect(p.bound).toEqual({ held: p.lease + 4 * delta, write: p.lease + 5 * delta });
      expect(p.maxHeld, `L = ${p.lease}`).toBeLessThanOrEqual(p.bound.held);
      expect(p.maxWrite, `L = ${p.lease}`).toBeLessThanOrEqual(p.bound.write);
    }
  });

  it('comes near a whole lease length at worst, and about half of one on average', () => {
    for (const p of crashes) {
      expect(p.maxHeld, `L = ${p.lease}`).toBeGreaterThanOrEqual(0.99 * p.lease);
      expect(p.meanHeld).toBeLessThan(p.maxHeld);
      expect(p.meanWrite).toBeGreaterThan(p.meanHeld);
      if (p.lease >= 100)
        expect(Math.abs(p.meanHeld / p.lease - 0.5), `L = ${p.lease}`).toBeLessThan(0.1);
    }
  });
});

describe('11 measured: a mutant', () => {
  // With b = 1 tick, the home's strict test and a delivery's tick make up the 2 ticks the
  // clocks may differ by; with b = 2 ticks (ε = 40 ms), the holder's clock 2b behind the home's,
  // a holder with no margin still uses its lease when the other client is granted it.
  const world = { clockBound: 2 };
  const skew = [2, -2, 0];
  const seeds = Array.from({ length: 10 }, (_, k) => k + 1);

  it('with no margin, a driven run breaks "at most one master", and the measurement throws', () => {
    const caught = seeds.filter((s) => {
      try {
        crashRun(20, s, { ...noMargin, config: world }, { holder: 'stop', skew });
        return false;
      } catch (e) {
        expect(String(e)).toContain("the invariant 'at most one master' fails");
        return true;
      }
    });
    expect(caught.length).toBeGreaterThan(0);
  });

  it('with the margin, the same runs hold', () => {
    for (const s of seeds)
      expect(() =>
        crashRun(20, s, { ...correct, config: world }, { holder: 'stop', skew }),
      ).not.toThrow();
  });
});
