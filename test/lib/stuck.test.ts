import { describe, expect, it } from 'vitest';
import { action, findStuck, machine, neverStuck, reachable, to, tracePath } from '../../src/index';
import { jugs } from './toys';

/** A counter to 3 that a fault can break: once broken, it never counts again. */
type Breakable = { readonly n: number; readonly broken: boolean };
const breakable = (withFault: boolean) =>
  machine<Breakable>({
    name: 'Breakable',
    init: [{ n: 0, broken: false }],
    actions: [
      action({
        name: 'Inc',
        external: false,
        guard: (s: Breakable) => !s.broken && s.n < 3,
        effect: (s) => to({ ...s, n: s.n + 1 }),
      }),
      ...(withFault
        ? [
            action({
              name: 'Break',
              external: false,
              fault: true,
              guard: (s: Breakable) => !s.broken,
              effect: (s: Breakable) => to({ ...s, broken: true }),
            }),
          ]
        : []),
    ],
  });
const three = reachable<Breakable>('n = 3', (s) => s.n === 3);

describe('findStuck and neverStuck', () => {
  it('finds nothing stuck when the goal stays reachable from every state', () => {
    const r = neverStuck(breakable(false), { goal: three });
    expect(r.holds).toBe(true);
    expect(r.check).toBe('stuck');
    expect(r.stats.states).toBe(4);
    // The Die Hard puzzle can always still be solved: empty both jugs and start again.
    expect(neverStuck(jugs, { goal: reachable('big = 4', (s) => s.big === 4) }).holds).toBe(true);
  });

  it('finds a shortest run to a stuck state, and confirms it without faults', () => {
    const r = findStuck(breakable(true), { goal: three });
    expect(r.holds).toBe(true);
    expect(tracePath(r.stuck!)).toEqual(['Break']);
    expect(r.confirmation!.unreached).toEqual(['n = 3']);
    const claim = neverStuck(breakable(true), { goal: three });
    expect(claim.holds).toBe(false);
    expect(claim.counterexample!.property).toBe('n = 3 stays possible');
  });

  it('counts only the states that `where` admits', () => {
    // Broken states with n = 1 are stuck; asking only about n = 2 finds Inc, Break.
    const r = findStuck(breakable(true), { goal: three, where: (s) => s.n === 2 });
    expect(tracePath(r.stuck!)).toEqual(['Inc', 'Inc', 'Break']);
  });

  it('fails to find a stuck state, rather than passing vacuously, when there is none', () => {
    const r = findStuck(breakable(false), { goal: three });
    expect(r.holds).toBe(false);
    expect(r.unreached).toEqual(['a stuck state']);
  });
});
