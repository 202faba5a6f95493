/**
 * Chapter 06, Paxos: rounds, state and abstraction function (§6.1, §6.2):
 * the chapter as the tools see it.
 *
 * @module
 */
import { explore } from '../../index';
import type { Chapter } from '../chapter';
import { paperAbstraction } from './abstraction';
import { checkInvariants, checkRefinesD, configFor } from './checks';
import { demo, demoConfig, demoRun } from './demo';
import { paxosDiagram } from './diagram';
import { exercises } from './exercises';
import { invariantsOf } from './invariants';
import { anyAllowed, forgetfulClock, sharedRounds } from './mutants';
import { paxos, rules } from './paxos';
import { config } from './state';

export * from './abstraction';
export * from './checks';
export * from './diagram';
export * from './invariants';
export * from './paxos';
export * from './predicates';
export * from './state';

const INVARIANTS = 'Invariants 1 and 2';
const REFINES = 'Paxos implements D';

/** Chapter 06. */
export const chapter: Chapter = {
  number: 6,
  slug: '06-paxos-state',
  title: 'Paxos: rounds, state and abstraction function',
  paper: '§6.1, §6.2',
  summary:
    'Agents with a status per round, leaders with n_l, u_l and allowed_l, and an abstraction function under which abstract Paxos implements spec D.',
  demo,
  checks: [
    {
      name: INVARIANTS,
      claim:
        'In every reachable state a round has at most one value (Invariant 1) and any two successful rounds have the same value (Invariant 2).',
      states: 51483,
      deepStates: 7590595,
      run: (ctx) => checkInvariants(configFor(ctx), rules, ctx),
    },
    {
      name: REFINES,
      claim:
        'Under the abstraction function (outcome = v_n of a successful round, allowed = every value ever allowed, done = published), every step of abstract Paxos is a step of D, or none.',
      states: 51483,
      deepStates: 7590595,
      run: (ctx) => checkRefinesD(configFor(ctx), rules, ctx),
    },
  ],
  mutants: [
    {
      name: 'shared round numbers',
      bug: 'Round numbers leave out the leader, so two leaders can work on the same round.',
      caughtBy: INVARIANTS,
      run: (ctx) => checkInvariants(config, sharedRounds, { ...ctx, deep: false }),
    },
    {
      name: 'any allowed value',
      bug: 'A leader picks any value in allowed_l, ignoring the statuses it heard: its round is not anchored.',
      caughtBy: INVARIANTS,
      run: (ctx) => checkInvariants(config, anyAllowed, { ...ctx, deep: false }),
    },
    {
      name: 'crash forgets the clock',
      bug: 'A crash also resets the leader’s j, so the restarted leader reuses a round number.',
      caughtBy: INVARIANTS,
      run: (ctx) => checkInvariants(config, forgetfulClock, { ...ctx, deep: false }),
    },
    {
      name: 'the paper’s allowed',
      bug: 'The abstraction function takes allowed = ∪ allowed_l, which shrinks when a leader crashes.',
      caughtBy: REFINES,
      run: (ctx) => checkRefinesD(config, rules, { ...ctx, deep: false }, paperAbstraction),
    },
  ],
  runs: [
    {
      name: 'demo',
      description: 'the right-hand run of the paper’s example: round (1,l2) succeeds with 9',
      run: demoRun,
      diagram: (t) => paxosDiagram(demoConfig, paxos(demoConfig), t),
    },
    {
      name: 'shared-rounds',
      description: 'two leaders share round (1,l1) and command different values in it',
      run: () => {
        const m = paxos(config, sharedRounds);
        const r = explore(m, { invariants: [invariantsOf(config).invariant1] });
        return { machine: m, trace: r.counterexample!.trace };
      },
      diagram: (t) => paxosDiagram(config, paxos(config), t),
    },
    {
      name: 'paper-allowed',
      description: 'with allowed = ∪ allowed_l, a crash makes D’s allowed shrink',
      run: (ctx) => {
        const r = checkRefinesD(config, rules, { ...ctx, deep: false }, paperAbstraction);
        return { machine: paxos(config), trace: r.counterexample!.trace };
      },
      diagram: (t) => paxosDiagram(config, paxos(config), t),
    },
  ],
  exercises,
};
