/**
 * Chapter 04, Abstraction functions and simulation (§5.1): the chapter as
 * the tools see it.
 *
 * @module
 */
import {
  type Machine,
  refines,
  renderRefinementFailure,
  replay,
  summarize,
  type Trace,
} from '../../index';
import type { Chapter, CheckContext, Writer } from '../chapter';
import { f } from './abstraction';
import { checkInductive, checkRefinement, checkUnreachable, ctiOf, notInductive } from './checks';
import { exercises } from './exercises';
import { candidates } from './invariants';
import {
  enterOnReceipt,
  oneTokenHeld,
  passFromCs,
  releaseWithoutLock,
  tokenIsTheLock,
} from './mutants';
import { mutex } from './mutex';
import { type RingState, ring } from './ring';
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
  const from: Machine<RingState> = {
    ...ring(),
    name: 'Ring(3)',
    init: () => [c.state],
  };
  const spec = { ...mutex(), init: () => [f(c.state)] };
  return { machine: from, spec, result: refines(from, { spec, abstraction: f }) };
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
  out(simulationTable(machine, { spec, abstraction: f }, trace));
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
  const bug = ring(3, enterOnReceipt);
  out(renderRefinementFailure(bug, spec, checkRefinement(bug)));
}

/** Chapter 04. */
export const chapter: Chapter = {
  number: 4,
  slug: '04-abstraction-functions',
  title: 'Abstraction functions and simulation',
  paper: '§5.1',
  summary:
    'A token ring implements a lock: an abstraction function, invariants strengthened until they are inductive, and the commuting diagram checked for every step.',
  demo,
  checks: [
    {
      name: 'mutual exclusion alone is not inductive',
      claim:
        'Some state of the universe (216 states) satisfies mutual exclusion and steps out of it: a counterexample to induction.',
      states: 12,
      run: () => notInductive(checkInductive(candidates[0]!)),
    },
    {
      name: 'one holder is not inductive either',
      claim:
        'Adding "one holder" (at most one process has the token) still leaves a counterexample to induction: a token in flight.',
      states: 23,
      run: () => notInductive(checkInductive(candidates[1]!)),
    },
    {
      name: 'one token is inductive',
      claim:
        'Adding "one token" (exactly one, held or in flight) makes the conjunction inductive over all 216 states.',
      states: 216,
      run: () => checkInductive(candidates[2]!),
    },
    {
      name: 'the counterexamples are unreachable',
      claim: 'Neither counterexample to induction is a reachable state of the ring.',
      states: 9,
      run: (ctx: CheckContext) => checkUnreachable([ctiOf(0), ctiOf(1)], ctx),
    },
    {
      name: 'the ring refines Mutex',
      claim:
        'With f = the process in cs, the ring meets both obligations of §5.1, and the invariants hold in every reachable state.',
      states: 9,
      run: (ctx: CheckContext) => checkRefinement(ring(), f, ctx),
    },
  ],
  mutants: [
    {
      name: 'the token is the lock',
      bug: 'f says whoever has the token holds the lock, in cs or not.',
      caughtBy: 'the ring refines Mutex',
      run: (ctx) => checkRefinement(ring(), tokenIsTheLock, ctx),
    },
    {
      name: 'enter on receipt',
      bug: 'A process that receives the token goes straight into cs.',
      caughtBy: 'the ring refines Mutex',
      run: (ctx) => checkRefinement(ring(3, enterOnReceipt), f, ctx),
    },
    {
      name: 'release without the lock',
      bug: 'Release has no guard: a process that is not in cs can release the lock.',
      caughtBy: 'the ring refines Mutex',
      run: (ctx) => checkRefinement(ring(3, releaseWithoutLock), f, ctx),
    },
    {
      name: 'pass from cs',
      bug: 'A process may pass the token on while it is still in cs.',
      caughtBy: 'the ring refines Mutex',
      run: (ctx) => checkRefinement(ring(3, passFromCs), f, ctx),
    },
    {
      name: 'in-flight tokens forgotten',
      bug: 'The "one token" conjunct counts only tokens that processes hold.',
      caughtBy: 'one token is inductive',
      run: () => checkInductive([...candidates[1]!, oneTokenHeld]),
    },
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
    {
      name: 'pass-from-cs',
      description:
        'the shortest run in which a process passes the token from cs: the invariant "one token" fails',
      run: () => {
        const m = ring(3, passFromCs);
        return { machine: m, trace: checkRefinement(m).counterexample!.trace };
      },
    },
    {
      name: 'release-without-lock',
      description:
        'the shortest run in which a process releases a lock it does not hold: an external step Mutex cannot take',
      run: () => {
        const m = ring(3, releaseWithoutLock);
        return { machine: m, trace: checkRefinement(m).counterexample!.trace };
      },
    },
  ],
  exercises,
};
