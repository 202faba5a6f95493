/**
 * Chapter 13, the highly available system (§8, with §7's multi-Paxos and
 * §2.2's leases): the chapter as the tools see it.
 *
 * @module
 */
import type { Label, Reachable } from '../../index';
import { casRegister } from '../../index';
import type { Chapter, NamedHistory, NamedRun } from '../chapter';
import { explorable, mutantsOf } from '../chapter';
import { haInvariants, observeCalls, refinementToSingleCopy } from './abstraction';
import { haBench } from './bench';
import type { HaVariant } from './checks';
import {
  blackBoxRuns,
  changeCheck,
  changeGoals,
  checkRefines,
  checks,
  DEEP_ORDER_HORIZON,
  DEEP_RUNS,
  ORDER_HORIZON,
  RUNS,
  retryCheck,
  retryGoals,
} from './checks';
import {
  changeConfig,
  countConfig,
  demoConfig,
  epsilon,
  RUN_STEPS,
  retryConfig,
  runsConfig,
} from './config';
import { costs } from './counting';
import { demo, demoRun } from './demo';
import { exercises } from './exercises';
import { checkLinearizable, operations } from './history';
import {
  leaseWithoutConsensus,
  mutants,
  noDedup,
  noEpsilonWait,
  readAfterExpiry,
  readBeforeApply,
  skipQuery,
} from './mutants';
import type { CallsState } from './spec';
import { singleCopyCalls } from './spec';
import type { HaState, HaSystem } from './system';
import { haSystem, rules } from './system';
import { timelineOfRun } from './timeline';

export * from './abstraction';
export * from './checks';
export * from './config';
export * from './counting';
export * from './demo';
export * from './mutants';
export * from './service';
export * from './spec';
export * from './system';

/** A configuration a check explores, and the goals it must reach. */
interface Setup {
  readonly config: typeof changeConfig;
  readonly goals: (sys: HaSystem) => Reachable<HaState>[];
}

const change: Setup = { config: changeConfig, goals: changeGoals };
const retry: Setup = { config: retryConfig, goals: retryGoals };

/**
 * A mutant's shortest counterexample to the exhaustive check that catches it.
 *
 * @param s - the check's configuration and goals
 * @param v - the mutant
 * @returns the system and the run
 * @throws Error if the mutant is not caught
 */
export function shortest(
  s: Setup,
  v: HaVariant,
): { readonly machine: HaSystem; readonly trace: ReturnType<typeof demoRun>['trace'] } {
  const r = checkRefines(s.config, v, { seed: 1 }, s.goals);
  if (!r.counterexample) throw new Error('the mutant is not caught: no counterexample');
  return {
    machine: haSystem({ ...s.config, ...v.config }, v.rules),
    trace: r.counterexample.trace,
  };
}

/** A mutant's shortest counterexample, as a named run. */
const counterexample = (name: string, description: string, s: Setup, v: HaVariant): NamedRun => ({
  name,
  description,
  run: () => shortest(s, v),
});

/** The explorer's model of a variant (the correct rules, or a mutant's), in the primary change. */
const explorerModel = (v: HaVariant) => {
  // The system, made once it is first asked for.
  let made: HaSystem | undefined;
  const sys = () => (made ??= haSystem({ ...changeConfig, ...v.config }, v.rules));
  return {
    machine: sys,
    spec: () => singleCopyCalls(changeConfig.scripts),
    abstraction: (y: HaState) => refinementToSingleCopy(sys()).abstraction(y),
    observe: (l: Label) => observeCalls(sys())(l),
    invariants: () => haInvariants(sys()),
  };
};

/**
 * What the system's key merges on purpose. Checked by hand against the
 * canonical key with exactly these four parts normalised: the counts agree
 * on both models.
 */
const KEY_MERGES =
  'two states count as one if they differ only in: the order in which a leader heard the agents’ reports or counted their accepts (it uses both as sets); a leader’s copy of the service (a function of the entries it has seen decided and how many it applied); when a client that never sends a call again sent it; and the last reply a client keeps once it has returned it';

/**
 * The history of the black-box check's failing run on a mutant (seed 1,
 * as `workbook check 13` runs it), checked again by the library's checker.
 *
 * @param name - the figure's name
 * @param title - its caption
 * @param v - the mutant
 * @returns the named history
 * @throws Error if the check does not catch the mutant
 */
const historyOfMutant = (name: string, title: string, v: HaVariant): NamedHistory => ({
  name,
  title,
  make: () => {
    const r = blackBoxRuns(v, { seed: 1 });
    if (!r.counterexample)
      throw new Error(`${name}: the mutant is not caught, so it has no history`);
    const h = r.counterexample.trace.steps.at(-1)!.to.history.calls;
    return {
      spec: casRegister,
      history: operations(h),
      result: checkLinearizable(h),
      timeLabel: 'calls and returns, in order',
    };
  },
});

/** The costs of the driven run, made once. */
const k = costs();
const total = (m: Readonly<Record<string, number>>) => Object.values(m).reduce((n, v) => n + v, 0);

