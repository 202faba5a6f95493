/**
 * Chapter 10's checks: each runs on the correct rules, or on a mutant's
 * (the variant is the {@link Rules}).
 *
 * @module
 */
import type { Action } from '../../index';
import { refines, simulate } from '../../index';
import type { CheckContext } from '../chapter';
import { boundsOf, check } from '../chapter';
import { multiGoals, multiInvariants, refinementToD } from './abstraction';
import { compactCheck } from './compact';
import type { MultiConfig } from './config';
import {
  config,
  crashConfig,
  dupConfig,
  faultsConfig,
  lossConfig,
  RUN_STEPS,
  runsConfig,
} from './config';
import type { MultiState, MultiSystem, Rules } from './system';
import { liveCount, multiPaxos, rules } from './system';

/**
 * The bounds of an exhaustive check: the configuration's bound on messages
 * in flight (with `countLive`, dead ones, which can never change anything,
 * do not count), and `--depth`.
 */
const exhaustive = (c: MultiConfig, r: Rules, ctx: CheckContext) => ({
  ...(c.maxInFlight === Number.POSITIVE_INFINITY
    ? {}
    : c.countLive
      ? { within: (y: MultiState) => liveCount(c, r, y) <= c.maxInFlight }
      : { within: (y: MultiState) => y.net.length <= c.maxInFlight }),
  ...boundsOf(ctx),
});

// #region check-refines
/**
 * Multi-Paxos implements a sequence of independent instances of spec D
 * via f, step by step (§5.1), and every reachable state meets the
 * invariants. Exhaustive, but only within the configuration's bounds
 * (agents, instances, rounds, fault budgets, messages in flight, and the
 * constraint on when a primary changes); runs outside them are not checked.
 *
 * @param c - the configuration
 * @param r - the rules
 * @param ctx - the context
 * @param goals - which of the goals to ask for, by index (all by default)
 * @returns the verdict
 */
export function checkRefinesD(
  c: MultiConfig,
  r: Rules,
  ctx: CheckContext,
  goals: readonly number[] = [0, 1, 2],
) {
  const sys = multiPaxos(c, r);
  const run = () =>
    refines(sys, refinementToD(sys), {
      invariants: multiInvariants(c),
      reachable: multiGoals(c).filter((_, k) => goals.includes(k)),
      ...exhaustive(c, r, ctx),
    });
  // The same search twice in one process (a mutant's check, then its
  // counterexample as a named run) is done once; with progress shown, always.
  if (ctx.onProgress) return run();
  const key = `${goals.join(',')}|${ctx.depth ?? ''}`;
  const byRules = done.get(c) ?? new WeakMap<Rules, Map<string, ReturnType<typeof run>>>();
  done.set(c, byRules);
  const results = byRules.get(r) ?? new Map<string, ReturnType<typeof run>>();
  byRules.set(r, results);
  if (!results.has(key)) results.set(key, run());
  return results.get(key)!;
}

/** The results of checkRefinesD, by configuration, rules, goals and depth. */
const done = new WeakMap<MultiConfig, WeakMap<Rules, Map<string, any>>>();
// #endregion check-refines

/**
 * How often the long runs take each kind of step: faults are rarer than progress.
 *
 * @param sys - the system
 * @returns the weight of each action
 */
export function weight(sys: MultiSystem): (a: Action<MultiState, any>) => number {
  return (a) => {
    const l = { action: a.name };
    if (sys.Deliver.is(l)) return 8;
    if (sys.Allow.is(l) || sys.Command.is(l) || sys.Recover.is(l)) return 4;
    if (sys.Retransmit.is(l)) return 2;
    return 1;
  };
}

/** How many shrink steps a failing long run takes (a count, so the shortened run does not depend on the machine's speed). */
export const SHRINKS = 400;

// #region check-simulate
/**
 * Long seeded random runs with every fault (loss, duplication, agents
 * crashing and recovering, leaders crashing and restarting): on every
 * step, the step obligation against the sequence of D's, and the
 * invariants. Random, so it shows only the runs it takes.
 *
 * @param c - the configuration
 * @param r - the rules
 * @param ctx - the context (its seed)
 * @param runs - how many runs
 * @returns the verdict
 */
export function checkLongRuns(c: MultiConfig, r: Rules, ctx: CheckContext, runs: number) {
  const sys = multiPaxos(c, r);
  return simulate(sys, {
    invariants: multiInvariants(c),
    refinement: refinementToD(sys),
    reachable: multiGoals(c).slice(0, 2),
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

/** The check of the default configuration: no faults, a primary change mid-instance. */
export const refinesCheck = check<Rules>({
  name: 'implements D per instance',
  claim:
    'Every step of multi-Paxos (3 agents, 2 instances, rounds (1,l1) < (1,l2), l2 starting while l1 has a command in flight, at most 6 messages in flight, no faults) is simulated by a sequence of instances of D, and every state meets the invariants; the new primary proposes a half-chosen value again.',
  pinned: { states: 88857 },
  run: (ctx, r = rules) => checkRefinesD(config, r, ctx),
});

/** With one loss. */
export const lossCheck = check<Rules>({
  name: 'with a loss',
  claim:
    'The same with one lost message and retransmission, within at most 5 messages in flight; with --deep, one loss and one duplicate in the same runs, within at most 4 live messages in flight.',
  pinned: { states: 60753 },
  deepPinned: { states: 1905407 },
  run: (ctx, r = rules) => checkRefinesD(ctx.deep ? faultsConfig : lossConfig, r, ctx),
});

/** With one duplicate. */
export const dupCheck = check<Rules>({
  name: 'with a duplicate',
  claim:
    'The same with one duplicated message, within at most 4 live messages in flight (dead ones, which can never change anything, not counted); a bound too small for the half-chosen goal, which the checks above reach.',
  pinned: { states: 12519 },
  run: (ctx, r = rules) => checkRefinesD(dupConfig, r, ctx, [0, 1]),
});

/** A leader crash. */
export const crashCheck = check<Rules>({
  name: 'a leader crash',
  claim:
    'One leader with two rounds (1,l1) < (2,l1), proposing 7 or 8, with no stable storage: it may crash once and restart, polls the agents’ next before it starts a round (at its first start too), and starts its second round only with a command of its first in flight (or after the crash); one instance, at most 4 live messages in flight: the same, and a restarted leader runs a round while a command of its earlier round is still in flight.',
  pinned: { states: 9082 },
  run: (ctx, r = rules) => checkRefinesD(crashConfig, r, ctx, [0, 3]),
});

/** How many long runs. */
export const RUNS = 20;

/** How many long runs with `--deep`. */
export const DEEP_RUNS = 200;

/** The long random runs. */
export const longRunsCheck = check<Rules>({
  name: 'long runs with every fault',
  claim: `${RUNS} seeded runs (${DEEP_RUNS} with --deep) of up to ${RUN_STEPS} steps, 3 agents, 3 instances, 2 leaders with three rounds each, every fault without a budget: every step simulated by the sequence of D's, every state meets the invariants.`,
  pinned: { runs: RUNS, transitions: 4293 },
  deepPinned: { runs: DEEP_RUNS, transitions: 52840 },
  run: (ctx, r = rules) => checkLongRuns(runsConfig, r, ctx, ctx.deep ? DEEP_RUNS : RUNS),
});

/** The chapter's checks. */
export const checks = [
  compactCheck,
  refinesCheck,
  lossCheck,
  dupCheck,
  crashCheck,
  longRunsCheck,
] as const;
