/**
 * The lease system's checks: each runs on the correct rules and
 * configuration, or on a mutant's variant of them.
 *
 * @module
 */
import type { Action, Reachable } from '../../index';
import { nil, reachable, refines, simulate } from '../../index';
import type { CheckContext } from '../chapter';
import { boundsOf, check } from '../chapter';
import { noMasterWithReaders, oneMaster, refinementToLease } from './abstraction';
import type { LeaseConfig } from './config';
import {
  config,
  crashConfig,
  deepConfig,
  dupConfig,
  lossConfig,
  redoLogConfig,
  runsConfig,
  sharedConfig,
} from './config';
import type { LeaseRules, LeaseState, LeaseSystem } from './system';
import { leaseSystem, rules } from './system';

/** What a mutant changes: the rules, and perhaps the world the rules assume (the network, the clocks). */
export interface LeaseVariant {
  readonly rules: LeaseRules;
  readonly config?: Partial<LeaseConfig>;
}

/** The correct rules in the configuration as given. */
export const correct: LeaseVariant = { rules };

// #region goals
/**
 * What each exhaustive check must reach, so that a check that holds is
 * not one that holds because nothing happens: a client holds a lease on a
 * value another wrote; a holder asks to renew (given two requests); two clients hold shared
 * leases at once; after a crash, a client holds a lease on a value another
 * wrote.
 */
export function leaseGoals(sys: LeaseSystem): Reachable<LeaseState>[] {
  const holdsOthers = (y: LeaseState) =>
    y.clients.some(
      (cl, i) =>
        cl.lease !== nil &&
        cl.cache !== nil &&
        cl.cache.v !== 'v0' &&
        !cl.cache.v.startsWith(`${sys.names[sys.ids.clients[i]!]}.`),
    );
  const goals = [
    reachable<LeaseState>('a client holds a lease on a value another wrote', holdsOthers),
  ];
  // A renewal is a second request.
  if (sys.config.requests >= 2)
    goals.push(
      reachable<LeaseState>('a holder asks to renew its lease', (y) =>
        y.clients.some((cl) => cl.lease !== nil && cl.req !== nil && cl.req.mode === cl.lease.mode),
      ),
    );
  if (sys.config.shared)
    goals.push(
      reachable<LeaseState>(
        'two clients hold shared leases at once',
        (y) => y.clients.filter((cl) => cl.lease !== nil && cl.lease.mode === 'r').length >= 2,
      ),
    );
  if (sys.config.faults.crash > 0)
    goals.push(
      reachable<LeaseState>(
        'after a crash, a client holds a lease on a value another wrote',
        (y) => y.faults.crashed.some((n) => n > 0) && holdsOthers(y),
      ),
    );
  return goals;
}
// #endregion goals

// #region check-refines
/**
 * The lease system implements spec Lease via f, step by step (§5.1), and
 * at every state at most one client may touch the resource. Exhaustive
 * within the configuration's bounds: its clients, lease length, clocks and
 * drift budget, faults, requests and writes, and time up to the horizon.
 *
 * @param c - the configuration
 * @param v - the rules, and what the variant changes of the configuration
 * @param ctx - the context
 * @returns the verdict
 */
export function checkRefinesLease(c: LeaseConfig, v: LeaseVariant, ctx: CheckContext) {
  const sys = leaseSystem({ ...c, ...v.config }, v.rules);
  return refines(sys, refinementToLease(sys), {
    invariants: [oneMaster(sys), noMasterWithReaders(sys)],
    reachable: leaseGoals(sys),
    ...boundsOf(ctx),
  });
}
// #endregion check-refines

/** How often the long runs take each kind of step: faults are rarer than progress. */
export function weight(sys: LeaseSystem): (a: Action<LeaseState, any>) => number {
  return (a) => {
    const l = { action: a.name };
    if (sys.Deliver.is(l)) return 6;
    if (sys.Tick.is(l)) return 4;
    if (sys.Write.is(l) || sys.Read.is(l) || sys.Ask.is(l)) return 3;
    return 1;
  };
}

/** How many shrink steps a failing long run gets. */
export const SHRINKS = 400;

// #region check-simulate
/**
 * Long seeded random runs: the clocks start as the configuration sets them
 * and drift anywhere within ±b (give it an unbounded drift budget), with
 * the configuration's faults; on every
 * step the step obligation against spec Lease and the invariants. Random,
 * so it shows only the runs it takes.
 *
 * @param c - the configuration (its horizon is the runs' length in time)
 * @param v - the variant
 * @param ctx - the context (its seed)
 * @param runs - how many runs
 * @param steps - the most steps of a run
 * @returns the verdict
 */
