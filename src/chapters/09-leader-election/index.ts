/**
 * Chapter 09, Termination: choosing a leader (§6.5): the chapter as the
 * tools see it.
 *
 * @module
 */
import type { Trace } from '../../index';
import type { Chapter, NamedRun } from '../chapter';
import { explorable } from '../chapter';
import { electionBench } from './bench';
import { checkLateRuns, checks, checkTimely } from './checks';
import {
  config,
  duelConfig,
  explorerConfig,
  lateConfig,
  measuredConfig,
  slowConfig,
  sweepsConfig,
  untimelyConfig,
} from './config';
import { demo, slowRun } from './demo';
import { electionDiagram } from './diagram';
import { duel } from './duel';
import { exercises } from './exercises';
import { earliestValueElected, impatient, mutants, noAnswer } from './mutants';
import { plots } from './plots';
import type { ElectionState, ElectionSystem, TimedRules } from './system';
import { paxosWithElection } from './system';

export * from './checks';
export * from './config';
export * from './driver';
export * from './duel';
export * from './election';
export * from './measure';
export * from './properties';
export * from './system';

/** A named run of the timed system, drawn with the chapter's notes. */
function electionRun(
  name: string,
  description: string,
  sys: () => ElectionSystem,
  trace: () => Trace<ElectionState>,
): NamedRun {
  return {
    name,
    description,
    run: () => ({ machine: sys(), trace: trace() }),
    diagram: (t) => electionDiagram(sys())(t),
  };
}

/** The shortest run of the exhaustive check that a mutant fails. */
const counterexampleOf = (r: TimedRules) => () =>
  checkTimely(config, r, { seed: 1 }).counterexample!.trace;

/**
 * The first of the late check's runs that the earliest-value mutant fails,
 * with the system that made it (its first timers fixed), computed once.
 */
let earliest: { sys: ElectionSystem; trace: Trace<ElectionState> } | undefined;
const earliestRun = () => {
  if (!earliest) {
    const r = checkLateRuns(earliestValueElected, { seed: 1 });
    const c = { ...lateConfig, firstTimers: [r.drives.at(-1)!.firstTimers] };
    earliest = {
      sys: paxosWithElection(c, earliestValueElected),
      trace: r.counterexample!.trace,
    };
  }
  return earliest;
};

/** Chapter 09. */
export const chapter: Chapter = {
  id: '09',
  slug: '09-leader-election',
  title: 'Termination: choosing a leader',
  paper: '§6.5',
  summary:
    'A timed model of the sloppy election: with timely messages one leader emerges and every agent knows the outcome by T + 7δ; with untimely ones two leaders can keep killing each other’s rounds for as long as their names are held back (one run shows it); safety holds either way.',
  demo,
  checks,
  mutants,
  runs: [
    electionRun(
      'slowest',
      'a timely run as slow as the bounds allow: l2 leads at T + 2δ, every agent knows at T + 7δ',
      () => paxosWithElection(slowConfig),
      () => slowRun().trace!,
    ),
    electionRun(
      'duel',
      'an untimely run: two leaders kill each other’s rounds, and nothing is decided',
      () => paxosWithElection(duelConfig),
      () => duel().trace!,
    ),
    electionRun(
      'no-answer',
      'the shortest timely run with two leaders when nobody answers a smaller name',
      () => paxosWithElection(config, noAnswer),
      counterexampleOf(noAnswer),
    ),
    electionRun(
      'impatient',
      'the shortest timely run that misses T + 7δ when a leader gives its round only 3δ',
      () => paxosWithElection(config, impatient),
      counterexampleOf(impatient),
    ),
    electionRun(
      'earliest-value',
      'the first late run (leaders cut off, messages late) that breaks Invariant 2 when a leader takes the earliest value its reports name',
      () => earliestRun().sys,
      () => earliestRun().trace,
    ),
  ],
  exercises,
  models: [
    { name: 'timed Paxos, timely', machine: () => paxosWithElection(config) },
    {
      name: 'timed Paxos, untimely and lossy',
      machine: () => paxosWithElection(untimelyConfig),
      quotient:
        'with unbounded delays the key keeps of a copy’s send time only whether it may arrive now, which no step can tell apart',
    },
  ],
  explorer: [
    explorable<ElectionState, unknown>({
      id: '09-election',
      title: '09 · The sloppy election with Paxos (3 agents, 2 potential leaders)',
      about:
        'Let time pass (Tick) and deliver names and Paxos messages; a timer’s step is offered when it is due. The timers assume δ = 1 but the network may take up to 3 ticks: deliver the names at once and l2 alone leads; hold them back and both lead.',
      machine: () => paxosWithElection(explorerConfig),
      diagram: (t) => electionDiagram(paxosWithElection(explorerConfig))(t),
    }),
  ],
  plots,
  benchmarks: [electionBench],
  facts: {
    'runs per point': sweepsConfig.runs,
    // The measured system's timeout T, in ticks (a tick is a millisecond).
    'measured T': measuredConfig.timeout,
    // What the sampled checks' runs show (the tests compare them with the runs).
    'timely runs: slowest': 156,
    'late runs: two earlier values': 36,
    'earliest value seed': 2,
    // The shortest counterexamples of the mutants (the tests compare them with the checks' runs).
    'leads at once steps': 4,
    'one-way wait steps': 7,
    'no stepping down steps': 8,
    'no answer steps': 17,
    'impatient leader steps': 38,
    'earliest value steps': 359,
  },
};
