/**
 * The structural fingerprint, the frontier's encoding and symmetry: each
 * property against the canonical string key, which the checks trusted
 * before them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, equals, set, ValueSet } from '../../src/index';
import { Bytes, Codec } from '../../src/lib/_internal/codec';
import { fingerprinter, symmetryPermutations } from '../../src/lib/_internal/fingerprinter';
import { Frontier } from '../../src/lib/_internal/frontier';
import type { Group } from '../../src/lib/_internal/hash';
import { H, hashAll, hashValue, setGroup, setRenaming } from '../../src/lib/_internal/hash';

const names = ['a1', 'a2', 'a3', 'v1', 'v2', 'x'];
const leaf = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(...names),
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true }),
);
/** A copy of a value built anew, sets included (so that no cache is shared by identity). */
function structuredCloneValue(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(structuredCloneValue);
  if (x instanceof ValueSet) return set(...[...x].map(structuredCloneValue));
  if (x !== null && typeof x === 'object')
    return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, structuredCloneValue(y)]));
  return x;
}

const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...names), tie('v'), { maxKeys: 3 }),
    fc.array(tie('v'), { maxLength: 3 }).map((xs) => set(...xs)),
  ),
})).v;

const fp = (v: unknown) => `${hashValue(v)}:${H.hi}`;

describe('the structural fingerprint', () => {
  it('agrees with the canonical key: equal keys, equal fingerprints; different keys, different ones', () => {
    fc.assert(
      fc.property(value, value, (a, b) => (canonical(a) === canonical(b)) === (fp(a) === fp(b))),
      { seed: 4, numRuns: 3000 },
    );
  });

  it('does not depend on the order of fields or of set members', () => {
    expect(fp({ a: 1, b: set(1, 2) })).toBe(fp({ b: set(2, 1), a: 1 }));
    expect(fp([1, 2])).not.toBe(fp([2, 1]));
    expect(fp({ a: 1, b: undefined })).toBe(fp({ a: 1 }));
    expect(fp(new Set([{ a: 1 }, { a: 1 }]))).toBe(fp(new Set([{ a: 1 }])));
  });

  it('finds no collision among 200,000 small distinct states', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++)
      seen.add(fp({ maxBal: { a1: i % 7, a2: (i >> 3) % 5 }, n: i, msgs: set(i % 11, i % 13) }));
    expect(seen.size).toBe(200_000);
  });
});

