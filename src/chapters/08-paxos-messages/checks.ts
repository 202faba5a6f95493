/**
 * Chapter 08's checks: each runs on the correct rules, or on a mutant's
 * (the variant is the {@link Rules}), so that mutants and exercises run
 * the very same checks.
 *
 * @module
 */
import type { Action } from '../../index';
import { explore, refines, simulate } from '../../index';
import type { CheckContext } from '../chapter';
import { boundsOf, check } from '../chapter';
import { refinementToD, refinementToPaxos } from './abstraction';
import type { NetConfig } from './config';
import {
  config,
  deepConfig,
  deepFaultsConfig,
  faultsConfig,
  quietConfig,
  RUN_STEPS,
  runsConfig,
  threeRoundsConfig,
  withinBound,
} from './config';
import { exactlyFive, noSoonerThanFive, timedPaxos } from './delays';
import { checkExample } from './example';
import { channelInvariants, imageInvariants, netGoals } from './invariants';
import type { Rules } from './rules';
import { rules } from './rules';
import type { NetState, PaxosSystem } from './system';
import { messagePaxos } from './system';

/** The exhaustive checks' configuration: the default one, or the unbounded one with `--deep`. */
export const configFor = (ctx: Pick<CheckContext, 'deep'>): NetConfig =>
  ctx.deep ? deepConfig : config;

/** The configuration's bound on messages in flight, if it has one, as a state constraint. */
const inFlight = (nc: NetConfig) =>
  nc.maxInFlight === Number.POSITIVE_INFINITY ? {} : { within: withinBound(nc) };

/** The bounds of an exhaustive check: the configuration's message bound, and `--depth`. */
const exhaustive = (nc: NetConfig, ctx: CheckContext) => ({ ...inFlight(nc), ...boundsOf(ctx) });

// #region check-channel
/**
 * Every reachable state: the channel invariants of §6.4, and Invariants 1
 * and 2 of its image f(y) in abstract Paxos.
 */
export function checkChannel(nc: NetConfig, r: Rules, ctx: CheckContext) {
  return explore(messagePaxos(nc, r), {
    invariants: [...channelInvariants(nc.paxos), ...imageInvariants(nc.paxos)],
    reachable: netGoals(nc),
    ...exhaustive(nc, ctx),
  });
}
// #endregion check-channel

// #region check-refines
/** Message-level Paxos implements chapter 06's abstract Paxos via f, step by step (§5.1). */
export function checkRefinesPaxos(nc: NetConfig, r: Rules, ctx: CheckContext) {
  const sys = messagePaxos(nc, r);
  return refines(sys, refinementToPaxos(sys), { reachable: netGoals(nc), ...exhaustive(nc, ctx) });
}

/** And so spec D, via chapter 06's abstraction function after f: the composition, checked on its own. */
export function checkRefinesD(nc: NetConfig, r: Rules, ctx: CheckContext) {
  const sys = messagePaxos(nc, r);
  return refines(sys, refinementToD(sys), { reachable: netGoals(nc), ...exhaustive(nc, ctx) });
}
// #endregion check-refines

/**
 * How often the long runs take each kind of step: faults are rarer than progress.
 *
 * @param sys - the system
 * @returns the weight of each of its actions
 */
export function weight(sys: PaxosSystem): (a: Action<NetState, any>) => number {
  return (a) => {
    const l = { action: a.name };
    if (sys.Deliver.is(l)) return 6;
    if (sys.Command.is(l) || sys.Recover.is(l)) return 4;
    if (sys.Retransmit.is(l)) return 2;
    return 1;
  };
}

/** How many shrink steps a failing long run takes (a count, so the shortened run does not depend on the machine's speed). */
export const SHRINKS = 400;

// #region check-simulate
/**
 * Long random runs with every fault (§6.4): losses, retransmissions, agents
 * crashing and recovering, leaders crashing. On every step, the step
 * obligation against abstract Paxos, the channel invariants, and
 * Invariants 1 and 2 of f(y).
 */
export function checkLongRuns(nc: NetConfig, r: Rules, ctx: CheckContext, runs: number) {
  const sys = messagePaxos(nc, r);
  return simulate(sys, {
    invariants: [...channelInvariants(nc.paxos), ...imageInvariants(nc.paxos)],
    refinement: refinementToPaxos(sys),
    reachable: netGoals(nc),
    runs,
    steps: ctx.depth ?? RUN_STEPS,
    seed: ctx.seed,
    ...(ctx.path ? { path: ctx.path } : {}),
    weight: weight(sys),
    // Shrink by a count of steps, never by the clock, so a failure's run is the same under any load.
    maxShrinks: SHRINKS,
    shrinkTimeLimit: Number.POSITIVE_INFINITY,
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  });
}
// #endregion check-simulate

// #region check-rounds
/**
 * Every step from every reachable state is simulated by abstract Paxos
 * (with the witness), and every state satisfies the channel invariants and
 * Invariants 1 and 2 of f(y): one pass, for the configurations of three
 * rounds and of the faults.
 */
export function checkRefinesWithInvariants(
  nc: NetConfig,
  r: Rules,
  ctx: CheckContext,
  maxDepth?: number,
) {
  const sys = messagePaxos(nc, r);
  return refines(sys, refinementToPaxos(sys), {
    invariants: [...channelInvariants(nc.paxos), ...imageInvariants(nc.paxos)],
    reachable: netGoals(nc),
    ...inFlight(nc),
    ...(maxDepth !== undefined ? { maxDepth } : {}),
    ...boundsOf(ctx),
  });
}
// #endregion check-rounds

