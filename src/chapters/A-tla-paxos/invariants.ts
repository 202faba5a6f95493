/**
 * Paxos.tla's inductive invariant Inv, one invariant per conjunct as
 * MCPaxos.tla's Inv1..Inv4 give them to TLC, and the goals that keep the
 * checks from passing because nothing happens.
 *
 * @module
 */
import type { Invariant } from '../../index';
import { invariant, reachable, show } from '../../index';
import type { Constants } from './config';
import { ballotsOf, quorumsOf } from './config';
import type { Message, PaxosState } from './paxos';
import { paxosToVoting, showMessage } from './paxos';
import type { VotingState } from './voting';
import { ChosenAt, chosen, ShowsSafeAt, VotedFor } from './voting';

/**
 * Paxos's Inv, its four conjuncts as four invariants.
 *
 * @param k - the constants
 * @returns Inv1 (TypeOK), Inv2, Inv3 and Inv4
 */
export function paxosInv(k: Constants): Invariant<PaxosState>[] {
  const ballots = ballotsOf(k);
  const V = paxosToVoting(k);
  // The image in Voting is read by Inv3 and Inv4; keep the last one.
  let lastS: PaxosState | undefined;
  let lastV: VotingState | undefined;
  const votingOf = (s: PaxosState): VotingState => {
    if (s !== lastS) {
      lastS = s;
      lastV = V(s);
    }
    return lastV!;
  };
  const isBallot = (b: unknown) => typeof b === 'number' && ballots.includes(b);
  const isAcc = (a: unknown) => typeof a === 'string' && k.acceptors.includes(a);
  const isVal = (v: unknown) => typeof v === 'string' && k.values.includes(v);
  const fields = (m: object, n: number) => Object.keys(m).length === n;
  /** m ∈ Message. */
  const wellTyped = (m: Message): boolean => {
    switch (m.type) {
      case '1a':
        return fields(m, 2) && isBallot(m.bal);
      case '1b':
        return (
          fields(m, 5) &&
          isAcc(m.acc) &&
          isBallot(m.bal) &&
          (m.mbal === -1 || isBallot(m.mbal)) &&
          (m.mval === null || isVal(m.mval))
        );
      case '2a':
        return fields(m, 3) && isBallot(m.bal) && isVal(m.val);
      case '2b':
        return fields(m, 4) && isAcc(m.acc) && isBallot(m.bal) && isVal(m.val);
      default:
        return false;
    }
  };
  const fn = (f: Readonly<Record<string, unknown>>, ok: (x: unknown) => boolean) =>
    Object.keys(f).length === k.acceptors.length && k.acceptors.every((a) => ok(f[a]));

  // #region inv4
  /** What m asserts about the state, the clause of Inv's fourth conjunct for its type; a reason if it fails. */
  const messageFails = (s: PaxosState, vs: VotingState, m: Message): string | undefined => {
    switch (m.type) {
      case '1b':
        if (!(s.maxBal[m.acc]! >= m.bal)) return `maxBal[${m.acc}] = ${s.maxBal[m.acc]} < ${m.bal}`;
        if (m.mbal >= 0 && !VotedFor(vs, m.acc, m.mbal, m.mval!))
          return `<<${m.mbal}, ${m.mval}>> ∉ votes[${m.acc}]`;
        return undefined;
      case '2a':
        if (!quorumsOf(k).some((Q) => ShowsSafeAt(k, vs, Q, m.bal, m.val)))
          return `no quorum Q has V!ShowsSafeAt(Q, ${m.bal}, ${m.val})`;
        if (s.msgs.some((mm) => mm.type === '2a' && mm.bal === m.bal && mm.val !== m.val))
          return `another 2a message of ballot ${m.bal} has another value`;
        return undefined;
      case '2b':
        if (!(s.maxVBal[m.acc]! >= m.bal))
          return `maxVBal[${m.acc}] = ${s.maxVBal[m.acc]} < ${m.bal}`;
        if (!s.msgs.some((mm) => mm.type === '2a' && mm.bal === m.bal && mm.val === m.val))
          return `no 2a(${m.bal}, ${m.val}) was sent`;
        return undefined;
      default:
        return undefined;
    }
  };
  // #endregion inv4
  const firstBadMessage = (s: PaxosState) => {
    const vs = votingOf(s);
    for (const m of s.msgs) {
      const why = messageFails(s, vs, m);
      if (why) return { m, why };
    }
    return undefined;
  };
  const inv3Fails = (s: PaxosState) =>
    k.acceptors.find((a) =>
      s.maxVBal[a] === -1
        ? s.maxVal[a] !== null
        : !VotedFor(votingOf(s), a, s.maxVBal[a]!, s.maxVal[a]!),
    );

  // #region inv
  return [
    invariant<PaxosState>(
      'Inv1: TypeOK',
      (s) =>
        fn(s.maxBal, (b) => b === -1 || isBallot(b)) &&
        fn(s.maxVBal, (b) => b === -1 || isBallot(b)) &&
        fn(s.maxVal, (v) => v === null || isVal(v)) &&
        s.msgs.every(wellTyped),
      (s) => `maxBal = ${show(s.maxBal)}, maxVBal = ${show(s.maxVBal)}, maxVal = ${show(s.maxVal)}`,
    ),
    invariant<PaxosState>(
      'Inv2: maxBal[a] ≥ maxVBal[a]',
      (s) => k.acceptors.every((a) => s.maxBal[a]! >= s.maxVBal[a]!),
      (s) => {
        const a = k.acceptors.find((x) => s.maxBal[x]! < s.maxVBal[x]!)!;
        return `maxBal[${a}] = ${s.maxBal[a]} < maxVBal[${a}] = ${s.maxVBal[a]}`;
      },
    ),
    invariant<PaxosState>(
      'Inv3: <<maxVBal[a], maxVal[a]>> is a vote of a',
      (s) => inv3Fails(s) === undefined,
      (s) => {
        const a = inv3Fails(s)!;
        return `maxVBal[${a}] = ${s.maxVBal[a]}, maxVal[${a}] = ${s.maxVal[a] ?? 'None'}, votes[${a}] = ${show(votingOf(s).votes[a])}`;
      },
    ),
    invariant<PaxosState>(
      'Inv4: what each message asserts',
      (s) => firstBadMessage(s) === undefined,
      (s) => {
        const { m, why } = firstBadMessage(s)!;
        return `${showMessage(m)} is in msgs, but ${why}`;
      },
    ),
  ];
  // #endregion inv
}

