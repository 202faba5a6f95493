/**
 * Chapter 09's exercises against plausible wrong answers (the starters and
 * the reference solutions are run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import * as election from '../../solutions/09-leader-election/9.1-election';
import * as bounds from '../../solutions/09-leader-election/9.2-bound';
import type { Hear, Times } from '../../src/chapters/09-leader-election/election';
import { chapter } from '../../src/chapters/09-leader-election/index';

const ex = (id: string) => chapter.exercises.find((e) => e.id === id)!;

describe('exercise 9.1 against plausible wrong answers', () => {
  /** The reference wait and hear, with the given ones in their place. */
  const verdict = (wrong: { wait?: (t: Times) => number; hear?: Hear }) =>
    ex('9.1').check({ ...election, ...wrong });

  it('catches a candidate that waits one delay, not a round trip: two leaders', async () => {
    const v = await verdict({ wait: (t) => t.delta });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^Exploring every run of 3 agents and 2 potential leaders \(δ = 1, T = 2\) with your rule: "at most one leader at a time" fails\. l1 and l2 both lead at time 2/,
    );
  });

  it('catches a potential leader that never answers a smaller name: two leaders', async () => {
    const v = await verdict({
      hear: (e, t, p, me, from, clock) => ({
        ...election.hear(e, t, p, me, from, clock),
        answer: false,
      }),
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('"at most one leader at a time" fails. l1 and l2 both lead');
  });

  it('catches the comparison the wrong way round: the biggest name steps down', async () => {
    const v = await verdict({
      hear: (e, t, p, me, from, clock) =>
        e.name(from) < e.name(me)
          ? { state: { ...p, role: 'follower', timer: clock + t.timeout }, answer: false }
          : { state: p, answer: e.name(from) > e.name(me) },
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      '"the biggest name leads after T + 2δ = 4" fails. at time 5, l2 is a follower; leading: l1',
    );
  });

  it('catches a leader that never steps down for a bigger name (no run has a leader hear one)', async () => {
    const v = await verdict({
      hear: (e, t, p, me, from, clock) =>
        e.name(from) > e.name(me) && p.role !== 'leader'
          ? { state: { ...p, role: 'follower', timer: clock + t.timeout }, answer: false }
          : { state: p, answer: e.name(from) < e.name(me) },
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Every run checked is fine, but those runs cannot show/);
    expect(v.explanation).toContain(
      "l1, a leader whose timer is due at 7, hears l2's name at time 3 (δ = 1, T = 2), and your hear leaves it a leader with its timer due at 7. On a bigger name a potential leader becomes a follower whatever it was, with a fresh timer T ahead: due at 5.",
    );
  });

  it('catches stepping down without a fresh timer of T', async () => {
    const v = await verdict({
      hear: (e, _t, p, me, from) =>
        e.name(from) > e.name(me)
          ? { state: { ...p, role: 'follower' }, answer: false }
          : { state: p, answer: e.name(from) < e.name(me) },
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'and your hear leaves it a follower with its timer due at 7. On a bigger name a potential leader becomes a follower whatever it was, with a fresh timer T ahead: due at 5.',
    );
  });

  it('catches a fresh timer for a leader or candidate, but none for a follower', async () => {
    const v = await verdict({
      hear: (e, t, p, me, from, clock) =>
        e.name(from) > e.name(me)
          ? {
              state: {
                ...p,
                role: 'follower',
                timer: p.role === 'follower' ? p.timer : clock + t.timeout,
              },
              answer: false,
            }
          : { state: p, answer: e.name(from) < e.name(me) },
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      "l1, a follower whose timer is due at 4, hears l2's name at time 3 (δ = 1, T = 2), and your hear leaves it a follower with its timer due at 4.",
    );
  });

  it('catches a candidate that waits T: fine in the small system, too slow in the bigger one', async () => {
    const v = await verdict({ wait: (t) => t.timeout });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^The small system is fine, but in 200 seeded runs of 5 agents and 3 potential leaders: "the biggest name leads after T \+ 2δ = 120" fails/,
    );
  });
});

describe('exercise 9.2 against plausible wrong answers', () => {
  /** The reference bounds, with the given ones in their place. */
  const verdict = (wrong: {
    leaderBound?: (t: Times) => number;
    decisionBound?: (t: Times) => number;
  }) => ex('9.2').check({ ...bounds, ...wrong });

  it('catches a leader bound of T + δ: the slowest run beats it', async () => {
    const v = await verdict({ leaderBound: (t) => t.timeout + t.delta });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('has l2 leading at time 4, but your leaderBound gives 3.');
    expect(v.explanation).toContain('A bound must not be beaten by any run.');
  });

  it('catches a leader bound of T + 3δ: safe, but not the bound', async () => {
    const v = await verdict({ leaderBound: (t) => t.timeout + 3 * t.delta });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('has l2 leading at time 4, but your leaderBound gives 5.');
    expect(v.explanation).toContain('so a bigger number is not the bound');
  });

  it('catches a decision bound of T + 5δ: the round counted, the wait to lead forgotten', async () => {
    const v = await verdict({ decisionBound: (t) => t.timeout + 5 * t.delta });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'has every agent told the outcome at time 9, but your decisionBound gives 7.',
    );
  });

  it('catches a decision bound of T + 6δ: one message delay short', async () => {
    const v = await verdict({ decisionBound: (t) => t.timeout + 6 * t.delta });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'has every agent told the outcome at time 9, but your decisionBound gives 8.',
    );
  });
});
