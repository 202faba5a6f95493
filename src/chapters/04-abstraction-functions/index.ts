/**
 * Chapter 04, Abstraction functions and simulation (§5.1): the chapter as
 * the tools see it.
 *
 * @module
 */
import type { CounterexampleToInduction, Invariant, Machine, Trace } from '../../index';
import { refines, renderRefinementFailure, replay, summarize } from '../../index';
import type { Chapter, ChapterCheck, NamedRun, Writer } from '../chapter';
import { check, explorable, mutant, mutantsOf } from '../chapter';
import { ringToMutex } from './abstraction';
import {
  checkInductive,
  checkRefinement,
  checkUnreachable,
  ctiOf,
  notInductive,
  refinementToMutex,
} from './checks';
import { config } from './config';
import { exercises } from './exercises';
import { candidates, universe } from './invariants';
import {
  enterOnReceipt,
  oneTokenHeld,
  passFromCs,
  releaseWithoutLock,
  tokenIsTheLock,
} from './mutants';
import type { MutexState } from './mutex';
import { mutex } from './mutex';
import type { RingRules, RingState } from './ring';
import { ring, rules } from './ring';
import { simulationTable } from './simulation';

/** The demo's run: the token goes from p1 to p2 to p3, each using the lock on the way. */
export const demoPath = [
  'Acquire(p1)',
  'Release(p1)',
  'Pass(p1)',
  'Receive(p2)',
  'Acquire(p2)',
  'Release(p2)',
  'Pass(p2)',
  'Receive(p3)',
  'Acquire(p3)',
];

function demoRun() {
  const m = ring();
  return { machine: m, trace: replay(m, demoPath) };
}

/** A counterexample to induction as a one-step run from its (unreachable) state. */
function ctiRun(candidate: number): { machine: Machine<RingState>; trace: Trace<RingState> } {
  const c = ctiOf(candidate);
  return {
    machine: ring(),
    trace: { init: c.state, steps: [{ from: c.state, label: c.label, to: c.next }] },
  };
}

/**
 * Refinement checked from one unreachable state (the first counterexample
 * to induction), with Mutex started at its image: the step out of it is
 * not simulated, and f is not even defined where it leads.
 */
export function fromUnreachable() {
  const c = ctiOf(0);
  const from: Machine<RingState> = { ...ring(), init: () => [c.state] };
  const spec = { ...mutex(), init: () => [ringToMutex(c.state)] };
  return { machine: from, spec, result: refines(from, { spec, abstraction: ringToMutex }) };
}

function demo(out: Writer): void {
  const { machine, trace } = demoRun();
  const spec = mutex();
  out('A token ring implements a lock (§5.1).');
  out('');
  out('The spec, Mutex, has one variable: holder. The implementation is a ring of');
  out('three processes p1, p2, p3 with a channel from each to the next; one token');
  out('goes round, and only the process holding it may enter its critical section');
  out('(cs). The abstraction function: holder = the process in cs, or nil.');
  out('');
  out('1. A run of the ring. Beside each step, the Mutex steps that simulate it and');
  out('   f of the state it reaches. Pass and Receive are internal: f does not change,');
  out('   and no Mutex step is needed. Acquire and Release are simulated by themselves.');
  out('');
  out(simulationTable(machine, refinementToMutex(), trace));
  out('');
  out(`   refines(Ring(3), Mutex, f) ${summarize(checkRefinement())}`);
  out('');
  out('2. Why the method needs invariants. Start the ring in a state it can never');
  out('   reach: p1 in cs and p2 holding a token as well. Mutual exclusion holds');
  out('   there, yet the step Acquire(p2) is not simulated, and f is not even');
  out('   defined on the state it leads to.');
  out('');
  const u = fromUnreachable();
  out(renderRefinementFailure(u.machine, u.spec, u.result));
  out('');
  out('3. A bug, and how the checker reports it: a process that receives the token');
  out('   goes straight into cs, skipping Acquire. An internal step has changed');
  out('   the holder, and Mutex has no internal step that can do that.');
  out('');
  const bug = ring(config.processes, enterOnReceipt);
  out(renderRefinementFailure(bug, spec, checkRefinement(bug)));
}

/** What the refinement check runs on: the ring's rules and f (a mutant changes one). */
export interface RingVariant {
  /** The ring's rules (default: the correct ones). */
  readonly rules?: RingRules;
  /** The abstraction function (default: the process in cs). */
  readonly abstraction?: (y: RingState) => MutexState;
}

/**
 * A named run: the shortest run of a ring with a seeded bug to the step or
 * state the refinement check rejects.
 *
 * @param name - the run's name
 * @param description - what it shows
 * @param r - the buggy rules
 * @returns the run
 */
function caught(name: string, description: string, r: RingRules): NamedRun {
  return {
    name,
    description,
    run: () => {
      const m = ring(config.processes, r);
      return { machine: m, trace: checkRefinement(m).counterexample!.trace };
    },
  };
}

const universeSize = universe(config.processes).length;

/**
 * The claim "candidate k is not inductive" for the ring (or a variant of
 * it), as a check that holds when `inductive` finds a counterexample.
 *
 * @param k - the candidate, 0 for mutual exclusion alone
 * @param c - the check's name, claim and pins
 * @returns the check
 */
