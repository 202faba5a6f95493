/**
 * The search on worker threads finds what the search on one thread finds:
 * the same counts, the same verdict, and the same shortest counterexample.
 * Symmetry and the debug check of a custom key are tested here too.
 */
import { describe, expect, it } from 'vitest';
import type { ExploreResult } from '../../src/index';
import { canonical, explore, exploreInWorkers, reachableGraph } from '../../src/index';
import { fingerprinter } from '../../src/lib/_internal/fingerprinter';
import type { Ring } from './parallelModels';
import { badStep, failing, plain, ring } from './parallelModels';

const module = new URL('./parallelModels.ts', import.meta.url).href;
const labels = (r: ExploreResult<unknown>) =>
  r.counterexample?.trace.steps.map((s) => s.label.args ?? s.label.param);

describe('explore in workers', () => {
  it('counts what one thread counts, on 1, 2 and 3 workers', async () => {
    const args = { n: 4, max: 2 };
    const one = explore(plain(args).machine);
    for (const workers of [1, 2, 3]) {
      const r = await exploreInWorkers<Ring>({ module, export: 'plain', args }, { workers });
      expect(r.stats.states, `${workers} workers`).toBe(one.stats.states);
      expect(r.stats.transitions).toBe(one.stats.transitions);
      expect(r.stats.depth).toBe(one.stats.depth);
      expect(r.holds).toBe(true);
      expect(r.complete).toBe(true);
    }
    expect(one.stats.states).toBeGreaterThan(1000);
  }, 60_000);

  it('finds the same shortest counterexample, goal witness and counts up to the failure', async () => {
    const args = { n: 3, max: 3, limit: 5 };
    const b = failing(args);
    const one = explore(b.machine, b.options);
    const two = await exploreInWorkers<Ring>({ module, export: 'failing', args }, { workers: 2 });
    expect(one.holds).toBe(false);
    expect(two.counterexample?.property).toBe('fewer tokens than the limit');
    expect(labels(two)).toEqual(labels(one));
    expect(two.stats).toMatchObject({
      states: one.stats.states,
      transitions: one.stats.transitions,
    });
    expect(two.witnesses.get('p0 got two')?.steps.length).toBe(
      one.witnesses.get('p0 got two')?.steps.length,
    );
  }, 60_000);

  it('reports a failing step as one thread does', async () => {
    const args = { n: 3, max: 2 };
    const b = badStep(args);
    const one = explore(b.machine, b.options);
    const two = await exploreInWorkers<Ring>({ module, export: 'badStep', args }, { workers: 2 });
    expect(one.counterexample?.property).toBe('one token each');
    expect(two.counterexample?.property).toBe('one token each');
    expect(labels(two)).toEqual(labels(one));
    expect(two.stats.transitions).toBe(one.stats.transitions);
  }, 60_000);

  it('stops at maxStates where one thread stops', async () => {
    const args = { n: 3, max: 3 };
    const one = explore(plain(args).machine, { maxStates: 500 });
    const two = await exploreInWorkers<Ring>(
      { module, export: 'plain', args },
      { workers: 2, maxStates: 500 },
    );
    expect(two.complete).toBe(false);
    expect(two.stats).toMatchObject({
      states: one.stats.states,
      transitions: one.stats.transitions,
    });
  }, 60_000);

  it('says in one line what is wrong with its source', async () => {
    await expect(exploreInWorkers({ module, export: 'nothing' }, { workers: 1 })).rejects.toThrow(
      /exports no function named nothing/,
    );
  });
});

describe('symmetry', () => {
  it('counts each class of renamed states once: the orbits, found by brute force', () => {
    const m = ring(3, 2);
    const names = [['p0', 'p1', 'p2']];
    const sym = explore(m, { symmetry: names });
    const all = reachableGraph(m).states;
    const f = fingerprinter(m, names).fp;
    const fp = { lo: 0, hi: 0 };
    const orbits = new Set(
      all.map((s) => {
        f(s, fp);
        return `${fp.lo}:${fp.hi}`;
      }),
    );
    expect(sym.stats.states).toBe(orbits.size);
    expect(sym.stats.states).toBeLessThan(all.length);
    expect(all.length).toBe(explore(m).stats.states);
  });

  it('needs the default key', () => {
    const m = { ...ring(2, 1), key: (s: Ring) => canonical(s) };
    expect(() => explore(m, { symmetry: [['p0', 'p1']] })).toThrow(/default key/);
  });
});

describe('the debug check of a custom key', () => {
  it('catches a key that merges different states, with the states', () => {
    const m = { ...ring(3, 2), key: (s: Ring) => canonical(s.got) };
    const r = explore(m, { checkKey: 1 });
    expect(r.holds).toBe(false);
    expect(r.counterexample?.property).toBe('the key tells states apart');
  });

  it('passes a key that tells states apart as the structure does', () => {
    const m = { ...ring(3, 2), key: (s: Ring) => canonical(s) };
    const r = explore(m, { checkKey: 1 });
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(explore(ring(3, 2)).stats.states);
  });
});
