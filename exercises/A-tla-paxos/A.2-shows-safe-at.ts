/**
 * Exercise A.2: ShowsSafeAt. Check with `npm run workbook -- exercise A.2`.
 *
 * Voting.tla's ShowsSafeAt(Q, b, v): every member of Q has maxBal ≥ b, and
 * for some c in -1..(b-1), c is -1 or some member of Q voted for v in c,
 * and no member of Q voted in a ballot d with c < d < b.
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
  // TODO: this is only the first conjunct.
  void k;
  void v;
  return Q.every((a) => s.maxBal[a]! >= b);
}