// #region check-delays
/**
 * Every fault-free run of one leader and three agents: no agent learns the
 * outcome sooner than five message delays after the leader starts its
 * round, and some agent learns it after exactly five.
 */
export function checkDelays(r: Rules, ctx: CheckContext) {
  return explore(timedPaxos(quietConfig, r).machine, {
    invariants: [noSoonerThanFive],
    reachable: [exactlyFive],
    ...boundsOf(ctx),
  });
}
// #endregion check-delays

/** How many long random runs `workbook check 8` makes, and how many with `--deep`. */
export const LONG_RUNS = { runs: 20, deep: 300 } as const;

/** The channel invariants, in every reachable state. */
export const channelCheck = check<Rules>({
  name: 'channel invariants',
  claim:
    'In every reachable state, a report in flight agrees with its sender’s statuses except where it says neutral, a command(n, u) has u = command[n], an outcome message is the outcome, what a leader heard is still true, and f(y) satisfies Invariants 1 and 2.',
  pinned: { states: 81981, transitions: 704196 },
  deepPinned: { states: 274316, transitions: 6622170 },
  run: (ctx, r = rules) => checkChannel(configFor(ctx), r, ctx),
});

/** The refinement to abstract Paxos, with the witness. */
export const refinesPaxosCheck = check<Rules>({
  name: 'implements abstract Paxos',
  claim:
    'Every step from every reachable state is simulated by the step of chapter 06’s abstract Paxos that the witness names, or by none (§5.1).',
  pinned: { states: 81981 },
  deepPinned: { states: 274316, transitions: 6622170 },
  run: (ctx, r = rules) => checkRefinesPaxos(configFor(ctx), r, ctx),
});

/** The refinement to D, by search. */
export const refinesDCheck = check<Rules>({
  name: 'implements D',
  claim:
    'Composed with chapter 06’s abstraction function, every step is simulated by spec D (found by search, not by the witness).',
  pinned: { states: 81981 },
  deepPinned: { states: 274316, transitions: 6622170 },
  run: (ctx, r = rules) => checkRefinesD(configFor(ctx), r, ctx),
});

/**
 * How many steps the default three-round check takes at most: the runs of
 * the earliest-value mutant's shortest counterexample (the `--deep` check
 * has no such bound).
 */
export const THREE_ROUNDS_STEPS = 22;

/** Three rounds of one leader. */
export const threeRoundsCheck = check<Rules>({
  name: 'three rounds',
  claim: `With one leader and three rounds, every step from every state reachable in at most ${THREE_ROUNDS_STEPS} steps (with --deep, from every reachable state) is simulated by abstract Paxos, and every state satisfies the channel invariants and Invariants 1 and 2 of f(y).`,
  pinned: { states: 82801, transitions: 1362158 },
  deepPinned: { states: 465894, transitions: 14514925 },
  run: (ctx, r = rules) =>
    checkRefinesWithInvariants(
      threeRoundsConfig,
      r,
      ctx,
      ctx.deep ? undefined : THREE_ROUNDS_STEPS,
    ),
});

/** Loss, crashes and a restart into a new round. */
export const faultsCheck = check<Rules>({
  name: 'faults',
  claim:
    'With one leader that crashes and starts a new round (and, with --deep, a lost message and an agent crash too), every step from every reachable state is simulated by abstract Paxos, and every state satisfies the channel invariants and Invariants 1 and 2 of f(y).',
  pinned: { states: 66889, transitions: 1554347 },
  deepPinned: { states: 1909046, transitions: 42082136 },
  run: (ctx, r = rules) =>
    checkRefinesWithInvariants(ctx.deep ? deepFaultsConfig : faultsConfig, r, ctx),
});

/** Long random runs with every fault. */
export const longRunsCheck = check<Rules>({
  name: 'long runs with every fault',
  claim:
    'Random runs of 3 agents, 2 leaders with three rounds each and values {7, 8, 9}, with losses, retransmissions, agent crashes and recoveries and leader crashes: every step simulated by abstract Paxos, every state satisfying the channel invariants and Invariants 1 and 2.',
  pinned: { runs: LONG_RUNS.runs, transitions: 7317 },
  deepPinned: { runs: LONG_RUNS.deep, transitions: 131004 },
  run: (ctx, r = rules) =>
    checkLongRuns(runsConfig, r, ctx, ctx.deep ? LONG_RUNS.deep : LONG_RUNS.runs),
});

/** Five message delays. */
export const delaysCheck = check<Rules>({
  name: 'five message delays',
  claim:
    'With one leader and no faults, no agent learns the outcome in fewer than five message delays (query, report, command, report, outcome), and some agent learns it in exactly five.',
  pinned: { states: 892, transitions: 13591 },
  run: (ctx, r = rules) => checkDelays(r, ctx),
});

/** The paper's worked example, played with messages. */
export const exampleCheck = check<Rules>({
  name: 'the paper’s example',
  claim:
    'Both runs of §6.4’s example, played with messages: for every majority the leader of round 4 hears, every value its rule allows is safe.',
  pinned: { runs: 8 },
  run: (_ctx, r = rules) => checkExample(r),
});

/** Chapter 08's checks, in the order the report prints them. */
export const checks = [
  channelCheck,
  refinesPaxosCheck,
  refinesDCheck,
  threeRoundsCheck,
  faultsCheck,
  longRunsCheck,
  delaysCheck,
  exampleCheck,
] as const;
