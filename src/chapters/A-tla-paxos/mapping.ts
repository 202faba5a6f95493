/**
 * From Lamport's variables to Lampson's statuses: an abstraction function
 * from Voting's votes and maxBal to the table s[a][b] of chapter 06 (a
 * Value, `no` or `neutral` for each acceptor and ballot), and the facts
 * about it that the checks test.
 *
 * @module
 */
import type { Invariant, StepProperty } from '../../index';
import { invariant, stepProperty } from '../../index';
import type { Acceptor, Ballot, Constants, Value } from './config';
import { ballotsOf, quorumsOf } from './config';
import type { PaxosState } from './paxos';
import { paxosToVoting } from './paxos';
import type { VotingState } from './voting';
import { CannotVoteAt, VotedFor } from './voting';

// #region statuses
/** Chapter 06's status of an agent in a round: a Value, or one of the symbols no and neutral. */
export type Status = Value | 'no' | 'neutral';

/** s[a][b]: every acceptor's status in every ballot (a ballot is a round). */
export type Statuses = Readonly<Record<Acceptor, readonly Status[]>>;

/**
 * The abstraction function from Voting to the statuses: s[a][b] is v if a
 * voted for v in b (VotedFor(a, b, v)), no if a cannot vote in b
 * (CannotVoteAt(a, b): maxBal[a] > b and no vote in b), and neutral
 * otherwise.
 *
 * @param k - the constants
 * @returns the abstraction function
 */
export const votingToStatuses =
  (k: Constants) =>
  (s: VotingState): Statuses =>
    Object.fromEntries(
      k.acceptors.map((a) => [
        a,
        ballotsOf(k).map(
          (b): Status =>
            k.values.find((v) => VotedFor(s, a, b, v)) ??
            (CannotVoteAt(k, s, a, b) ? 'no' : 'neutral'),
        ),
      ]),
    );
// #endregion statuses

// #region lampson
/** v_b: the Value some acceptor has in ballot b, or null. */
export const v_b = (t: Statuses, b: Ballot): Value | null => {
  for (const row of Object.values(t)) {
    const st = row[b]!;
    if (st !== 'no' && st !== 'neutral') return st;
  }
  return null;
};

/** Ballot b is dead: every member of some quorum has status no in it. */
export const dead = (k: Constants, t: Statuses, b: Ballot): boolean =>
  quorumsOf(k).some((Q) => Q.every((a) => t[a]![b] === 'no'));

/** Ballot b is successful: every member of some quorum has a Value in it. */
export const successful = (k: Constants, t: Statuses, b: Ballot): boolean =>
  quorumsOf(k).some((Q) => Q.every((a) => t[a]![b] !== 'no' && t[a]![b] !== 'neutral'));

/** Ballot b is anchored: every earlier ballot is dead or has b's value. */
export const anchored = (k: Constants, t: Statuses, b: Ballot): boolean =>
  ballotsOf(k)
    .filter((c) => c < b)
    .every((c) => dead(k, t, c) || v_b(t, c) === v_b(t, b));
// #endregion lampson

/**
 * Lampson's invariants of §6.2 and §6.3 read through the abstraction
 * function, with "a quorum" for "a majority": Invariant 1 (a ballot has at
 * most one value), Invariant 2 (successful ballots agree), Invariant 4
 * (every ballot with a value is anchored).
 *
 * @param k - the constants
 * @param f - the abstraction function to the statuses
 * @returns the three invariants, on Voting states
 */