/**
 * Goals some reachable state must meet: a value is chosen; with more than
 * one ballot, a ballot after the first is chosen and a leader's value is
 * fixed by a report of an earlier vote; with more than one value, two
 * ballots have votes for different values.
 *
 * @param k - the constants
 * @returns the goals
 */
export function paxosGoals(k: Constants) {
  const V = paxosToVoting(k);
  const goals = [reachable<PaxosState>('a value is chosen', (s) => chosen(k, V(s)).size > 0)];
  if (k.maxBallot > 0)
    goals.push(
      reachable<PaxosState>('a value is chosen in a ballot after the first', (s) =>
        k.values.some((v) => ballotsOf(k).some((b) => b > 0 && ChosenAt(k, V(s), b, v))),
      ),
      reachable<PaxosState>('a 2a message carries a reported vote', (s) =>
        s.msgs.some(
          (m) =>
            m.type === '2a' &&
            s.msgs.some(
              (r) => r.type === '1b' && r.bal === m.bal && r.mbal >= 0 && r.mval === m.val,
            ),
        ),
      ),
    );
  if (k.values.length > 1)
    goals.push(
      reachable<PaxosState>('two ballots have votes for different values', (s) => {
        const vals = new Set<string>();
        for (const m of s.msgs) if (m.type === '2b') vals.add(m.val);
        return vals.size > 1;
      }),
    );
  return goals;
}

/**
 * Goals of a Voting check: a value is chosen, and (with two values) votes for two values.
 *
 * @param k - the constants
 * @returns the goals
 */
export function votingGoals(k: Constants) {
  const goals = [reachable<VotingState>('a value is chosen', (s) => chosen(k, s).size > 0)];
  if (k.values.length > 1)
    goals.push(
      reachable<VotingState>('votes for two values', (s) => {
        const vals = new Set<string>();
        for (const a of k.acceptors) for (const [, v] of s.votes[a]!) vals.add(v);
        return vals.size > 1;
      }),
    );
  return goals;
}
