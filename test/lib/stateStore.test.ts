import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { action, explore, invariant, lastState, machine, to } from '../../src/index';
import type { Fingerprint } from '../../src/lib/_internal/stateStore';
import { fingerprint, ROOT, StateStore } from '../../src/lib/_internal/stateStore';

/** A deterministic stream of 32-bit words (xorshift), for fingerprints that are not keys. */
function words(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

describe('the state store', () => {
  it('finds every fingerprint again after the table has doubled many times, with its number and parent', () => {
    const store = new StateStore();
    const n = 150_000;
    const next = words(7);
    const lo = new Uint32Array(n);
    const hi = new Uint32Array(n);
    const parentOf = new Int32Array(n); // which state is i's parent (-1: an initial one)
    let refused = 0;
    for (let i = 0; i < n; i++) {
      lo[i] = next();
      hi[i] = next();
      parentOf[i] = i < 3 ? ROOT : next() % i;
      // States are numbered in the order they are added, and keep their number.
      if (store.add(lo[i]!, hi[i]!, parentOf[i]!) !== i) refused++;
    }
    expect(refused).toBe(0);
    expect(store.count).toBe(n);
    const fp: Fingerprint = { lo: 0, hi: 0 };
    const lost: number[] = [];
    for (let i = 0; i < n; i++) {
      // Added again: found under its number, and not counted twice.
      fp.lo = lo[i]!;
      fp.hi = hi[i]!;
      if (
        store.add(lo[i]!, hi[i]!, ROOT) !== ~i ||
        !store.matches(i, fp) ||
        store.parent(i) !== parentOf[i]
      )
        lost.push(i);
    }
    expect(lost).toEqual([]);
    expect(store.count).toBe(n);
  });

  it('costs between 17.7 and 23.4 bytes a state when its chunks are full', () => {
    for (let chunks = 1; chunks <= 8; chunks++) {
      const store = new StateStore();
      const n = chunks * 65_536;
      for (let i = 0; i < n; i++) store.add(i, i ^ 0x5bd1e995, ROOT);
      const perState = store.bytes / store.count;
      expect(store.count).toBe(n);
      expect(perState, `${chunks} chunks`).toBeGreaterThanOrEqual(17.7);
      expect(perState, `${chunks} chunks`).toBeLessThanOrEqual(23.4);
    }
  });

  it('makes a numeric key its own fingerprint, so distinct whole numbers never collide', () => {
    const fp: Fingerprint = { lo: 0, hi: 0 };
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.maxSafeInteger(), (a, b) => {
        fingerprint(a, fp);
        const fa = { ...fp };
        fingerprint(b, fp);
        if (a >= 0) expect(fa.lo + fa.hi * 2 ** 32).toBe(a);
        return (fa.lo === fp.lo && fa.hi === fp.hi) === (a === b);
      }),
      { seed: 11, numRuns: 2000 },
    );
    fingerprint(2 ** 53 - 1, fp);
    expect(fp).toEqual({ lo: 0xffffffff, hi: 0x1fffff });
  });

  it('hashes string keys: equal keys equal fingerprints, and no collision among many', () => {
    const fp: Fingerprint = { lo: 0, hi: 0 };
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) {
      fingerprint(`s${i}`, fp);
      seen.add(`${fp.lo}:${fp.hi}`);
    }
    expect(seen.size).toBe(50_000);
    fingerprint('abc', fp);
    const a = { ...fp };
    fingerprint('abc', fp);
    expect(fp).toEqual(a);
  });
});

describe('a search past 10^5 states', () => {
  // A 400 x 400 grid with a packed numeric key: 160,000 states, and a corner 798 steps away.
  const side = 400;
  const grid = machine<number>({
    name: 'grid',
    init: [0],
    actions: [
      action({
        name: 'Right',
        external: false,
        guard: (s: number) => s % side < side - 1,
        effect: (s) => to(s + 1),
      }),
      action({
        name: 'Up',
        external: false,
        guard: (s: number) => s < side * (side - 1),
        effect: (s) => to(s + side),
      }),
    ],
    key: (s) => s,
  });

  it('counts every state once and rebuilds a shortest trace through the parent numbers', () => {
    const corner = side * side - 1;
    const r = explore(grid, { invariants: [invariant('not the far corner', (s) => s !== corner)] });
    expect(r.holds).toBe(false);
    expect(r.stats.states).toBe(side * side);
    const t = r.counterexample!.trace;
    expect(t.steps).toHaveLength(2 * (side - 1));
    expect(lastState(t)).toBe(corner);
    for (const st of t.steps) expect(st.to - st.from === 1 || st.to - st.from === side).toBe(true);
    expect(r.storeBytes).toBe(262_144 * 4 + 3 * 65_536 * 12); // the table, and three chunks of numbers
  });
});