export function lampsonInvariants(
  k: Constants,
  f: (s: VotingState) => Statuses = votingToStatuses(k),
): Invariant<VotingState>[] {
  const ballots = ballotsOf(k);
  const valuesIn = (t: Statuses, b: Ballot) =>
    new Set(
      Object.values(t).flatMap((row) => (row[b] === 'no' || row[b] === 'neutral' ? [] : [row[b]!])),
    );
  return [
    invariant<VotingState>(
      'Invariant 1: a ballot has at most one value',
      (s) => ballots.every((b) => valuesIn(f(s), b).size <= 1),
      (s) => {
        const t = f(s);
        const b = ballots.find((x) => valuesIn(t, x).size > 1)!;
        return `ballot ${b} has ${[...valuesIn(t, b)].join(' and ')}`;
      },
    ),
    invariant<VotingState>(
      'Invariant 2: successful ballots have the same value',
      (s) => {
        const t = f(s);
        return new Set(ballots.filter((b) => successful(k, t, b)).map((b) => v_b(t, b))).size <= 1;
      },
      (s) => {
        const t = f(s);
        return `successful: ${ballots
          .filter((b) => successful(k, t, b))
          .map((b) => `${b} with ${v_b(t, b)}`)
          .join(', ')}`;
      },
    ),
    invariant<VotingState>(
      'Invariant 4: every ballot with a value is anchored',
      (s) => {
        const t = f(s);
        return ballots.every((b) => v_b(t, b) === null || anchored(k, t, b));
      },
      (s) => {
        const t = f(s);
        const b = ballots.find((x) => v_b(t, x) !== null && !anchored(k, t, x))!;
        return `ballot ${b} has ${v_b(t, b)} and is not anchored`;
      },
    ),
  ];
}

/**
 * Chapter 06's rule that a status changes only while it is neutral, as a
 * property of every step.
 *
 * @param k - the constants
 * @param f - the abstraction function to the statuses
 * @returns the step property, on Voting states
 */
export function onlyNeutralChanges(
  k: Constants,
  f: (s: VotingState) => Statuses = votingToStatuses(k),
): StepProperty<VotingState> {
  const changed = (x: VotingState, y: VotingState) => {
    const t = f(x);
    const u = f(y);
    for (const a of k.acceptors)
      for (const b of ballotsOf(k))
        if (t[a]![b] !== 'neutral' && t[a]![b] !== u[a]![b])
          return `s[${a}][${b}] goes from ${t[a]![b]} to ${u[a]![b]}`;
    return undefined;
  };
  return stepProperty<VotingState>(
    'a status changes only while it is neutral',
    (x, _l, y) => changed(x, y) === undefined,
    (x, _l, y) => changed(x, y)!,
  );
}

// #region paxos-statuses
/**
 * What Paxos's own variables say about the statuses: ⟨maxVBal[a],
 * maxVal[a]⟩ is a's latest Value status (or ⟨-1, None⟩ if it has none),
 * and a's statuses below maxBal[a] are not neutral, those above it are.
 *
 * @param k - the constants
 * @returns the two invariants, on Paxos states
 */
export function paxosStatusInvariants(k: Constants): Invariant<PaxosState>[] {
  const f = (s: PaxosState) => votingToStatuses(k)(paxosToVoting(k)(s));
  const ballots = ballotsOf(k);
  const latest = (row: readonly Status[]): [Ballot, Value | null] => {
    for (let b = row.length - 1; b >= 0; b--)
      if (row[b] !== 'no' && row[b] !== 'neutral') return [b, row[b]!];
    return [-1, null];
  };
  const latestWrong = (s: PaxosState) => {
    const t = f(s);
    return k.acceptors.find((a) => {
      const [b, v] = latest(t[a]!);
      return b !== s.maxVBal[a] || v !== s.maxVal[a];
    });
  };
  const neutralWrong = (s: PaxosState) => {
    const t = f(s);
    return k.acceptors.find((a) =>
      ballots.some((b) =>
        b < s.maxBal[a]! ? t[a]![b] === 'neutral' : b > s.maxBal[a]! && t[a]![b] !== 'neutral',
      ),
    );
  };
  return [
    invariant<PaxosState>(
      '<<maxVBal[a], maxVal[a]>> is the latest Value in s[a]',
      (s) => latestWrong(s) === undefined,
      (s) => {
        const a = latestWrong(s)!;
        return `s[${a}] = [${f(s)[a]!.join(', ')}], maxVBal[${a}] = ${s.maxVBal[a]}, maxVal[${a}] = ${s.maxVal[a] ?? 'None'}`;
      },
    ),
    invariant<PaxosState>(
      's[a][b] is neutral exactly for b > maxBal[a], and perhaps b = maxBal[a]',
      (s) => neutralWrong(s) === undefined,
      (s) => {
        const a = neutralWrong(s)!;
        return `s[${a}] = [${f(s)[a]!.join(', ')}], maxBal[${a}] = ${s.maxBal[a]}`;
      },
    ),
  ];
}
// #endregion paxos-statuses
