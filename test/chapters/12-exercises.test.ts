/**
 * Chapter 12's exercises: the reference solutions pass, the starters fail,
 * and plausible wrong answers fail, each with its own explanation (the
 * starters and solutions are also run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import * as starter1 from '../../exercises/12-hierarchical-leases/12.1-grant-until';
import * as starter2 from '../../exercises/12-hierarchical-leases/12.2-czar-covers';
import * as grant from '../../solutions/12-hierarchical-leases/12.1-grant-until';
import * as covers from '../../solutions/12-hierarchical-leases/12.2-czar-covers';
import type { HierConfig } from '../../src/chapters/12-hierarchical-leases/config';
import { exercises } from '../../src/chapters/12-hierarchical-leases/exercises';
import type { HierState, HierSystem } from '../../src/chapters/12-hierarchical-leases/system';
import { nil } from '../../src/index';

const ex = (id: string) => exercises.find((e) => e.id === id)!;

describe('exercise 12.1: what the czar grants', () => {
  const verdict = (grantUntil: (clock: number, t: number, c: HierConfig) => number | null) =>
    ex('12.1').check({ grantUntil });

  it('passes the reference solution', async () => {
    const v = await ex('12.1').check(grant);
    expect(v.explanation).toContain(
      'in every reachable state of the configuration with a czar change',
    );
    expect(v.passed).toBe(true);
  });

  it('fails the untouched starter (Ls from the czar’s clock, past its term)', async () => {
    const v = await ex('12.1').check(starter1);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your czar is not safe/);
    expect(v.explanation).toContain(
      "With Ls = 4 and the czar's term ending at t = 10, at the czar's clock 7 you grant s = 11: past t.",
    );
    // The run, with every process's clock.
    expect(v.explanation).toContain('clocks := cons');
  });

  it('catches a czar that grants once its own lease is over (harmless, but pointless)', async () => {
    const v = await verdict((clock, t, c) => Math.min(clock + c.subLease, t));
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your czar never grants past its own term, but/);
    expect(v.explanation).toContain("though the czar's own lease has run out");
  });

  it('catches a czar that grants to the end of its term, whatever Ls', async () => {
    const v = await verdict((clock, t) => (clock < t ? t : null));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('longer than the Ls = 4 a sub-lease lasts');
  });

  it('catches a czar that keeps a margin it does not need', async () => {
    const v = await verdict((clock, t, c) =>
      clock < t - 2 ? Math.min(clock + c.subLease, t - 2) : null,
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /you grant only s = \d+, where s = \d+ is safe|you deny the request/,
    );
  });
});

describe('exercise 12.2: which lease covers a sub-lease?', () => {
  type Covers = (sys: HierSystem, y: HierState, i: number, r: number) => boolean;
  const verdict = (czarCovers: Covers) => ex('12.2').check({ czarCovers });
  const subOf = (y: HierState, i: number, r: number) => y.masters[i]!.holds[r]!.sub;
  const clockOf = (sys: HierSystem, y: HierState, j: number) =>
    y.now + y.clocks[sys.ids.candidates[j]!]!;

  it('passes the reference solution', async () => {
    const v = await ex('12.2').check(covers);
    expect(v.explanation).toContain('says no with a czar that grants past its own term');
    expect(v.passed).toBe(true);
  });

  it('fails the untouched starter (it trusts every sub-lease)', async () => {
    const v = await ex('12.2').check(starter2);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your test never says no with a czar that grants sub-leases/);
    expect(v.explanation).toContain('whose lease as consensus decided it ends at t = 7');
  });

  it('catches a test that takes the czar’s word for its lease', async () => {
    const v = await verdict((sys, y, i, r) => {
      const sub = subOf(y, i, r)!;
      const mine = y.candidates[sub.c]!.mine;
      return mine !== nil && clockOf(sys, y, sub.c) < mine.t;
    });
    expect(v.passed).toBe(false);
    // A czar that crashed has forgotten its term, though consensus decided it.
    expect(v.explanation).toMatch(
      /^Your test says no where nothing is wrong: in the configuration with a czar crash/,
    );
  });

  it('catches a test that asks only whether the term was decided', async () => {
    const v = await verdict((_sys, y, i, r) => {
      const sub = subOf(y, i, r)!;
      return y.cons[0]!.log[sub.k]?.czar === sub.c;
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^Your test never says no with a czar that grants sub-leases for Ls from its clock/,
    );
  });
});
