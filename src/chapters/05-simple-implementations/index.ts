/**
 * Chapter 05, The simple implementations (§3, §5.2): the chapter as the
 * tools see it.
 *
 * @module
 */
import type { CheckResult, Machine, Step, StuckResult, Trace } from '../../index';
import { actorDiagram, replay, show, summarize } from '../../index';
import type { DState } from '../03-consensus-specs/specs';
import { specD } from '../03-consensus-specs/specs';
import { simulationTable } from '../04-abstraction-functions/simulation';
import type { Chapter, CheckContext, NamedRun, Writer } from '../chapter';
import { explorable, mutantsOf, runMutant } from '../chapter';
import type { MajorityVariant } from './checks';
import {
  checkCoordinator,
  checkMajority,
  checks,
  coordinatorRefinesD,
  coordinatorStuck,
  coordinatorSurvivesLoss,
  majorityRefinesD,
  majorityStuck,
  majoritySurvivesLoss,
  noMajority,
  refinementToD,
} from './checks';
import {
  coordinatorConfig,
  lossOnlyCoordinatorConfig,
  lossOnlyMajorityConfig,
  majorityConfig,
  twoOfFourConfig,
} from './config';
import type { CoordinatorRules, CoordinatorState } from './coordinator';
import { coordinator, coordinatorToD } from './coordinator';
import { exercises } from './exercises';
import type { MajorityProcess, MajorityRules, MajorityState, MajoritySystem } from './majority';
import { majority, majorityRules, majorityToD } from './majority';
import {
  answerBeforeChoosing,
  answersEarly,
  changesChoice,
  mutants,
  neverRetransmits,
  noRetransmission,
  twoOfFour,
} from './mutants';
import { observeAsD, pname } from './processes';

/** The coordinator demo: a lost message is sent again, and everyone learns 2. */
export const coordinatorPath = [
  'Allow(p1, 1)',
  'Allow(p1, 2)',
  'Choose(p1, 2)',
  'Lose(outcome(2) → p3)',
  'Deliver(outcome(2) → p2)',
  'Outcome(p3) -> nil',
  'Tell(p1, p3)',
  'Deliver(outcome(2) → p3)',
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
  'Deliver(choice(p1, 1) → p3)',
  'Outcome(p3) -> 1',
  'Lose(choice(p3, 1) → p1 p2)',
  'Outcome(p1) -> nil',
  'Send(p3)',
  'Deliver(choice(p3, 1) → p1)',
  'Deliver(choice(p1, 1) → p2)',
  'Deliver(choice(p3, 1) → p2)',
  'Outcome(p2) -> 1',
];

/**
 * The note beside a majority process's step: what it was allowed, what it
 * chose, and whose choice it heard.
 *
 * @param p - the process
 * @param _before - its state before (as the diagram passes it)
 * @param _after - its state after
 * @param step - the step, whose states are the majority's
 * @returns the note, if the step changed the process
 */
function majorityNote(
  p: number,
  _before: unknown,
  _after: unknown,
  step: Step<MajorityState>,
): string | undefined {
  const a: MajorityProcess = step.from.processes[p]!;
  const b: MajorityProcess = step.to.processes[p]!;
  const out: string[] = [];
  if (b.allowed.join() !== a.allowed.join()) out.push(`allowed := {${b.allowed.join(', ')}}`);
  if (b.choice !== a.choice) out.push(`choice := ${show(b.choice)}`);
  b.heard.forEach((v, j) => {
    if (v !== a.heard[j]) out.push(`heard ${pname(j)}: ${show(v)}`);
  });
  return out.join(', ') || undefined;
}

/**
 * A run of a majority as a sequence diagram, with notes on what each
 * process heard.
 *
 * @param sys - the system that makes the runs
 * @returns the diagram of a run
 */
const majorityDiagram = (sys: MajoritySystem) => (t: Trace<MajorityState>) => {
  return actorDiagram(sys, t, { note: majorityNote });
};

/**
 * The majority with a mutant's constants or rules, for the explorer: its
 * machine, D of its values, f with its quorum, and its diagram.
 *
 * @param v - the constants and rules (default: the chapter's)
 * @returns the parts of the explorer model that change
 */
function majorityModel(v: MajorityVariant) {
  const cfg = v.config ?? majorityConfig;
  let sys: MajoritySystem | undefined;
  const machine = () => (sys ??= majority(cfg, v.rules ?? majorityRules));
  return {
    machine,
    spec: () => specD(cfg.values),
    abstraction: (y: MajorityState) => majorityToD(y, cfg.quorum),
    diagram: (t: Trace<MajorityState>) => majorityDiagram(machine())(t),
  };
}

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
function counterexampleRun<S>(m: Machine<S>, r: CheckResult<S>) {
  if (!r.counterexample) throw new Error(`${m.name}: the mutant was not caught`);
  return { machine: m, trace: r.counterexample.trace };
}

/**
 * A mutant's counterexample as a named run.
 *
 * @param m - the mutant's machine
 * @param r - what its check found
 * @returns the run
 */
