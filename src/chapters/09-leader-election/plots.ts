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
import type { Point } from './measure';
import { sweepDelta, sweepLate, sweepTimeout } from './measure';

/** The mean and largest time to a decision, and the bound T + 7δ. */
function decisionSeries(points: readonly Point[], bound = 'bound T + 7δ'): PlotSeries[] {
  return [
    { name: 'mean', points: points.map((p) => [p.x, p.meanTime] as const) },
    { name: 'largest', points: points.map((p) => [p.x, p.maxTime] as const) },
    { name: bound, points: points.map((p) => [p.x, p.bound] as const), style: 'line' },
  ];
}

const { runs, seed } = sweepsConfig;

/**
 * A plot of the time to a decision against one quantity of a sweep.
 *
 * @param name - the plot's name (`09-plot-<name>`)
 * @param against - what the horizontal axis is, in the caption and title
 * @param axis - the horizontal axis's label
 * @param sweep - the measured points
 * @param bound - the reference line's name
 * @returns the plot
 */
function decisionPlot(
  name: string,
  against: { readonly caption: string; readonly title: string },
  axis: string,
  sweep: () => readonly Point[],
  bound?: string,
): NamedPlot {
  return {
    name: `09-plot-${name}`,
    title: `Time until every agent knows the outcome, ${against.caption} (${runs} seeded runs a point)`,
    make: () => ({
      title: `time to a decision against ${against.title}`,
      x: { label: axis },
      y: { label: 'time to a decision (ms)' },
      series: decisionSeries(sweep(), bound),
    }),
  };
}

/** Chapter 09's plots. */
export const plots: readonly NamedPlot[] = [
  decisionPlot(
    'timeout',
    { caption: 'against the election timeout T (δ = 10 ms)', title: 'the election timeout' },
    'election timeout T (ms)',
    () => sweepTimeout(sweepsConfig.timeouts, runs, seed),
  ),
  decisionPlot(
    'delay',
    {
      caption: 'against the maximum message delay δ (T = 100 ms)',
      title: 'the message delay',
    },
    'maximum message delay δ (ms)',
    () => sweepDelta(sweepsConfig.deltas, runs, seed),
  ),
  decisionPlot(
    'late',
    {
      caption: 'when some messages are late (up to 10δ; δ = 10 ms, T = 100 ms)',
      title: 'the share of late messages',
    },
    'late messages (%)',
    () => sweepLate(sweepsConfig.late, runs, seed),
    'T + 7δ if timely',
  ),
];
