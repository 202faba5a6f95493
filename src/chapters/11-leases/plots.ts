/**
 * The plots chapter 11's prose places (`::: plot 11-plot-NAME`): what the
 * lease length L costs and buys, from driven runs of the lease system:
 * lease messages per second against L, and how long the resource is out
 * of reach after its holder crashes. Each beside the curve we derive
 * (ours, not the paper's), computed from the same constants. A tick is
 * 10 ms. Deterministic: fixed seeds, model time.
 *
 * @module
 */
import type { NamedPlot } from '../chapter';
import {
  derivedRenewalRate,
  measuredLeases,
  measureRenewals,
  measureUnavailability,
  seconds,
} from './measure';

const { leases, crash, seed, tickMs, clockBound, delta } = measuredLeases;
const ms = (ticks: number) => ticks * tickMs;

/** The lease lengths the derived curve is drawn at: 60 steps, evenly spaced on a log scale. */
function curveLeases(): number[] {
  const lo = leases[0]!;
  const hi = leases[leases.length - 1]!;
  return Array.from({ length: 61 }, (_, k) => lo * (hi / lo) ** (k / 60));
}

/** What the constants are, for the captions. */
const world = `b = ${ms(clockBound)} ms (ε = ${ms(2 * clockBound)} ms), δ = ${ms(delta)} ms, a tick is ${tickMs} ms`;

/** Chapter 11's plots. */
export const plots: readonly NamedPlot[] = [
  {
    name: '11-plot-renewals',
    title: `Lease messages per second that a holder costs, against the lease length L (${world}; one run of ${measuredLeases.renewal.periods} renewals for each pair of clock offsets within ±b)`,
    make: () => ({
      title: 'renewal messages against the lease length',
      x: { label: 'lease length L (s, log scale)', scale: 'log' },
      y: { label: 'req + grant per second (log scale)', scale: 'log' },
      series: [
        {
          name: 'measured',
          points: measureRenewals(leases, seed).map(
            (p) => [seconds(p.lease), p.perSecond] as const,
          ),
          style: 'points',
        },
        {
          name: 'derived: 2 per L − ε − 2δ + (δ + 1)/2',
          points: curveLeases().map((l) => [seconds(l), derivedRenewalRate(l)] as const),
          style: 'line',
        },
      ],
    }),
  },
  {
    name: '11-plot-unavailability',
    title: `How long the resource is out of reach after its holder crashes, against the lease length L (${world}; ${crash.runs} seeded runs a point, the crash at a random moment of a lease period)`,
    make: () => {
      const points = measureUnavailability(leases, crash.runs, seed);
      const at = (f: (p: (typeof points)[number]) => number) =>
        points.map((p) => [seconds(p.lease), seconds(f(p))] as const);
      return {
        title: 'time from the crash until another client holds the lease',
        x: { label: 'lease length L (s, log scale)', scale: 'log' },
        y: { label: 'time from the crash (s, log scale)', scale: 'log' },
        series: [
          { name: 'mean, until it holds the lease', points: at((p) => p.meanHeld) },
          { name: 'largest, until it holds the lease', points: at((p) => p.maxHeld) },
          { name: 'largest, until its first write lands', points: at((p) => p.maxWrite) },
          {
            name: 'derived bound L + 4δ',
            points: at((p) => p.bound.held),
            style: 'line',
          },
        ],
      };
    },
  },
];
