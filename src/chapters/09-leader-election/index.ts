/**
 * Chapter 09, Termination: choosing a leader (§6.5): the chapter as the
 * tools see it.
 *
 * @module
 */
import { explore } from '../../index';
import type { Chapter, CheckContext } from '../chapter';
import { checkLateRuns, checkTimely, checkTimelyRuns, timelyFor, timelyInvariants } from './checks';
import { timely } from './config';
import { demo, slowRun, slowStart } from './demo';
import { electionDiagram } from './diagram';
import { checkDuel, duel, duelConfig } from './duel';
import { exercises } from './exercises';
import {
  impatient,
  leadsAtOnce,
  noAnswer,
  noStepDown,
  oneWayWait,
  ownValueElected,
  sharedNames,
} from './mutants';
import { correct, paxosWithElection, type TimedRules } from './system';

export * from './checks';
export * from './config';
export * from './driver';
export * from './duel';
export * from './election';
export * from './measure';
export * from './properties';
export * from './system';

const TIMELY = 'timely: one leader, decided by T + 7δ';
const RUNS = 'timely runs meet the bound';
const LATE = 'late messages: duels, but safe';
const DUEL = 'leaders can duel for ever';

/** The default configuration, whatever the context says (mutants are caught at the default bounds). */
const shallow = (ctx: CheckContext): CheckContext => ({ ...ctx, deep: false });

/** The shortest run of the exhaustive check that a mutant fails, for a named run. */
function counterexampleOf(r: TimedRules) {
  const m = paxosWithElection(timely, r);
  const res = explore(m, { invariants: timelyInvariants(timely) });
  return { machine: m, trace: res.counterexample!.trace };
}

/** Chapter 09. */
export const chapter: Chapter = {
  number: 9,
  slug: '09-leader-election',
  title: 'Termination: choosing a leader',
  paper: '§6.5',
  summary:
    'A timed model of the sloppy election: with timely messages one leader emerges and every agent knows the outcome by T + 7δ; with untimely ones two leaders can duel for ever; safety holds either way.',
  demo,
  checks: [
    {
      name: TIMELY,
      claim:
        'In every run of 3 agents and 2 potential leaders on a timely network (δ = 1, T = 2, any first timers in 0 .. T), at most one leads at a time, the biggest name leads after T + 2δ, every agent knows the outcome after T + 7δ, and safety holds; some runs take exactly that long.',
      states: 1597,
      deepStates: 265371,
      run: (ctx) => checkTimely(timelyFor(ctx), correct, ctx),
    },
    {
      name: RUNS,
      claim:
        'In 200 seeded runs of 5 agents and 3 potential leaders (δ = 10, T = 100, delays drawn from 1 .. δ), the same holds on every step, and every run decides.',
      states: 200,
      deepStates: 2000,
      run: (ctx) => checkTimelyRuns(correct, ctx),
    },
    {
      name: LATE,
      claim:
        'In 200 seeded runs of the same system with 30 messages in 100 late (up to 10δ), safety holds on every step, while some runs have two leaders at once and more rounds than leaders.',
      states: 200,
      deepStates: 2000,
      run: (ctx) => checkLateRuns(correct, ctx),
    },
    {
      name: DUEL,
      claim:
        'On an untimely network two leaders can keep killing each other’s rounds: in the duel every round is started, every one but the last dies, none succeeds, and safety holds on every step.',
      states: 76,
      deepStates: 76,
      run: () => checkDuel(correct),
    },
  ],
  mutants: [
    {
      name: 'leads at once',
      bug: 'A candidate leads as soon as it has broadcast its name, without waiting a round trip.',
      caughtBy: TIMELY,
      run: (ctx) => checkTimely(timely, leadsAtOnce, shallow(ctx)),
    },
    {
      name: 'one-way wait',
      bug: 'A candidate waits δ after its broadcast instead of 2δ.',
      caughtBy: TIMELY,
      run: (ctx) => checkTimely(timely, oneWayWait, shallow(ctx)),
    },
    {
      name: 'no answer',
      bug: 'A potential leader does not answer a smaller name.',
      caughtBy: TIMELY,
      run: (ctx) => checkTimely(timely, noAnswer, shallow(ctx)),
    },
    {
      name: 'no stepping down',
      bug: 'A candidate or leader that hears a bigger name carries on.',
      caughtBy: TIMELY,
      run: (ctx) => checkTimely(timely, noStepDown, shallow(ctx)),
    },
    {
      name: 'impatient leader',
      bug: 'A leader gives its round 3δ, not 4δ, before it starts another.',
      caughtBy: TIMELY,
      run: (ctx) => checkTimely(timely, impatient, shallow(ctx)),
    },
    {
      name: 'shared names',
      bug: 'Every potential leader broadcasts the same name.',
      caughtBy: RUNS,
      run: (ctx) => checkTimelyRuns(sharedNames, shallow(ctx)),
    },
    {
      name: 'own value (chapter 08)',
      bug: 'A leader commands its own value, whatever the reports say.',
      caughtBy: LATE,
      run: (ctx) => checkLateRuns(ownValueElected, shallow(ctx)),
    },
  ],
  runs: [
    {
      name: 'slowest',
      description:
        'a timely run as slow as the bounds allow: l2 leads at T + 2δ, every agent knows at T + 7δ',
      run: () => ({ machine: paxosWithElection(slowStart), trace: slowRun().trace! }),
      diagram: (t) => electionDiagram(slowStart, t),
    },
    {
      name: 'duel',
      description: 'an untimely run: two leaders kill each other’s rounds, and nothing is decided',
      run: () => ({ machine: paxosWithElection(duelConfig), trace: duel().trace! }),
      diagram: (t) => electionDiagram(duelConfig, t),
    },
    {
      name: 'no-answer',
      description: 'the shortest timely run with two leaders when nobody answers a smaller name',
      run: () => counterexampleOf(noAnswer),
      diagram: (t) => electionDiagram(timely, t),
    },
    {
      name: 'impatient',
      description:
        'the shortest timely run that misses T + 7δ when a leader gives its round only 3δ',
      run: () => counterexampleOf(impatient),
      diagram: (t) => electionDiagram(timely, t),
    },
  ],
  exercises,
};
