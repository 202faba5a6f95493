/**
 * The `election` benchmark group: chapter 09's measurements as rows. Time
 * to a decision is model time (a tick is a millisecond), so those figures
 * are the same on every machine; the driver's own speed is wall-clock time.
 *
 * @module
 */
import type { BenchGroup, BenchRow } from '../chapter';
import { checkTimely } from './checks';
import { config, deepConfig, measuredConfig, sweepsConfig } from './config';
import type { Point } from './measure';
import { measure, sweepDelta, sweepLate, sweepTimeout } from './measure';
import { rules } from './system';

const round = (x: number) => Math.round(x * 100) / 100;

/** The rows of one point: mean and largest time, with T + 7δ as the reference, and mean steps. */
function pointRows(name: string, p: Point, timely: boolean): BenchRow[] {
  const ref = timely ? { reference: 'bound T + 7δ', referenceValue: p.bound } : {};
  return [
    {
      name,
      metric: 'meanDecisionMs',
      value: p.meanTime,
      unit: 'ms (model time)',
      ...ref,
      ...(timely ? { ratio: round(p.bound / p.meanTime) } : {}),
    },
    {
      name,
      metric: 'maxDecisionMs',
      value: p.maxTime,
      unit: 'ms (model time)',
      ...ref,
      ...(timely ? { ratio: round(p.bound / p.maxTime) } : {}),
    },
    { name, metric: 'meanSteps', value: p.meanSteps, unit: 'steps' },
    ...(timely ? [] : [{ name, metric: 'meanRounds', value: p.meanRounds, unit: 'rounds' }]),
  ];
}

/**
 * The election group: every point of the chapter's three sweeps (200
 * seeded runs each), the driver's speed, and the exhaustive checks' sizes
 * and times.
 *
 * @returns the rows
 */
function electionRows(): BenchRow[] {
  const { runs, seed } = sweepsConfig;
  const rows: BenchRow[] = [];
  for (const p of sweepTimeout(sweepsConfig.timeouts, runs, seed))
    rows.push(...pointRows(`election T=${p.x}ms δ=10ms`, p, true));
  for (const p of sweepDelta(sweepsConfig.deltas, runs, seed))
    rows.push(...pointRows(`election T=100ms δ=${p.x}ms`, p, true));
  for (const p of sweepLate(sweepsConfig.late, runs, seed))
    rows.push(...pointRows(`election ${p.x}% late`, p, false));
  const t0 = performance.now();
  const p = measure(measuredConfig, 0, 1000, seed);
  const s = (performance.now() - t0) / 1000;
  rows.push({
    name: 'election driver (5 agents, 3 leaders)',
    metric: 'stepsPerSecond',
    value: Math.round((p.meanSteps * p.runs) / s),
    unit: 'steps/s',
  });
  for (const [name, c] of [
    ['election exhaustive δ=1', config],
    ['election exhaustive δ=2', deepConfig],
  ] as const) {
    const r = checkTimely(c, rules, { seed: 1 });
    rows.push(
      { name, metric: 'states', value: r.stats.states, unit: 'states' },
      { name, metric: 'seconds', value: round(r.stats.ms / 1000), unit: 's' },
    );
  }
  return rows;
}

/** The `election` group of `workbook bench`. */
export const electionBench: BenchGroup = {
  name: 'election',
  about:
    'Chapter 09: time and steps to a decision against T, δ and late messages (model time), the driver’s speed, and the exhaustive checks.',
  rows: electionRows,
};
