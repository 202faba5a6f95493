/**
 * The `paxos` benchmark group: chapter 08's message-level Paxos explored
 * state by state, driven by long random runs with every fault, and the
 * messages a fault-free round costs.
 *
 * @module
 */
import { checkChannel, checkLongRuns } from '../chapters/08-paxos-messages/checks';
import { faultyConfig, netConfig, quietConfig } from '../chapters/08-paxos-messages/configs';
import { rules } from '../chapters/08-paxos-messages/rules';
import { messagePaxos } from '../chapters/08-paxos-messages/system';
import { replay } from '../index';
import type { BenchRow } from './run';

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The exhaustive check of chapter 08 (channel invariants, 3 agents, 2 leaders, 2 values). */
function exhaustive(): BenchRow[] {
  const r = checkChannel(netConfig, rules, { seed: 1 });
  const name = 'paxos-messages-a3l2v2';
  return [
    { name, metric: 'states', value: r.stats.states, unit: 'states' },
    {
      name,
      metric: 'statesPerSecond',
      value: Math.round(r.stats.states / (r.stats.ms / 1000)),
      unit: 'states/s',
    },
    { name, metric: 'seconds', value: round2(r.stats.ms / 1000), unit: 's' },
  ];
}

/** Long random runs with every fault, refinement and invariants checked on every step. */
function longRuns(): BenchRow[] {
  const r = checkLongRuns(faultyConfig, rules, { seed: 1 }, 1000);
  const name = 'paxos-messages-simulate-all-faults';
  return [
    { name, metric: 'steps', value: r.stats.states, unit: 'steps' },
    {
      name,
      metric: 'stepsPerSecond',
      value: Math.round(r.stats.states / (r.stats.ms / 1000)),
      unit: 'steps/s',
    },
    { name, metric: 'seconds', value: round2(r.stats.ms / 1000), unit: 's' },
  ];
}

/**
 * A fault-free round of one leader with three agents, every message
 * delivered once: a query, a report, a command, a report and an outcome
 * for each agent. Each delivery is one point-to-point message.
 */
function messagesPerConsensus(): BenchRow[] {
  const m = messagePaxos(quietConfig);
  const agents = ['a', 'b', 'c'];
  const t = replay(m, [
    'Allow(7, l1)',
    'NewRound(l1)',
    ...agents.map((i) => `Deliver(query((1,l1)) → ${i})`),
    ...agents.map((i) => `Deliver(report(${i}, []) → l1)`),
    'Command(l1, 7)',
    ...agents.map((i) => `Deliver(command((1,l1), 7) → ${i})`),
    ...agents.map((i) => `Deliver(report(${i}, (1,l1), 7) → l1)`),
    ...agents.map((i) => `Deliver(outcome(7) → ${i})`),
  ]);
  const messages = t.steps.filter((s) => s.label.action === 'Deliver').length;
  return [
    {
      name: 'paxos-messages-one-round',
      metric: 'messagesPerOp',
      value: messages,
      unit: 'messages',
    },
  ];
}

/** The rows of the `paxos` group. */
export function paxosBench(): BenchRow[] {
  return [...exhaustive(), ...longRuns(), ...messagesPerConsensus()];
}
