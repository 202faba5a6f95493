import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exists, forAll, replay, tracePath } from '../../src/index';
import { jugs } from './toys';

const upTo1000 = fc.integer({ min: 0, max: 1000 });

describe('forAll and exists', () => {
  it('holds of a true property, and reports how many values it tried', () => {
    const r = forAll('x + 0 = x', upTo1000, (x) => x + 0 === x, { runs: 77, seed: 4 });
    expect(r.holds).toBe(true);
    expect(r.check).toBe('property');
    expect(r.stats).toMatchObject({ states: 0, transitions: 0, runs: 77 });
    expect(r.counterexample).toBeUndefined();
  });

  it('shrinks a false property to its smallest counterexample, and the seed replays it', () => {
    const r = forAll('x < 100', upTo1000, (x) => x < 100, { seed: 3, runs: 50 });
    expect(r.holds).toBe(false);
    expect(r.example).toBe(100);
    expect(r.counterexample?.message).toBe('fails for 100');
    expect(r.replay).toMatch(/^--seed 3 --path [\d:]+$/);
    const path = r.replay!.split('--path ')[1]!;
    const again = forAll('x < 100', upTo1000, (x) => x < 100, { seed: 3, runs: 50, path });
    expect(again.example).toBe(100);
    // Another seed finds it too: the shrunk counterexample does not depend on the seed.
    expect(forAll('x < 100', upTo1000, (x) => x < 100, { seed: 99 }).example).toBe(100);
  });

  it('shows a counterexample as a run, and explains it', () => {
    const paths = fc.array(fc.constantFrom('FillSmall', 'FillBig', 'SmallToBig', 'EmptyBig'), {
      maxLength: 8,
    });
    const r = forAll(
      'the small jug never holds 1',
      paths,
      (p) => replay(jugs, p).steps.at(-1)?.to.small !== 1,
      {
        seed: 8,
        runs: 500,
        trace: (p) => replay(jugs, p),
        explain: (p) => `after ${p.length} steps`,
      },
    );
    expect(r.holds).toBe(false);
    // 1 = 3 + 3 - 5: pour the small jug into the big one twice.
    expect(tracePath(r.exampleTrace!)).toEqual([
      'FillSmall',
      'SmallToBig',
      'FillSmall',
      'SmallToBig',
    ]);
    expect(r.counterexample?.message).toBe('after 4 steps');
  });

  it('finds and shrinks a witness, and fails when there is none', () => {
    const w = exists('some x > 500', upTo1000, (x) => x > 500, { seed: 3, runs: 50 });
    expect(w.holds).toBe(true);
    expect(w.example).toBe(501);
    expect(w.counterexample).toBeUndefined();
    const none = exists('some x > 5000', upTo1000, (x) => x > 5000, { seed: 3, runs: 50 });
    expect(none.holds).toBe(false);
    expect(none.stats.runs).toBe(50);
    expect(none.unreached).toEqual(['some x > 5000 (no witness in 50 tries)']);
  });

  it('refuses a run count that is not a whole number from 1, in one line', () => {
    expect(() => forAll('p', upTo1000, () => true, { runs: 0 })).toThrow(
      'runs must be a whole number from 1 (or left out), got 0',
    );
    expect(() => exists('p', upTo1000, () => true, { runs: 2.5 })).toThrow(/^runs must be/);
  });
});
