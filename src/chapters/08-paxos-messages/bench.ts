/**
 * The `paxos` benchmark group: chapter 08's message-level Paxos explored
 * state by state, driven by long random runs with every fault, and the
 * messages a fault-free round costs.
 *
 * @module
 */
import { replay } from '../../index';
import type { BenchGroup, BenchRow } from '../chapter';
import { throughputRows } from '../chapter';
import { checkChannel, checkLongRuns } from './checks';
import { config, quietConfig, runsConfig } from './config';
import { rules } from './rules';
import { messagePaxos } from './system';

/** How many long random runs the benchmark makes. */
export const BENCH_RUNS = 1000;

/** The exhaustive check of chapter 08 (channel invariants, 3 agents, 2 leaders, 2 values). */
function exhaustive(): BenchRow[] {
  const r = checkChannel(config, rules, { seed: 1 });
  return throughputRows('paxos-messages-a3l2v2', 'states', r.stats.states, r.stats.ms);
}

/** Long random runs with every fault, refinement and invariants checked on every step. */
function longRuns(): BenchRow[] {
  const r = checkLongRuns(runsConfig, rules, { seed: 1 }, BENCH_RUNS);
  return throughputRows(
    'paxos-messages-simulate-all-faults',
    'steps',
    r.stats.transitions,
    r.stats.ms,
  );
}

/**
 * The path of a fault-free round of one leader with three agents, every
 * message delivered once: a query, a report, a command, a report and an
 * outcome for each agent.
 */
export const ONE_ROUND = [
  'Allow(7)',
  'NewRound',
  ...['a', 'b', 'c'].map((i) => `Deliver(query((1,l1)) → ${i})`),
  ...['a', 'b', 'c'].map((i) => `Deliver(report(${i}, []) → l1)`),
  'Command(7)',
  ...['a', 'b', 'c'].map((i) => `Deliver(command((1,l1), 7) → ${i})`),
  ...['a', 'b', 'c'].map((i) => `Deliver(report(${i}, (1,l1), 7) → l1)`),
  ...['a', 'b', 'c'].map((i) => `Deliver(outcome(7) → ${i})`),
];

/**
 * The point-to-point messages of one fault-free round: each delivery is one.
 *
 * @returns how many deliveries the round takes
 */
export function messagesPerRound(): number {
  const m = messagePaxos(quietConfig);
  return replay(m, ONE_ROUND).steps.filter((s) => m.Deliver.is(s.label)).length;
}

/** The `paxos` group of `workbook bench`. */
export const paxosBench: BenchGroup = {
  name: 'paxos',
  about:
    'Chapter 08: message-level Paxos explored exhaustively, long random runs with every fault, and the messages of one round.',
  rows: () => [
    ...exhaustive(),
    ...longRuns(),
    {
      name: 'paxos-messages-one-round',
      metric: 'messagesPerOp',
      value: messagesPerRound(),
      unit: 'messages',
    },
  ],
};
