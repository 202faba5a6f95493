/**
 * Chapter 06, Paxos: rounds, state and abstraction function (§6.1, §6.2):
 * the chapter as the tools see it.
 *
 * @module
 */
import type { Trace } from '../../index';
import { explore } from '../../index';
import type { DState } from '../03-consensus-specs/specs';
import type { Chapter, CheckContext } from '../chapter';
import { check, explorable, mutant, mutantsOf } from '../chapter';
import { paperAllowed, paxosToD } from './abstraction';
import { checkInvariants, checkRefinesD } from './checks';
import {
  config,
  deepConfig,
  deepThreeRoundsConfig,
  demoConfig,
  explorerConfig,
  threeRoundsConfig,
} from './config';
import { demo, demoRun } from './demo';
import { paxosDiagram } from './diagram';
import { exercises } from './exercises';
import { paxosExplorer } from './explorer';
import { invariantsOf } from './invariants';
import { anyAllowed, earliestValue, forgetfulClock, sharedRounds } from './mutants';
import type { PaxosRules } from './paxos';
import { paxos, rules } from './paxos';
import type { PaxosConfig, PaxosState } from './state';

/** The configuration a check runs on: the default one, or with `--deep` the deep one. */
const configOf = (ctx: CheckContext): PaxosConfig => (ctx.deep ? deepConfig : config);

/** How a run of abstract Paxos in configuration c is drawn. */
const diagram = (c: PaxosConfig) => (t: Trace<PaxosState>) => paxosDiagram(c, paxos(c), t);

/** What the two checks of two leaders find: both explore every reachable state of abstract Paxos. */
const reachableStates = {
  pinned: { states: 51483, transitions: 571598 },
  deepPinned: { states: 7590595, transitions: 111400036 },
} as const;

/** What the two checks of three rounds find: both explore every reachable state of one leader. */
const threeRoundStates = {
  pinned: { states: 186977, transitions: 1651965 },
  deepPinned: { states: 663226, transitions: 6960806 },
} as const;

/** The three-round checks' configuration: the default one, or with `--deep` the deep one. */
const threeRoundsOf = (ctx: CheckContext): PaxosConfig =>
  ctx.deep ? deepThreeRoundsConfig : threeRoundsConfig;

const invariants = check<PaxosRules>({
  name: 'Invariants 1 and 2',
  claim:
    'In every reachable state of two leaders with one round each, a round has at most one value (Invariant 1) and any two successful rounds have the same value (Invariant 2).',
  ...reachableStates,
  run: (ctx, r = rules) => checkInvariants(configOf(ctx), r, ctx),
});

const invariantsThree = check<PaxosRules>({
  name: 'Invariants 1 and 2, three rounds',
  claim:
    'The same in every reachable state of one leader with three rounds (four with --deep), where a leader may hear of values in two earlier rounds.',
  ...threeRoundStates,
  run: (ctx, r = rules) => checkInvariants(threeRoundsOf(ctx), r, ctx),
});

const implementsD = check<(s: PaxosState) => DState>({
  name: 'Paxos implements D',
  claim:
    'Under the abstraction function (outcome = v_n of a successful round, allowed = every value ever allowed, done = published), every step of abstract Paxos with two leaders of one round each is a step of D, or none.',
  ...reachableStates,
  run: (ctx, f = paxosToD) => checkRefinesD(configOf(ctx), rules, ctx, f),
});

const implementsDThree = check<(s: PaxosState) => DState>({
  name: 'Paxos implements D, three rounds',
  claim: 'The same for one leader with three rounds (four with --deep).',
  ...threeRoundStates,
  run: (ctx, f = paxosToD) => checkRefinesD(threeRoundsOf(ctx), rules, ctx, f),
});

/** The invariants the explorer shows: Invariants 1 and 2. */
const shownInvariants = (c: PaxosConfig) => {
  const { invariant1, invariant2 } = invariantsOf(c);
  return [invariant1, invariant2];
};

