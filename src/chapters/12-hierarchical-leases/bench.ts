/**
 * The `hierarchical-leases` benchmark group: chapter 12's measurements as
 * rows (consensus runs per second against the number of resources R,
 * flat and with the hierarchy, each beside the rate we derive; the
 * sub-leases the czar grants instead; a czar term ten times longer), and
 * the driven runs' throughput. The measurements are model time (a tick is
 * 10 ms), the same on every machine; the throughputs are wall-clock time.
 *
 * @module
 */
import type { BenchGroup, BenchRow } from '../chapter';
import { throughputRows } from '../chapter';
import type { ConsensusPoint, ConsensusRun, RunOptions } from './measure';
import {
  derivedRate,
  hierarchicalRun,
  measureConsensusRuns,
  measuredCzar,
  seconds,
} from './measure';

const round = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places;
const unit = 'runs/s (model time)';

/** The row of one run's consensus runs per second, with the derived rate as its reference. */
function rateRow(name: string, r: ConsensusRun, derived: number, formula: string): BenchRow {
  return {
    name,
    metric: 'consensusRunsPerSecond',
    value: round(r.perSecond),
    unit,
    reference: `derived ${formula}`,
    referenceValue: round(derived),
    ratio: round(derived / r.perSecond),
  };
}

/** The rows of one R: flat, and with the hierarchy where chapter 12's configuration accepts R. */
function pointRows(p: ConsensusPoint): BenchRow[] {
  const rows = [
    rateRow(`hierarchical-leases flat R=${p.resources}`, p.flat, p.derived.flat, 'R / (L − a)'),
  ];
  const h = p.hierarchical;
  if (h === undefined) return rows;
  const name = `hierarchical-leases czar R=${p.resources}`;
  return [
    ...rows,
    rateRow(name, h, p.derived.hierarchical, '1 / (Lc − a_c)'),
    {
      name,
      metric: 'subLeaseGrantsPerSecond',
      value: round(h.grants / seconds(h.span)),
      unit: 'grants/s (model time)',
    },
    {
      name,
      metric: 'flatOverHierarchical',
      value: round(p.flat.perSecond / h.perSecond),
      unit: '×',
    },
  ];
}

/**
 * The group: every measured R, a czar term of 10 s (sub-leases still 1 s)
 * at R = 8, then the throughputs.
 *
 * @returns the rows
 */
function hierRows(): BenchRow[] {
  const { resources, seed, lease } = measuredCzar;
  const t0 = performance.now();
  const points = measureConsensusRuns(resources, seed);
  const t1 = performance.now();
  // §2.3: the czar can be simple and less likely to fail, so its lease may be longer.
  // Fifty of its terms, so the count is within 2% of the derived rate.
  const long: RunOptions = { czarLease: 10 * lease, span: 50 * 10 * lease };
  // At R = 8: the longer the run, the slower to drive, and R changes nothing here.
  const at = 8;
  const longRun = hierarchicalRun(at, seed, long);
  const t2 = performance.now();
  const flatSteps = points.reduce((n, p) => n + p.flat.length, 0);
  const hierSteps = points.reduce((n, p) => n + (p.hierarchical?.length ?? 0), 0);
  // The two schemes' runs are timed together; their steps are counted apart.
  return [
    ...points.flatMap(pointRows),
    rateRow(
      `hierarchical-leases czar Lc=${seconds(10 * lease)}s R=${at}`,
      longRun,
      derivedRate('hierarchical', at, long),
      '1 / (Lc − a_c)',
    ),
    { name: 'hierarchical-leases-driven', metric: 'flatSteps', value: flatSteps, unit: 'steps' },
    {
      name: 'hierarchical-leases-driven',
      metric: 'hierarchicalSteps',
      value: hierSteps,
      unit: 'steps',
    },
    ...throughputRows('hierarchical-leases-driven', 'steps', flatSteps + hierSteps, t1 - t0),
    ...throughputRows('hierarchical-leases-driven-long-czar', 'steps', longRun.length, t2 - t1),
  ];
}

/** The `hierarchical-leases` group of `workbook bench`. */
export const hierBench: BenchGroup = {
  name: 'hierarchical-leases',
  about:
    'Chapter 12: consensus runs per second against the number of resources, flat (every lease by consensus) and with the hierarchy (only the czar’s term), beside the derived rates (model time); the driven runs, timed.',
  rows: hierRows,
};
