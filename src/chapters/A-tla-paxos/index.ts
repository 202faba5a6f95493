/**
 * Appendix A, a cross-check with TLA+: Lamport's Consensus, Voting and
 * Paxos from tlaplus/Examples, ported, checked with the library, and
 * compared with TLC's figures: the chapter as the tools see it.
 *
 * @module
 */
import type { Machine } from '../../index';
import type { Chapter, CheckContext } from '../chapter';
import { check, explorable, mutant } from '../chapter';
import { tlaBench } from './bench';
import {
  checkOrbits,
  checkPaxosInv,
  checkPaxosRefinesConsensus,
  checkPaxosRefinesVoting,
  checkPaxosStatuses,
  checkSimulate,
  checkStatuses,
  checkSymmetric,
  checkVotingInv,
  checkVotingRefinesConsensus,
} from './checks';
import type { Constants } from './config';
import { config, deepConfig, disjointConfig, RUNS, smallConfig } from './config';
import { consensus } from './consensus';
import { demo, demoRun } from './demo';
import { exercises } from './exercises';
import type { Statuses } from './mapping';
import { votingToStatuses } from './mapping';
import type { PaxosVariant } from './mutants';
import {
  disjointQuorums,
  ignoresMaxBal,
  keepsMaxBal,
  lowestVote,
  noAtMaxBal,
  noWitnesses,
  unsafeVote,
} from './mutants';
import { paxos, paxosToVoting } from './paxos';
import {
  checkMCConsensus,
  checkMCPaxos,
  checkMCVoting,
  checkReference,
  TLC_MC_CONSENSUS,
  TLC_MC_PAXOS,
  TLC_MC_VOTING,
  TLC_PAXOS,
} from './tlc';
import type { VotingState } from './voting';
import { voting } from './voting';

/** The constants of a check that has deep ones: the default, or with `--deep` the deep ones. */
const constantsOf = (ctx: CheckContext, small: Constants, deep: Constants): Constants =>
  ctx.deep ? deep : small;

const reference = check<PaxosVariant>({
  name: 'Inv, and TLC’s counts',
  claim:
    'Every reachable state of Paxos with the reference constants satisfies each conjunct of Inv, and the search finds exactly the distinct states, generated states and depth that TLC reports.',
  pinned: { states: 185369, transitions: 1361379, depth: 24 },
  run: (ctx, v = paxos) => checkReference(ctx, checkPaxosInv(config, ctx, v(config))),
});

const refinesVoting = check<PaxosVariant>({
  name: 'Paxos refines Voting',
  claim:
    'Under votes[a] = {<<m.bal, m.val>> : 2b messages from a} and maxBal ↦ maxBal, every Paxos step is one Voting step or changes neither votes nor maxBal; Inv holds on the way.',
  pinned: { states: 3921, transitions: 23562, depth: 16 },
  deepPinned: { states: 185369, transitions: 1361379, depth: 24 },
  run: (ctx, v = paxos) => {
    const k = constantsOf(ctx, smallConfig, config);
    return checkPaxosRefinesVoting(k, ctx, { machine: v(k) });
  },
});

const refinesVotingDisjoint = check({
  name: 'Paxos refines Voting, quorums that need not intersect',
  claim:
    'With quorums {a1} and {a2, a3}, which share no acceptor, Paxos still refines Voting and Inv still holds (Paxos.tla’s closing remark).',
  pinned: { states: 6241, transitions: 38810, depth: 16 },
  run: (ctx) => checkPaxosRefinesVoting(disjointConfig, ctx),
});

const votingInvCheck = check<(k: Constants) => Machine<VotingState>>({
  name: 'Voting: Inv',
  claim:
    'Every reachable state of Voting with the reference constants satisfies TypeOK, VotesSafe and OneValuePerBallot.',
  pinned: { states: 6752, transitions: 41016, depth: 15 },
  run: (ctx, v = (k) => voting(k)) => checkVotingInv(config, ctx, v(config)),
});

const votingRefinesConsensus = check<Constants>({
  name: 'Voting refines Consensus',
  claim:
    'Under chosen ↦ chosen, every Voting step is a Consensus step or leaves chosen unchanged; Voting’s Inv holds on the way.',
  pinned: { states: 6752, transitions: 41016, depth: 15 },
  run: (ctx, k = config) => checkVotingRefinesConsensus(k, ctx),
});

