/**
 * The appendix's exercises against plausible wrong answers (the starters and
 * the reference solutions are run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Acceptor, Ballot, Constants, Value } from '../../src/chapters/A-tla-paxos/config';
import { chapter } from '../../src/chapters/A-tla-paxos/index';
import type { Status, Statuses } from '../../src/chapters/A-tla-paxos/mapping';
import type { VotingState } from '../../src/chapters/A-tla-paxos/voting';

const ex = (id: string) => chapter.exercises.find((e) => e.id === id)!;

describe('exercise A.1 against plausible wrong answers', () => {
  /** statuses(k, s) from what one cell is, given a's vote in b (if any), maxBal[a] and b. */
  const cells =
    (cell: (vote: readonly [Ballot, Value] | undefined, maxBal: Ballot, b: Ballot) => unknown) =>
    (k: Constants, s: VotingState): Statuses =>
      Object.fromEntries(
        k.acceptors.map((a) => [
          a,
          Array.from(
            { length: k.maxBallot + 1 },
            (_, b) =>
              cell(
                [...s.votes[a]!].find(([c]) => c === b),
                s.maxBal[a]!,
                b,
              ) as Status,
          ),
        ]),
      );
  const verdict = (statuses: (k: Constants, s: VotingState) => Statuses) =>
    ex('A.1').check({ statuses });

  it('catches no for maxBal[a] ≥ b: the inequality is strict', async () => {
    const v = await verdict(
      cells((vote, maxBal, b) => (vote ? vote[1] : maxBal >= b ? 'no' : 'neutral')),
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^In the last state of this run, s\[a1\]\[0\] is no where it should be neutral\./,
    );
    expect(v.explanation).toContain('IncreaseMaxBal(a1, 0)');
  });

  it('catches no before the vote: a vote in b is hidden once maxBal passes b', async () => {
    const v = await verdict(
      cells((vote, maxBal, b) => (maxBal > b ? 'no' : vote ? vote[1] : 'neutral')),
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('s[a1][0] is no where it should be v1');
  });

  it('catches statuses that never say no', async () => {
    const v = await verdict(cells((vote) => (vote ? vote[1] : 'neutral')));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('s[a1][0] is neutral where it should be no');
  });

  it('catches the vote itself, [ballot, value], where its value is asked for', async () => {
    const v = await verdict(
      cells((vote, maxBal, b) => (vote ? vote : maxBal > b ? 'no' : 'neutral')),
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('s[a1][0] is [0, v1] where it should be v1');
  });
});

describe('exercise A.2 against plausible wrong answers', () => {
  type Shows = (
    k: Constants,
    s: VotingState,
    Q: readonly Acceptor[],
    b: Ballot,
    v: Value,
  ) => boolean;
  const verdict = (ShowsSafeAt: Shows) => ex('A.2').check({ ShowsSafeAt });
  /** ShowsSafeAt as Voting.tla writes it, with one of its parts replaced. */
  const showsSafeAt =
    (wrong: {
      /** The first c tried (Voting.tla: -1). */
      firstC?: number;
      /** The ballots that must be quiet after c (Voting.tla: c+1 .. b-1). */
      lastQuiet?: (b: Ballot) => Ballot;
      /** Whether every member of Q voted for v in c (Voting.tla: some member). */
      everyVoted?: boolean;
    }): Shows =>
    (k, s, Q, b, v) => {
      const voted = (a: Acceptor, c: Ballot, w: Value) => s.votes[a]!.has([c, w]);
      const didNotVoteAt = (a: Acceptor, d: Ballot) => k.values.every((w) => !voted(a, d, w));
      if (!Q.every((a) => s.maxBal[a]! >= b)) return false;
      for (let c = wrong.firstC ?? -1; c < b; c++) {
        const votedInC = wrong.everyVoted
          ? Q.every((a) => voted(a, c, v))
          : Q.some((a) => voted(a, c, v));
        if (c !== -1 && !votedInC) continue;
        const last = wrong.lastQuiet ? wrong.lastQuiet(b) : b - 1;
        let quiet = true;
        for (let d = c + 1; d <= last; d++) if (!Q.every((a) => didNotVoteAt(a, d))) quiet = false;
        if (quiet) return true;
      }
      return false;
    };

  it('catches c tried from 0: without c = -1 no ballot is ever safe at first', async () => {
    const v = await verdict(showsSafeAt({ firstC: 0 }));
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^In the last state of this run, ShowsSafeAt\(\{a1, a2\}, 0, v1\) is false where it should be true\./,
    );
    expect(v.explanation).not.toContain('VoteFor');
  });

  it('catches a quiet range that runs to b itself, not b - 1', async () => {
    const v = await verdict(showsSafeAt({ lastQuiet: (b) => b }));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'ShowsSafeAt({a1, a2}, 0, v1) is false where it should be true',
    );
    expect(v.explanation).toContain('VoteFor(a1, 0, v1; Q = {a1, a2}, c = -1)');
  });

  it('catches every member of Q voting for v in c, where one is enough', async () => {
    const v = await verdict(showsSafeAt({ everyVoted: true }));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'ShowsSafeAt({a1, a2}, 1, v1) is false where it should be true',
    );
  });
});