describe('the frontier’s encoding', () => {
  it('gives back an equal value with the same fingerprint', () => {
    const codec = new Codec();
    const bytes = new Bytes();
    fc.assert(
      fc.property(value, (v) => {
        const at = bytes.length;
        codec.encode(v, bytes);
        const back = codec.decode(bytes.buf, at);
        return equals(back, v) && fp(back) === fp(v) && canonical(back) === canonical(v);
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('shares the parts of states: 100,000 states of 10 shared records take under 12 bytes each', () => {
    const codec = new Codec();
    const bytes = new Bytes();
    const recs = Array.from({ length: 10 }, (_, i) => ({ type: '2b', acc: `a${i % 3}`, bal: i }));
    for (let i = 0; i < 100_000; i++)
      codec.encode({ n: i & 15, msgs: set(recs[i % 10]!, recs[(i * 7) % 10]!) }, bytes);
    expect(bytes.length / 100_000).toBeLessThan(12);
    expect(codec.interned).toBeLessThan(200);
  });

  it('a frontier cut to its first states gives those back, and takes more after them', () => {
    const codec = new Codec();
    const f = new Frontier<unknown>(codec);
    // Big enough states to fill several chunks, so that the cut falls inside one.
    const state = (i: number) => ({ i, pad: 'x'.repeat(900 + (i % 7)), msgs: set(i % 5, i % 3) });
    for (let i = 0; i < 3000; i++) f.push(state(i), i);
    f.truncate(1234);
    for (let i = 1234; i < 1500; i++) f.push(state(i + 10_000), i + 10_000);
    expect(f.length).toBe(1500);
    for (let k = 0; k < 1500; k++) {
      const want = k < 1234 ? k : k + 10_000;
      expect(f.number(k)).toBe(want);
      expect(equals(f.get(k), state(want))).toBe(true);
    }
  });

  it('a portable encoding is read by another codec from its tables', () => {
    const writer = new Codec(true);
    const bytes = new Bytes();
    const v = { a: set({ x: 'a1' }), b: [1, 'v1', null] };
    writer.encode(v, bytes);
    const reader = new Codec(writer.tables);
    expect(equals(reader.decode(bytes.buf, 0), v)).toBe(true);
  });
});

describe('symmetry', () => {
  const domains = [
    ['a1', 'a2', 'a3'],
    ['v1', 'v2'],
  ];
  const group: Group = { perms: symmetryPermutations(domains), numeric: false };

  it('has every renaming of each domain combined: 3! * 2! = 12', () => {
    expect(group.perms.length).toBe(12);
    expect(group.perms[0]!.size).toBe(0);
  });

  it('hashes all renamings in one pass exactly as renaming one at a time', () => {
    fc.assert(
      fc.property(value, (v) => {
        const all = hashAll(v, group);
        const copy = Array.from(all);
        setGroup(group);
        try {
          for (let i = 0; i < group.perms.length; i++) {
            setRenaming(i);
            if (hashValue(v) !== copy[2 * i] || H.hi !== copy[2 * i + 1]) return false;
          }
        } finally {
          setRenaming(0);
          setGroup(undefined);
        }
        return true;
      }),
      { seed: 6, numRuns: 1000 },
    );
  });

  it('gives a set built member by member during a symmetric search the sums of one built at once', () => {
    // During a search a set made by `with` takes its sums under every
    // renaming from the set it was made from, when they are first asked
    // for; outside one it has none. Both must give the same hashes, warm
    // or cold cache of parts alike.
    fc.assert(
      fc.property(fc.array(value, { maxLength: 5 }), (xs) => {
        setGroup(group);
        let built: ReturnType<typeof set<unknown>>;
        try {
          built = set<unknown>();
          for (const x of xs) built = built.with(x);
        } finally {
          setGroup(undefined);
        }
        const once = set<unknown>(...xs.map((x) => structuredCloneValue(x)));
        const a = Array.from(hashAll(built, group));
        const b = Array.from(hashAll(once, group));
        return a.join() === b.join();
      }),
      { seed: 8, numRuns: 500 },
    );
  });

  it('gives a set decoded from the frontier during a symmetric search the sums of one built at once', () => {
    // The frontier makes a decoded set's sums from its interned members'.
    const codec = new Codec();
    const bytes = new Bytes();
    // Thousands of different sets at one position first: the codec stops
    // interning whole sets there, as it does for a search's set of messages,
    // and writes each set member by member.
    for (let i = 0; i < 6000; i++) codec.encode({ msgs: set<unknown>(i, `m${i}`) }, bytes);
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 5 }),
        fc.array(value, { maxLength: 5 }),
        (xs, ys) => {
          // Two states sharing members, so that the second reads some as interned parts.
          const a = bytes.length;
          codec.encode({ msgs: set(...xs) }, bytes);
          const b = bytes.length;
          codec.encode({ msgs: set(...xs, ...ys) }, bytes);
          setGroup(group);
          let back: { msgs: unknown }[];
          try {
            back = [codec.decode(bytes.buf, a), codec.decode(bytes.buf, b)] as { msgs: unknown }[];
          } finally {
            setGroup(undefined);
          }
          const fresh = [
            set(...xs.map(structuredCloneValue)),
            set(...[...xs, ...ys].map(structuredCloneValue)),
          ];
          return back.every(
            (st, i) =>
              Array.from(hashAll(st.msgs, group)).join() ===
              Array.from(hashAll(fresh[i], group)).join(),
          );
        },
      ),
      { seed: 9, numRuns: 500 },
    );
  });

  it('gives renamed states one fingerprint, and others different ones', () => {
    const m = { name: 't', key: canonical } as never;
    const f = fingerprinter<unknown>(m, domains).fp;
    const out = { lo: 0, hi: 0 };
    const of = (s: unknown) => {
      f(s, out);
      return `${out.lo}:${out.hi}`;
    };
    const s1 = { maxBal: { a1: 0, a2: -1, a3: -1 }, msgs: set({ acc: 'a1', val: 'v1' }) };
    const s2 = { maxBal: { a1: -1, a2: -1, a3: 0 }, msgs: set({ acc: 'a3', val: 'v2' }) };
    const s3 = { maxBal: { a1: -1, a2: -1, a3: 0 }, msgs: set({ acc: 'a1', val: 'v2' }) };
    expect(of(s1)).toBe(of(s2));
    expect(of(s1)).not.toBe(of(s3));
  });

  it('refuses what it cannot rename, in one line', () => {
    expect(() => symmetryPermutations([['a', 'b'], ['b']])).toThrow(/in two domains/);
    expect(() => symmetryPermutations([[]])).toThrow(/non-empty/);
    expect(() => symmetryPermutations([Array.from({ length: 9 }, (_, i) => `p${i}`)])).toThrow(
      /at most 40320/,
    );
  });
});
