/**
 * Chapter 07, Paxos: invariants and anchored rounds (§6.3): the chapter as
 * the tools see it.
 *
 * @module
 */
import type { Trace } from '../../index';
import { explore } from '../../index';
import { paxosDiagram } from '../06-paxos-state/diagram';
import { anyAllowed } from '../06-paxos-state/mutants';
import type { PaxosRules } from '../06-paxos-state/paxos';
import { paxos, rules } from '../06-paxos-state/paxos';
import type { PaxosConfig, PaxosState } from '../06-paxos-state/state';
import type { Chapter, CheckContext } from '../chapter';
import { check, mutant } from '../chapter';
import {
  checkInductive,
  checkInvariants34,
  checkNotInductive,
  checkStable,
  inductiveInvariant,
} from './checks';
import { config, deepConfig, threeRoundsConfig } from './config';
import { ctiRun, demo } from './demo';
import { exercises } from './exercises';
import { acceptAfterNo, earliestValue, oneReport } from './mutants';
import { literalAnchored } from './stable';

/** What an exploring check runs on: the rules and the configuration (a mutant changes them). */
export interface PaxosVariant {
  /** The rules (default: chapter 06's correct ones). */
  readonly rules?: PaxosRules;
  /** The configuration (default: chapter 06's, or the deep one with `--deep`). */
  readonly config?: PaxosConfig;
}

/** The configuration an exploring check runs on, unless its variant names one. */
const configOf = (ctx: CheckContext, v: PaxosVariant): PaxosConfig =>
  v.config ?? (ctx.deep ? deepConfig : config);

/** How a run of abstract Paxos in configuration c is drawn. */
const diagram = (c: PaxosConfig) => (t: Trace<PaxosState>) => paxosDiagram(c, paxos(c), t);

/** What the two exploring checks find: both visit every reachable state and step. */
const reachableStates = {
  pinned: { states: 51483, transitions: 571598 },
  deepPinned: { states: 1182445, transitions: 11067684 },
} as const;

const stablePredicates = check<PaxosVariant>({
  name: 'stable predicates',
  claim:
    'No reachable step falsifies s[i][n] = no, s[i][n] = v, v_n = v, dead, successful, or anchored (once v_n ≠ nil, or for a given v).',
  ...reachableStates,
  run: (ctx, v = {}) => checkStable(configOf(ctx, v), v.rules ?? rules, ctx),
});

const invariants34 = check<PaxosVariant>({
  name: 'Invariants 3 and 4',
  claim:
    'Every reachable state satisfies Invariant 3, Invariant 4, and its rearrangement: every round with a value is anchored.',
  ...reachableStates,
  run: (ctx, v = {}) => checkInvariants34(configOf(ctx, v), v.rules ?? rules, ctx),
});

const notInductive = check({
  name: 'Invariant 2 alone is not inductive',
  claim:
    'Some state of the universe satisfies Invariant 2 and steps to one that does not: a counterexample to induction.',
  pinned: { states: 113968, transitions: 1663696 },
  run: (ctx) => checkNotInductive(config, rules, ctx),
});

const inductive = check<PaxosRules>({
  name: 'the strengthened invariant is inductive',
  claim:
    'Invariants 1, 2 and 4 with four conjuncts about commands and leaders hold initially and are preserved by every step from every state of the universe that satisfies them.',
  pinned: { states: 1542564, transitions: 862644 },
  run: (ctx, r = rules) => checkInductive(config, r, inductiveInvariant(config), ctx),
});

/** Chapter 07. */
export const chapter: Chapter = {
  id: '07',
  slug: '07-paxos-invariants',
  title: 'Paxos: invariants and anchored rounds',
  paper: '§6.3',
  summary:
    'Stable predicates, Invariants 3 and 4, and the strengthening of Invariant 2 until it is inductive, with a counterexample to induction at each weaker step.',
  demo,
  checks: [stablePredicates, invariants34, notInductive, inductive],
  mutants: [
    mutant(invariants34, {
      name: 'earliest value',
      bug: 'The leader takes the earliest value it hears of, not the latest (three rounds of one leader).',
      variant: { rules: earliestValue, config: threeRoundsConfig },
    }),
    mutant(invariants34, {
      name: 'one report is enough',
      bug: 'The leader chooses after hearing from a single agent rather than a majority.',
      variant: { rules: oneReport },
    }),
    mutant(stablePredicates, {
      name: 'accept after no',
      bug: 'An agent accepts a command in a round where its status is already no.',
      variant: { rules: acceptAfterNo },
    }),
    mutant(inductive, {
      name: 'any allowed value',
      bug: 'Chapter 06’s mutant: the leader ignores the reports; the inductive check finds it without exploring.',
      variant: anyAllowed,
    }),
  ],
  runs: [
    {
      name: 'cti-invariant-2',
      description:
        'a counterexample to induction for Invariant 2 alone (its first state is not reachable)',
      run: (ctx) => ctiRun(0, ctx),
      diagram: diagram(config),
    },
    {
      name: 'cti-anchored',
      description:
        'a counterexample to induction for Invariants 1, 2 and 4 without the commands (not reachable either)',
      run: (ctx) => ctiRun(1, ctx),
      diagram: diagram(config),
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
      diagram: diagram(config),
    },
    {
      name: 'earliest-value',
      description: 'a leader that takes the earliest value it hears of breaks Invariant 4',
      run: () => {
        const m = paxos(threeRoundsConfig, earliestValue);
        const r = checkInvariants34(threeRoundsConfig, earliestValue, { seed: 1 });
        return { machine: m, trace: r.counterexample!.trace };
      },
      diagram: diagram(threeRoundsConfig),
    },
  ],
  exercises,
  models: [
    {
      name: 'abstract Paxos, 3 agents, 2 leaders, one round each',
      machine: () => paxos(config),
    },
  ],
  facts: {
    'stable predicates': 32,
    'deep stable predicates': 84,
    'status arrays': 2116,
    'command pairs': 9,
    'leader pairs': 81,
    'inductive invariant states': 74844,
    'accept after no, steps': 6,
  },
};
