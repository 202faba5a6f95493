/**
 * Lamport's module Voting: acceptors cast votes ⟨b, v⟩ and raise maxBal; a
 * value is chosen when a quorum has voted for it in one ballot. Its
 * operators keep their TLA+ names, so the module can be read beside this
 * file.
 *
 * @module
 */
import type { Action, Machine, ValueSet } from '../../index';
import { action, invariant, machine, set, show, to } from '../../index';
import type { Acceptor, Ballot, Constants, Value } from './config';
import { ballotsOf, quorumsOf, validConstants } from './config';
import type { ConsensusState } from './consensus';

// #region voting-state
/** A vote ⟨b, v⟩: the acceptor voted for v in ballot b. */
export type Vote = readonly [Ballot, Value];

/** The state of Voting: VARIABLES votes, maxBal. */
export interface VotingState {
  /** votes[a]: the votes cast by acceptor a. */
  readonly votes: Readonly<Record<Acceptor, ValueSet<Vote>>>;
  /** maxBal[a]: a casts further votes only in ballots ≥ maxBal[a]; -1 at first. */
  readonly maxBal: Readonly<Record<Acceptor, Ballot>>;
}
// #endregion voting-state

/** The whole numbers lo..hi (empty if hi < lo), as TLA+'s `lo..hi`. */
export function range(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = lo; i <= hi; i++) out.push(i);
  return out;
}

// #region voting-operators
/** VotedFor(a, b, v): ⟨b, v⟩ ∈ votes[a]. */
export const VotedFor = (s: VotingState, a: Acceptor, b: Ballot, v: Value): boolean =>
  s.votes[a]!.has([b, v]);

/** ChosenAt(b, v): some quorum has all voted for v in ballot b. */
export const ChosenAt = (k: Constants, s: VotingState, b: Ballot, v: Value): boolean =>
  quorumsOf(k).some((Q) => Q.every((a) => VotedFor(s, a, b, v)));

/** chosen: {v ∈ Value : ∃ b ∈ Ballot : ChosenAt(b, v)}. */
export const chosen = (k: Constants, s: VotingState): ValueSet<Value> =>
  set(...k.values.filter((v) => ballotsOf(k).some((b) => ChosenAt(k, s, b, v))));

/** DidNotVoteAt(a, b): a cast no vote in ballot b. */
export const DidNotVoteAt = (k: Constants, s: VotingState, a: Acceptor, b: Ballot): boolean =>
  k.values.every((v) => !VotedFor(s, a, b, v));

/** CannotVoteAt(a, b): maxBal[a] > b and a did not vote in b, so it never will. */
export const CannotVoteAt = (k: Constants, s: VotingState, a: Acceptor, b: Ballot): boolean =>
  s.maxBal[a]! > b && DidNotVoteAt(k, s, a, b);

/** NoneOtherChoosableAt(b, v): some quorum each voted for v in b or cannot vote in b. */
export const NoneOtherChoosableAt = (k: Constants, s: VotingState, b: Ballot, v: Value): boolean =>
  quorumsOf(k).some((Q) => Q.every((a) => VotedFor(s, a, b, v) || CannotVoteAt(k, s, a, b)));

/** SafeAt(b, v): no value but v has been or can be chosen in a ballot below b. */
export const SafeAt = (k: Constants, s: VotingState, b: Ballot, v: Value): boolean =>
  range(0, b - 1).every((c) => NoneOtherChoosableAt(k, s, c, v));

// #endregion voting-operators

/**
 * ShowsSafeAt(Q, b, v) with the witness c of its existential: every member
 * of Q has maxBal ≥ b, and c is -1 or a member w of Q voted for v in c,
 * and no member of Q voted in a ballot strictly between c and b.
 */
export const ShowsSafeAtWith = (
  k: Constants,
  s: VotingState,
  Q: readonly Acceptor[],
  b: Ballot,
  v: Value,
  c: Ballot,
  w: Acceptor | null,
): boolean =>
  Q.every((a) => s.maxBal[a]! >= b) &&
  (c === -1 || (w !== null && VotedFor(s, w, c, v))) &&
  range(c + 1, b - 1).every((d) => Q.every((a) => DidNotVoteAt(k, s, a, d)));

