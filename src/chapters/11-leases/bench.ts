/**
 * The `leases` benchmark group: chapter 11's measurements as rows (lease
 * messages per second, and the time the resource is out of reach after
 * its holder crashes, against the lease length L, each beside the curve
 * we derive), and the checks' throughput: the exhaustive refinement check,
 * the long random runs, and the driven runs the measurements take. The
 * measurements are model time (a tick is 10 ms), the same on every
 * machine; the throughputs are wall-clock time.
 *
 * @module
 */
import type { BenchGroup, BenchRow } from '../chapter';
import { throughputRows } from '../chapter';
import { checkLongRuns, checkRefinesLease, correct, RUN_STEPS, RUNS } from './checks';
import { config, runsConfig } from './config';
import type { RenewalPoint, UnavailabilityPoint } from './measure';
import { measuredLeases, measureRenewals, measureUnavailability } from './measure';

const round = (x: number, places = 2) => Math.round(x * 10 ** places) / 10 ** places;
const { tickMs } = measuredLeases;

/** The row of one lease length's renewal rate, with the derived rate as its reference. */
function renewalRow(p: RenewalPoint): BenchRow {
  return {
    name: `leases renewals L=${p.lease * tickMs}ms`,
    metric: 'leaseMessagesPerSecond',
    value: round(p.perSecond, 3),
    unit: 'messages/s (model time)',
    reference: 'derived 2 / (L − ε − 2δ + (δ + 1)/2)',
    referenceValue: round(p.derived, 3),
    ratio: round(p.derived / p.perSecond, 3),
  };
}

/** The rows of one lease length's unavailability: mean and largest, with the derived bounds. */
function unavailabilityRows(p: UnavailabilityPoint): BenchRow[] {
  const name = `leases crash L=${p.lease * tickMs}ms`;
  const unit = 'ms (model time)';
  const held = { reference: 'derived bound L + 4δ', referenceValue: p.bound.held * tickMs };
  const write = { reference: 'derived bound L + 5δ', referenceValue: p.bound.write * tickMs };
  return [
    { name, metric: 'meanUntilHeldMs', value: round(p.meanHeld * tickMs), unit },
    {
      name,
      metric: 'maxUntilHeldMs',
      value: p.maxHeld * tickMs,
      unit,
      ...held,
      ratio: round(p.bound.held / p.maxHeld),
    },
    { name, metric: 'meanUntilWriteMs', value: round(p.meanWrite * tickMs), unit },
    {
      name,
      metric: 'maxUntilWriteMs',
      value: p.maxWrite * tickMs,
      unit,
      ...write,
      ratio: round(p.bound.write / p.maxWrite),
    },
  ];
}

/**
 * The leases group: every measured point, then the throughputs.
 *
 * @returns the rows
 */
function leasesRows(): BenchRow[] {
  const { leases, crash, seed } = measuredLeases;
  const t0 = performance.now();
  const renewals = measureRenewals(leases, seed);
  const t1 = performance.now();
  const crashes = measureUnavailability(leases, crash.runs, seed);
  const t2 = performance.now();
  const exhaustive = checkRefinesLease(config, correct, { seed: 1 });
  const runs = checkLongRuns(runsConfig, correct, { seed: 1 }, RUNS, RUN_STEPS);
  const steps = (ps: readonly { readonly steps: number }[]) => ps.reduce((n, p) => n + p.steps, 0);
  return [
    ...renewals.map(renewalRow),
    ...crashes.flatMap(unavailabilityRows),
    ...throughputRows('leases-refines-c2', 'states', exhaustive.stats.states, exhaustive.stats.ms),
    ...throughputRows('leases-simulate-all-faults', 'steps', runs.stats.transitions, runs.stats.ms),
    ...throughputRows('leases-driven-renewals', 'steps', steps(renewals), t1 - t0),
    ...throughputRows('leases-driven-crashes', 'steps', steps(crashes), t2 - t1),
  ];
}

/** The `leases` group of `workbook bench`. */
export const leasesBench: BenchGroup = {
  name: 'leases',
  about:
    'Chapter 11: lease messages per second and the time out of reach after a crash, against the lease length (model time, beside the derived curves); the exhaustive check, the long random runs and the driven runs, timed.',
  rows: leasesRows,
};