const paxosRefinesConsensus = check<PaxosVariant>({
  name: 'Paxos refines Consensus',
  claim:
    'Under the composed mapping, chosen ↦ V!chosen, every Paxos step is a Consensus step or leaves chosen unchanged.',
  pinned: { states: 3921, transitions: 23562, depth: 16 },
  deepPinned: { states: 185369, transitions: 1361379, depth: 24 },
  run: (ctx, v = paxos) => {
    const k = constantsOf(ctx, smallConfig, config);
    return checkPaxosRefinesConsensus(k, ctx, v(k));
  },
});

const statuses = check<(k: Constants) => (s: VotingState) => Statuses>({
  name: 'chapter 06’s statuses',
  claim:
    'Read as chapter 06’s statuses (a vote is a Value, CannotVoteAt is no, anything else neutral), Voting keeps Lampson’s Invariants 1, 2 and 4, and a status changes only while it is neutral.',
  pinned: { states: 6752, transitions: 41016, depth: 15 },
  run: (ctx, f = votingToStatuses) => checkStatuses(config, ctx, f(config)),
});

const paxosStatuses = check({
  name: 'maxBal, maxVBal and maxVal as statuses',
  claim:
    'In Paxos, <<maxVBal[a], maxVal[a]>> is the latest Value in a’s statuses, and a’s statuses are neutral above maxBal[a] and not neutral below it.',
  pinned: { states: 3921, transitions: 23562, depth: 16 },
  deepPinned: { states: 185369, transitions: 1361379, depth: 24 },
  run: (ctx) => checkPaxosStatuses(constantsOf(ctx, smallConfig, config), ctx),
});

const symmetric = check({
  name: 'Inv up to symmetry',
  claim:
    'Inv holds in every reachable state, one state stored per class of states that differ by renaming acceptors or values (TLC’s SYMMETRY).',
  pinned: { states: 17153, transitions: 127001, depth: 24 },
  deepPinned: { states: 710709, transitions: 6134207, depth: 32 },
  run: (ctx) => checkSymmetric(constantsOf(ctx, config, deepConfig), ctx),
});

const orbits = check({
  name: 'classes are orbits',
  claim:
    'The symmetric search stores exactly as many states as there are orbits of the reachable states under the 12 renamings, counted by brute force.',
  pinned: { states: 443, transitions: 2696, depth: 16 },
  run: (ctx) => checkOrbits(smallConfig, ctx),
});

const mcPaxos = check({
  name: 'MCPaxos, as TLC counts it',
  claim:
    'On MCPaxos.cfg’s model (Inv1..Inv4, Paxos refines Voting, symmetry) we find the distinct states, generated states and depth of the Examples’ manifest.',
  pinned: { states: 25, transitions: 81, depth: 8 },
  run: (ctx) => checkMCPaxos(ctx),
});

const mcVoting = check({
  name: 'MCVoting, as TLC counts it',
  claim:
    'On MCVoting.cfg’s model (Inv, Voting refines Consensus, symmetry) we find the distinct states, generated states and depth of the Examples’ manifest.',
  pinned: { states: 77, transitions: 450, depth: 10 },
  run: (ctx) => checkMCVoting(ctx),
});

const mcConsensus = check({
  name: 'MCConsensus, as TLC counts it',
  claim:
    'On MCConsensus.cfg’s model (Inv on ISpec) we find the distinct states, generated states and depth of the Examples’ manifest.',
  pinned: { states: 4, transitions: 3, depth: 0 },
  run: (ctx) => checkMCConsensus(ctx),
});

const randomRuns = check({
  name: 'random runs',
  claim:
    'Random runs of Paxos with the reference constants (at most 100 steps each, seed 1) keep Inv after every step, and some run reaches a chosen value.',
  pinned: { runs: RUNS, transitions: 8780 },
  deepPinned: { runs: 10 * RUNS, transitions: 95148 },
  run: (ctx) => checkSimulate(config, ctx, ctx.deep ? 10 * RUNS : RUNS),
});

