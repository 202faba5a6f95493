/**
 * Chapter 07, Paxos: invariants and anchored rounds (§6.3): the chapter as
 * the tools see it.
 *
 * @module
 */
import type { Trace } from '../../index';
import { explore } from '../../index';
import type { DState } from '../03-consensus-specs/specs';
import { paxosDiagram } from '../06-paxos-state/diagram';
import { paxosExplorer } from '../06-paxos-state/explorer';
import { invariantsOf } from '../06-paxos-state/invariants';
import { anyAllowed, earliestValue } from '../06-paxos-state/mutants';
import type { PaxosRules } from '../06-paxos-state/paxos';
import { paxos, rules } from '../06-paxos-state/paxos';
import type { PaxosConfig, PaxosState } from '../06-paxos-state/state';
import type { Chapter, CheckContext } from '../chapter';
import { check, explorable, mutant, mutantsOf } from '../chapter';
import {
  checkInductive,
  checkInvariants34,
  checkNotInductive,
  checkStable,
  inductiveInvariant,
} from './checks';
import { config, deepConfig, stableThreeRoundsConfig, threeRoundsConfig } from './config';
import { ctiRun, demo } from './demo';
import { exercises } from './exercises';
import { invariants34 as invariants34Of } from './invariants';
import { acceptAfterNo, oneReport } from './mutants';
import { literalAnchored } from './stable';

/** The configuration a check of two leaders runs on: the default one, or with `--deep` the deep one. */
const configOf = (ctx: CheckContext): PaxosConfig => (ctx.deep ? deepConfig : config);

/** How a run of abstract Paxos in configuration c is drawn. */
const diagram = (c: PaxosConfig) => (t: Trace<PaxosState>) => paxosDiagram(c, paxos(c), t);

/** What the two exploring checks of two leaders find: both visit every reachable state and step. */
const reachableStates = {
  pinned: { states: 51483, transitions: 571598 },
  deepPinned: { states: 1182445, transitions: 11067684 },
} as const;

/**
 * The three-round universe's reductions in the default check. Together they
 * lose nothing for the inductive invariant, whose conjuncts include "every
 * v_n is its round's command" and name no agent or value, on rules that
 * treat agents alike and values alike (the correct ones do).
 */
const reduced = { commanded: true, symmetric: true } as const;

const stablePredicates = check<PaxosRules>({
  name: 'stable predicates',
  claim:
    'No reachable step of two leaders with one round each falsifies s[i][n] = no, s[i][n] = v, v_n = v, dead, successful, or anchored (once v_n ≠ nil, or for a given v).',
  ...reachableStates,
  run: (ctx, r = rules) => checkStable(configOf(ctx), r, ctx),
});

const stablePredicatesThree = check<PaxosRules>({
  name: 'stable predicates, three rounds',
  claim: 'The same for one leader with three rounds, up to symmetry.',
  pinned: { states: 20538, transitions: 178870 },
  run: (ctx, r = rules) => checkStable(stableThreeRoundsConfig, r, ctx),
});

const invariants34 = check<PaxosRules>({
  name: 'Invariants 3 and 4',
  claim:
    'Every reachable state of two leaders with one round each satisfies Invariant 3, Invariant 4, and its rearrangement: every round with a value is anchored.',
  ...reachableStates,
  run: (ctx, r = rules) => checkInvariants34(configOf(ctx), r, ctx),
});

const invariants34Three = check<PaxosRules>({
  name: 'Invariants 3 and 4, three rounds',
  claim:
    'The same for one leader with three rounds, where a leader may hear of values in two earlier rounds.',
  pinned: { states: 186977, transitions: 1651965 },
  run: (ctx, r = rules) => checkInvariants34(threeRoundsConfig, r, ctx),
});

const notInductive = check({
  name: 'Invariant 2 alone is not inductive',
  claim:
    'Some state of the universe of two leaders with one round each satisfies Invariant 2 and steps to one that does not: a counterexample to induction.',
  pinned: { states: 113968, transitions: 1663696 },
  run: (ctx) => checkNotInductive(config, rules, ctx),
});

const inductive = check<PaxosRules>({
  name: 'the strengthened invariant is inductive',
  claim:
    'Invariants 1, 2 and 4 with four conjuncts about commands and leaders hold initially and are preserved by every step from every state of the universe of two leaders with one round each that satisfies them.',
  pinned: { states: 1542564, transitions: 862644 },
  run: (ctx, r = rules) => checkInductive(config, r, inductiveInvariant(config), ctx),
});

