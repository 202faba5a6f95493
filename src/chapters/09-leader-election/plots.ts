/**
 * The plots chapter 09's prose places (`::: plot 09-plot-NAME`): the time
 * to a decision against the election timeout, the message delay and the
 * share of late messages, from the measured sweeps. Deterministic: fixed
 * seeds, model time.
 *
 * @module
 */
import type { NamedPlot, PlotSeries } from '../chapter';
import { sweepsConfig } from './config';
import { type Point, sweepDelta, sweepLate, sweepTimeout } from './measure';

/** The mean and largest time to a decision, and the bound T + 7δ. */
function decisionSeries(points: readonly Point[], bound = 'bound T + 7δ'): PlotSeries[] {
  return [
    { name: 'mean', points: points.map((p) => [p.x, p.meanTime] as const) },
    { name: 'largest', points: points.map((p) => [p.x, p.maxTime] as const) },
    { name: bound, points: points.map((p) => [p.x, p.bound] as const), style: 'line' },
  ];
}

const { runs, seed } = sweepsConfig;

/** Chapter 09's plots. */
export const plots: readonly NamedPlot[] = [
  {
    name: '09-plot-timeout',
    title: `Time until every agent knows the outcome, against the election timeout T (δ = 10 ms; ${runs} seeded runs a point)`,
    make: () => ({
      title: 'time to a decision against the election timeout',
      x: { label: 'election timeout T (ms)' },
      y: { label: 'time to a decision (ms)' },
      series: decisionSeries(sweepTimeout(sweepsConfig.timeouts, runs, seed)),
    }),
  },
  {
    name: '09-plot-delay',
    title: `Time until every agent knows the outcome, against the maximum message delay δ (T = 100 ms; ${runs} seeded runs a point)`,
    make: () => ({
      title: 'time to a decision against the message delay',
      x: { label: 'maximum message delay δ (ms)' },
      y: { label: 'time to a decision (ms)' },
      series: decisionSeries(sweepDelta(sweepsConfig.deltas, runs, seed)),
    }),
  },
  {
    name: '09-plot-late',
    title: `Time until every agent knows the outcome when some messages are late (up to 10δ; δ = 10 ms, T = 100 ms; ${runs} seeded runs a point)`,
    make: () => ({
      title: 'time to a decision against the share of late messages',
      x: { label: 'late messages (%)' },
      y: { label: 'time to a decision (ms)' },
      series: decisionSeries(sweepLate(sweepsConfig.late, runs, seed), 'T + 7δ if timely'),
    }),
  },
];
