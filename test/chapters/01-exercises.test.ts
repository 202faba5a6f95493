/**
 * Chapter 01's exercises against plausible wrong answers (the starters and
 * the reference solutions are run by test/meta/exercises.test.ts; exercise
 * 1.1's wrong answers are in 01-replicated-state-machines.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/01-replicated-state-machines/index';
import type { StorageInput } from '../../src/chapters/01-replicated-state-machines/storage';

const ex = (id: string) => chapter.exercises.find((e) => e.id === id)!;

describe('exercise 1.2 against plausible wrong answers', () => {
  const verdict = (commute: (a: StorageInput, b: StorageInput) => boolean) =>
    ex('1.2').check({ commute });

  it('catches two Writes to one address that never commute, even with the same data', async () => {
    const v = await verdict((a, b) => a.a !== b.a || (a.op === 'Read' && b.op === 'Read'));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'commute(Write(x, 1), Write(x, 1)) returned false, but they do commute',
    );
  });

  it('catches two Writes to one address that always commute, whatever their data', async () => {
    const v = await verdict((a, b) => a.a !== b.a || a.op === b.op);
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'commute(Write(x, 1), Write(x, 2)) returned true, but they do not commute',
    );
  });

  it('catches a Read and a Write of one address that commute', async () => {
    const v = await verdict(
      (a, b) => a.a !== b.a || a.op === 'Read' || b.op === 'Read' || a.d === b.d,
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'commute(Read(x), Write(x, 1)) returned true, but they do not commute',
    );
    // The hint names a state from which the two orders differ, and how.
    expect(v.explanation).toContain(
      'from the state {}, Read(x) then Write(x, 1) ends in {x: 1} with Read(x) answering nil, but Write(x, 1) then Read(x) ends in {x: 1} with Read(x) answering 1.',
    );
  });

  it('catches a commute where only two Reads commute, whatever the addresses', async () => {
    const v = await verdict((a, b) => a.op === 'Read' && b.op === 'Read');
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'commute(Read(x), Write(y, 1)) returned false, but they do commute',
    );
  });
});
