/**
 * The plots chapters call for, by name. A chapter's prose places one with
 * `::: plot NN-plot-<name>`; the build runs `make` (which may run the
 * chapter's models and measure) and draws the result with {@link plotSvg}.
 *
 * To add one, append an entry here:
 *
 * ```ts
 * { name: '09-plot-rounds', title: 'rounds until a decision', make: () => ({ ... }) }
 * ```
 *
 * Names start with the chapter's two digits and `-plot-`. `make` must be
 * deterministic (fixed seeds, counts rather than timings), like transcripts.
 *
 * @module
 */
import {
  type Point,
  SWEEPS,
  sweepDelta,
  sweepLate,
  sweepTimeout,
} from '../chapters/09-leader-election/measure';
import type { PlotSeries, PlotSpec } from './plot';

/** A plot a chapter places by name. */
export interface NamedPlot {
  /** `NN-plot-<name>`, as the marker names it. */
  readonly name: string;
  /** What it shows, as its caption. */
  readonly title: string;
  /** Compute it (deterministically). */
  readonly make: () => PlotSpec;
}

/** Every plot the chapters place. */
export const plots: readonly NamedPlot[] = [
  {
    name: '09-plot-timeout',
    title: `Time until every agent knows the outcome, against the election timeout T (δ = 10 ms; ${SWEEPS.runs} seeded runs a point)`,
    make: () => ({
      title: 'time to a decision against the election timeout',
      x: { label: 'election timeout T (ms)' },
      y: { label: 'time to a decision (ms)' },
      series: decisionSeries(sweepTimeout(SWEEPS.timeouts, SWEEPS.runs, SWEEPS.seed)),
    }),
  },
  {
    name: '09-plot-delay',
    title: `Time until every agent knows the outcome, against the maximum message delay δ (T = 100 ms; ${SWEEPS.runs} seeded runs a point)`,
    make: () => ({
      title: 'time to a decision against the message delay',
      x: { label: 'maximum message delay δ (ms)' },
      y: { label: 'time to a decision (ms)' },
      series: decisionSeries(sweepDelta(SWEEPS.deltas, SWEEPS.runs, SWEEPS.seed)),
    }),
  },
  {
    name: '09-plot-late',
    title: `Time until every agent knows the outcome when some messages are late (up to 10δ; δ = 10 ms, T = 100 ms; ${SWEEPS.runs} seeded runs a point)`,
    make: () => ({
      title: 'time to a decision against the share of late messages',
      x: { label: 'late messages (%)' },
      y: { label: 'time to a decision (ms)' },
      series: decisionSeries(sweepLate(SWEEPS.late, SWEEPS.runs, SWEEPS.seed), 'T + 7δ if timely'),
    }),
  },
];

/** Chapter 09's series: the mean and largest time to a decision, and the bound T + 7δ. */
function decisionSeries(points: readonly Point[], bound = 'bound T + 7δ'): PlotSeries[] {
  return [
    { name: 'mean', points: points.map((p) => [p.x, p.meanTime] as const) },
    { name: 'largest', points: points.map((p) => [p.x, p.maxTime] as const) },
    { name: bound, points: points.map((p) => [p.x, p.bound] as const), style: 'line' },
  ];
}
