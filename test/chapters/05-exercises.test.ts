/**
 * Chapter 05's exercises against plausible wrong answers (the starters and
 * the reference solutions are run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { DState, Value } from '../../src/chapters/03-consensus-specs/specs';
import type { CoordinatorRules } from '../../src/chapters/05-simple-implementations/coordinator';
import { chapter } from '../../src/chapters/05-simple-implementations/index';
import type { MajorityState } from '../../src/chapters/05-simple-implementations/majority';
import { allAllowed, known } from '../../src/chapters/05-simple-implementations/majority';
import { nil } from '../../src/index';

const ex = (id: string) => chapter.exercises.find((e) => e.id === id)!;

describe('exercise 5.1 against plausible wrong answers', () => {
  const verdict = (f: (y: MajorityState) => DState) => ex('5.1').check({ f });
  const winner = (y: MajorityState, quorum: number): Value | typeof nil => {
    const votes = new Map<Value, number>();
    for (const p of y.processes)
      if (p.choice !== nil) votes.set(p.choice, (votes.get(p.choice) ?? 0) + 1);
    return [...votes].find(([, n]) => n >= quorum)?.[0] ?? nil;
  };
  const everyKnows = (y: MajorityState) => y.processes.every((p, i) => known(p, i, 2) !== nil);
  /** An f from its outcome and its done. */
  const fOf =
    (outcome: (y: MajorityState) => Value | typeof nil, done: (y: MajorityState) => boolean) =>
    (y: MajorityState): DState => ({ allowed: allAllowed(y), outcome: outcome(y), done: done(y) });

  it('catches an outcome taken from the first process to choose', async () => {
    const v = await verdict(
      fOf((y) => y.processes.find((p) => p.choice !== nil)?.choice ?? nil, everyKnows),
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('The diagram does not commute');
  });

  it('catches done when one process knows, not when every process does', async () => {
    const v = await verdict(
      fOf(
        (y) => winner(y, 2),
        (y) => y.processes.some((p, i) => known(p, i, 2) !== nil),
      ),
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('The diagram does not commute');
  });

  it('catches an outcome that waits for every vote, not a majority', async () => {
    const v = await verdict(fOf((y) => winner(y, 3), everyKnows));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('The diagram does not commute');
  });

  it('names what f returned when it is not a state of D', async () => {
    const v = await verdict((y) => ({ outcome: winner(y, 2) }) as unknown as DState);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your f threw: f returned .*, not \{ allowed, outcome, done \}/);
  });
});

describe('exercise 5.2 against plausible wrong answers', () => {
  const verdict = (rules: CoordinatorRules) => ex('5.2').check({ rules });
  const right: CoordinatorRules = {
    mayChoose: (s, v) => s.outcome === nil && s.allowed.includes(v),
    answer: (s) => s.outcome,
    retransmit: true,
  };

  it('catches a coordinator that may choose again', async () => {
    const v = await verdict({ ...right, mayChoose: (s, v) => s.allowed.includes(v) });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^The coordinator does not refine D/);
  });

  it('catches a coordinator that never sends the outcome again: safe, but a loss strands a process', async () => {
    const v = await verdict({ ...right, retransmit: false });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Safe now, but a lost message can strand a process: /);
  });

  it('catches a rules object without retransmit, and says what it must hold', async () => {
    const { retransmit: _, ...noRetransmit } = right;
    const v = await ex('5.2').check({ rules: noRetransmit });
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe('The file must export `rules`: { mayChoose, answer, retransmit }.');
  });
});
