/**
 * The `tla` benchmark group: our checks of Paxos.tla beside TLC's and
 * Quint's times on the same models.
 *
 * @module
 */
import type { BenchGroup, BenchRow } from '../chapter';
import { checkPaxosInv, checkPaxosRefinesVoting, checkSimulate, checkSymmetric } from './checks';
import { config, deepConfig } from './config';

// #region reference-times
/** TLC's seconds on the reference model, plain search. */
export const TLC_PLAIN_SECONDS = 16.6;
/** TLC's seconds on the reference model, Inv and the refinement property. */
export const TLC_REFINEMENT_SECONDS = 182;
/** TLC's seconds with ballots 0..3 and symmetry. */
export const TLC_SYMMETRY_SECONDS = 131;
/** Quint's simulator on Paxos: 550 to 700 steps a second; we take the better figure. */
export const QUINT_STEPS_PER_SECOND = 700;
// #endregion reference-times

/** How many random runs the benchmark's simulation makes. */
export const BENCH_RUNS = 2000;

/** A row of seconds against a reference time: the ratio is reference / ours. */
function seconds(name: string, ms: number, reference: string, referenceValue: number): BenchRow {
  const value = Math.round(ms / 10) / 100;
  return {
    name,
    metric: 'seconds',
    value,
    unit: 's',
    reference,
    referenceValue,
    ratio: Math.round((referenceValue / (ms / 1000)) * 100) / 100,
  };
}

/** The `tla` group of `workbook bench`. */
export const tlaBench: BenchGroup = {
  name: 'tla',
  about:
    'Appendix A: Paxos.tla explored as TLC explores it (plain, with the refinement to Voting, with symmetry) and simulated, beside TLC’s and Quint’s times.',
  rows: () => {
    const ctx = { seed: 1 };
    const plain = checkPaxosInv(config, ctx);
    const refinement = checkPaxosRefinesVoting(config, ctx);
    const symmetric = checkSymmetric(deepConfig, ctx);
    const sim = checkSimulate(config, ctx, BENCH_RUNS);
    const perSecond = Math.round(sim.stats.transitions / (sim.stats.ms / 1000));
    return [
      { name: 'paxos-a3v2b2', metric: 'states', value: plain.stats.states, unit: 'states' },
      seconds('paxos-a3v2b2', plain.stats.ms, 'TLC', TLC_PLAIN_SECONDS),
      {
        name: 'paxos-a3v2b2-refinement',
        metric: 'states',
        value: refinement.stats.states,
        unit: 'states',
      },
      seconds('paxos-a3v2b2-refinement', refinement.stats.ms, 'TLC', TLC_REFINEMENT_SECONDS),
      {
        name: 'paxos-a3v2b3-symmetry',
        metric: 'states',
        value: symmetric.stats.states,
        unit: 'states',
      },
      seconds('paxos-a3v2b3-symmetry', symmetric.stats.ms, 'TLC', TLC_SYMMETRY_SECONDS),
      {
        name: 'paxos-simulate',
        metric: 'stepsPerSecond',
        value: perSecond,
        unit: 'steps/s',
        reference: 'Quint',
        referenceValue: QUINT_STEPS_PER_SECOND,
        ratio: Math.round((perSecond / QUINT_STEPS_PER_SECOND) * 100) / 100,
      },
    ];
  },
};