export function checkLongRuns(
  c: LeaseConfig,
  v: LeaseVariant,
  ctx: CheckContext,
  runs: number,
  steps: number,
) {
  const sys = leaseSystem({ ...c, ...v.config }, v.rules);
  return simulate(sys, {
    invariants: [oneMaster(sys), noMasterWithReaders(sys)],
    refinement: refinementToLease(sys),
    runs,
    steps: ctx.depth ?? steps,
    seed: ctx.seed,
    weight: weight(sys),
    // Shrinking bounded by steps, not time, so a failure shrinks to the same run on any machine.
    maxShrinks: SHRINKS,
    shrinkTimeLimit: Number.POSITIVE_INFINITY,
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  });
}
// #endregion check-simulate

/** The default configuration, with deeper bounds under --deep. */
export const refinesCheck = check<LeaseVariant>({
  name: 'one master at a time',
  claim:
    'Every step of the lease system (2 clients, L = 3, b = 1 so ε = 2, δ = 1, clocks skewed and one drift within ±b, 2 requests and 1 write each, time to 7, no faults) is simulated by spec Lease, and at every state at most one client may touch the resource; a client gets a lease on a value another wrote, and a holder asks to renew. With --deep: L = 4, two drifts, time to 8.',
  pinned: { states: 129080 },
  deepPinned: { states: 872303 },
  run: (ctx, v = correct) => checkRefinesLease(ctx.deep ? deepConfig : config, v, ctx),
});

/** Shared leases. */
export const sharedCheck = check<LeaseVariant>({
  name: 'shared and exclusive leases',
  claim:
    'The same with shared read leases beside the exclusive one (clocks fixed at their skew, time to 6): no master while a client reads under a shared lease, and two clients hold shared leases at once.',
  pinned: { states: 36191 },
  run: (ctx, v = correct) => checkRefinesLease(sharedConfig, v, ctx),
});

/** A crash. */
export const crashCheck = check<LeaseVariant>({
  name: 'a client crash',
  claim:
    'The same with one client crash (it recovers with nothing but its counts; clocks fixed, time to 6): after the crash, a client gets a lease on a value another wrote.',
  pinned: { states: 92119 },
  run: (ctx, v = correct) => checkRefinesLease(crashConfig, v, ctx),
});

/** A loss. */
export const lossCheck = check<LeaseVariant>({
  name: 'a message lost',
  claim:
    'The same with one message lost, requests and writes sent again (one request each, clocks fixed, time to 6).',
  pinned: { states: 134325 },
  run: (ctx, v = correct) => checkRefinesLease(lossConfig, v, ctx),
});

/** A duplicate. */
export const dupCheck = check<LeaseVariant>({
  name: 'a message duplicated',
  claim: 'The same with one message duplicated (clocks fixed, time to 6).',
  pinned: { states: 81888 },
  run: (ctx, v = correct) => checkRefinesLease(dupConfig, v, ctx),
});

/** Careful writes. */
export const carefulCheck = check<LeaseVariant>({
  name: 'careful writes',
  claim:
    'The same when an update is a redo-log record and then two writes, which the home redoes from the log before it grants the resource again (clocks fixed, time to 7).',
  pinned: { states: 20654 },
  run: (ctx, v = correct) => checkRefinesLease(redoLogConfig, v, ctx),
});

/** How many long runs, and how many steps each. */
export const RUNS = 100;
/** How many long runs with --deep. */
export const DEEP_RUNS = 1000;
/** The most steps of a long run. */
export const RUN_STEPS = 400;

/** The long random runs. */
export const longRunsCheck = check<LeaseVariant>({
  name: 'long runs with every fault',
  claim: `${RUNS} seeded runs (${DEEP_RUNS} with --deep) of up to ${RUN_STEPS} steps, 2 clients with shared and exclusive leases, 40 requests and 20 writes each, messages lost and duplicated without a budget, up to 3 crashes, clocks drifting anywhere within ±b: every step simulated by spec Lease, every state with at most one master.`,
  pinned: { runs: RUNS, transitions: 18586 },
  deepPinned: { runs: DEEP_RUNS, transitions: 184830 },
  run: (ctx, v = correct) =>
    checkLongRuns(runsConfig, v, ctx, ctx.deep ? DEEP_RUNS : RUNS, RUN_STEPS),
});

/** The chapter's checks. */
export const checks = [
  refinesCheck,
  sharedCheck,
  crashCheck,
  lossCheck,
  dupCheck,
  carefulCheck,
  longRunsCheck,
] as const;
