/**
 * Chapter 05, The simple implementations (§3, §5.2): the chapter as the
 * tools see it.
 *
 * @module
 */
import { type Machine, replay, type StuckResult, summarize, type Trace } from '../../index';
import { specD } from '../03-consensus-specs/specs';
import { simulationTable } from '../04-abstraction-functions/simulation';
import type { Chapter, CheckContext, Writer } from '../chapter';
import {
  checkCoordinator,
  checkCoordinatorLive,
  checkMajority,
  checkMajorityLive,
  coordinatorStuck,
  majorityStuck,
  noMajority,
} from './checks';
import { coordAF, coordConfig, coordinator } from './coordinator';
import { exercises } from './exercises';
import { majAF, majConfig, majority } from './majority';
import { adoptHeardChoice, answerBeforeChoosing, noRetransmission, twoOfFour } from './mutants';
import { observeAsD, VALUES5 } from './processes';

/** The coordinator demo: a lost message is sent again, and everyone learns 2. */
export const coordinatorPath = [
  'Allow(1)',
  'Allow(2)',
  'Choose(2)',
  'Lose(outcome(2) -> p3)',
  'Deliver(outcome(2) -> p2)',
  'Outcome(p3) -> nil',
  'Tell(p3)',
  'Deliver(outcome(2) -> p3)',
  'Outcome(p3) -> 2',
];

/** The majority demo: p1 and p3 choose 1, p2 chooses 2; everyone learns 1. */
export const majorityPath = [
  'Allow(p1, 1)',
  'Allow(p2, 2)',
  'Allow(p3, 1)',
  'Choose(p1, 1)',
  'Choose(p2, 2)',
  'Choose(p3, 1)',
  'Receive(choice(p1, 1) -> p3)',
  'Outcome(p3) -> 1',
  'Lose(choice(p3, 1))',
  'Outcome(p1) -> nil',
  'Send(p3)',
  'Receive(choice(p3, 1) -> p1)',
  'Receive(choice(p1, 1) -> p2)',
  'Receive(choice(p3, 1) -> p2)',
  'Outcome(p2) -> 1',
];

function coordinatorRun() {
  const m = coordinator();
  return { machine: m, trace: replay(m, coordinatorPath) };
}

function majorityRun() {
  const m = majority();
  return { machine: m, trace: replay(m, majorityPath) };
}

/** A stuck run as a named run: the machine and the shortest run to the stuck state. */
function stuckRun<S>(m: Machine<S>, r: StuckResult<S>): { machine: Machine<S>; trace: Trace<S> } {
  if (!r.stuck) throw new Error(`no stuck state found in ${m.name}`);
  return { machine: m, trace: r.stuck };
}

/** The shortest counterexample of a failed check, as a named run. */
function counterexampleRun<S>(m: Machine<S>, r: { counterexample?: { trace: Trace<S> } }) {
  if (!r.counterexample) throw new Error(`${m.name}: the mutant was not caught`);
  return { machine: m, trace: r.counterexample.trace };
}

function explainStuck<S>(out: Writer, what: string, r: StuckResult<S>): void {
  const c = r.confirmation!;
  out(`   ${what}.`);
  out(
    `   Found ${r.stuck!.steps.length} steps in, among ${r.stats.states} reachable states. From there,`,
  );
  out(`   with no further fault, ${c.stats.states} states are reachable, and in none of them:`);
  out(`   ${c.unreached[0]}.`);
}

function demo(out: Writer): void {
  const d = specD(VALUES5);
  out('The two simple implementations of consensus (§3), checked against spec D (§4.2)');
  out('with the abstraction functions of §5.2. Three processes, values {1, 2}; the');
  out('network loses and reorders messages; one process may crash (! marks faults).');
  out('');
  out('1. The coordinator p1 gets every Allow, chooses, and tells everyone. Beside');
  out("   each step: the D-steps that simulate it, and f(y') = (allowed, outcome, done).");
  out('');
  const c = coordinatorRun();
  out(simulationTable(c.machine, { spec: d, abstraction: coordAF, observe: observeAsD }, c.trace));
  out('');
  out('2. Majority: each process chooses and tells the others; a value chosen by two');
  out('   of the three is the outcome, the moment the second one chooses it.');
  out('');
  const m = majorityRun();
  out(
    simulationTable(
      m.machine,
      { spec: d, abstraction: (y) => majAF(y, majConfig.quorum), observe: observeAsD },
      m.trace,
    ),
  );
  out('');
  out('3. Safety survives loss and a crash:');
  out(`   coordinator refines D: ${summarize(checkCoordinator())}`);
  out(`   majority refines D:    ${summarize(checkMajority())}`);
  out('');
  out('4. Termination does not. Runs that get stuck, found by searching every');
  out('   reachable state for one from which the goal can no longer be reached:');
  out('');
  explainStuck(out, 'the coordinator chose, then crashed; p2 never learns', coordinatorStuck());
  out('');
  explainStuck(out, 'a majority chose 1, then p1 crashed; nobody can learn', majorityStuck());
  out('');
  explainStuck(out, 'p3 crashed and the others split: no majority ever', noMajority());
}