function mutantRun<S>(m: Machine<S>, r: CheckResult<S> | Promise<CheckResult<S>>) {
  if (r instanceof Promise)
    throw new Error(`${m.name}: the check of a named run must be synchronous`);
  return counterexampleRun(m, r);
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
  out('The two simple implementations of consensus (§3), checked against spec D (§4.2)');
  out('with the abstraction functions of §5.2. Three processes, values {1, 2}; the');
  out('network loses and reorders messages; one process may crash (! marks faults).');
  out('');
  out('1. The coordinator p1 gets every Allow, chooses, and tells everyone. Beside');
  out("   each step: the D-steps that simulate it, and f(y') = (allowed, outcome, done).");
  out('');
  const c = coordinatorRun();
  out(
    simulationTable(
      c.machine,
      refinementToD(c.machine, coordinatorConfig.values, coordinatorToD),
      c.trace,
    ),
  );
  out('');
  out('2. Majority: each process chooses and tells the others; a value chosen by two');
  out('   of the three is the outcome, the moment the second one chooses it.');
  out('');
  const m = majorityRun();
  out(
    simulationTable(
      m.machine,
      refinementToD(m.machine, majorityConfig.values, (y: MajorityState) =>
        majorityToD(y, majorityConfig.quorum),
      ),
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

const ctx0: CheckContext = { seed: 1 };

/** The chapter's named runs: the two demos, the stuck runs, and the mutants' counterexamples. */
const runs: readonly NamedRun[] = [
  {
    name: 'coordinator',
    description: 'the coordinator chooses 2; a lost message is sent again; everyone learns 2',
    run: coordinatorRun,
  },
  {
    name: 'majority',
    description: 'p1 and p3 choose 1, p2 chooses 2; everyone learns 1',
    run: majorityRun,
    diagram: majorityDiagram(majority()),
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
    diagram: majorityDiagram(majority()),
  },
  {
    name: 'no-majority',
    description:
      'the shortest run to a state where the live processes chose and no majority can form',
    run: () => stuckRun(majority(), noMajority()),
    diagram: majorityDiagram(majority()),
  },
  {
    name: 'two-of-four',
    description:
      'with "majorities" of 2 of 4, two disjoint pairs choose different values: f has no outcome to give',
    run: () => mutantRun(majority(twoOfFourConfig), runMutant(twoOfFour, ctx0)),
    diagram: majorityDiagram(majority(twoOfFourConfig)),
  },
  {
    name: 'answer-before-choosing',
    description: 'the coordinator answers 1 before it has chosen: D has no outcome to return',
    run: () =>
      mutantRun(
        coordinator(coordinatorConfig, answerBeforeChoosing),
        runMutant(answersEarly, ctx0),
      ),
  },
  {
    name: 'changes-choice',
    description:
      'a process switches its choice on hearing another: a majority for 1 dissolves, and D cannot undo an outcome',
    run: () => mutantRun(majority(), runMutant(changesChoice, ctx0)),
    diagram: majorityDiagram(majority()),
  },
  {
    name: 'no-retransmission',
    description: 'without retransmission, one lost message strands a process even with no crash',
    run: () =>
      mutantRun(
        coordinator(lossOnlyCoordinatorConfig, noRetransmission),
        runMutant(neverRetransmits, ctx0),
      ),
  },
];

/** Chapter 05. */
export const chapter: Chapter = {
  id: '05',
  slug: '05-simple-implementations',
  title: 'The simple implementations',
  paper: '§3, §5.2',
  summary:
    'A coordinator and a majority implement consensus (they refine D, even with crashes), but neither is fault tolerant: a crash can leave the outcome unknown forever.',
  demo,
  checks,
  mutants,
  runs,
  exercises,
  models: [
    { name: 'coordinator, 3 processes, one crash', machine: () => coordinator() },
    {
      name: 'coordinator, 3 processes, loss only',
      machine: () => coordinator(lossOnlyCoordinatorConfig),
    },
    { name: 'majority, 2 of 3, one crash', machine: () => majority() },
    { name: 'majority, 2 of 3, loss only', machine: () => majority(lossOnlyMajorityConfig) },
  ],
  explorer: [
    explorable<CoordinatorState, DState>({
      id: '05-coordinator',
      title: '05 · The coordinator (3 processes)',
      about:
        'Allow values at the coordinator p1, let it Choose, deliver or lose its outcome messages, crash a process, ask any process for its Outcome. The image is spec D under §5.2’s abstraction function: done means everyone has the outcome.',
      machine: () => coordinator(coordinatorConfig),
      spec: () => specD(coordinatorConfig.values),
      abstraction: coordinatorToD,
      observe: observeAsD(coordinator(coordinatorConfig)),
      mutants: [
        mutantsOf([coordinatorRefinesD, coordinatorSurvivesLoss], (r: CoordinatorRules) => ({
          machine: () => coordinator(coordinatorConfig, r),
        })),
      ],
    }),
    explorable<MajorityState, DState>({
      id: '05-majority',
      title: '05 · The majority (2 of 3)',
      about:
        'Allow a value at each process, let them Choose and send their choices, deliver or lose the messages, crash one. The image is spec D: the outcome is the value a majority chose, once there is one.',
      machine: () => majority(majorityConfig),
      spec: () => specD(majorityConfig.values),
      abstraction: (y) => majorityToD(y, majorityConfig.quorum),
      observe: observeAsD(majority(majorityConfig)),
      diagram: majorityDiagram(majority(majorityConfig)),
      mutants: [
        mutantsOf(majorityRefinesD, (v: MajorityVariant) => majorityModel(v)),
        mutantsOf(majoritySurvivesLoss, (r: MajorityRules) => majorityModel({ rules: r })),
      ],
    }),
  ],
  facts: {
    'states after the coordinator is stuck': 2,
  },
};
