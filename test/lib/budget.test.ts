/**
 * The budgets of the random checks: a failure whose shrinking would go on
 * for minutes stops at its budget, still fails, says so, and prints the
 * seed and path that replay the smallest failure found so far; an error
 * thrown inside a check (a step that cannot be replayed) is that check's
 * failure, not an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/index';
import {
  action,
  exists,
  forAll,
  invariant,
  machine,
  replay,
  simulate,
  to,
  tracePath,
} from '../../src/index';

/** Busy-wait for `us` microseconds: a model whose every state costs time to check. */
function spin(us: number): void {
  const end = performance.now() + us / 1000;
  while (performance.now() < end);
}

/**
 * A walk on 0, 1, 2, ...: Up, Down and Stay. Reaching 150 takes a long
 * run, and every run that does not fail takes all its 5,000 steps, each
 * slow to check: shrinking a failing run to the end takes minutes (we
 * measured: after 120 s and 18,352 shrink steps its run still had 297
 * steps).
 */
const Up = action({ name: 'Up', external: false, effect: (x: number) => to(x + 1) });
const drift = machine<number>({
  name: 'slow drift',
  init: [0],
  actions: [
    Up,
    action({
      name: 'Down',
      external: false,
      guard: (x: number) => x > 0,
      effect: (x) => to(x - 1),
    }),
    action({ name: 'Stay', external: false, effect: (x: number) => to(x) }),
  ],
});
const belowTop = invariant(
  'x < 150',
  (x: number) => {
    spin(15);
    return x < 150;
  },
  (x) => `x = ${x}`,
);
const upHeavy = (a: Action<number, any>) => (a === Up ? 3 : 1);
const slow = { invariants: [belowTop], runs: 50, steps: 5000, seed: 7, weight: upHeavy } as const;

describe('the shrink budget of simulate', () => {
  it('stops a long shrink at the default budget, fails, says so and prints the replay', () => {
    const t0 = performance.now();
    const r = simulate(drift, slow);
    const ms = performance.now() - t0;
    expect(r.holds).toBe(false);
    expect(r.counterexample?.property).toBe('x < 150');
    // The default budget is 3 s of shrinking: the check ends a few seconds later at most.
    expect(ms).toBeLessThan(10_000);
    expect(r.budget).toMatch(
      /^shrinking stopped at its budget of 3000 ms \(shrinkTimeLimit\) after \d+ shrink steps: this is the smallest failure found so far$/,
    );
    expect(r.shrinks).toBeGreaterThan(0);
    expect(r.replay).toBe(`--seed 7 --path ${r.path}`);
    // The replay arguments give back that very run, and do not shrink it further.
    const again = simulate(drift, { ...slow, path: r.path! });
    expect(again.holds).toBe(false);
    expect(again.shrinks).toBe(0);
    expect(again.budget).toBeUndefined();
    expect(tracePath(again.counterexample!.trace)).toEqual(tracePath(r.counterexample!.trace));
  }, 30_000);

  it('stops at a time budget given as an option', () => {
    const t0 = performance.now();
    const r = simulate(drift, { ...slow, shrinkTimeLimit: 300 });
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.holds).toBe(false);
    expect(r.budget).toMatch(/budget of 300 ms \(shrinkTimeLimit\)/);
  });

  it('stops at a number of shrink steps, the same run each time', () => {
    const opts = { ...slow, maxShrinks: 12 };
    const a = simulate(drift, opts);
    const b = simulate(drift, opts);
    expect(a.holds).toBe(false);
    expect(a.shrinks).toBe(12);
    expect(a.budget).toBe(
      'shrinking stopped at its budget of 12 shrink steps (maxShrinks): this is the smallest failure found so far',
    );
    expect(b.path).toBe(a.path);
    // With no shrinking at all, the first failing run is reported as found, and longer.
    const raw = simulate(drift, { ...slow, maxShrinks: 0 });
    expect(raw.shrinks).toBe(0);
    expect(raw.budget).toBe('not shrunk (maxShrinks is 0)');
    expect(raw.counterexample!.trace.steps.length).toBeGreaterThanOrEqual(
      a.counterexample!.trace.steps.length,
    );
  });

  it('shrinks to the end when the budget allows it', () => {
    const walk = machine<number>({
      name: 'walk',
      init: [0],
      actions: [action({ name: 'Up', external: false, effect: (x: number) => to(x + 1) })],
    });
    const r = simulate(walk, {
      invariants: [invariant('x < 8', (x: number) => x < 8)],
      runs: 20,
      steps: 200,
    });
    expect(tracePath(r.counterexample!.trace)).toEqual(Array(8).fill('Up'));
    expect(r.budget).toBeUndefined();
  });

  it('fails when the whole check runs out of time before its runs are made', () => {
    const passing = invariant('x is a number', (x: number) => {
      spin(15);
      return x >= 0;
    });
    const r = simulate(drift, { ...slow, invariants: [passing], timeLimit: 200 });
    expect(r.holds).toBe(false);
    expect(r.runs).toBeLessThan(50);
    expect(r.unreached).toEqual([
      `50 runs (the check's budget of 200 ms, timeLimit, ran out after ${r.runs})`,
    ]);
  });

  it('rejects a budget that is not a whole number, in one line', () => {
    expect(() => simulate(drift, { maxShrinks: -1 })).toThrow(
      'maxShrinks must be a whole number from 0 (or left out), got -1',
    );
    expect(() => simulate(drift, { shrinkTimeLimit: 0.5 })).toThrow(/^shrinkTimeLimit must be/);
  });
});

