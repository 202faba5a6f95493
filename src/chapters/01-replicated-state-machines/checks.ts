/**
 * Chapter 01's checks: each runs on the correct rules, or on a mutant's.
 *
 * @module
 */
import { explore, refines } from '../../index';
import type { CheckContext } from '../chapter';
import { boundsOf, check } from '../chapter';
import type { ReplicationConfig } from './config';
import { config, refinesConfig } from './config';
import { checkEqualLogs, checkOrderMatters } from './properties';
import { goals, replicasAgree, replicasFollowLog, replication } from './replication';
import type { ReplicaRules } from './rules';
import { rules } from './rules';
import { refinementToSingleCopy } from './singleCopy';

/**
 * Explore the replicated system: the replicas agree and follow the log in
 * every reachable state, and the goals are met.
 *
 * @param c - the constants
 * @param r - the rules
 * @param ctx - the bounds from the command line
 * @returns the exploration's result
 */
export function exploreReplicas(c: ReplicationConfig, r: ReplicaRules, ctx: CheckContext) {
  return explore(replication(c, r), {
    invariants: [replicasAgree, replicasFollowLog],
    reachable: goals(c),
    ...boundsOf(ctx),
  });
}

/**
 * Check that the replicated system refines the single copy.
 *
 * @param c - the constants
 * @param r - the rules
 * @param ctx - the bounds from the command line
 * @returns the refinement check's result
 */
export function replicationRefines(c: ReplicationConfig, r: ReplicaRules, ctx: CheckContext) {
  const sys = replication(c, r);
  return refines(sys, refinementToSingleCopy(sys, c), { reachable: goals(c), ...boundsOf(ctx) });
}

/** Three replicas fed a numbered log in any order agree, and each is the single copy after a prefix. */
export const replicasAgreeCheck = check<ReplicaRules>({
  name: 'replicas agree',
  claim:
    'Three replicas fed a numbered log in any delivery order are always each the single copy after a prefix of the log.',
  pinned: { states: 14425, transitions: 65775 },
  run: (ctx, variant = rules) => exploreReplicas(config, variant, ctx),
});

/** The replicated system simulates the single copy, with a lossy, duplicating network. */
export const refinesCheck = check<ReplicaRules>({
  name: 'replication refines the single copy',
  claim:
    'Under the abstraction function (the single copy as the most advanced replica has it), every step of three replicas with up to two requests, on a network that may lose one entry and duplicate one, is a step of the single copy or none.',
  pinned: { states: 17494, transitions: 74577 },
  run: (ctx, variant = rules) => replicationRefines(refinesConfig, variant, ctx),
});

/** Random logs on one to five replicas, delivered scrambled and duplicated, end equal. */
export const equalLogsCheck = check<ReplicaRules>({
  name: 'equal logs, equal replicas',
  claim:
    'For random logs, 1 to 5 replicas, and scrambled, duplicated deliveries, every replica ends in the same state with the same outputs.',
  pinned: { runs: 300 },
  run: (ctx, variant = rules) => checkEqualLogs(ctx.seed, variant, ctx.path),
});

/** The same inputs in two orders can diverge. */
export const orderMattersCheck = check<undefined>({
  name: 'order matters',
  claim:
    'Two replicas that apply the same inputs in different orders can diverge (fast-check finds the smallest case).',
  pinned: { runs: 7 },
  run: (ctx) => checkOrderMatters(ctx.seed, ctx.path),
});
