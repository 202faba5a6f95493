/**
 * The `multi-paxos` benchmark group: what a consensus costs in messages and
 * message delays (§7's claim: one round trip, a command and a report per
 * agent), and how fast the chapter's checks run.
 *
 * @module
 */
import type { BenchGroup, BenchRow } from '../chapter';
import { throughputRows } from '../chapter';
import { checkLongRuns, checkRefinesD } from './checks';
import { config, runsConfig } from './config';
import type { Cost } from './counting';
import { changeCost, lostCost, steadyCost } from './counting';
import { rules } from './system';

/** How many long random runs the benchmark makes. */
export const BENCH_RUNS = 500;

/** The paper's figure for a consensus in steady state: 2 messages per agent, 1 round trip (§7). */
const PAPER = { messages: 2, delays: 2 };

const costRows = (name: string, c: Cost, agents: number, paper?: typeof PAPER): BenchRow[] => [
  {
    name,
    metric: 'messages',
    value: c.messages,
    unit: 'messages',
    ...(paper
      ? {
          reference: 'paper: a command and a report per agent',
          referenceValue: paper.messages * agents,
          ratio: (paper.messages * agents) / c.messages,
        }
      : {}),
  },
  {
    name,
    metric: 'delays',
    value: c.delays,
    unit: 'message delays',
    ...(paper
      ? {
          reference: 'paper: one round trip',
          referenceValue: paper.delays,
          ratio: paper.delays / c.delays,
        }
      : {}),
  },
];

/** The chapter's benchmark group. */
export const multiBench: BenchGroup = {
  name: 'multi-paxos',
  about:
    'Multi-Paxos (chapter 10): messages and message delays per consensus in steady state, after a primary change and with a lost command; the refinement check and long random runs, timed.',
  rows: () => {
    const agents = config.agents;
    const exhaustive = checkRefinesD(config, rules, { seed: 1 });
    const runs = checkLongRuns(runsConfig, rules, { seed: 1 }, BENCH_RUNS);
    return [
      ...costRows('multi-paxos-steady', steadyCost(), agents, PAPER),
      ...costRows('multi-paxos-primary-change', changeCost(), agents),
      ...costRows('multi-paxos-lost-command', lostCost(), agents),
      ...throughputRows(
        'multi-paxos-refines-a3s2',
        'states',
        exhaustive.stats.states,
        exhaustive.stats.ms,
      ),
      ...throughputRows(
        'multi-paxos-simulate-all-faults',
        'steps',
        runs.stats.transitions,
        runs.stats.ms,
      ),
    ];
  },
};
