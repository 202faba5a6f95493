/**
 * Deliberately wrong versions of the appendix's specs and mappings, each a
 * minimal change to the correct code (DSLabs' one-method override).
 *
 * @module
 */
import type { Machine } from '../../index';
import { override } from '../../index';
import type { Constants } from './config';
import { ballotsOf, disjointConfig } from './config';
import type { Statuses } from './mapping';
import { votingToStatuses } from './mapping';
import type { Msg1b, PaxosState, Phase2aParam, ReceiveParam } from './paxos';
import { paxos, phase2aEnabled } from './paxos';
import type { VoteForParam, VotingState } from './voting';
import { mayVoteFor } from './voting';

/** What a Paxos check runs on: the constants, made into a machine. */
export type PaxosVariant = (k: Constants) => Machine<PaxosState>;

// #region lowest-vote
/** Phase2a takes the value of the report with the lowest ballot, not the highest. */
export const lowestVote: PaxosVariant = (k) => {
  const m = paxos(k);
  const lowest = (r: Msg1b, q1bv: readonly Msg1b[]) => q1bv.every((mm) => r.mbal <= mm.mbal);
  return override<PaxosState, Phase2aParam>(m, m.Phase2a, {
    guard: (s, p) => phase2aEnabled(s, p, lowest),
  });
};
// #endregion lowest-vote

// #region ignores-maxbal
/** Phase2b votes whatever maxBal says: its conjunct m.bal ≥ maxBal[a] is gone. */
export const ignoresMaxBal: PaxosVariant = (k) => {
  const m = paxos(k);
  return override<PaxosState, ReceiveParam>(m, m.Phase2b, {
    guard: (_s, { m: msg }) => msg.type === '2a',
  });
};
// #endregion ignores-maxbal

// #region keeps-maxbal
/** Phase1b sends its 1b message but leaves maxBal[a] as it was. */
export const keepsMaxBal: PaxosVariant = (k) => {
  const m = paxos(k);
  return override<PaxosState, ReceiveParam>(m, m.Phase1b, {
    effect: (s, p) => {
      const { next } = m.Phase1b.effect(s, p) as { next: PaxosState };
      return { next: { ...next, maxBal: s.maxBal } };
    },
  });
};
// #endregion keeps-maxbal

// #region no-witnesses
/**
 * Phase2a as one step per (b, v), the witnesses Q and m looked for inside
 * the guard: the same states, but no longer one step per state TLC
 * generates.
 */
export const noWitnesses: PaxosVariant = (k) => {
  const m = paxos(k);
  // The (b, v) that some witness enables, found once per state.
  let last: PaxosState | undefined;
  let enabled = new Set<string>();
  const enables = (s: PaxosState, b: number, v: string) => {
    if (s !== last) {
      last = s;
      const ws = [...m.Phase2a.params!(s)].filter((p) => phase2aEnabled(s, p));
      enabled = new Set(ws.map((p) => `${p.b} ${p.v}`));
    }
    return enabled.has(`${b} ${v}`);
  };
  return override<PaxosState, Phase2aParam>(m, m.Phase2a, {
    params: () => ballotsOf(k).flatMap((b) => k.values.map((v) => ({ b, v, Q: [], m: null }))),
    guard: (s, p) => enables(s, p.b, p.v),
  });
};
// #endregion no-witnesses

// #region unsafe-vote
/** VoteFor without its fourth conjunct, ∃ Q ∈ Quorum : ShowsSafeAt(Q, b, v). */
export const unsafeVote = (k: Constants, s: VotingState, p: VoteForParam): boolean =>
  mayVoteFor(k, s, p);
// #endregion unsafe-vote

// #region no-at-maxbal
/** The statuses with no already at b = maxBal[a], where Lamport's CannotVoteAt needs maxBal[a] > b. */
export const noAtMaxBal =
  (k: Constants) =>
  (s: VotingState): Statuses => {
    const t = votingToStatuses(k)(s);
    return Object.fromEntries(
      k.acceptors.map((a) => [
        a,
        t[a]!.map((st, b) => (st === 'neutral' && b === s.maxBal[a] ? 'no' : st)),
      ]),
    );
  };
// #endregion no-at-maxbal

/** Quorums that need not intersect: Voting (and so Paxos) no longer implements Consensus. */
export const disjointQuorums: Constants = disjointConfig;