describe('errors inside simulate', () => {
  /** A counter whose step from 5 cannot be taken: its effect throws, as a failed replay does. */
  const brittle = machine<number>({
    name: 'brittle',
    init: [0],
    actions: [
      action({
        name: 'Up',
        external: false,
        effect: (x: number) => {
          if (x === 5) replay(brittle, ['Down']);
          return to(x + 1);
        },
      }),
      action({ name: 'Reset', external: false, effect: () => to(0) }),
    ],
  });

  it('a step that throws is the check failing with its message, shrunk like any failure', () => {
    const r = simulate(brittle, { runs: 50, steps: 100, seed: 3 });
    expect(r.holds).toBe(false);
    expect(r.counterexample?.property).toBe('the model runs without an error');
    expect(r.counterexample?.message).toMatch(
      /^replay: step 1 of brittle, Down, is not enabled; enabled are Up, Reset \(after 5 steps\)$/,
    );
    expect(tracePath(r.counterexample!.trace)).toEqual(Array(5).fill('Up'));
    expect(r.replay).toMatch(/^--seed 3 --path [\d:]+$/);
  });

  it('a replay path that leads nowhere is a failure, not an exception', () => {
    const r = simulate(brittle, { runs: 50, steps: 100, seed: 3, path: '0:99999:99999' });
    expect(r.holds).toBe(false);
    expect(r.counterexample?.property).toBe('the replay path leads to a run');
    expect(r.counterexample?.message).toMatch(/Unable to replay/);
  });
});

describe('the budgets of forAll and exists', () => {
  /** Long arrays whose sum is large: shrinking one to the smallest takes very many tries. */
  const big = fc.array(fc.nat({ max: 1000 }), { minLength: 200, maxLength: 2000, size: 'max' });
  const slowSmall = (xs: readonly number[]) => {
    spin(2000);
    return xs.reduce((a, b) => a + b, 0) < 5000;
  };

  it('stops a long shrink at its budget, fails, and the replay gives that value', () => {
    const t0 = performance.now();
    const r = forAll('the sum is below 5000', big, slowSmall, { seed: 2, shrinkTimeLimit: 500 });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(r.holds).toBe(false);
    expect(r.budget).toMatch(/^shrinking stopped at its budget of 500 ms \(shrinkTimeLimit\)/);
    expect(r.replay).toMatch(/^--seed 2 --path [\d:]+$/);
    const path = r.replay!.split('--path ')[1]!;
    const again = forAll('the sum is below 5000', big, slowSmall, { seed: 2, path });
    expect(again.example).toEqual(r.example);
    expect(again.budget).toBeUndefined();
  });

  it('a property that throws fails with what it threw', () => {
    const r = forAll('x < 100', fc.nat({ max: 1000 }), (x) => {
      if (x >= 100) throw new Error(`cannot replay ${x}\nsecond line`);
      return true;
    });
    expect(r.holds).toBe(false);
    expect(r.example).toBe(100);
    expect(r.counterexample?.message).toBe('cannot replay 100 (evaluating it on 100)');
  });

  it('a value on which the property throws is no witness', () => {
    const r = exists('some x > 500', fc.nat({ max: 1000 }), (x) => {
      if (x > 400) throw new Error('no such step');
      return x > 500;
    });
    expect(r.holds).toBe(false);
    expect(r.counterexample?.message).toBe('no such step (evaluating it on 401)');
  });

  it('a run that cannot be shown is a failure too', () => {
    const still = machine<number>({ name: 'empty', init: [0], actions: [] });
    const r = forAll('x < 100', fc.nat({ max: 1000 }), (x) => x < 100, {
      trace: () => replay(still, ['Go']),
    });
    expect(r.holds).toBe(false);
    expect(r.counterexample?.message).toBe(
      'replay: step 1 of empty, Go, is not enabled; enabled are none (showing the value 100)',
    );
    const w = exists('some x > 50', fc.nat({ max: 1000 }), (x) => x > 50, {
      trace: () => replay(still, ['Go']),
    });
    expect(w.holds).toBe(false);
    expect(w.counterexample?.message).toBe(
      'replay: step 1 of empty, Go, is not enabled; enabled are none (showing the value 51)',
    );
  });
});
