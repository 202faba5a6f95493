/**
 * Exercise A.1: Lamport's variables as Lampson's statuses. Check with
 * `npm run workbook -- exercise A.1`.
 *
 * Given a state of Voting (votes and maxBal), return chapter 06's table of
 * statuses: s[a][b] is the Value a voted for in ballot b, or no if a can no
 * longer vote in b, or neutral.
 */
import type { Constants } from '../../src/chapters/A-tla-paxos/config';
import type { Statuses } from '../../src/chapters/A-tla-paxos/mapping';
import type { VotingState } from '../../src/chapters/A-tla-paxos/voting';

export function statuses(k: Constants, s: VotingState): Statuses {
  // TODO: a Value from s.votes[a], no from s.maxBal[a], else neutral.
  // This answer is right only for the initial state.
  void s;
  return Object.fromEntries(
    k.acceptors.map((a) => [a, Array.from({ length: k.maxBallot + 1 }, () => 'neutral' as const)]),
  );
}