/** Chapter 13. */
export const chapter: Chapter = {
  id: '13',
  slug: '13-highly-available-system',
  title: 'The highly available system',
  paper: '§8',
  summary:
    'Chapter 01’s storage as a replicated state machine whose log is kept by chapter 10’s multi-Paxos, with a primary whose lease is itself an entry of the log; the primary serves reads from its own copy while its lease holds, a new primary waits until the old lease has surely ended, and clients’ calls take effect exactly once. It implements the single copy with calls, and its long runs with every fault are linearizable.',
  demo,
  checks,
  mutants,
  runs: [
    {
      name: 'demo',
      description:
        'l1 takes its lease by consensus and serves c1’s write and a read from its copy; l2 queries, learns l1’s lease, waits until its clock is past t + ε, commands again what it found, takes its own lease and serves c2',
      run: demoRun,
    },
    counterexample(
      'read-after-expiry',
      'the shortest run in which a primary serves a read after its lease has ended, and misses a write the new primary decided',
      change,
      readAfterExpiry,
    ),
    counterexample(
      'no-epsilon-wait',
      'the shortest run in which a new primary, its clock ahead of the old one’s, goes to work once its clock passes t, while the old lease still holds',
      change,
      noEpsilonWait,
    ),
    counterexample(
      'skip-query',
      'the shortest run in which a new primary that skipped the query works while the old primary’s lease holds',
      change,
      skipQuery,
    ),
    counterexample(
      'no-dedup',
      'the shortest run in which a write sent again after it was applied is commanded and applied twice',
      retry,
      noDedup,
    ),
    counterexample(
      'lease-without-consensus',
      'the shortest run in which a primary takes a lease no entry records, so the next primary does not wait for it',
      change,
      leaseWithoutConsensus,
    ),
    counterexample(
      'read-before-apply',
      'the shortest run in which a primary serves a read before its copy has applied a write it acknowledged',
      change,
      readBeforeApply,
    ),
  ],
  exercises,
  timelines: [
    timelineOfRun(
      'demo',
      'The demo against real time: l1’s lease by consensus, c1’s write and a read from l1’s copy; l2’s query, its wait until its clock passes t + ε, and its own lease',
      demoRun,
    ),
    timelineOfRun(
      'no-epsilon-wait',
      'No ε wait: l2’s clock is ahead of l1’s, so it passes l1’s t while l1’s lease still holds, and l2 goes to work at once',
      () => shortest(change, noEpsilonWait),
    ),
  ],
  histories: [
    historyOfMutant(
      '13-history-skip-query',
      'The failing window of the clients’ history when a new primary skips the query (the black-box check’s run, seed 1): c1’s read of y returns nil after c2 has read 21 there',
      skipQuery,
    ),
  ],
  models: [
    {
      name: 'highly available storage, a primary change',
      machine: () => haSystem(changeConfig),
      quotient: KEY_MERGES,
    },
    {
      name: 'highly available storage, calls sent again',
      machine: () => haSystem(retryConfig),
      quotient: KEY_MERGES,
    },
  ],
  explorer: [
    explorable<HaState, CallsState>({
      id: '13-highly-available-system',
      title: '13 · The highly available system (3 agents, l1 then l2, 2 clients)',
      about:
        'Start l1’s round, deliver its query and the reports, and see it command its own lease; once the lease is decided, let c1 call Write(x, 1) and follow the command and the accepts to the reply. Start l2’s round: its query finds lease(l1, t), and it waits until its clock is past t + ε before it commands again what it found. Let c2 read under l2’s lease. Pick a mutant (no ε wait, or a read after the lease) and find two primaries at once.',
      ...explorerModel({ rules }),
      mutants: [
        mutantsOf<HaState, CallsState, HaVariant>([changeCheck, retryCheck], explorerModel),
      ],
    }),
  ],
  benchmarks: [haBench],
  facts: {
    agents: changeConfig.agents,
    'change lease': changeConfig.lease,
    'change clock bound': changeConfig.clockBound,
    'change epsilon': epsilon(changeConfig),
    'change delta': changeConfig.delta,
    'change horizon': changeConfig.horizon,
    'order horizon': ORDER_HORIZON,
    'deep order horizon': DEEP_ORDER_HORIZON,
    'change slots': changeConfig.slots,
    'retry lease': retryConfig.lease,
    'retry after': retryConfig.retry,
    'retry horizon': retryConfig.horizon,
    'runs steps': RUN_STEPS,
    runs: RUNS,
    'deep runs': DEEP_RUNS,
    'runs lease': runsConfig.lease,
    'runs renew ahead': runsConfig.renewAhead,
    'runs delta': runsConfig.delta,
    'runs retry': runsConfig.retry,
    'demo lease': demoConfig.lease,
    'demo epsilon': epsilon(demoConfig),
    'count lease': countConfig.lease,
    'write consensus messages': k.write.consensus,
    'write messages': total(k.write.messages),
    'write ticks': k.write.ticks,
    'read consensus messages': k.read.consensus,
    'read messages': total(k.read.messages),
    'read ticks': k.read.ticks,
    'change messages': total(k.change.messages) - (k.change.messages.reply ?? 0),
    'change query messages':
      (k.change.messages.query ?? 0) +
      (k.change.messages.status ?? 0) +
      (k.change.messages.report ?? 0),
    'change commanded again': k.change.again,
    'change ticks': k.change.ticks,
  },
};
