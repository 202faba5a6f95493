/**
 * Chapter 08's checks as functions of a configuration and the rules, so
 * that mutants and exercises run the very same checks.
 *
 * @module
 */
import {
  type Action,
  type ExploreOptions,
  explore,
  refines,
  type SimulateResult,
  simulate,
} from '../../index';
import type { CheckContext } from '../chapter';
import { toAbstractPaxos, toD } from './abstraction';
import { quietConfig, withinBound } from './configs';
import { exactlyFive, noSoonerThanFive, timedPaxos } from './delays';
import { channelInvariants, imageInvariants, netGoals } from './invariants';
import { rules as correct, type Rules } from './rules';
import { messagePaxos, type NetConfig, type NetState } from './system';

/** Bounds and progress from the command line, and the message bound of the configuration. */
export function boundsOf(nc: NetConfig, ctx: CheckContext): ExploreOptions<NetState> {
  return {
    within: withinBound(nc),
    ...(ctx.depth ? { maxDepth: ctx.depth } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  };
}

// #region check-channel
/**
 * Every reachable state: the channel invariants of §6.4, and Invariants 1
 * and 2 of its image f(y) in abstract Paxos.
 */
export function checkChannel(nc: NetConfig, r: Rules, ctx: CheckContext) {
  return explore(messagePaxos(nc, r), {
    invariants: [...channelInvariants(nc.paxos), ...imageInvariants(nc.paxos)],
    reachable: netGoals(nc),
    ...boundsOf(nc, ctx),
  });
}
// #endregion check-channel

// #region check-refines
/** Message-level Paxos implements chapter 06's abstract Paxos via f, step by step (§5.1). */
export function checkRefinesPaxos(nc: NetConfig, r: Rules, ctx: CheckContext) {
  return refines(messagePaxos(nc, r), toAbstractPaxos(nc.paxos), {
    reachable: netGoals(nc),
    ...boundsOf(nc, ctx),
  });
}

/** And so spec D, via chapter 06's abstraction function after f: the composition, checked on its own. */
export function checkRefinesD(nc: NetConfig, r: Rules, ctx: CheckContext) {
  return refines(messagePaxos(nc, r), toD(nc.paxos), {
    reachable: netGoals(nc),
    ...boundsOf(nc, ctx),
  });
}
// #endregion check-refines

/** How often the long runs take each kind of step: faults are rarer than progress. */
export function weight(a: Action<NetState, any>): number {
  switch (a.name) {
    case 'Deliver':
      return 6;
    case 'Command':
    case 'RecoverAgent':
      return 4;
    case 'Retransmit':
      return 2;
    default:
      return 1;
  }
}

// #region check-simulate
/**
 * Long random runs with every fault (§6.4): losses, retransmissions, agents
 * crashing and recovering, leaders crashing. On every step, the step
 * obligation against abstract Paxos, the channel invariants, and
 * Invariants 1 and 2 of f(y).
 */
export function checkLongRuns(
  nc: NetConfig,
  r: Rules,
  ctx: CheckContext,
  runs = 100,
  steps = 1000,
): SimulateResult<NetState> {
  return simulate(messagePaxos(nc, r), {
    invariants: [...channelInvariants(nc.paxos), ...imageInvariants(nc.paxos)],
    refinement: toAbstractPaxos(nc.paxos),
    reachable: netGoals(nc),
    runs,
    steps: ctx.depth ?? steps,
    seed: ctx.seed,
    ...(ctx.path ? { path: ctx.path } : {}),
    weight,
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  });
}
// #endregion check-simulate

// #region check-delays
/**
 * Every fault-free run of one leader and three agents: no agent learns the
 * outcome sooner than five message delays after the leader starts its
 * round, and some agent learns it after exactly five.
 */
export function checkDelays(r: Rules = correct, nc: NetConfig = quietConfig) {
  return explore(timedPaxos(nc, r), { invariants: [noSoonerThanFive], reachable: [exactlyFive] });
}
// #endregion check-delays
