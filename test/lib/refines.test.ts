import { describe, expect, it } from 'vitest';
import { action, machine, refines, renderRefinementFailure, to, tracePath } from '../../src/index';
import type { Counter, Two } from './toys';
import { counter, sum, twoCounters } from './toys';

describe('refines', () => {
  it('holds for a counter implemented by two counters, with f = a + b', () => {
    const r = refines(twoCounters(4), { spec: counter(4), abstraction: sum });
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats.states).toBe(15); // pairs (a, b) with a + b <= 4
  });

  it('catches an internal step that changes the abstract state, naming the step', () => {
    const r = refines(twoCounters(4, 'internal-inc'), { spec: counter(5), abstraction: sum });
    expect(r.holds).toBe(false);
    expect(r.failure?.obligation).toBe('step');
    expect(r.failure?.step?.label.action).toBe('Move');
    expect(r.failure?.fy).toEqual({ n: 2 });
    expect(r.failure?.fy2).toEqual({ n: 3 });
    // a shortest run to the failing step: two Incs, then the first Move, then the bad one
    expect(tracePath(r.counterexample!.trace)).toEqual(['Inc', 'Inc', 'Move', 'Move']);
    const text = renderRefinementFailure(twoCounters(4), counter(5), r);
    expect(text).toContain('Obligation 2 fails at the internal step Move');
    expect(text).toContain("f(y') = {n: 3}");
    expect(text).toContain('* Inc  ->  {n: 3}'); // X could do an external Inc, but Move is internal
  });

  it('catches an external step whose result the spec cannot return', () => {
    const r = refines(twoCounters(3, 'stale-read'), { spec: counter(3), abstraction: sum });
    expect(r.holds).toBe(false);
    expect(r.failure?.step?.label).toMatchObject({ action: 'Read', ret: 0 });
    expect(tracePath(r.counterexample!.trace)).toEqual(['Inc', 'Read -> 0']);
  });

  it('checks obligation 1: initial states map to initial states', () => {
    const shifted = machine<Two>({ ...twoCounters(2), name: 'Shifted', init: [{ a: 1, b: 0 }] });
    const r = refines(shifted, { spec: counter(3), abstraction: sum });
    expect(r.holds).toBe(false);
    expect(r.failure?.obligation).toBe('initial');
    expect(r.counterexample?.property).toContain('obligation 1');
  });

  it('finds matching sequences with internal spec steps, within the search depth', () => {
    // A spec that needs an internal Prepare before its external Inc.
    type P = { n: number; ready: boolean };
    const prepared = machine<P>({
      name: 'Prepared',
      init: [{ n: 0, ready: false }],
      actions: [
        action({
          name: 'Prepare',
          external: false,
          guard: (s: P) => !s.ready,
          effect: (s) => to({ ...s, ready: true }),
        }),
        action({
          name: 'Inc',
          external: true,
          guard: (s: P) => s.ready && s.n < 3,
          effect: (s) => to({ n: s.n + 1, ready: false }),
        }),
      ],
    });
    const incOnly = machine<Counter>({
      ...counter(3),
      actions: counter(3).actions.filter((a) => a.name === 'Inc'),
    });
    const ok = refines(incOnly, {
      spec: prepared,
      abstraction: (c: Counter) => ({ n: c.n, ready: false }),
    });
    expect(ok.holds).toBe(true);
    const tooShallow = refines(incOnly, {
      spec: prepared,
      abstraction: (c: Counter) => ({ n: c.n, ready: false }),
      internalDepth: 0,
    });
    expect(tooShallow.holds).toBe(false);
    expect(tooShallow.counterexample?.message).toContain('at most 0 before and after');
  });

  it('checks a witness, as in a written proof, and rejects a wrong one', () => {
    const good = refines(twoCounters(3), {
      spec: counter(3),
      abstraction: sum,
      witness: (_y, l) =>
        l.action === 'Inc' ? [{ action: 'Inc' }] : l.action === 'Move' ? [] : undefined,
    });
    expect(good.holds).toBe(true);
    const bad = refines(twoCounters(3), {
      spec: counter(3),
      abstraction: sum,
      witness: (_y, l) => (l.action === 'Move' ? [{ action: 'Inc' }] : undefined),
    });
    expect(bad.holds).toBe(false);
    expect(bad.failure?.step?.label.action).toBe('Move');
  });
});
