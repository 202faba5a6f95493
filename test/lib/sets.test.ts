import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, equals, set, show, subsets } from '../../src/index';

const record = fc.record({
  type: fc.constantFrom('1a', '1b', '2a'),
  bal: fc.integer({ min: -1, max: 3 }),
});

describe('value sets', () => {
  it('compare members by value: a record written twice is one member', () => {
    const s = set({ type: '1a', bal: 0 }).with({ bal: 0, type: '1a' });
    expect(s.size).toBe(1);
    expect(s.has({ bal: 0, type: '1a' })).toBe(true);
    expect(s.has({ bal: 1, type: '1a' })).toBe(false);
    expect(show(s)).toBe('{{type: 1a, bal: 0}}');
  });

  it('are equal, with equal keys, whatever order their members were added in', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), (xs) => {
        const a = set(...xs);
        const b = set(...[...xs].reverse());
        return equals(a, b) && a.equals(b) && canonical(a) === canonical(b) && a.size === b.size;
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it('do what TLA+’s set operators do', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 6 }),
        fc.array(record, { maxLength: 6 }),
        (xs, ys) => {
          const a = set(...xs);
          const b = set(...ys);
          const inA = (x: unknown) => xs.some((y) => equals(x, y));
          const inB = (x: unknown) => ys.some((y) => equals(x, y));
          const all = [...xs, ...ys];
          return (
            all.every((x) => a.union(b).has(x) === (inA(x) || inB(x))) &&
            all.every((x) => a.intersect(b).has(x) === (inA(x) && inB(x))) &&
            all.every((x) => a.minus(b).has(x) === (inA(x) && !inB(x))) &&
            a.subsetOf(a.union(b)) &&
            a.union(b).equals(b.union(a)) &&
            a.without(xs[0] ?? { type: '1a', bal: 9 }).has(xs[0] ?? { type: '1a', bal: 9 }) ===
              false &&
            a.filter((x) => x.bal > 0).every((x) => x.bal > 0) &&
            a.map((x) => x.type).size <= 3 &&
            a.some((x) => x.bal === 3) === xs.some((x) => x.bal === 3)
          );
        },
      ),
      { seed: 2, numRuns: 300 },
    );
  });

  it('give every subset once (SUBSET)', () => {
    const all = subsets(set(1, 2, 3));
    expect(all.length).toBe(8);
    expect(new Set(all.map(canonical)).size).toBe(8);
    expect(all[0]!.isEmpty).toBe(true);
  });
});

describe('value equality', () => {
  it('ignores field order and fields holding undefined, and tells different values apart', () => {
    expect(equals({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(equals({ a: 1, c: undefined }, { a: 1 })).toBe(true);
    expect(equals({ a: 1 }, { a: 2 })).toBe(false);
    expect(equals([1, 2], [2, 1])).toBe(false);
    expect(equals([1], { 0: 1 })).toBe(false);
    expect(equals(set(1), new Set([1]))).toBe(false);
    expect(equals(new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]]))).toBe(true);
    expect(equals(Number.NaN, Number.NaN)).toBe(true);
  });
});