/** Appendix A. */
export const chapter: Chapter = {
  id: 'A',
  slug: 'A-tla-paxos',
  title: 'Appendix: a cross-check with TLA+',
  paper: '§6, beside Lamport’s Paxos.tla',
  summary:
    'Lamport’s Consensus, Voting and Paxos specifications ported to the library, checked for his invariants and refinements, with counts that equal TLC’s.',
  demo,
  checks: [
    reference,
    refinesVoting,
    refinesVotingDisjoint,
    votingInvCheck,
    votingRefinesConsensus,
    paxosRefinesConsensus,
    statuses,
    paxosStatuses,
    symmetric,
    orbits,
    mcPaxos,
    mcVoting,
    mcConsensus,
    randomRuns,
  ],
  mutants: [
    mutant(reference, {
      name: 'Phase2a takes the lowest vote',
      bug: 'The leader proposes the value of the reported vote with the smallest ballot, not the largest.',
      variant: lowestVote,
    }),
    mutant(refinesVoting, {
      name: 'Phase2b ignores maxBal',
      bug: 'An acceptor votes for a 2a message of any ballot, even one below maxBal[a].',
      variant: ignoresMaxBal,
    }),
    mutant(paxosRefinesConsensus, {
      name: 'Phase1b does not raise maxBal',
      bug: 'An acceptor answers a 1a message but keeps maxBal[a], so it may still vote in a lower ballot.',
      variant: keepsMaxBal,
    }),
    mutant(reference, {
      name: 'Phase2a without its witnesses',
      bug: 'Phase2a is one step per (b, v), its quorum and report found inside the guard: the same states, but not TLC’s generated states.',
      variant: noWitnesses,
    }),
    mutant(votingRefinesConsensus, {
      name: 'quorums that need not intersect',
      bug: 'The quorums are {a1} and {a2, a3}, which share no acceptor.',
      variant: disjointQuorums,
    }),
    mutant(votingInvCheck, {
      name: 'VoteFor without ShowsSafeAt',
      bug: 'VoteFor loses its fourth conjunct, ∃ Q ∈ Quorum : ShowsSafeAt(Q, b, v).',
      variant: (k) => voting(k, unsafeVote),
    }),
    mutant(statuses, {
      name: 'no from maxBal on',
      bug: 'The mapping gives status no in ballot maxBal[a] too, where CannotVoteAt needs maxBal[a] > b.',
      variant: noAtMaxBal,
    }),
  ],
  runs: [
    {
      name: 'demo',
      description:
        'ballot 2’s leader hears votes for v1 (ballot 0) and v2 (ballot 1) and must propose v2',
      run: demoRun,
    },
    {
      name: 'lowest-vote',
      description: 'with the lowest vote, a 2a message is sent that no quorum shows safe',
      run: (ctx) => {
        const r = checkPaxosInv(config, { ...ctx, deep: false }, lowestVote(config));
        return { machine: lowestVote(config), trace: r.counterexample!.trace };
      },
    },
    {
      name: 'disjoint-quorums',
      description: 'with quorums {a1} and {a2, a3}, Voting chooses two values',
      run: (ctx) => {
        const r = checkVotingRefinesConsensus(disjointConfig, { ...ctx, deep: false });
        return { machine: voting(disjointConfig), trace: r.counterexample!.trace };
      },
    },
  ],
  exercises,
  models: [
    { name: 'Paxos.tla, 3 acceptors, 2 values, ballots 0..1', machine: () => paxos(smallConfig) },
    { name: 'Voting.tla, 3 acceptors, 2 values, ballots 0..2', machine: () => voting(config) },
    { name: 'Consensus.tla, 2 values', machine: () => consensus(config) },
  ],
  explorer: [
    explorable({
      id: 'A-paxos',
      title: 'A: Paxos.tla, and its image in Voting',
      about:
        'Send 1a messages, answer them, propose and vote; the spec shows votes and maxBal, Voting’s variables, and whether each step is a Voting step.',
      machine: () => paxos(smallConfig),
      spec: () => voting(smallConfig),
      abstraction: paxosToVoting(smallConfig),
    }),
  ],
  benchmarks: [tlaBench],
  facts: {
    'TLC distinct states': TLC_PAXOS.distinct,
    'TLC states generated': TLC_PAXOS.generated,
    'TLC depth': TLC_PAXOS.depth,
    'MCPaxos distinct states': TLC_MC_PAXOS.distinct,
    'MCPaxos states generated': TLC_MC_PAXOS.generated,
    'MCPaxos depth': TLC_MC_PAXOS.depth,
    'MCVoting distinct states': TLC_MC_VOTING.distinct,
    'MCVoting states generated': TLC_MC_VOTING.generated,
    'MCVoting depth': TLC_MC_VOTING.depth,
    'MCConsensus distinct states': TLC_MC_CONSENSUS.distinct,
    'MCConsensus states generated': TLC_MC_CONSENSUS.generated,
    'demo steps': 16,
  },
};
