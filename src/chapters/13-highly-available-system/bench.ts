/**
 * The `highly-available` benchmark group: what the highly available system
 * costs in messages (§7, §8: a command and a report per agent per write,
 * with the outcome piggybacked on the next command, and none per lease
 * read), in steady state and across a primary change, from counting.ts's
 * driven run; and the chapter's checks, timed.
 *
 * @module
 */
import type { BenchGroup, BenchRow } from '../chapter';
import { throughputRows } from '../chapter';
import { changeGoals, checkLongRuns, checkRefines, correct } from './checks';
import { changeConfig, countConfig, runsConfig } from './config';
import type { CallCost } from './counting';
import { costs } from './counting';

/** How many long random runs the benchmark makes. */
export const BENCH_RUNS = 50;

const total = (m: Readonly<Record<string, number>>) => Object.values(m).reduce((n, v) => n + v, 0);

/** The rows of one call: its consensus messages beside the paper's figure, all its messages, its ticks. */
function callRows(name: string, c: CallCost, paper: number, reference: string): BenchRow[] {
  return [
    {
      name,
      metric: 'consensusMessages',
      value: c.consensus,
      unit: 'messages',
      reference,
      referenceValue: paper,
      ...(c.consensus === 0 ? {} : { ratio: paper / c.consensus }),
    },
    { name, metric: 'allMessages', value: total(c.messages), unit: 'messages' },
    { name, metric: 'ticks', value: c.ticks, unit: 'message delays' },
  ];
}

/**
 * The group: a write and a lease read in steady state, the primary change,
 * then the exhaustive primary-change check and long runs, timed.
 *
 * @returns the rows
 */
function haRows(): BenchRow[] {
  const agents = countConfig.agents;
  const k = costs();
  const ch = k.change;
  const exhaustive = checkRefines(changeConfig, correct, { seed: 1 }, changeGoals);
  const runs = checkLongRuns(runsConfig, correct, { seed: 1 }, BENCH_RUNS);
  return [
    ...callRows(
      'highly-available-steady-write',
      k.write,
      2 * agents,
      'paper: a command and a report per agent',
    ),
    {
      name: 'highly-available-steady-write',
      metric: 'outcomePiggybacked',
      value: k.piggybacked ? 1 : 0,
      unit: 'yes = 1',
      reference: 'paper: the outcome rides on the next command',
      referenceValue: 1,
    },
    ...callRows('highly-available-lease-read', k.read, 0, 'paper: none, under the lease'),
    {
      name: 'highly-available-primary-change',
      metric: 'consensusMessages',
      value: total(ch.messages) - (ch.messages.reply ?? 0),
      unit: 'messages',
    },
    ...['query', 'report', 'command', 'accepted'].map((kind) => ({
      name: 'highly-available-primary-change',
      metric: kind,
      value: ch.messages[kind] ?? 0,
      unit: 'messages',
    })),
    {
      name: 'highly-available-primary-change',
      metric: 'commandedAgain',
      value: ch.again,
      unit: 'entries',
    },
    {
      name: 'highly-available-primary-change',
      metric: 'leaseWait',
      value: ch.waited,
      unit: 'ticks',
    },
    {
      name: 'highly-available-primary-change',
      metric: 'ticks',
      value: ch.ticks,
      unit: 'ticks',
    },
    ...throughputRows(
      'highly-available-refines-change',
      'states',
      exhaustive.stats.states,
      exhaustive.stats.ms,
    ),
    ...throughputRows(
      'highly-available-simulate-all-faults',
      'steps',
      runs.stats.transitions,
      runs.stats.ms,
    ),
  ];
}

/** The `highly-available` group of `workbook bench`. */
export const haBench: BenchGroup = {
  name: 'highly-available',
  about:
    'Chapter 13: messages per write and per lease read in steady state (beside the paper’s figures: a command and a report per agent per write, none per read) and across a primary change, from a driven run; the exhaustive primary-change check and long random runs with every fault, timed.',
  rows: haRows,
};
