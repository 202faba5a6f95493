/**
 * The plot chapter 12's prose places (`::: plot 12-plot-consensus-runs`):
 * what the hierarchy saves, from driven runs: consensus runs per second
 * against the number of resources R, flat (every lease by consensus) and
 * with the hierarchy (only the czar's term by consensus), each beside the
 * rate we derive (ours, not the paper's). A tick is 10 ms. Deterministic:
 * fixed seeds, model time.
 *
 * @module
 */
import type { NamedPlot } from '../chapter';
import { derivedRate, leads, measureConsensusRuns, measuredCzar, seconds } from './measure';

const { resources, seed, lease, span, tickMs, clockBound, delta } = measuredCzar;
const ms = (ticks: number) => ticks * tickMs;
const { lead, czarLead } = leads();

/** What the constants are, for the caption. */
const world = `every lease ${seconds(lease)} s, renewed a = ε + 2δ = ${ms(lead)} ms before it ends, the czar's term a_c = a + ε + 2δ = ${ms(czarLead)} ms before; b = ${ms(clockBound)} ms (ε = ${ms(2 * clockBound)} ms), δ = ${ms(delta)} ms, a tick is ${tickMs} ms; one run of ${seconds(span)} s per point`;

/** The R the derived lines are drawn from and to. */
const ends = [resources[0]!, resources[resources.length - 1]!] as const;

/** Chapter 12's plots. */
export const plots: readonly NamedPlot[] = [
  {
    name: '12-plot-consensus-runs',
    title: `Consensus runs per second against the number of resources R: flat, every lease granted and renewed by consensus; with the hierarchy, only the czar's term (${world}; both axes on a log scale)`,
    make: () => {
      const points = measureConsensusRuns(resources, seed);
      return {
        title: 'consensus runs per second, with and without the hierarchy',
        x: { label: 'resources R (log scale)', scale: 'log' },
        y: { label: 'consensus runs per second (log scale)', scale: 'log' },
        series: [
          {
            name: 'flat: every lease by consensus',
            points: points.map((p) => [p.resources, p.flat.perSecond] as const),
            style: 'points',
          },
          {
            name: 'hierarchical: the czar’s term by consensus',
            points: points.flatMap((p) =>
              p.hierarchical ? [[p.resources, p.hierarchical.perSecond] as const] : [],
            ),
            style: 'points',
          },
          {
            name: 'derived, flat: R / (L − a)',
            points: ends.map((r) => [r, derivedRate('flat', r)] as const),
            style: 'line',
          },
          {
            name: 'derived, hierarchical: 1 / (Lc − a_c)',
            points: ends.map((r) => [r, derivedRate('hierarchical', r)] as const),
            style: 'line',
          },
        ],
      };
    },
  },
];
