/**
 * Chapter 04's exercises against plausible wrong answers (the starters and
 * the reference solutions are run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import * as peterson from '../../solutions/04-abstraction-functions/4.1-peterson';
import { chapter } from '../../src/chapters/04-abstraction-functions/index';
import type { PetersonState } from '../../src/chapters/04-abstraction-functions/peterson';
import { petersonMutex } from '../../src/chapters/04-abstraction-functions/peterson';
import type { QueueState, Stacks } from '../../src/chapters/04-abstraction-functions/queue';
import { invariant } from '../../src/index';

const ex = (id: string) => chapter.exercises.find((e) => e.id === id)!;

describe('exercise 4.1 against plausible wrong answers', () => {
  const { flagsTellWhere, turnFavoursTheOneInside } = peterson;
  const verdict = (...invariants: unknown[]) => ex('4.1').check({ invariants });

  it('catches the flags alone: still not inductive, with the counterexample shown', async () => {
    const v = await verdict(petersonMutex, flagsTellWhere);
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Not inductive yet');
    expect(v.explanation).toContain(`one step breaks "${petersonMutex.name}"`);
  });

  it('catches the turn the wrong way round: not an invariant of the reachable states', async () => {
    const wrongWay = invariant<PetersonState>('pc[i] = cs and pc[j] = wait imply turn = j', (s) =>
      ([0, 1] as const).every(
        (i) => !(s.pc[i] === 'cs' && s.pc[i === 0 ? 1 : 0] === 'wait') || s.turn !== i,
      ),
    );
    const v = await verdict(petersonMutex, flagsTellWhere, wrongWay);
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(`"${wrongWay.name}" is not an invariant at all`);
  });

  it('catches the two helpers without mutual exclusion: too weak to prove it', async () => {
    const v = await verdict(flagsTellWhere, turnFavoursTheOneInside);
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('both in cs, so they cannot prove mutual exclusion');
  });

  it('refuses an export that is not a list of invariants, and says what it must be', async () => {
    const v = await ex('4.1').check({ invariants: [(s: PetersonState) => s.turn === 0] });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'a non-empty array of invariants made with invariant(name, holds)',
    );
  });
});

describe('exercise 4.2 against plausible wrong answers', () => {
  const verdict = (f: (y: Stacks) => QueueState) => ex('4.2').check({ f });

  it('catches out read from the bottom up: the diagram does not commute', async () => {
    const v = await verdict((y) => ({ q: [...y.out, ...y.in] }));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('The diagram does not commute');
  });

  it('catches in before out: the diagram does not commute', async () => {
    const v = await verdict((y) => ({ q: [...y.in, ...[...y.out].reverse()] }));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('The diagram does not commute');
  });

  it('catches an f that returns something other than a queue, naming what it returned', async () => {
    const v = await verdict((y) => y.in as unknown as QueueState);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your f threw: f\(.*\) returned .*, not \{ q: \[\.\.\.\] \}/);
  });
});
