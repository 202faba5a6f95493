import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore, inductive } from '../../src/index';
import { even, evens, notSeven } from './toys';

const upTo12 = { enumerate: () => Array.from({ length: 13 }, (_, x) => ({ x })) };

describe('inductive', () => {
  it('shows an invariant that holds on every reachable state but is not inductive', () => {
    expect(explore(evens, { invariants: [notSeven] }).holds).toBe(true);
    const r = inductive(evens, { invariants: [notSeven], universe: upTo12 });
    expect(r.holds).toBe(false);
    expect(r.cti?.state).toEqual({ x: 5 });
    expect(r.cti?.next).toEqual({ x: 7 });
    expect(r.counterexample?.property).toBe('not inductive: x != 7');
    expect(r.counterexample?.message).toContain('not necessarily reachable');
  });

  it('accepts the strengthened invariant', () => {
    const r = inductive(evens, { invariants: [even, notSeven], universe: upTo12 });
    expect(r.holds).toBe(true);
    expect(r.hypothesisStates).toBe(7); // 0, 2, ..., 12
    expect(r.stats.transitions).toBe(5); // Add2 from 0..8
  });

  it('reports initiation failures separately', () => {
    const r = inductive(evens, {
      invariants: [{ name: 'x > 0', holds: (s) => s.x > 0 }],
      universe: upTo12,
    });
    expect(r.holds).toBe(false);
    expect(r.badInit).toEqual({ x: 0 });
    expect(r.counterexample?.property).toBe('initiation: x > 0');
  });

  it('samples a universe with fast-check and shrinks the counterexample to induction', () => {
    const r = inductive(evens, {
      invariants: [notSeven],
      universe: {
        sample: fc.record({ x: fc.integer({ min: 0, max: 1000 }) }),
        numRuns: 2000,
        seed: 7,
      },
    });
    expect(r.holds).toBe(false);
    expect(r.cti?.state).toEqual({ x: 5 });
    expect(r.seed).toBe(7);
    const ok = inductive(evens, {
      invariants: [even, notSeven],
      universe: {
        sample: fc.record({ x: fc.integer({ min: 0, max: 1000 }) }),
        numRuns: 500,
        seed: 7,
      },
    });
    expect(ok.holds).toBe(true);
  });

  it('refuses to pass vacuously when no state of the universe satisfies the invariant', () => {
    const r = inductive(evens, {
      invariants: [even, notSeven],
      universe: { enumerate: () => [{ x: 1 }, { x: 3 }] },
    });
    expect(r.holds).toBe(false);
    expect(r.unreached.length).toBe(1);
  });
});