/** ShowsSafeAt(Q, b, v): the condition above for some c ∈ -1..(b-1). */
export const ShowsSafeAt = (
  k: Constants,
  s: VotingState,
  Q: readonly Acceptor[],
  b: Ballot,
  v: Value,
): boolean =>
  range(-1, b - 1).some((c) =>
    c === -1
      ? ShowsSafeAtWith(k, s, Q, b, v, -1, null)
      : Q.some((w) => ShowsSafeAtWith(k, s, Q, b, v, c, w)),
  );

/** The parameter of IncreaseMaxBal(a, b). */
export interface IncreaseMaxBalParam {
  readonly a: Acceptor;
  readonly b: Ballot;
}

/**
 * The parameter of VoteFor(a, b, v), with the witnesses TLC enumerates:
 * the quorum Q of `∃ Q ∈ Quorum : ShowsSafeAt(Q, b, v)`, the ballot c of
 * ShowsSafeAt's `∃ c`, and, when c ≠ -1, the acceptor w of its `∃ a ∈ Q`.
 */
export interface VoteForParam {
  readonly a: Acceptor;
  readonly b: Ballot;
  readonly v: Value;
  readonly Q: readonly Acceptor[];
  readonly c: Ballot;
  readonly w: Acceptor | null;
}

/** The Voting machine, with its two actions by name. */
export interface VotingMachine extends Machine<VotingState> {
  readonly IncreaseMaxBal: Action<VotingState, IncreaseMaxBalParam>;
  readonly VoteFor: Action<VotingState, VoteForParam>;
}

/**
 * Voting's initial state: votes = [a ↦ {}], maxBal = [a ↦ -1].
 *
 * @param k - the constants
 * @returns Init
 */
export function votingInit(k: Constants): VotingState {
  return {
    votes: Object.fromEntries(k.acceptors.map((a) => [a, set<Vote>()])),
    maxBal: Object.fromEntries(k.acceptors.map((a) => [a, -1])),
  };
}

// #region vote-for-enabled
/**
 * The first three conjuncts of VoteFor(a, b, v): maxBal[a] ≤ b, a has not
 * voted in b, and every other acceptor that voted in b voted for v.
 *
 * @param k - the constants
 * @param s - the state
 * @param p - a, b and v
 * @returns true if they hold
 */
export function mayVoteFor(k: Constants, s: VotingState, { a, b, v }: VoteForParam): boolean {
  return (
    s.maxBal[a]! <= b &&
    s.votes[a]!.every((vt) => vt[0] !== b) &&
    k.acceptors.every((c) => c === a || s.votes[c]!.every((vt) => vt[0] !== b || vt[1] === v))
  );
}

/**
 * VoteFor's enabling condition: the three conjuncts above, and the fourth,
 * ∃ Q ∈ Quorum : ShowsSafeAt(Q, b, v), for the witnesses Q, c and w.
 *
 * @param k - the constants
 * @param s - the state
 * @param p - a, b, v and the witnesses Q, c, w
 * @returns true if VoteFor(a, b, v) may happen with these witnesses
 */
export function voteForEnabled(k: Constants, s: VotingState, p: VoteForParam): boolean {
  return mayVoteFor(k, s, p) && ShowsSafeAtWith(k, s, p.Q, p.b, p.v, p.c, p.w);
}
// #endregion vote-for-enabled

// #region voting
/**
 * Voting.tla's Spec: Init, and Next = ∃ a ∈ Acceptor, b ∈ Ballot :
 * IncreaseMaxBal(a, b) ∨ ∃ v ∈ Value : VoteFor(a, b, v). Both actions are
 * internal: nothing outside Voting observes a step.
 *
 * @param k - the constants
 * @param enabled - VoteFor's enabling condition (a mutant replaces it)
 * @returns the machine
 */
