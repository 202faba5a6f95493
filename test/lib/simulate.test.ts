import { describe, expect, it } from 'vitest';
import { invariant, reachable, simulate, tracePath } from '../../src/index';
import { counter, sum, twoCounters, walk } from './toys';

const below8 = invariant(
  'x < 8',
  (s: { x: number }) => s.x < 8,
  (s) => `x = ${s.x}`,
);

describe('simulate', () => {
  it('finds a deep violation and shrinks it to the shortest run', () => {
    const r = simulate(walk, { invariants: [below8], runs: 200, steps: 200, seed: 42 });
    expect(r.holds).toBe(false);
    expect(tracePath(r.counterexample!.trace)).toEqual(Array(8).fill('Up'));
    expect(r.replay).toMatch(/^--seed 42 --path [\d:]+$/);
  });

  it('replays the same failure from the printed seed and path', () => {
    const a = simulate(walk, { invariants: [below8], runs: 200, steps: 200, seed: 42 });
    const b = simulate(walk, {
      invariants: [below8],
      runs: 200,
      steps: 200,
      seed: 42,
      path: a.path!,
    });
    expect(tracePath(b.counterexample!.trace)).toEqual(tracePath(a.counterexample!.trace));
  });

  it('is deterministic for a seed', () => {
    const a = simulate(walk, { runs: 20, steps: 100, seed: 5 });
    const b = simulate(walk, { runs: 20, steps: 100, seed: 5 });
    expect(a.holds).toBe(true);
    expect(a.stats.states).toBe(b.stats.states);
    expect(a.stats.depth).toBe(b.stats.depth);
    // A sampled check counts its runs, and the steps it took as transitions.
    expect(a.stats.runs).toBe(20);
    expect(a.runs).toBe(20);
    expect(a.stats.transitions).toBe(b.stats.transitions);
    expect(a.stats.transitions).toBeGreaterThan(a.stats.depth);
    expect(a.stats.depth).toBeLessThanOrEqual(100);
    // Every state met is an x within the longest run of 0.
    expect(a.stats.states).toBeLessThanOrEqual(2 * a.stats.depth + 1);
  });

  it('checks the refinement on the way, and goals across runs', () => {
    const ok = simulate(twoCounters(6), {
      refinement: { spec: counter(6), abstraction: sum },
      reachable: [reachable('sum reaches 6', (s) => s.a + s.b === 6)],
      runs: 50,
      steps: 50,
    });
    expect(ok.holds).toBe(true);
    const bad = simulate(twoCounters(6, 'stale-read'), {
      refinement: { spec: counter(6), abstraction: sum },
      runs: 50,
      steps: 50,
    });
    expect(bad.holds).toBe(false);
    expect(bad.counterexample?.property).toContain('obligation 2');
    expect(bad.counterexample?.trace.steps.at(-1)?.label.action).toBe('Read');
  });

  it('fails when a goal is never met', () => {
    const r = simulate(walk, {
      reachable: [reachable('x = 1000', (s) => s.x === 1000)],
      runs: 5,
      steps: 20,
    });
    expect(r.holds).toBe(false);
    expect(r.unreached).toEqual(['x = 1000']);
  });
});
