/**
 * Chapter 13's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import type { Nil } from '../../index';
import { renderRefinementFailure, renderTrace, show } from '../../index';
import type { StorageInput, StorageOutput } from '../01-replicated-state-machines/storage';
import { Read, showInput, showState, Write } from '../01-replicated-state-machines/storage';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import { refinementToSingleCopy } from './abstraction';
import type { HaVariant } from './checks';
import { changeGoals, checkRefines } from './checks';
import type { HaConfig } from './config';
import { changeConfig, epsilon } from './config';
import type { ServiceInput, ServiceState } from './service';
import { clientName, exactlyOnce } from './service';
import { haSystem, rules } from './system';

const SLUG = '13-highly-available-system';

// ---------------------------------------------------------------- 13.1

/** The reader's step of the service: one log entry applied to its state. */
type ServiceStep = (
  s: ServiceState,
  i: ServiceInput,
) => { readonly state: ServiceState; readonly output: StorageOutput | Nil };

/** The clients' calls the logs of 13.1 are made of. */
const SCRIPTS: readonly (readonly StorageInput[])[] = [
  [Write('x', 1), Read('x')],
  [Write('x', 2), Write('y', 3)],
];

/** The longest log 13.1 tries. */
const LONGEST = 5;

const entryText = (i: ServiceInput) =>
  i.k === 'lease' ? 'lease' : `${clientName(i.c)}#${i.seq} ${showInput(i.input)}`;

/**
 * Every log of at most LONGEST entries that a primary could decide: a
 * lease, or a client's call, where call seq appears only once seq − 1 has
 * (a client calls again only once its last call returned), and any call
 * may appear again later (sent again, and commanded again by a primary
 * that did not know). Shortest first.
 */
function logs(): ServiceInput[][] {
  const calls: ServiceInput[] = SCRIPTS.flatMap((xs, c) =>
    xs.map((input, k) => ({ k: 'call' as const, c, seq: k + 1, input })),
  );
  const out: ServiceInput[][] = [];
  let level: ServiceInput[][] = [[]];
  for (let n = 0; n < LONGEST; n++) {
    const next: ServiceInput[][] = [];
    for (const log of level)
      for (const e of [...calls, { k: 'lease' } as ServiceInput]) {
        if (e.k === 'call' && e.seq > 1) {
          const before = e.seq - 1;
          if (!log.some((x) => x.k === 'call' && x.c === e.c && x.seq === before)) continue;
        }
        next.push([...log, e]);
      }
    out.push(...next);
    level = next;
  }
  return out;
}

/** A state as text: `{x: 2}, last c1#1 ok, c2#0`. */
const stateText = (s: ServiceState) =>
  `${showState(s.store)}, last ${s.last.map((l, c) => `${clientName(c)}#${l.seq}${l.seq > 0 ? ` ${show(l.reply)}` : ''}`).join(', ')}`;

function checkServiceStep(mod: Record<string, unknown>): ExerciseVerdict {
  const step = exportedFunction<ServiceStep>(mod, 'serviceStep');
  const ref = exactlyOnce(SCRIPTS.length);
  const all = logs();
  for (const log of all) {
    let mine = ref.initial;
    let want = ref.initial;
    const lines: string[] = [];
    for (const [k, e] of log.entries()) {
      const a = step(mine, e);
      const b = ref.transition(want, e);
      // A call older than the client's last is answered to no one: its output does not matter.
      const stale = e.k === 'call' && e.seq < want.last[e.c]!.seq;
      const same =
        (stale || show(a.output) === show(b.output)) &&
        showState(a.state.store) === showState(b.state.store);
      lines.push(
        `${k + 1}. ${entryText(e)}: yours ${show(a.output)}, the service's ${stale ? 'any (no one waits for it)' : show(b.output)}${same ? '' : `   <- here: your storage ${showState(a.state.store)}, the service's ${showState(b.state.store)}`}`,
      );
      if (!same)
        return {
          passed: false,
          explanation: [
            `Your service does not answer as the single copy with exactly-once calls would, on this log a primary could decide (a call appears again when the client sent it again, or a new primary commanded again what it did not know was decided):`,
            lines.join('\n'),
            `After it your state is ${stateText(a.state)}; it should be ${stateText(b.state)}.`,
          ].join('\n\n'),
        };
      mine = a.state;
      want = b.state;
    }
  }
  return {
    passed: true,
    explanation: `Your service answers every entry of all ${all.length} logs of up to ${LONGEST} entries that a primary could decide from two clients' calls (each call once or more, in the clients' order, and leases) as the single copy would: a call that reaches the log again is answered with the reply it got, not applied again. (The check does not look at what you answer to a call older than the client's last: no one waits for that reply.)`,
  };
}

