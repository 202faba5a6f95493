/**
 * Chapter 08, Paxos: the algorithm with messages (§6.4): the chapter as the
 * tools see it.
 *
 * @module
 */
import type { Machine, Trace } from '../../index';
import type { Chapter, CheckContext } from '../chapter';
import {
  checkChannel,
  checkDelays,
  checkLongRuns,
  checkRefinesD,
  checkRefinesPaxos,
} from './checks';
import { deepConfig, faultyConfig, netConfig, quietConfig } from './configs';
import type { TimedState } from './delays';
import { demo, demoConfig, demoRun, fiveDelaysRun } from './demo';
import { paxosDiagram } from './diagram';
import { checkExample, exampleConfig, playExample } from './example';
import { exercises } from './exercises';
import {
  acceptOverNo,
  countReports,
  earliestValue,
  noPromise,
  ownValue,
  quorumOfOne,
} from './mutants';
import { type Rules, rules } from './rules';
import { messagePaxos } from './system';

export * from './abstraction';
export * from './checks';
export * from './configs';
export * from './delays';
export * from './diagram';
export * from './example';
export * from './invariants';
export * from './messages';
export * from './processes';
export * from './rules';
export * from './system';

const CHANNEL = 'channel invariants';
const REFINES = 'implements abstract Paxos';
const REFINES_D = 'implements D';
const LONG_RUNS = 'long runs with every fault';
const DELAYS = 'five message delays';
const EXAMPLE = 'the paper’s example';

/** How many long random runs `workbook check 8` makes (the test file makes more, and `--deep` 1000). */
export const LONG_RUN_RUNS = 20;

/** The exhaustive checks' configuration: the default one, or a bigger one with `--deep`. */
const configFor = (ctx: CheckContext) => (ctx.deep ? deepConfig : netConfig);

/** A mutant's shortest counterexample to the refinement check, as a named run. */
function mutantRun(r: Rules) {
  return (ctx: CheckContext) => {
    const res = checkRefinesPaxos(netConfig, r, { ...ctx, deep: false });
    return { machine: messagePaxos(netConfig, r), trace: res.counterexample!.trace };
  };
}

/** The diagram of a timed run: the same steps, without the counts. */
const timedDiagram = (t: Trace<TimedState>) =>
  paxosDiagram(quietConfig.paxos)({
    init: t.init.y,
    steps: t.steps.map((s) => ({ from: s.from.y, label: s.label, to: s.to.y })),
  });

/** Chapter 08. */
export const chapter: Chapter = {
  number: 8,
  slug: '08-paxos-messages',
  title: 'Paxos: the algorithm with messages',
  paper: '§6.4',
  summary:
    'Leaders and agents exchanging query, report, command and outcome over a network that loses, duplicates and reorders, with crashes; it implements chapter 06’s abstract Paxos, and so D.',
  demo,
  checks: [
    {
      name: CHANNEL,
      claim:
        'In every reachable state, a report in flight agrees with its sender’s statuses except where it says neutral, a command(n, u) has u = command[n], an outcome message is the outcome, what a leader heard is still true, and f(y) satisfies Invariants 1 and 2.',
      states: 81981,
      run: (ctx) => checkChannel(configFor(ctx), rules, ctx),
    },
    {
      name: REFINES,
      claim:
        'Every step from every reachable state is simulated by the step of chapter 06’s abstract Paxos that the witness names, or by none (§5.1).',
      states: 81981,
      run: (ctx) => checkRefinesPaxos(configFor(ctx), rules, ctx),
    },
    {
      name: REFINES_D,
      claim:
        'Composed with chapter 06’s abstraction function, every step is simulated by spec D (found by search, not by the witness).',
      states: 81981,
      run: (ctx) => checkRefinesD(configFor(ctx), rules, ctx),
    },
    {
      name: LONG_RUNS,
      claim:
        'Random runs of 3 agents, 2 leaders with three rounds each and values {7, 8, 9}, with losses, retransmissions, agent crashes and recoveries and leader crashes: every step simulated by abstract Paxos, every state satisfying the channel invariants and Invariants 1 and 2.',
      states: 7317,
      run: (ctx) => checkLongRuns(faultyConfig, rules, ctx, ctx.deep ? 1000 : LONG_RUN_RUNS),
    },
    {
      name: DELAYS,
      claim:
        'With one leader and no faults, no agent learns the outcome in fewer than five message delays (query, report, command, report, outcome), and some agent learns it in exactly five.',
      states: 892,
      run: () => checkDelays(),
    },
    {
      name: EXAMPLE,
      claim:
        'Both runs of §6.4’s example, played with messages: for every majority the leader of round 4 hears, every value its rule allows is safe.',
      states: 8,
      run: () => checkExample(),
    },
  ],
  mutants: [
    {
      name: 'own value',
      bug: 'The leader commands its own allowed value, ignoring the reports.',
      caughtBy: REFINES,
      run: (ctx) => checkRefinesPaxos(netConfig, ownValue, ctx),
    },
    {
      name: 'no promise',
      bug: 'An agent answers a query without setting its earlier neutral rounds to no.',
      caughtBy: REFINES,
      run: (ctx) => checkRefinesPaxos(netConfig, noPromise, ctx),
    },
    {
      name: 'accept over no',
      bug: 'An agent accepts a command when its status in the round is no, not only when neutral.',
      caughtBy: CHANNEL,
      run: (ctx) => checkChannel(netConfig, acceptOverNo, ctx),
    },
    {
      name: 'earliest value',
      bug: 'The leader takes the earliest reported value instead of the latest.',
      caughtBy: EXAMPLE,
      run: () => checkExample(earliestValue),
    },
    {
      name: 'counting reports',
      bug: 'The leader counts reports instead of distinct agents, so a duplicated report counts twice.',
      caughtBy: REFINES,
      run: (ctx) => checkRefinesPaxos(netConfig, countReports, ctx),
    },
    {
      name: 'quorum of one',
      bug: 'One report of three is taken for a majority.',
      caughtBy: CHANNEL,
      run: (ctx) => checkChannel(netConfig, quorumOfOne, ctx),
    },
  ],
  runs: [
    {
      name: 'demo',
      description: 'a successful round under a loss, a duplicate and an agent crash',
      run: demoRun,
      diagram: paxosDiagram(demoConfig.paxos),
    },
    {
      name: 'five-delays',
      description: 'one leader, no faults: an agent learns the outcome after five message delays',
      run: fiveDelaysRun as () => { machine: Machine<any>; trace: Trace<any> },
      diagram: timedDiagram,
    },
    {
      name: 'example-left',
      description:
        'the left run of §6.4’s example with messages: hearing a and b, the leader of round 4 must take 8',
      run: () => ({
        machine: messagePaxos(exampleConfig),
        trace: playExample('left', [0, 1]).trace,
      }),
      diagram: paxosDiagram(exampleConfig.paxos),
    },
    {
      name: 'own-value',
      description:
        'a leader that ignores the reports commands 8 where round (1,l1) may already have 7',
      run: mutantRun(ownValue),
      diagram: paxosDiagram(netConfig.paxos),
    },
    {
      name: 'counting-reports',
      description: 'a leader that counts reports takes a’s report, delivered twice, for a majority',
      run: mutantRun(countReports),
      diagram: paxosDiagram(netConfig.paxos),
    },
  ],
  exercises,
};
