/**
 * Chapter 08, Paxos: the algorithm with messages (§6.4): the chapter as the
 * tools see it.
 *
 * @module
 */
import type { Label, Trace } from '../../index';
import { replay } from '../../index';
import type { PaxosState } from '../06-paxos-state/state';
import type { Chapter, NamedRun } from '../chapter';
import { explorable, mutantsOf } from '../chapter';
import { messagesToPaxos, observe, refinementToPaxos } from './abstraction';
import { BENCH_RUNS, messagesPerRound, paxosBench } from './bench';
import {
  channelCheck,
  checkRefinesPaxos,
  checks,
  refinesPaxosCheck,
  THREE_ROUNDS_STEPS,
  threeRoundsCheck,
} from './checks';
import type { NetConfig } from './config';
import {
  config,
  deepConfig,
  deepFaultsConfig,
  demoConfig,
  exampleConfig,
  explorerConfig,
  faultsConfig,
  quietConfig,
  threeRoundsConfig,
  withinBound,
} from './config';
import { timedPaxos, withoutCounts } from './delays';
import { AGREE_STEP, demo, demoPath, fiveDelaysRun, PUBLISH_STEP } from './demo';
import { paxosDiagram } from './diagram';
import { playExample } from './example';
import { exercises } from './exercises';
import { countReports, mutants, ownValue } from './mutants';
import type { Rules } from './rules';
import type { NetState, PaxosSystem } from './system';
import { messagePaxos } from './system';

export * from './abstraction';
export * from './checks';
export * from './config';
export * from './delays';
export * from './diagram';
export * from './example';
export * from './invariants';
export * from './messages';
export * from './processes';
export * from './rules';
export * from './system';

/** A named run of message-level Paxos (with rules r), drawn with the chapter's notes. */
function paxosRun(
  name: string,
  description: string,
  nc: NetConfig,
  trace: (sys: PaxosSystem) => Trace<NetState>,
  r?: Rules,
): NamedRun {
  return {
    name,
    description,
    run: () => {
      const sys = messagePaxos(nc, r);
      return { machine: sys, trace: trace(sys) };
    },
    diagram: (t) => paxosDiagram(messagePaxos(nc, r))(t),
  };
}

/** The explorer's system, made once it is first asked for. */
let explorerSystem: PaxosSystem | undefined;
const explorerModel = () => (explorerSystem ??= messagePaxos(explorerConfig));

/**
 * The explorer's system with a mutant's rules, made once it is first asked
 * for, with abstract Paxos above it.
 *
 * @param r - the mutant's rules
 * @returns the parts of the explorer model that change
 */
function explorerMutant(r: Rules) {
  let sys: PaxosSystem | undefined;
  const machine = () => (sys ??= messagePaxos(explorerConfig, r));
  return {
    machine,
    spec: () => refinementToPaxos(machine()).spec,
    observe: (l: Label) => observe(machine())(l),
    diagram: (t: Trace<NetState>) => paxosDiagram(machine())(t),
  };
}

/** A mutant's shortest counterexample to the refinement check. */
const counterexample = (r: Rules) => () =>
  checkRefinesPaxos(config, r, { seed: 1 }).counterexample!.trace;

/** Why the unbounded configurations' key merges states. */
const DEAD_REPORTS =
  'two states that differ only in reports their leader will ignore for good count as one: delivering such a report changes nothing';

/** Chapter 08. */
export const chapter: Chapter = {
  id: '08',
  slug: '08-paxos-messages',
  title: 'Paxos: the algorithm with messages',
  paper: '§6.4',
  summary:
    'Leaders and agents exchanging query, report, command and outcome over a network that loses, duplicates and reorders, with crashes; it implements chapter 06’s abstract Paxos, and so D.',
  demo,
  checks,
  mutants,
  runs: [
    paxosRun(
      'demo',
      'a successful round under a loss, a duplicate and an agent crash',
      demoConfig,
      (sys) => replay(sys, demoPath),
    ),
    {
      name: 'five-delays',
      description: 'one leader, no faults: an agent learns the outcome after five message delays',
      run: fiveDelaysRun,
      diagram: (t) => paxosDiagram(timedPaxos(quietConfig).system)(withoutCounts(t)),
    },
    paxosRun(
      'example-left',
      'the left run of §6.4’s example with messages: hearing a and b, the leader of round 4 must take 8',
      exampleConfig,
      () => playExample('left', [0, 1]).trace,
    ),
    paxosRun(
      'own-value',
      'a leader that ignores the reports commands 8 where round (1,l1) may already have 7',
      config,
      counterexample(ownValue),
      ownValue,
    ),
    paxosRun(
      'counting-reports',
      'a leader that counts reports takes a’s report, delivered twice, for a majority',
      config,
      counterexample(countReports),
      countReports,
    ),
  ],
  exercises,
  models: [
    {
      name: 'message Paxos, 3 agents, 2 leaders',
      machine: () => messagePaxos(config),
      within: withinBound(config),
    },
    {
      name: 'message Paxos with delay counts, 1 leader',
      machine: () => timedPaxos(quietConfig).machine,
    },
    ...(
      [
        ['message Paxos, 3 agents, 2 leaders, no bound in flight', deepConfig],
        ['message Paxos, 3 agents, 1 leader, three rounds', threeRoundsConfig],
        ['message Paxos, 3 agents, 1 leader, two rounds, a leader crash', faultsConfig],
        ['message Paxos, 3 agents, 1 leader, two rounds, a loss and two crashes', deepFaultsConfig],
      ] as const
    ).map(([name, nc]) => ({
      name,
      machine: () => messagePaxos(nc),
      quotient: DEAD_REPORTS,
    })),
  ],
  explorer: [
    explorable<NetState, PaxosState>({
      id: '08-paxos',
      title: '08 · Paxos with messages (3 agents, 2 leaders)',
      about:
        'Allow a value to a leader, start a round, deliver its query to agents and their reports back, command, and publish; lose messages, deliver one twice, crash an agent or a leader. The image is chapter 06’s abstract Paxos: a delivered query is Query, a command Choose, an accepting agent Accept.',
      machine: explorerModel,
      spec: () => refinementToPaxos(explorerModel()).spec,
      abstraction: messagesToPaxos,
      observe: (l) => observe(explorerModel())(l),
      diagram: (t) => paxosDiagram(explorerModel())(t),
      mutants: [mutantsOf([refinesPaxosCheck, channelCheck, threeRoundsCheck], explorerMutant)],
    }),
  ],
  benchmarks: [paxosBench],
  facts: {
    'agreement step': AGREE_STEP,
    'publish step': PUBLISH_STEP,
    'bench runs': BENCH_RUNS,
    get 'messages per round'() {
      return messagesPerRound();
    },
    // The shortest counterexamples of the mutants (the tests compare them with the checks' runs).
    'own value steps': 15,
    'earliest value steps': 22,
    'three rounds steps': THREE_ROUNDS_STEPS,
    'no promise steps': 7,
    'accept over no steps': 10,
    'counting reports steps': 6,
    'quorum of one steps': 7,
  },
};
