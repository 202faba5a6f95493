/**
 * The `tla` benchmark group: our checks of Paxos.tla beside TLC's and
 * Quint's times on the same models.
 *
 * @module
 */
import type { BuiltModel } from '../../index';
import { explore, exploreInWorkers } from '../../index';
import type { BenchGroup, BenchRow } from '../chapter';
import { checkPaxosInv, checkPaxosRefinesVoting, checkSimulate, checkSymmetric } from './checks';
import type { Constants } from './config';
import { config, deepConfig } from './config';
import { paxosGoals, paxosInv } from './invariants';
import type { PaxosState } from './paxos';
import { paxos } from './paxos';

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

/** Spin, compiled C, on a comparable Paxos: about 350,000 stored states a second. */
export const SPIN_STATES_PER_SECOND = 350_000;
/** Our goal for memory: bytes per stored state, the frontier included, at 10^7 states. */
export const BYTES_PER_STATE_GOAL = 32;
/** How many states the memory row stores. */
export const MEMORY_STATES = 10_000_000;

/**
 * The reference search as a worker builds it (`exploreInWorkers`): Paxos
 * with Inv and the goals, as `checkPaxosInv` explores it.
 *
 * @param k - the constants
 * @returns the machine and the options of its search
 */
export function referenceSearch(k: Constants): BuiltModel<PaxosState> {
  return { machine: paxos(k), options: { invariants: paxosInv(k), reachable: paxosGoals(k) } };
}

/**
 * The plain search: Paxos and nothing to check, every reachable state
 * stored (what TLC's plain run measures).
 *
 * @param k - the constants
 * @returns the machine, with no options
 */
export function plainSearch(k: Constants): BuiltModel<PaxosState> {
  return { machine: paxos(k) };
}

/**
 * The depth to which the speed rows explore ballots 0..3: about two
 * million states, enough that starting the workers (each loads the model)
 * is a small part of the time, and the levels are wide.
 */
export const SPEED_DEPTH = 17;

/**
 * Distinct states per second on one thread and on two workers, and the
 * speed-up: the plain search of ballots 0..3 to {@link SPEED_DEPTH}.
 */
async function statesPerSecond(): Promise<BenchRow[]> {
  const one = explore(plainSearch(deepConfig).machine, { maxDepth: SPEED_DEPTH });
  const two = await exploreInWorkers<PaxosState>(
    { module: import.meta.url, export: 'plainSearch', args: deepConfig },
    { workers: 2, maxDepth: SPEED_DEPTH },
  );
  if (two.stats.states !== one.stats.states || two.stats.transitions !== one.stats.transitions)
    throw new Error('bench: two workers found other counts than one thread');
  const rate = (r: { stats: { states: number; ms: number } }) =>
    Math.round(r.stats.states / (r.stats.ms / 1000));
  return [
    { name: 'paxos-states-per-second', metric: 'states', value: one.stats.states, unit: 'states' },
    {
      name: 'paxos-states-per-second',
      metric: 'statesPerSecond',
      value: rate(one),
      unit: 'states/s',
      reference: 'Spin (compiled C)',
      referenceValue: SPIN_STATES_PER_SECOND,
      ratio: Math.round((rate(one) / SPIN_STATES_PER_SECOND) * 100) / 100,
    },
    {
      name: 'paxos-states-per-second-2-workers',
      metric: 'statesPerSecond',
      value: rate(two),
      unit: 'states/s',
      reference: 'one thread',
      referenceValue: rate(one),
      ratio: Math.round((rate(two) / rate(one)) * 100) / 100,
    },
  ];
}

/**
 * Bytes per stored state at 10^7 states (ballots 0..3, no symmetry, Inv
 * checked): the store and the frontier's peak, as the search counts them,
 * and the growth of the process's resident memory.
 */
function bytesPerState(): BenchRow[] {
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const r = explore(paxos(deepConfig), {
    invariants: paxosInv(deepConfig),
    maxStates: MEMORY_STATES,
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
  });
  peak = Math.max(peak, process.memoryUsage().rss);
  const n = r.stats.states;
  const held = (r.storeBytes + (r.frontierBytes ?? 0)) / n;
  const row = (metric: string, v: number): BenchRow => ({
    name: 'bytes-per-state',
    metric,
    value: Math.round(v * 10) / 10,
    unit: 'bytes/state',
    reference: 'goal',
    referenceValue: BYTES_PER_STATE_GOAL,
    ratio: Math.round((BYTES_PER_STATE_GOAL / v) * 100) / 100,
  });
  return [
    { name: 'bytes-per-state', metric: 'states', value: n, unit: 'states' },
    row('storeAndFrontier', held),
    row('residentGrowth', (peak - rss0) / n),
    {
      name: 'bytes-per-state',
      metric: 'seconds',
      value: Math.round(r.stats.ms / 10) / 100,
      unit: 's',
    },
  ];
}

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
    'Appendix A: Paxos.tla explored as TLC explores it (plain, with the refinement to Voting, with symmetry) and simulated, beside TLC’s and Quint’s times; distinct states a second on one thread and on two workers (beside Spin’s); bytes per state at 10^7 states.',
  rows: async () => {
    const ctx = { seed: 1 };
    const plain = explore(plainSearch(config).machine);
    const inv = checkPaxosInv(config, ctx);
    const refinement = checkPaxosRefinesVoting(config, ctx);
    const symmetric = checkSymmetric(deepConfig, ctx);
    const sim = checkSimulate(config, ctx, BENCH_RUNS);
    const perSecond = Math.round(sim.stats.transitions / (sim.stats.ms / 1000));
    return [
      { name: 'paxos-a3v2b2', metric: 'states', value: plain.stats.states, unit: 'states' },
      seconds('paxos-a3v2b2', plain.stats.ms, 'TLC', TLC_PLAIN_SECONDS),
      // The same search with Inv1..Inv4 and the goals checked on every state (no TLC figure for it).
      {
        name: 'paxos-a3v2b2-inv',
        metric: 'seconds',
        value: Math.round(inv.stats.ms / 10) / 100,
        unit: 's',
      },
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
      ...(await statesPerSecond()),
      ...bytesPerState(),
    ];
  },
};