/** Chapter 06. */
export const chapter: Chapter = {
  id: '06',
  slug: '06-paxos-state',
  title: 'Paxos: rounds, state and abstraction function',
  paper: '§6.1, §6.2',
  summary:
    'Agents with a status per round, leaders with n_l, u_l and allowed_l, and an abstraction function under which abstract Paxos implements spec D.',
  demo,
  checks: [invariants, invariantsThree, implementsD, implementsDThree],
  mutants: [
    mutant(invariants, {
      name: 'shared round numbers',
      bug: 'Round numbers leave out the leader, so two leaders can work on the same round.',
      variant: sharedRounds,
    }),
    mutant(invariants, {
      name: 'any allowed value',
      bug: 'A leader picks any value in allowed_l, ignoring the statuses it heard: its round is not anchored.',
      variant: anyAllowed,
    }),
    mutant(invariants, {
      name: 'crash forgets the clock',
      bug: 'A crash also resets the leader’s j, so the restarted leader reuses a round number.',
      variant: forgetfulClock,
    }),
    mutant(invariantsThree, {
      name: 'earliest value',
      bug: 'The leader takes the earliest value it hears of, not the latest: with three rounds, two successful rounds disagree.',
      variant: earliestValue,
    }),
    mutant(implementsD, {
      name: 'the paper’s allowed',
      bug: 'The abstraction function takes allowed = ∪ allowed_l, which shrinks when a leader crashes.',
      variant: paperAllowed,
    }),
  ],
  runs: [
    {
      name: 'demo',
      description: 'the right-hand run of the paper’s example: round (1,l2) succeeds with 9',
      run: demoRun,
      diagram: diagram(demoConfig),
    },
    {
      name: 'shared-rounds',
      description: 'two leaders share round (1,l1) and command different values in it',
      run: () => {
        const m = paxos(config, sharedRounds);
        const r = explore(m, { invariants: [invariantsOf(config).invariant1] });
        return { machine: m, trace: r.counterexample!.trace };
      },
      diagram: diagram(config),
    },
    {
      name: 'paper-allowed',
      description: 'with allowed = ∪ allowed_l, a crash makes D’s allowed shrink',
      run: (ctx) => {
        const r = checkRefinesD(config, rules, { ...ctx, deep: false }, paperAllowed);
        return { machine: paxos(config), trace: r.counterexample!.trace };
      },
      diagram: diagram(config),
    },
  ],
  exercises,
  models: [
    { name: 'abstract Paxos, 3 agents, 2 leaders, one round each', machine: () => paxos(config) },
    {
      name: 'abstract Paxos, 3 agents, 1 leader, three rounds',
      machine: () => paxos(threeRoundsConfig),
    },
  ],
  explorer: [
    explorable<PaxosState, DState>({
      id: '06-paxos',
      title: '06 · Abstract Paxos (3 agents, 2 leaders, one round each)',
      about:
        'Allow a value to a leader, start its round (NewRound), let agents answer its query (Query), Choose from a majority’s statuses, let agents Accept, and Publish; crash a leader. The image is spec D under f, as the refinement check has it: the outcome is the value of the first successful round. Invariants 1 and 2 are checked in every state.',
      ...paxosExplorer(explorerConfig, rules, { invariants: shownInvariants }),
      mutants: [
        mutantsOf(invariants, (r: PaxosRules) =>
          paxosExplorer(explorerConfig, r, { invariants: shownInvariants }),
        ),
        // Its check runs three rounds of one leader, where the bug can show.
        mutantsOf(invariantsThree, (r: PaxosRules) =>
          paxosExplorer(threeRoundsConfig, r, { invariants: shownInvariants }),
        ),
        mutantsOf(implementsD, (f: (s: PaxosState) => DState) => ({ abstraction: f })),
      ],
    }),
  ],
  facts: {
    'demo steps': 24,
    'demo Agree at step': 11,
    'crash forgets the clock, steps': 9,
    'any allowed value, steps': 10,
    'earliest value, steps': 15,
  },
};