/** Chapter 05. */
export const chapter: Chapter = {
  number: 5,
  slug: '05-simple-implementations',
  title: 'The simple implementations',
  paper: '§3, §5.2',
  summary:
    'A coordinator and a majority implement consensus (they refine D, even with crashes), but neither is fault tolerant: a crash can leave the outcome unknown forever.',
  demo,
  checks: [
    {
      name: 'coordinator refines D',
      claim:
        'With loss, reordering and one crash, the coordinator refines D under f: outcome = the coordinator’s outcome, done = everyone has it.',
      states: 272,
      run: (ctx: CheckContext) => checkCoordinator(coordConfig, undefined, ctx),
    },
    {
      name: 'majority refines D',
      claim:
        'With loss, reordering and one crash, the majority refines D under f: outcome = the choice of a majority or nil, done = everyone has it.',
      states: 27436,
      run: (ctx: CheckContext) => checkMajority(majConfig, undefined, ctx),
    },
    {
      name: 'coordinator survives loss',
      claim:
        'Without crashes, from every reachable state every process can still learn the outcome: retransmission repairs lost messages.',
      states: 68,
      run: () => checkCoordinatorLive(),
    },
    {
      name: 'majority survives loss',
      claim:
        'Without crashes, from every reachable state every process can still learn the outcome.',
      states: 6859,
      run: () => checkMajorityLive(),
    },
    {
      name: 'a crashed coordinator strands the outcome',
      claim:
        'Some reachable state, after the coordinator chose, is stuck: without further faults a live process never learns the outcome.',
      states: 272,
      run: () => coordinatorStuck(),
    },
    {
      name: 'a crash in the majority strands the outcome',
      claim:
        'Some reachable state, after a majority chose, is stuck: without further faults a live process never learns the outcome.',
      states: 27436,
      run: () => majorityStuck(),
    },
    {
      name: 'a crash can leave no majority',
      claim:
        'Some reachable state, where every live process has chosen, is stuck with no majority for any value: the outcome stays nil forever.',
      states: 27436,
      run: () => noMajority(),
    },
  ],
  mutants: [
    {
      name: 'majorities of 2 of 4',
      bug: 'Four processes, and any two form a "majority": two such sets need not intersect.',
      caughtBy: 'majority refines D',
      run: (ctx) => checkMajority(twoOfFour, undefined, ctx),
    },
    {
      name: 'answer before choosing',
      bug: 'Asked before it has chosen, the coordinator answers with the value it will probably choose.',
      caughtBy: 'coordinator refines D',
      run: (ctx) => checkCoordinator(coordConfig, answerBeforeChoosing, ctx),
    },
    {
      name: 'changes its choice',
      bug: 'A process that hears another’s choice switches to it, to help a majority form.',
      caughtBy: 'majority refines D',
      run: (ctx) => checkMajority(majConfig, adoptHeardChoice, ctx),
    },
    {
      name: 'no retransmission',
      bug: 'The coordinator tells each process once, when it chooses, and never again.',
      caughtBy: 'coordinator survives loss',
      run: () => checkCoordinatorLive(noRetransmission),
    },
  ],
  runs: [
    {
      name: 'coordinator',
      description: 'the coordinator chooses 2; a lost message is sent again; everyone learns 2',
      run: coordinatorRun,
    },
    {
      name: 'majority',
      description: 'p1 and p3 choose 1, p2 chooses 2; everyone learns 1',
      run: majorityRun,
    },
    {
      name: 'coordinator-stuck',
      description:
        'the shortest run to a stuck state: the coordinator chose, a message was lost, the coordinator crashed; p2 never learns',
      run: () => stuckRun(coordinator(), coordinatorStuck()),
    },
    {
      name: 'majority-stuck',
      description:
        'the shortest run to a stuck state after a majority chose: p1 crashed with its choice unheard',
      run: () => stuckRun(majority(), majorityStuck()),
    },
    {
      name: 'no-majority',
      description:
        'the shortest run to a state where the live processes chose and no majority can form',
      run: () => stuckRun(majority(), noMajority()),
    },
    {
      name: 'two-of-four',
      description:
        'with "majorities" of 2 of 4, two disjoint pairs choose different values: f has no outcome to give',
      run: () => counterexampleRun(majority(twoOfFour), checkMajority(twoOfFour)),
    },
    {
      name: 'answer-before-choosing',
      description: 'the coordinator answers 1 before it has chosen: D has no outcome to return',
      run: () =>
        counterexampleRun(
          coordinator(coordConfig, answerBeforeChoosing),
          checkCoordinator(coordConfig, answerBeforeChoosing),
        ),
    },
    {
      name: 'changes-choice',
      description:
        'a process switches its choice on hearing another: a majority for 1 dissolves, and D cannot undo an outcome',
      run: () =>
        counterexampleRun(
          majority(majConfig, adoptHeardChoice),
          checkMajority(majConfig, adoptHeardChoice),
        ),
    },
    {
      name: 'no-retransmission',
      description: 'without retransmission, one lost message strands a process even with no crash',
      run: () => {
        const m = coordinator({ ...coordConfig, crashes: 0 }, noRetransmission);
        return counterexampleRun(m, checkCoordinatorLive(noRetransmission));
      },
    },
  ],
  exercises,
};
