/**
 * Chapter 07, Paxos: invariants and anchored rounds (§6.3): the chapter as
 * the tools see it.
 *
 * @module
 */
import { explore } from '../../index';
import { configFor } from '../06-paxos-state/checks';
import { paxosDiagram } from '../06-paxos-state/diagram';
import { anyAllowed } from '../06-paxos-state/mutants';
import { paxos, rules } from '../06-paxos-state/paxos';
import { allowedOnceConfig, config, threeRounds } from '../06-paxos-state/state';
import type { Chapter } from '../chapter';
import {
  checkInductive,
  checkInvariants34,
  checkNotInductive,
  checkStable,
  inductiveInvariant,
} from './checks';
import { ctiRun, demo } from './demo';
import { exercises } from './exercises';
import { acceptAfterNo, earliestValue, oneReport } from './mutants';
import { literalAnchored } from './stable';

export * from './checks';
export * from './invariants';
export * from './stable';
export * from './universe';

const STABLE = 'stable predicates';
const INVARIANTS = 'Invariants 3 and 4';
const NOT_INDUCTIVE = 'Invariant 2 alone is not inductive';
const INDUCTIVE = 'the strengthened invariant is inductive';

/** Chapter 07. */
export const chapter: Chapter = {
  number: 7,
  slug: '07-paxos-invariants',
  title: 'Paxos: invariants and anchored rounds',
  paper: '§6.3',
  summary:
    'Stable predicates, Invariants 3 and 4, and the strengthening of Invariant 2 until it is inductive, with a counterexample to induction at each weaker step.',
  demo,
  checks: [
    {
      name: STABLE,
      claim:
        'No reachable step falsifies s[i][n] = no, s[i][n] = v, v_n = v, dead, successful, or anchored (once v_n ≠ nil, or for a given v).',
      states: 51483,
      deepStates: 1182445,
      run: (ctx) => checkStable(configFor(ctx, config, allowedOnceConfig), rules, ctx),
    },
    {
      name: INVARIANTS,
      claim:
        'Every reachable state satisfies Invariant 3, Invariant 4, and its rearrangement: every round with a value is anchored.',
      states: 51483,
      deepStates: 1182445,
      run: (ctx) => checkInvariants34(configFor(ctx, config, allowedOnceConfig), rules, ctx),
    },
    {
      name: NOT_INDUCTIVE,
      claim:
        'Some state of the universe satisfies Invariant 2 and steps to one that does not: a counterexample to induction.',
      states: 113968,
      run: (ctx) => checkNotInductive(config, rules, ctx),
    },
    {
      name: INDUCTIVE,
      claim:
        'Invariants 1, 2 and 4 with four conjuncts about commands and leaders hold initially and are preserved by every step from every state of the universe that satisfies them.',
      states: 1542564,
      run: (ctx) => checkInductive(config, rules, inductiveInvariant(config), ctx),
    },
  ],
  mutants: [
    {
      name: 'earliest value',
      bug: 'The leader takes the earliest value it hears of, not the latest (three rounds of one leader).',
      caughtBy: INVARIANTS,
      run: (ctx) => checkInvariants34(threeRounds, earliestValue, { ...ctx, deep: false }),
    },
    {
      name: 'one report is enough',
      bug: 'The leader chooses after hearing from a single agent rather than a majority.',
      caughtBy: INVARIANTS,
      run: (ctx) => checkInvariants34(config, oneReport, { ...ctx, deep: false }),
    },
    {
      name: 'accept after no',
      bug: 'An agent accepts a command in a round where its status is already no.',
      caughtBy: STABLE,
      run: (ctx) => checkStable(config, acceptAfterNo, { ...ctx, deep: false }),
    },
    {
      name: 'any allowed value',
      bug: 'Chapter 06’s mutant: the leader ignores the reports; the inductive check finds it without exploring.',
      caughtBy: INDUCTIVE,
      run: (ctx) => checkInductive(config, anyAllowed, inductiveInvariant(config), ctx),
    },
  ],
  runs: [
    {
      name: 'cti-invariant-2',
      description:
        'a counterexample to induction for Invariant 2 alone (its first state is not reachable)',
      run: (ctx) => ctiRun(0, ctx),
      diagram: (t) => paxosDiagram(config, paxos(config), t),
    },
    {
      name: 'cti-anchored',
      description:
        'a counterexample to induction for Invariants 1, 2 and 4 without the commands (not reachable either)',
      run: (ctx) => ctiRun(1, ctx),
      diagram: (t) => paxosDiagram(config, paxos(config), t),
    },
    {
      name: 'anchored-flips',
      description:
        'while v_n = nil, "n is anchored" read literally is not stable: (1,l2) stops being anchored at step 4',
      run: () => {
        const m = paxos(config);
        const r = explore(m, { stepProperties: literalAnchored(config) });
        return { machine: m, trace: r.counterexample!.trace };
      },
      diagram: (t) => paxosDiagram(config, paxos(config), t),
    },
    {
      name: 'earliest-value',
      description: 'a leader that takes the earliest value it hears of breaks Invariant 4',
      run: () => {
        const m = paxos(threeRounds, earliestValue);
        const r = checkInvariants34(threeRounds, earliestValue, { seed: 1 });
        return { machine: m, trace: r.counterexample!.trace };
      },
      diagram: (t) => paxosDiagram(threeRounds, paxos(threeRounds), t),
    },
  ],
  exercises,
};
