/**
 * Exercise A.2, a solution: ShowsSafeAt as Voting.tla writes it.
 */
import type { Acceptor, Ballot, Constants, Value } from '../../src/chapters/A-tla-paxos/config';
import type { VotingState } from '../../src/chapters/A-tla-paxos/voting';

export function ShowsSafeAt(
  k: Constants,
  s: VotingState,
  Q: readonly Acceptor[],
  b: Ballot,
  v: Value,
): boolean {
  const voted = (a: Acceptor, c: Ballot, w: Value) => s.votes[a]!.has([c, w]);
  const didNotVoteAt = (a: Acceptor, d: Ballot) => k.values.every((w) => !voted(a, d, w));
  if (!Q.every((a) => s.maxBal[a]! >= b)) return false;
  for (let c = -1; c < b; c++) {
    if (c !== -1 && !Q.some((a) => voted(a, c, v))) continue;
    let quiet = true;
    for (let d = c + 1; d < b; d++) if (!Q.every((a) => didNotVoteAt(a, d))) quiet = false;
    if (quiet) return true;
  }
  return false;
}
