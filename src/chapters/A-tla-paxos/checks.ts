/**
 * The appendix's checks as functions of the constants and of what a mutant
 * changes, so that mutants, the benchmark and the tests run the very same
 * checks.
 *
 * @module
 */
import type { CheckResult, Machine } from '../../index';
import { explore, reachableGraph, refines, simulate, ValueSet } from '../../index';
import type { CheckContext } from '../chapter';
import { boundsOf } from '../chapter';
import type { Constants } from './config';
import { RUN_STEPS } from './config';
import { consensus, consensusInv } from './consensus';
import { paxosGoals, paxosInv, votingGoals } from './invariants';
import type { Statuses } from './mapping';
import {
  lampsonInvariants,
  onlyNeutralChanges,
  paxosStatusInvariants,
  votingToStatuses,
} from './mapping';
import type { PaxosState } from './paxos';
import { paxos, paxosToVoting } from './paxos';
import {
  paxosRefinementToConsensus,
  refinementToConsensus,
  refinementToVoting,
} from './refinements';
import type { VotingState } from './voting';
import { voting, votingInv } from './voting';

// #region tlc-figures
/** What TLC prints at the end of a run. */
export interface TLCFigures {
  /** "distinct states found". */
  readonly distinct: number;
  /** "states generated": every initial state, and every successor of every state expanded. */
  readonly generated: number;
  /** "The depth of the complete state graph search": an initial state is at depth 1. */
  readonly depth: number;
}

/**
 * Our figures as TLC would print them: distinct states are distinct
 * states; TLC's generated states are our initial states plus our steps
 * (each step is one successor TLC computes, a stuttering one included);
 * TLC's depth counts states on the longest shortest run, we count steps.
 *
 * @param r - a complete search's result
 * @param initial - how many initial states the machine has
 * @returns the figures TLC would print
 */
export const asTLC = (r: CheckResult<unknown>, initial: number): TLCFigures => ({
  distinct: r.stats.states,
  generated: initial + r.stats.transitions,
  depth: r.stats.depth + 1,
});

/**
 * A search's result, failing unless its figures are TLC's.
 *
 * @param r - the result of a complete search
 * @param initial - how many initial states the machine has
 * @param tlc - what TLC printed
 * @returns r, or r failed with the figures that differ as the goal it missed
 */
export function matchTLC<R extends CheckResult<any>>(r: R, initial: number, tlc: TLCFigures): R {
  if (!r.holds) return r;
  const ours = asTLC(r, initial);
  const off = (Object.keys(tlc) as (keyof TLCFigures)[]).filter((f) => ours[f] !== tlc[f]);
  if (!off.length && r.complete) return r;
  const say = (f: TLCFigures) =>
    `${f.distinct} distinct, ${f.generated} generated, depth ${f.depth}`;
  return {
    ...r,
    holds: false,
    unreached: [...r.unreached, `TLC's figures (TLC: ${say(tlc)}; ours: ${say(ours)})`],
  };
}
// #endregion tlc-figures

// #region check-inv
/** Every reachable state of Paxos satisfies each conjunct of Inv; the goals are met. */
export function checkPaxosInv(k: Constants, ctx: CheckContext, m: Machine<PaxosState> = paxos(k)) {
  return explore(m, { invariants: paxosInv(k), reachable: paxosGoals(k), ...boundsOf(ctx) });
}
// #endregion check-inv

// #region check-refines
/** What a refinement check may be given besides the constants. */
export interface RefinesOptions {
  /** The implementation (a mutant's), default Paxos. */
  readonly machine?: Machine<PaxosState>;
  /** The refinement mapping (a mutant's), default Lamport's. */
  readonly mapping?: (s: PaxosState) => VotingState;
  /** Search up to renaming acceptors and values, as TLC's SYMMETRY. */
  readonly symmetry?: boolean;
}

/** The symmetry option of a search, if asked for. */
const symmetryOf = (k: Constants, on: boolean | undefined) =>
  on ? { symmetry: [k.acceptors, k.values] } : {};

/** Paxos implements Voting under Lamport's mapping, with Inv checked in the same pass. */
export function checkPaxosRefinesVoting(k: Constants, ctx: CheckContext, o: RefinesOptions = {}) {
  return refines(o.machine ?? paxos(k), refinementToVoting(k, o.mapping ?? paxosToVoting(k)), {
    invariants: paxosInv(k),
    reachable: paxosGoals(k),
    ...symmetryOf(k, o.symmetry),
    ...boundsOf(ctx),
  });
}

/** Voting implements Consensus, with Voting's Inv checked in the same pass. */
export function checkVotingRefinesConsensus(k: Constants, ctx: CheckContext, symmetry = false) {
  return refines(voting(k), refinementToConsensus(k), {
    invariants: votingInv(k),
    reachable: votingGoals(k),
    ...symmetryOf(k, symmetry),
    ...boundsOf(ctx),
  });
}

/** Paxos implements Consensus through the composed mapping. */
export function checkPaxosRefinesConsensus(
  k: Constants,
  ctx: CheckContext,
  m: Machine<PaxosState> = paxos(k),
) {
  return refines(m, paxosRefinementToConsensus(k), {
    reachable: paxosGoals(k),
    ...boundsOf(ctx),
  });
}
// #endregion check-refines