function notInductiveCheck(k: number, c: Pick<ChapterCheck, 'name' | 'claim' | 'pinned'>) {
  return check<Machine<RingState>>({
    ...c,
    run: (_ctx, m = ring()) => notInductive(checkInductive(candidates[k]!, m)),
  });
}

const meAlone = notInductiveCheck(0, {
  name: 'mutual exclusion alone is not inductive',
  claim: `Some state of the universe (${universeSize} states) satisfies mutual exclusion and steps out of it: a counterexample to induction.`,
  pinned: { states: 12, transitions: 17 },
});

const holderAlso = notInductiveCheck(1, {
  name: 'one holder is not inductive either',
  claim:
    'Adding "one holder" (at most one process has the token) still leaves a counterexample to induction: a token in flight.',
  pinned: { states: 23, transitions: 15 },
});

const oneToken = check<readonly Invariant<RingState>[]>({
  name: 'one token is inductive',
  claim: `Adding "one token" (exactly one, held or in flight) makes the conjunction inductive over all ${universeSize} states.`,
  pinned: { states: 216, transitions: 12 },
  run: (_ctx, invs = candidates[2]!) => checkInductive(invs),
});

const unreachable = check<readonly CounterexampleToInduction<RingState>[]>({
  name: 'the counterexamples are unreachable',
  claim: 'Neither counterexample to induction is a reachable state of the ring.',
  pinned: { states: 9, transitions: 12 },
  run: (ctx, ctis = [ctiOf(0), ctiOf(1)]) => checkUnreachable(ctis, ctx),
});

const refinesMutex = check<RingVariant>({
  name: 'the ring refines Mutex',
  claim:
    'With f = the process in cs, the ring meets both obligations of §5.1, and the invariants hold in every reachable state.',
  pinned: { states: 9, transitions: 12 },
  run: (ctx, v = {}) =>
    checkRefinement(ring(config.processes, v.rules ?? rules), v.abstraction ?? ringToMutex, ctx),
});

/** Chapter 04. */
export const chapter: Chapter = {
  id: '04',
  slug: '04-abstraction-functions',
  title: 'Abstraction functions and simulation',
  paper: '§5.1',
  summary:
    'A token ring implements a lock: an abstraction function, invariants strengthened until they are inductive, and the commuting diagram checked for every step.',
  demo,
  checks: [meAlone, holderAlso, oneToken, unreachable, refinesMutex],
  mutants: [
    mutant(refinesMutex, {
      name: 'the token is the lock',
      bug: 'f says whoever has the token holds the lock, in cs or not.',
      variant: { abstraction: tokenIsTheLock },
    }),
    mutant(refinesMutex, {
      name: 'enter on receipt',
      bug: 'A process that receives the token goes straight into cs.',
      variant: { rules: enterOnReceipt },
    }),
    mutant(refinesMutex, {
      name: 'release without the lock',
      bug: 'Release has no guard: a process that is not in cs can release the lock.',
      variant: { rules: releaseWithoutLock },
    }),
    mutant(refinesMutex, {
      name: 'pass from cs',
      bug: 'A process may pass the token on while it is still in cs.',
      variant: { rules: passFromCs },
    }),
    mutant(oneToken, {
      name: 'in-flight tokens forgotten',
      bug: 'The "one token" conjunct counts only tokens that processes hold.',
      variant: [...candidates[1]!, oneTokenHeld],
    }),
  ],
  runs: [
    {
      name: 'demo',
      description: 'the token goes round the ring, and each process takes the lock in turn',
      run: demoRun,
    },
    {
      name: 'cti-mutual-exclusion',
      description:
        'a counterexample to induction for mutual exclusion: an unreachable state where it holds, and a step that breaks it',
      run: () => ctiRun(0),
    },
    {
      name: 'cti-one-holder',
      description:
        'a counterexample to induction for "mutual exclusion and one holder": a second token in flight',
      run: () => ctiRun(1),
    },
    caught(
      'pass-from-cs',
      'the shortest run in which a process passes the token from cs: the invariant "one token" fails',
      passFromCs,
    ),
    caught(
      'release-without-lock',
      'the shortest run in which a process releases a lock it does not hold: an external step Mutex cannot take',
      releaseWithoutLock,
    ),
  ],
  exercises,
  models: [
    { name: 'the token ring of three', machine: () => ring() },
    { name: 'Mutex', machine: () => mutex() },
  ],
  explorer: [
    explorable<RingState, MutexState>({
      id: '04-ring',
      title: '04 · The token ring (3 processes)',
      about:
        'Acquire and Release the lock where the token is, Pass the token on and Receive it. The image is Mutex under f, the process in cs: Pass and Receive leave it unchanged, and Acquire and Release are Mutex’s own. The invariants are the three that together are inductive.',
      machine: () => ring(config.processes),
      spec: () => mutex(config.processes),
      abstraction: ringToMutex,
      // Every step of the ring is of the process its parameter names.
      actor: (l) => (typeof l.param === 'string' ? l.param : undefined),
      invariants: () => candidates[2]!,
      mutants: [
        mutantsOf(refinesMutex, (v: RingVariant) => ({
          machine: () => ring(config.processes, v.rules ?? rules),
          abstraction: v.abstraction ?? ringToMutex,
        })),
      ],
    }),
  ],
  facts: {
    'Peterson reachable states': 20,
    'Peterson universe states': 128,
    'Peterson inductive states': 28,
  },
};
