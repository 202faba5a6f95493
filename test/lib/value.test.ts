import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, compareText, labelKey, labelText, nil, show } from '../../src/index';

/** Plain values as specs use them: scalars, arrays, plain objects, sets and maps. */
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -50, max: 50 }),
  fc.double({ noDefaultInfinity: false }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.string({ maxLength: 4 }),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', 'null', '1', 'true', '', 'a,b', '"'),
  fc.bigInt({ min: -5n, max: 5n }),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'x y', ''), tie('value'), { maxKeys: 3 }),
    fc.array(tie('value'), { maxLength: 3 }).map((xs) => new Set(xs)),
    fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 3 }).map((kvs) => new Map(kvs)),
  ),
}));

/** Value equality as the specs mean it: sets and maps unordered, objects by field. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => same(x, b[i]))
    );
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set && b instanceof Set)) return false;
    const xs = dedupe([...a]);
    const ys = dedupe([...b]);
    return xs.length === ys.length && xs.every((x) => ys.some((y) => same(x, y)));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map)) return false;
    return same(new Set(entries(a)), new Set(entries(b)));
  }
  const o = a as Record<string, unknown>;
  const p = b as Record<string, unknown>;
  const ka = Object.keys(o).filter((k) => o[k] !== undefined);
  const kb = Object.keys(p).filter((k) => p[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => kb.includes(k) && same(o[k], p[k]));
}
// A JS Set or Map may hold two equal values (two arrays); as a spec's value it holds one.
const dedupe = (xs: unknown[]) => xs.filter((x, i) => xs.findIndex((y) => same(x, y)) === i);
const entries = (m: Map<unknown, unknown>) => dedupe([...m].map(([k, v]) => ({ k, v })));

/** The same value written another way: fields in another order, sets and maps built in reverse. */
function rewritten(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewritten);
  if (v instanceof Set) return new Set([...v].reverse().map(rewritten));
  if (v instanceof Map)
    return new Map([...v].reverse().map(([k, x]) => [rewritten(k), rewritten(x)] as const));
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = { zzUnset: undefined };
    for (const k of Object.keys(o).reverse()) out[k] = rewritten(o[k]);
    return out;
  }
  return v;
}

const params = { seed: 20240601, numRuns: 300 };

describe('canonical', () => {
  it('gives equal strings for equal values, whatever the field order and construction order', () => {
    fc.assert(
      fc.property(value, (v) => canonical(rewritten(v)) === canonical(v)),
      params,
    );
  });

  it('gives different strings for different values, and equal ones only for equal values', () => {
    // Pairs of independent values, and pairs that differ by one small edit or none.
    const near = value.chain((v) =>
      fc.constantFrom<[unknown, unknown]>(
        [v, v],
        [v, rewritten(v)],
        [v, [v]],
        [v, { a: v }],
        [[v], new Set([v])],
        [new Set([v]), new Set([v, rewritten(v)])],
        [new Map([[v, 1]]), new Map([[rewritten(v), 1]])],
        [v, typeof v === 'number' || typeof v === 'bigint' ? String(v) : null],
      ),
    );
    fc.assert(
      fc.property(fc.oneof(fc.tuple(value, value), near), ([a, b]) => {
        expect(canonical(a) === canonical(b)).toBe(same(a, b));
      }),
      params,
    );
  });

  it('skips undefined fields, and tells numbers from the strings that spell them', () => {
    expect(canonical({ a: 1, b: undefined })).toBe(canonical({ a: 1 }));
    expect(canonical({ b: 1, a: [2, null] })).toBe('{"a":[2,null],"b":1}');
    for (const [x, t] of [
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
      [1, '1'],
    ] as const)
      expect(canonical(x)).not.toBe(canonical(t));
    expect(canonical(new Set([1]))).not.toBe(canonical([1]));
    expect(canonical(new Map([[1, 2]]))).not.toBe(canonical({ 1: 2 }));
    expect(canonical(1n)).not.toBe(canonical(1));
  });

  it('refuses what is not plain data, in one line', () => {
    expect(() => canonical(() => 1)).toThrow(/^canonical: cannot encode a function/);
    expect(() => canonical(Symbol('s'))).toThrow(/^canonical: cannot encode a symbol/);
  });
});

describe('show', () => {
  it('writes values as the paper does: nil, bare strings, sorted sets', () => {
    expect(show(nil)).toBe('nil');
    expect(show(undefined)).toBe('');
    expect(show('x')).toBe('x');
    expect(show([1, 'a', null])).toBe('[1, a, nil]');
    expect(show(new Set([10, 2, 1]))).toBe('{1, 2, 10}');
    expect(show({ a: 1, b: undefined, c: new Set(['y', 'x']) })).toBe('{a: 1, c: {x, y}}');
    expect(show(new Map([['k', [1]]]))).toBe('{k: [1]}');
  });

  it('shows a set the same whatever order it was built in', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 3 }))), (xs) => {
        expect(show(new Set([...xs].reverse()))).toBe(show(new Set(xs)));
      }),
      params,
    );
  });

  it('orders numbers inside texts numerically', () => {
    expect(['a10', 'a2', 'a1'].sort(compareText)).toEqual(['a1', 'a2', 'a10']);
  });
});

describe('labels', () => {
  it('are written as the paper writes actions, and keyed canonically', () => {
    const l = { action: 'Write', param: ['x', 3], ret: undefined };
    expect(labelText(l)).toBe('Write(x, 3)');
    expect(labelText({ action: 'Outcome', param: undefined, ret: nil })).toBe('Outcome -> nil');
    expect(labelText({ action: 'Tick', param: 3, ret: undefined, args: '' })).toBe('Tick');
    expect(labelKey({ action: 'A', param: { b: 1, a: 2 }, ret: 1 })).toBe(
      labelKey({ action: 'A', param: { a: 2, b: 1 }, ret: 1 }),
    );
    expect(labelKey({ action: 'A', param: 1, ret: undefined })).not.toBe(
      labelKey({ action: 'A', param: '1', ret: undefined }),
    );
  });
});
