import { describe, expect, it } from 'vitest';
import {
  explore,
  invariant,
  lastState,
  reachable,
  renderTrace,
  stable,
  stepProperty,
  tracePath,
} from '../../src/index';
import { grid, jugs, walk } from './toys';

describe('explore', () => {
  it('solves Die Hard: the big jug reaches 4 in a shortest run of 6 steps', () => {
    const r = explore(jugs, { reachable: [reachable('big jug holds 4', (s) => s.big === 4)] });
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats.states).toBe(16); // TLC's count for DieHard.tla
    const w = r.witnesses.get('big jug holds 4')!;
    expect(w.steps).toHaveLength(6);
    expect(lastState(w).big).toBe(4);
  });

  it('reports an invariant violation with a shortest trace that replays', () => {
    const r = explore(jugs, {
      invariants: [
        invariant(
          'big jug never holds 4',
          (s) => s.big !== 4,
          (s) => `big = ${s.big}`,
        ),
      ],
    });
    expect(r.holds).toBe(false);
    expect(r.counterexample?.property).toBe('big jug never holds 4');
    expect(r.counterexample?.message).toBe('big = 4');
    expect(r.counterexample?.trace.steps).toHaveLength(6);
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'FillBig',
      'BigToSmall',
      'EmptySmall',
      'BigToSmall',
      'FillBig',
      'BigToSmall',
    ]);
    const text = renderTrace(jugs, r.counterexample!.trace);
    expect(text).toContain('big := 4');
  });

  it('fails, rather than passing vacuously, when a goal is never reached', () => {
    const r = explore(jugs, { reachable: [reachable('big jug holds 6', (s) => s.big === 6)] });
    expect(r.holds).toBe(false);
    expect(r.unreached).toEqual(['big jug holds 6']);
    expect(r.counterexample).toBeUndefined();
  });

  it('gives the same counts on every run, and exact counts for a grid', () => {
    const a = explore(grid(3, 4));
    const b = explore(grid(3, 4));
    expect(a.stats.states).toBe(125);
    expect(a.stats.transitions).toBe(3 * 4 * 25); // each Inc(i) enabled while s[i] < 4
    expect(a.stats.depth).toBe(12);
    expect([b.stats.states, b.stats.transitions, b.stats.depth]).toEqual([
      a.stats.states,
      a.stats.transitions,
      a.stats.depth,
    ]);
  });

  it('respects maxDepth, maxStates and within, and says the search was cut', () => {
    expect(explore(grid(2, 9), { maxDepth: 3 }).stats.states).toBe(10); // sums 0..3
    const capped = explore(grid(2, 9), { maxStates: 20 });
    expect(capped.complete).toBe(false);
    expect(capped.stats.states).toBeGreaterThanOrEqual(20);
    const within = explore(grid(2, 9), { within: (s) => s[0]! + s[1]! < 5 });
    expect(within.stats.states).toBe(21); // sums 0..5, states at 5 not expanded
    expect(within.complete).toBe(true);
  });

  it('checks step properties on every step, stable predicates among them', () => {
    const up = explore(walk, {
      maxDepth: 4,
      stepProperties: [stable('x >= 2', (s) => s.x >= 2)],
    });
    expect(up.holds).toBe(false);
    expect(up.counterexample?.property).toBe('stable: x >= 2');
    expect(tracePath(up.counterexample!.trace)).toEqual(['Up', 'Up', 'Down']);
    const ok = explore(jugs, {
      stepProperties: [
        stepProperty('water is conserved or changed by 3 or 5', (a, l, b) => {
          const d = Math.abs(a.small + a.big - b.small - b.big);
          return l.action.endsWith('To' + (l.action.startsWith('Small') ? 'Big' : 'Small'))
            ? d === 0
            : d <= 5;
        }),
      ],
    });
    expect(ok.holds).toBe(true);
  });
});