export function voting(k: Constants, enabled = voteForEnabled): VotingMachine {
  validConstants(k);
  const ballots = ballotsOf(k);
  const IncreaseMaxBal = action({
    name: 'IncreaseMaxBal',
    external: false,
    params: () => k.acceptors.flatMap((a) => ballots.map((b) => ({ a, b }))),
    guard: (s: VotingState, { a, b }: IncreaseMaxBalParam) => b > s.maxBal[a]!,
    effect: (s, { a, b }) => to({ ...s, maxBal: { ...s.maxBal, [a]: b } }),
    showParam: ({ a, b }) => `${a}, ${b}`,
  });
  const witnesses: VoteForParam[] = [];
  for (const a of k.acceptors)
    for (const b of ballots)
      for (const v of k.values)
        for (const Q of quorumsOf(k))
          for (const c of range(-1, b - 1))
            for (const w of c === -1 ? [null] : Q) witnesses.push({ a, b, v, Q, c, w });
  const VoteFor = action({
    name: 'VoteFor',
    external: false,
    params: () => witnesses,
    guard: (s: VotingState, p: VoteForParam) => enabled(k, s, p),
    effect: (s, { a, b, v }) =>
      to({
        votes: { ...s.votes, [a]: s.votes[a]!.with([b, v]) },
        maxBal: { ...s.maxBal, [a]: b },
      }),
    showParam: ({ a, b, v, Q, c, w }) =>
      `${a}, ${b}, ${v}; Q = {${Q.join(', ')}}, c = ${c}${w === null ? '' : `, ${w}`}`,
  });
  return Object.assign(
    machine<VotingState>({
      name: 'Voting',
      init: [votingInit(k)],
      actions: [IncreaseMaxBal, VoteFor],
    }),
    { IncreaseMaxBal, VoteFor },
  );
}
// #endregion voting

/** A vote or a ballot written as the modules write them. */
const tuple = (b: Ballot, v: Value) => `<<${b}, ${v}>>`;

// #region voting-inv
/**
 * Voting's Inv, one invariant per conjunct: TypeOK, VotesSafe and
 * OneValuePerBallot.
 *
 * @param k - the constants
 * @returns the three invariants
 */
export function votingInv(k: Constants) {
  const ballots = ballotsOf(k);
  const unsafe = (s: VotingState) => {
    for (const a of k.acceptors)
      for (const [b, v] of s.votes[a]!) if (!SafeAt(k, s, b, v)) return { a, b, v };
    return undefined;
  };
  const twoValues = (s: VotingState) => {
    for (const b of ballots) {
      const vs = k.acceptors.flatMap((a) => k.values.filter((v) => VotedFor(s, a, b, v)));
      if (new Set(vs).size > 1) return { b, vs };
    }
    return undefined;
  };
  return [
    invariant<VotingState>(
      'Voting TypeOK',
      (s) =>
        Object.keys(s.votes).length === k.acceptors.length &&
        Object.keys(s.maxBal).length === k.acceptors.length &&
        k.acceptors.every(
          (a) =>
            s.votes[a] !== undefined &&
            s.votes[a]!.every(([b, v]) => ballots.includes(b) && k.values.includes(v)) &&
            (s.maxBal[a] === -1 || ballots.includes(s.maxBal[a]!)),
        ),
      (s) => `votes = ${show(s.votes)}, maxBal = ${show(s.maxBal)}`,
    ),
    invariant<VotingState>(
      'VotesSafe',
      (s) => unsafe(s) === undefined,
      (s) => {
        const { a, b, v } = unsafe(s)!;
        return `${a} voted ${tuple(b, v)}, but SafeAt(${b}, ${v}) is false`;
      },
    ),
    invariant<VotingState>(
      'OneValuePerBallot',
      (s) => twoValues(s) === undefined,
      (s) => {
        const { b, vs } = twoValues(s)!;
        return `ballot ${b} has votes for ${[...new Set(vs)].join(' and ')}`;
      },
    ),
  ];
}
// #endregion voting-inv

// #region voting-to-consensus
/**
 * The refinement mapping of `C == INSTANCE Consensus` in Voting.tla: the
 * variable chosen of Consensus is Voting's operator chosen.
 *
 * @param k - the constants
 * @returns the abstraction function
 */
export const votingToConsensus =
  (k: Constants) =>
  (s: VotingState): ConsensusState => ({ chosen: chosen(k, s) });
// #endregion voting-to-consensus
