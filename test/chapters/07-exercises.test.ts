/**
 * Chapter 07's exercises against plausible wrong answers (the starters and
 * the reference solutions are run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { strengthened } from '../../solutions/07-paxos-invariants/7.1-strengthen';
import { invariantsOf } from '../../src/chapters/06-paxos-state/invariants';
import { dead, v_n } from '../../src/chapters/06-paxos-state/predicates';
import type { PaxosState, Round } from '../../src/chapters/06-paxos-state/state';
import { config } from '../../src/chapters/07-paxos-invariants/config';
import { chapter } from '../../src/chapters/07-paxos-invariants/index';
import type { Invariant } from '../../src/index';
import { invariant } from '../../src/index';

const ex = (id: string) => chapter.exercises.find((e) => e.id === id)!;

describe('exercise 7.1 against plausible wrong answers', () => {
  const verdict = (conjuncts: Invariant<PaxosState>[]) =>
    ex('7.1').check({ strengthened: conjuncts });
  const { invariant1, invariant2 } = invariantsOf(config);
  const named = (name: string) => strengthened.find((i) => i.name === name)!;
  const without = (name: string) => strengthened.filter((i) => i.name !== name);

  it('catches the paper’s conjuncts alone: an Accept of a stray command breaks anchoring', async () => {
    const v = await verdict([
      invariant1,
      invariant2,
      named('every round with a value is anchored'),
    ]);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Not inductive yet\. This state satisfies your 3 conjuncts/);
    expect(v.explanation).toContain(
      'the step Accept takes it to a state where "every round with a value is anchored" fails',
    );
  });

  it('catches a leader that has not chosen yet but may have sent a command', async () => {
    const v = await verdict(without('a leader that has not chosen has sent no command in n_l'));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'the step Choose takes it to a state where "every v_n is its round’s command" fails',
    );
  });

  it('catches a command in a round its leader has not started', async () => {
    const v = await verdict(without('no command in a round its leader has not started'));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'the step NewRound takes it to a state where "a leader that has not chosen has sent no command in n_l" fails',
    );
  });

  it('catches a conjunct that is not even true: every command has been accepted', async () => {
    const v = await verdict([
      ...strengthened,
      invariant<PaxosState>('every command has been accepted', (s) =>
        s.command.every((c, n) => c === null || v_n(s, n) === c),
      ),
    ]);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^"every command has been accepted" is not even true: a reachable state breaks it/,
    );
  });

  it('refuses one invariant where a list is asked for', async () => {
    const v = await ex('7.1').check({ strengthened: invariant2 });
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe('The file does not export strengthened, a list of invariants.');
  });
});

describe('exercise 7.2 against plausible wrong answers', () => {
  const verdict = (anchored: (s: PaxosState, n: Round) => boolean) => ex('7.2').check({ anchored });

  it('catches an anchored that does not skip dead rounds', async () => {
    const v = await verdict((s, n) => {
      for (let m = 0; m <= n; m++) if (v_n(s, m) !== v_n(s, n)) return false;
      return true;
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^anchored\(s, \(3,l1\)\) returned false, but round \(3,l1\) is anchored in this state/,
    );
  });

  it('catches an anchored that skips the rounds without a value, as if dead', async () => {
    const v = await verdict((s, n) => {
      for (let m = 0; m <= n; m++)
        if (!dead(s, m) && v_n(s, m) !== null && v_n(s, m) !== v_n(s, n)) return false;
      return true;
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^anchored\(s, \(3,l1\)\) returned true, but round \(3,l1\) is not anchored in this state/,
    );
  });

  it('catches an anchored that looks forward from n, not back', async () => {
    const v = await verdict((s, n) => {
      for (let m = n; m < s.command.length; m++)
        if (!dead(s, m) && v_n(s, m) !== v_n(s, n)) return false;
      return true;
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^anchored\(s, \(1,l1\)\) returned false, but round \(1,l1\) is anchored in this state/,
    );
  });

  it('catches a loop bounded by the number of agents: more rounds than agents', async () => {
    const v = await verdict((s, n) => {
      for (let m = 0; m <= n && m < s.s.length; m++)
        if (!dead(s, m) && v_n(s, m) !== v_n(s, n)) return false;
      return true;
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^anchored\(s, \(4,l1\)\) returned true, but round \(4,l1\) is not anchored in this state \(2 agents, 4 rounds\)/,
    );
  });

  it('catches an anchored that looks back one round only', async () => {
    const v = await verdict((s, n) => n === 0 || dead(s, n - 1) || v_n(s, n - 1) === v_n(s, n));
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^anchored\(s, \(3,l1\)\) returned true, but round \(3,l1\) is not anchored/,
    );
  });
});