const inductiveThree = check<PaxosRules>({
  name: 'the strengthened invariant is inductive, three rounds',
  claim:
    'The same over the universe of one leader with three rounds, where a round’s anchoring rests on an earlier round’s: one state per class of renamings among the states whose values are their rounds’ commands (with --deep, every state).',
  pinned: { states: 475188, transitions: 492998 },
  deepPinned: { states: 55189512, transitions: 5076144 },
  run: (ctx, r = rules) =>
    checkInductive(
      threeRoundsConfig,
      r,
      inductiveInvariant(threeRoundsConfig),
      ctx,
      ctx.deep ? {} : reduced,
    ),
});

/** The invariants the explorer shows: Invariants 1 to 4, and 4 rearranged. */
const shownInvariants = (c: PaxosConfig) => {
  const { invariant1, invariant2 } = invariantsOf(c);
  const { invariant3, invariant4, anchoredForm } = invariants34Of(c);
  return [invariant1, invariant2, invariant3, invariant4, anchoredForm];
};

/** Chapter 07. */
export const chapter: Chapter = {
  id: '07',
  slug: '07-paxos-invariants',
  title: 'Paxos: invariants and anchored rounds',
  paper: '§6.3',
  summary:
    'Stable predicates, Invariants 3 and 4, and the strengthening of Invariant 2 until it is inductive, with a counterexample to induction at each weaker step.',
  demo,
  checks: [
    stablePredicates,
    stablePredicatesThree,
    invariants34,
    invariants34Three,
    notInductive,
    inductive,
    inductiveThree,
  ],
  mutants: [
    mutant(invariants34Three, {
      name: 'earliest value',
      bug: 'Chapter 06’s mutant: the leader takes the earliest value it hears of, not the latest; Invariant 4 fails before Invariant 2 does.',
      variant: earliestValue,
    }),
    mutant(invariants34, {
      name: 'one report is enough',
      bug: 'The leader chooses after hearing from a single agent rather than a majority.',
      variant: oneReport,
    }),
    mutant(stablePredicates, {
      name: 'accept after no',
      bug: 'An agent accepts a command in a round where its status is already no.',
      variant: acceptAfterNo,
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
    {
      name: 'abstract Paxos, 3 agents, 1 leader, three rounds',
      machine: () => paxos(threeRoundsConfig),
    },
    {
      name: 'abstract Paxos, 3 agents, 1 leader, three rounds, up to symmetry',
      machine: () => paxos(stableThreeRoundsConfig),
      quotient:
        'states that differ only by renaming agents or values are one class; every predicate checked on it comes with all its renamings',
    },
  ],
  explorer: [
    explorable<PaxosState, DState>({
      id: '07-paxos-invariants',
      title: '07 · Abstract Paxos and its invariants (3 agents, 2 leaders, one round each)',
      about:
        'Chapter 06’s abstract Paxos, with Invariants 1 to 4 checked in every state you reach: make a round successful, then start the other leader’s round and see what its Choose may pick. A mutant shows which invariant fails first. The image is spec D under f.',
      ...paxosExplorer(config, rules, { invariants: shownInvariants }),
      mutants: [
        mutantsOf([stablePredicates, invariants34, inductive], (r: PaxosRules) =>
          paxosExplorer(config, r, { invariants: shownInvariants }),
        ),
        // Its check runs three rounds of one leader, where the bug can show.
        mutantsOf(invariants34Three, (r: PaxosRules) =>
          paxosExplorer(threeRoundsConfig, r, { invariants: shownInvariants }),
        ),
      ],
    }),
  ],
  facts: {
    'stable predicates': 32,
    'deep stable predicates': 84,
    'status arrays': 2116,
    'command pairs': 9,
    'leader pairs': 81,
    'inductive invariant states': 74844,
    'three-round stable predicates': 48,
    'three-round status arrays': 97336,
    'three-round commands': 27,
    'three-round leader states': 21,
    'three-round commanded states': 5004888,
    'three-round inductive invariant states': 512952,
    'three-round inductive invariant classes': 50331,
    'earliest value, steps': 14,
    'accept after no, steps': 6,
  },
};
