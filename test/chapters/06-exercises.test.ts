/**
 * Chapter 06's exercises against plausible wrong answers (the starters and
 * the reference solutions are run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import * as rounds from '../../solutions/06-paxos-state/6.1-rounds';
import type { DState } from '../../src/chapters/03-consensus-specs/specs';
import { chapter } from '../../src/chapters/06-paxos-state/index';
import { successful, v_n } from '../../src/chapters/06-paxos-state/predicates';
import type { PaxosState, Round } from '../../src/chapters/06-paxos-state/state';

const ex = (id: string) => chapter.exercises.find((e) => e.id === id)!;

describe('exercise 6.1 against plausible wrong answers', () => {
  /** The reference functions, with the given ones in their place. */
  const verdict = (wrong: Partial<typeof rounds>) => ex('6.1').check({ ...rounds, ...wrong });

  it('catches a v_n that returns the first status that is not neutral, no included', async () => {
    const v = await verdict({
      v_n: (s: PaxosState, n: Round) => {
        for (const row of s.s) if (row[n] !== 'neutral') return row[n] as number;
        return null;
      },
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^In the last state of this run, v_n\(s, \(1,l1\)\) returned no where the definition gives nil\./,
    );
  });

  it('catches a round that is dead as soon as one agent has no', async () => {
    const v = await verdict({
      dead: (s: PaxosState, n: Round) => s.s.some((row) => row[n] === 'no'),
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'dead(s, (1,l1)) returned true where the definition gives false',
    );
  });

  it('catches a round that is successful only when every agent has its value', async () => {
    const v = await verdict({
      successful: (s: PaxosState, n: Round) => s.s.every((row) => typeof row[n] === 'number'),
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'successful(s, (1,l1)) returned false where the definition gives true',
    );
    expect(v.explanation).toContain('Accept(b, (1,l1))');
  });

  it('catches statuses read as s.s[n][i], round first', async () => {
    const v = await verdict({
      dead: (s: PaxosState, n: Round) =>
        2 * (s.s[n] ?? []).filter((st) => st === 'no').length > s.s.length,
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'dead(s, (1,l1)) returned false where the definition gives true',
    );
  });
});

describe('exercise 6.2 against plausible wrong answers', () => {
  const verdict = (abstraction: (s: PaxosState) => DState) => ex('6.2').check({ abstraction });
  const outcome = (s: PaxosState) => {
    for (let n = 0; n < s.command.length; n++) if (successful(s, n)) return v_n(s, n);
    return null;
  };

  it('catches allowed as the union of the leaders’ allowed_l: a crash shrinks it', async () => {
    const v = await verdict((s) => ({
      outcome: outcome(s),
      done: s.done,
      allowed: [...new Set(s.leaders.flatMap((l) => l.allowed))].sort(),
    }));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Obligation 2 fails at the internal step Crash(l1)');
    expect(v.explanation).toContain("f(y') = {outcome: nil, done: false, allowed: {}}");
  });

  it('catches an outcome from the first round with any value, successful or not', async () => {
    const v = await verdict((s) => {
      let first: DState['outcome'] = null;
      for (let n = 0; n < s.command.length && first === null; n++) first = v_n(s, n);
      return { outcome: first, done: s.done, allowed: s.everAllowed };
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Obligation 2 fails at the internal step Accept(c, (1,l1))');
  });

  it('catches done as soon as a value is chosen, before it is published', async () => {
    const v = await verdict((s) => ({
      outcome: outcome(s),
      done: outcome(s) !== null,
      allowed: s.everAllowed,
    }));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Obligation 2 fails at the external step Outcome -> nil');
    expect(v.explanation).toContain('f(y)  = {outcome: 7, done: true, allowed: {7}}');
  });
});
