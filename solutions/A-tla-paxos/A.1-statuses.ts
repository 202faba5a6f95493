/**
 * Exercise A.1, a solution: a vote is a Value, CannotVoteAt is no, and
 * anything else is neutral.
 */
import type { Constants } from '../../src/chapters/A-tla-paxos/config';
import type { Status, Statuses } from '../../src/chapters/A-tla-paxos/mapping';
import type { VotingState } from '../../src/chapters/A-tla-paxos/voting';

export function statuses(k: Constants, s: VotingState): Statuses {
  const row = (a: string): Status[] =>
    Array.from({ length: k.maxBallot + 1 }, (_, b) => {
      const vote = [...s.votes[a]!].find(([c]) => c === b);
      if (vote) return vote[1];
      return s.maxBal[a]! > b ? 'no' : 'neutral';
    });
  return Object.fromEntries(k.acceptors.map((a) => [a, row(a)]));
}