/** Every reachable state of Voting satisfies TypeOK, VotesSafe and OneValuePerBallot. */
export function checkVotingInv(
  k: Constants,
  ctx: CheckContext,
  m: Machine<VotingState> = voting(k),
) {
  return explore(m, { invariants: votingInv(k), reachable: votingGoals(k), ...boundsOf(ctx) });
}

/** Every reachable state of Consensus satisfies its Inv. */
export function checkConsensusInv(k: Constants, ctx: CheckContext, m = consensus(k)) {
  return explore(m, { invariants: consensusInv(k), ...boundsOf(ctx) });
}

// #region check-statuses
/** Lampson's invariants and stable statuses, read through f, in every reachable state of Voting. */
export function checkStatuses(
  k: Constants,
  ctx: CheckContext,
  f: (s: VotingState) => Statuses = votingToStatuses(k),
) {
  return explore(voting(k), {
    invariants: lampsonInvariants(k, f),
    stepProperties: [onlyNeutralChanges(k, f)],
    reachable: votingGoals(k),
    ...boundsOf(ctx),
  });
}

/** maxBal, maxVBal and maxVal read as statuses, in every reachable state of Paxos. */
export function checkPaxosStatuses(k: Constants, ctx: CheckContext) {
  return explore(paxos(k), {
    invariants: paxosStatusInvariants(k),
    reachable: paxosGoals(k),
    ...boundsOf(ctx),
  });
}
// #endregion check-statuses

// #region check-symmetry
/** Inv in every reachable state, one state per class of states that differ by renaming acceptors or values. */
export function checkSymmetric(k: Constants, ctx: CheckContext, m: Machine<PaxosState> = paxos(k)) {
  return explore(m, {
    invariants: paxosInv(k),
    reachable: paxosGoals(k),
    ...symmetryOf(k, true),
    ...boundsOf(ctx),
  });
}
// #endregion check-symmetry

// #region orbits
/** Every permutation of a list. */
export function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) =>
    permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]),
  );
}

/**
 * A value with every string renamed by f: strings, record fields' names,
 * set members and array elements, all the way down (our own renaming, not
 * the library's, so that the two can be compared).
 */
export function renamed(x: unknown, f: (s: string) => string): unknown {
  if (typeof x === 'string') return f(x);
  if (Array.isArray(x)) return x.map((y) => renamed(y, f));
  if (x instanceof ValueSet) return x.map((y) => renamed(y, f));
  if (x !== null && typeof x === 'object')
    return Object.fromEntries(Object.entries(x).map(([key, y]) => [f(key), renamed(y, f)]));
  return x;
}

/**
 * The text of renamed(x, f), one text for equal values: record fields and
 * set members sorted (our own canonical text, not the library's).
 */
export function renamedText(x: unknown, f: (s: string) => string): string {
  if (typeof x === 'string') return JSON.stringify(f(x));
  if (Array.isArray(x)) return `[${x.map((y) => renamedText(y, f)).join(',')}]`;
  if (x instanceof ValueSet)
    return `{${[...x]
      .map((y) => renamedText(y, f))
      .sort()
      .join(',')}}`;
  if (x !== null && typeof x === 'object')
    return `(${Object.entries(x)
      .map(([key, y]) => `${JSON.stringify(f(key))}:${renamedText(y, f)}`)
      .sort()
      .join(',')})`;
  return String(x);
}

/**
 * Count the orbits of the reachable states under the symmetry group by
 * brute force: apply every renaming of the acceptors and of the values to
 * every state of the full search, keep the least text of each state's
 * images, and count the distinct ones.
 *
 * @param k - the constants
 * @returns the states of the full search, and the number of orbits
 */
export function bruteForceOrbits(k: Constants): { states: number; orbits: number } {
  const g = reachableGraph(paxos(k));
  const renamings: ((s: string) => string)[] = [];
  for (const pa of permutations(k.acceptors))
    for (const pv of permutations(k.values)) {
      const to = new Map<string, string>([
        ...k.acceptors.map((a, i) => [a, pa[i]!] as const),
        ...k.values.map((v, i) => [v, pv[i]!] as const),
      ]);
      renamings.push((s) => to.get(s) ?? s);
    }
  const orbits = new Set<string>();
  for (const s of g.states) {
    let least: string | undefined;
    for (const f of renamings) {
      const c = renamedText(s, f);
      if (least === undefined || c < least) least = c;
    }
    orbits.add(least!);
  }
  return { states: g.states.length, orbits: orbits.size };
}

/** The symmetric search's count of classes is the brute-force count of orbits. */
export function checkOrbits(k: Constants, ctx: CheckContext) {
  const r = checkSymmetric(k, ctx);
  if (!r.holds || !r.complete) return r;
  const { orbits } = bruteForceOrbits(k);
  if (orbits === r.stats.states) return r;
  return {
    ...r,
    holds: false,
    unreached: [`as many classes as orbits (${r.stats.states} classes, ${orbits} orbits)`],
  };
}
// #endregion orbits

// #region check-simulate
/** Random runs of Paxos, Inv checked after every step. */
export function checkSimulate(k: Constants, ctx: CheckContext, runs: number) {
  return simulate(paxos(k), {
    invariants: paxosInv(k),
    reachable: paxosGoals(k).slice(0, 1),
    runs,
    steps: ctx.depth ?? RUN_STEPS,
    seed: ctx.seed,
    ...(ctx.path ? { path: ctx.path } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  });
}
// #endregion check-simulate
