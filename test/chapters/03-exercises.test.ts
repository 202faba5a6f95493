/**
 * Chapter 03's exercises against plausible wrong answers (the starters and
 * the reference solutions are run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { answers } from '../../solutions/03-consensus-specs/3.3-who-implements-whom';
import { chapter } from '../../src/chapters/03-consensus-specs/index';
import type { Seen } from '../../src/chapters/03-consensus-specs/properties';
import type { ProphecyRules } from '../../src/chapters/03-consensus-specs/prophecy';
import type { WithHistory } from '../../src/index';
import { invariant, nil } from '../../src/index';

const ex = (id: string) => chapter.exercises.find((e) => e.id === id)!;

describe('exercise 3.1 against plausible wrong answers', () => {
  type X = WithHistory<unknown, Seen>;
  const verdict = (holds: (x: X) => boolean) =>
    ex('3.1').check({ validity: invariant<X>('Validity', holds) });

  it('catches Agreement in place of Validity: it misses an Outcome nobody allowed', async () => {
    const v = await verdict((x) => x.h.results.length <= 1);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^Your validity holds on C \(Allow changed\), which breaks Validity/,
    );
    expect(v.explanation).toContain('* Outcome -> 2');
  });

  it('catches a count of results against a count of allows', async () => {
    const v = await verdict((x) => x.h.results.length <= x.h.allows.length);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your validity holds on C \(Allow changed\)/);
  });

  it('catches the inclusion the wrong way round: every allowed value returned', async () => {
    const v = await verdict((x) => x.h.allows.every((w) => x.h.results.includes(w)));
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^Your validity fails on the correct spec C, which satisfies Validity/,
    );
    expect(v.explanation).toContain('* Allow(1)');
  });

  it('catches some result allowed, not every: false before anything is returned', async () => {
    const v = await verdict((x) => x.h.results.some((w) => x.h.allows.includes(w)));
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your validity fails on the correct spec C/);
  });

  it('catches a check of the smallest result only: a later, bigger one is not allowed', async () => {
    const v = await verdict(
      (x) => x.h.results.length === 0 || x.h.allows.includes(x.h.results[0]!),
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^Your validity holds on C \(Outcome drifts up after its first result\), which breaks Validity/,
    );
    expect(v.explanation).toContain('* Outcome -> 1');
    expect(v.explanation).toContain('* Outcome -> 2  results := {1, 2}');
  });

  it('catches a check of the biggest result only: a later, smaller one is not allowed', async () => {
    const v = await verdict(
      (x) => x.h.results.length === 0 || x.h.allows.includes(x.h.results.at(-1)!),
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^Your validity holds on C \(Outcome drifts down after its first result\), which breaks Validity/,
    );
    expect(v.explanation).toContain('* Outcome -> 1  results := {1, 2}');
  });

  it('refuses a plain function where an invariant is asked for', async () => {
    const v = await ex('3.1').check({
      validity: (x: X) => x.h.results.every((w) => x.h.allows.includes(w)),
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe('The file does not export an invariant named validity.');
  });
});

describe('exercise 3.2 against plausible wrong answers', () => {
  const verdict = (rule: ProphecyRules) => ex('3.2').check({ rule });
  const agree: ProphecyRules['agree'] = (s, v) => v === s.p;

  it('catches a prophecy that decides at the first Allow: D’s traces change', async () => {
    const v = await verdict({ guess: (s, v) => (s.p === nil ? [v] : [s.p]), agree });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^Your prophecy changes D's traces, so it does more than predict/,
    );
    expect(v.explanation).toContain(
      'D+p cannot produce the trace Allow(1), Allow(2), Outcome -> 2',
    );
  });

  it('catches an Agree that ignores the prophecy: no simulation at Agree', async () => {
    const v = await verdict({
      guess: (s, v) => (s.p === nil ? [v, nil] : [s.p]),
      agree: () => true,
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^D with your prophecy has D's traces, but f\(d\)/);
    expect(v.explanation).toContain('Obligation 2 fails at the internal step Agree(1)');
  });

  it('catches a guess that is revised at every Allow: T’s outcome would change', async () => {
    const v = await verdict({ guess: (s, v) => [v, s.p], agree });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Obligation 2 fails at the external step Allow(2)');
    expect(v.explanation).toContain('f(y)  = {outcome: 1, done: false}');
    expect(v.explanation).toContain("f(y') = {outcome: 2, done: false}");
  });

  it('refuses a rule without agree', async () => {
    const v = await ex('3.2').check({ rule: { guess: (s: { p: unknown }) => [s.p] } });
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe('The file does not export a rule with functions guess and agree.');
  });
});

describe('exercise 3.3 against plausible wrong answers', () => {
  const verdict = (changed: Record<string, boolean>) =>
    ex('3.3').check({ answers: { ...answers, ...changed } });

  it('catches D does not implement T (D decides later, yet has the same traces)', async () => {
    const v = await verdict({ 'D implements T': false });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^5 of 6 right:/);
    expect(v.explanation).toContain('D implements T: you say no, but every trace of D is one of T');
  });

  it('catches T and D implementing C, which has no Done', async () => {
    const v = await verdict({ 'T implements C': true, 'D implements C': true });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^4 of 6 right:/);
    expect(v.explanation).toContain(
      'T implements C: you say yes, but C cannot produce the trace Done -> false',
    );
  });

  it('catches C implementing neither T nor D (they can mimic it by never terminating)', async () => {
    const v = await verdict({ 'C implements T': false, 'C implements D': false });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('C implements T: you say no, but every trace of C is one of T');
    expect(v.explanation).toContain('C implements D: you say no, but every trace of C is one of D');
  });
});