// ---------------------------------------------------------------- 13.2

/** The reader's wait: until when, on its own clock, a new primary that found a lease with t waits. */
type WaitUntil = (t: number, c: HaConfig) => number;

const configText = (c: HaConfig) =>
  `${c.agents} agents, l1 then l2, L = ${c.lease}, b = ${c.clockBound} so ε = ${epsilon(c)}, l1's clock ${-c.skew[0]!} behind real time and l2's ${c.skew[1]!} ahead, δ = ${c.delta}, time up to ${c.horizon}`;

function checkWaitUntil(mod: Record<string, unknown>): ExerciseVerdict {
  const waitUntil = exportedFunction<WaitUntil>(mod, 'waitUntil');
  const lines: string[] = [];
  let unsafe = false;
  for (const b of [0, 1, 2])
    for (const t of [5, 12]) {
      const c: HaConfig = { ...changeConfig, clockBound: b };
      const got = waitUntil(t, c);
      const want = t + epsilon(c);
      if (got < want) {
        unsafe = true;
        lines.push(
          `With b = ${b} and the old lease's t = ${t}, you go once your clock passes ${got}. The old primary reads until its own clock reaches ${t}, and its clock may be up to ε = ${epsilon(c)} behind yours: at your clock ${got + 1} it may still be serving reads, and miss the writes you decide.`,
        );
      } else if (got > want)
        lines.push(
          `With b = ${b} and the old lease's t = ${t}, you wait until your clock passes ${got}, where ${want} is enough: the service is down for nothing in between.`,
        );
    }
  const v: HaVariant = { rules: { ...rules, waitUntil } };
  const res = checkRefines(changeConfig, v, { seed: 1 }, changeGoals);
  const where = `the chapter's primary change (${configText(changeConfig)})`;
  if (!res.holds) {
    const sys = haSystem(changeConfig, v.rules);
    const ce = res.counterexample;
    const run = res.failure
      ? renderRefinementFailure(sys, refinementToSingleCopy(sys).spec, res)
      : ce
        ? `“${ce.property}” fails${ce.message === 'violated' ? '' : `: ${ce.message}`}, in this run:\n\n${renderTrace(sys, ce.trace)}`
        : `no run reaches “${res.unreached.join('; ')}”`;
    return {
      passed: false,
      explanation: [
        `With your wait the system breaks in ${where}.`,
        ...lines,
        `The run (clocks gives each leader’s clock, now the real time):\n\n${run}`,
      ].join('\n\n'),
    };
  }
  if (lines.length > 0)
    return {
      passed: false,
      explanation: [
        unsafe
          ? `Every run of ${where} is fine with your wait, but it is not safe for every clock bound:`
          : 'Your new primary is safe, but it waits longer than it must:',
        ...lines,
      ].join('\n\n'),
    };
  return {
    passed: true,
    explanation: `Your new primary waits exactly until its clock passes t + ε = t + 2b; with it the system implements the single copy, with the chapter's invariants, in every one of the ${res.stats.states} reachable states of ${where}.`,
  };
}

/** The exercises of chapter 13. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '13.1',
    title: 'Exactly once',
    task: 'Write serviceStep(s, i): the service’s step for one log entry i, applied to state s (s.store, the storage; s.last[c], client c’s last call applied, { seq, reply }). A lease changes nothing and outputs null; a client’s call { c, seq, input } is applied to the storage unless the service has applied it already, in which case it gets the reply it got then. Return { state, output }. The check runs your step on every log of up to five entries a primary could decide, against the single copy.',
    hint: 'A client numbers its calls and makes one at a time: which of its calls can the log hold again, and what did the service keep about it?',
    name: '13.1-service-step',
    check: checkServiceStep,
  }),
  exercise(SLUG, {
    id: '13.2',
    title: 'When the new primary may go to work',
    task: 'Write waitUntil(t, c): a new primary’s query found a lease of the old primary that ends when the old primary’s own clock reads t; until when, on the new primary’s clock, must it wait before it commands anything? (It goes once its clock is past the number you return.) c.clockBound is b: every clock is within b of real time. The check compares your answer case by case, and explores every run of the chapter’s primary change with it.',
    hint: 'Whose clock is t on? How far apart can two clocks be, each within b of real time?',
    name: '13.2-wait-until',
    check: checkWaitUntil,
  }),
];
