/**
 * Chapter 10, a sequence of consensus instances with a primary (multi-Paxos,
 * §7): the chapter as the tools see it.
 *
 * @module
 */
import type { DState } from '../03-consensus-specs/specs';
import { withinBound } from '../08-paxos-messages/config';
import type { Chapter, NamedRun } from '../chapter';
import { explorable } from '../chapter';
import { multiToD, observe, sequenceOfD } from './abstraction';
import { multiBench } from './bench';
import { checkRefinesD, checks } from './checks';
import { compactConfig, compactPaxos } from './compact';
import type { MultiConfig } from './config';
import { config, countConfig, crashConfig, dupConfig, explorerConfig } from './config';
import {
  changeCost,
  changeScript,
  drive,
  lostCost,
  lostScript,
  steadyCost,
  steadyScript,
} from './counting';
import { demo } from './demo';
import { multiDiagram } from './diagram';
import { exercises } from './exercises';
import { countReports, mutants, reusedRound, skipQuery, staleQuery } from './mutants';
import type { MultiState, MultiSystem, Rules } from './system';
import { multiPaxos, rules } from './system';

export * from './abstraction';
export * from './bench';
export * from './checks';
export * from './compact';
export * from './config';
export * from './counting';
export * from './demo';
export * from './mutants';
export * from './system';

const scripted = (name: string, description: string, script: readonly string[]): NamedRun => ({
  name,
  description,
  run: () => {
    const machine = multiPaxos(countConfig);
    return { machine, trace: drive(machine, script) };
  },
  diagram: (t) => multiDiagram(multiPaxos(countConfig))(t),
});

/**
 * A mutant's shortest counterexample to the check that catches it, as a named run.
 *
 * @param name - the run's name
 * @param description - what it shows
 * @param c - the check's configuration
 * @param r - the mutant's rules
 * @param goals - the check's goals
 * @returns the run
 */
const counterexample = (
  name: string,
  description: string,
  c: MultiConfig,
  r: Rules,
  goals?: readonly number[],
): NamedRun => ({
  name,
  description,
  run: (ctx) => ({
    machine: multiPaxos(c, r),
    trace: checkRefinesD(c, r, { seed: ctx.seed }, goals).counterexample!.trace,
  }),
  diagram: (t) => multiDiagram(multiPaxos(c, r))(t),
});

/** The explorer's system, made once it is first asked for. */
let explorerSystem: MultiSystem | undefined;
const explorerModel = () => (explorerSystem ??= multiPaxos(explorerConfig));

const steady = steadyCost();
const change = changeCost();
const lost = lostCost();

/** Chapter 10. */
export const chapter: Chapter = {
  id: '10',
  slug: '10-multi-paxos',
  title: 'A sequence of consensus instances with a primary',
  paper: '§7',
  summary:
    'Multi-Paxos: agents keep a compact state with one next for all instances, a primary queries once per primary change, and each instance costs one round trip, its outcome carried on the next command; it implements a sequence of instances of D.',
  demo,
  checks,
  mutants,
  runs: [
    scripted('steady', 'l1 primary runs instances 0 and 1, one round trip each', steadyScript),
    scripted(
      'primary-change',
      'l2 takes over while l1’s command of instance 0 reached only a, and proposes it again',
      changeScript,
    ),
    scripted(
      'lost-command',
      'the command of instance 1 is lost on its way to b and c, and sent again',
      lostScript,
    ),
    counterexample(
      'skip-query',
      'the shortest run in which a new primary that does not query gets a second value chosen',
      config,
      skipQuery,
    ),
    counterexample(
      'stale-query',
      'the shortest run in which a leader primary again in its second round uses its first round’s query result',
      crashConfig,
      staleQuery,
      [0, 3],
    ),
    counterexample(
      'reused-round',
      'the shortest run in which a restarted leader that does not poll starts its first round again',
      crashConfig,
      reusedRound,
      [0, 3],
    ),
    counterexample(
      'counting-reports',
      'the shortest run in which a leader counts a duplicated report twice',
      dupConfig,
      countReports,
      [0, 1],
    ),
  ],
  exercises,
  models: [
    {
      name: 'compact agents and leaders, chapter 08’s configuration',
      machine: () => compactPaxos(compactConfig),
      within: withinBound(compactConfig),
    },
    {
      name: 'multi-Paxos, 3 agents, 2 instances, every message in the key, at most 4 in flight',
      machine: () => multiPaxos(config, rules, { exact: true }),
      within: (y: MultiState) => y.net.length <= 4,
    },
    {
      name: 'multi-Paxos, 3 agents, 2 instances',
      machine: () => multiPaxos(config),
      within: (y: MultiState) => y.net.length <= config.maxInFlight,
      quotient:
        'two states that differ only in messages that can never change anything count as one: delivering such a message changes nothing and sends nothing',
    },
  ],
  explorer: [
    explorable<MultiState, readonly DState[]>({
      id: '10-multi-paxos',
      title: '10 · Multi-Paxos with a primary (3 agents, 2 instances, 2 leaders)',
      about:
        'Start l1’s round and deliver its query and the reports: l1 is primary for every instance at once. Allow a value, deliver the command and the accepts, and the next command carries the outcome. Then start l2’s round while a command is in flight. The image is one instance of D per slot.',
      machine: explorerModel,
      spec: () => sequenceOfD(explorerConfig.slots, explorerConfig.values),
      abstraction: multiToD(explorerConfig),
      observe: (l) => observe(explorerModel())(l),
      diagram: (t) => multiDiagram(explorerModel())(t),
    }),
  ],
  benchmarks: [multiBench],
  facts: {
    'steady messages': steady.messages,
    'steady delays': steady.delays,
    'change messages': change.messages,
    'change delays': change.delays,
    'lost messages': lost.messages,
    'lost delays': lost.delays,
  },
};
