/**
 * Toy machines whose answers are known, for testing the checker itself.
 */
import { action, choose, invariant, machine, returns, to } from '../../src/index';

/** The Die Hard jugs: a 3-gallon and a 5-gallon jug; get exactly 4 gallons in the big one. */
export interface Jugs {
  readonly small: number;
  readonly big: number;
}
export const jugs = machine<Jugs>({
  name: 'DieHard',
  init: [{ small: 0, big: 0 }],
  actions: [
    action({ name: 'FillSmall', external: true, effect: (s: Jugs) => to({ ...s, small: 3 }) }),
    action({ name: 'FillBig', external: true, effect: (s: Jugs) => to({ ...s, big: 5 }) }),
    action({ name: 'EmptySmall', external: true, effect: (s: Jugs) => to({ ...s, small: 0 }) }),
    action({ name: 'EmptyBig', external: true, effect: (s: Jugs) => to({ ...s, big: 0 }) }),
    action({
      name: 'SmallToBig',
      external: true,
      effect: (s: Jugs) => {
        const pour = Math.min(s.small, 5 - s.big);
        return to({ small: s.small - pour, big: s.big + pour });
      },
    }),
    action({
      name: 'BigToSmall',
      external: true,
      effect: (s: Jugs) => {
        const pour = Math.min(s.big, 3 - s.small);
        return to({ small: s.small + pour, big: s.big - pour });
      },
    }),
  ],
});

/** A counter 0..max with an external Inc and an external Read. */
export interface Counter {
  readonly n: number;
}
export function counter(max: number) {
  return machine<Counter>({
    name: 'Counter',
    init: [{ n: 0 }],
    actions: [
      action({
        name: 'Inc',
        external: true,
        guard: (s: Counter) => s.n < max,
        effect: (s) => to({ n: s.n + 1 }),
      }),
      action({ name: 'Read', external: true, effect: (s: Counter) => returns(s, s.n) }),
    ],
  });
}

/** Two counters whose sum is the counter; an internal Move shifts one from a to b. */
export interface Two {
  readonly a: number;
  readonly b: number;
}
export function twoCounters(max: number, bug?: 'internal-inc' | 'stale-read') {
  return machine<Two>({
    name: bug ? `TwoCounters(${bug})` : 'TwoCounters',
    init: [{ a: 0, b: 0 }],
    actions: [
      action({
        name: 'Inc',
        external: true,
        guard: (s: Two) => s.a + s.b < max,
        effect: (s) => to({ ...s, a: s.a + 1 }),
      }),
      action({
        name: 'Move',
        external: false,
        guard: (s: Two) => s.a > 0,
        effect: (s) => to({ a: s.a - 1, b: s.b + (bug === 'internal-inc' && s.b === 1 ? 2 : 1) }),
      }),
      action({
        name: 'Read',
        external: true,
        effect: (s: Two) => returns(s, bug === 'stale-read' ? s.b : s.a + s.b),
      }),
    ],
  });
}
export const sum = (y: Two): Counter => ({ n: y.a + y.b });

/** x starts at 0 and goes up by 2 while below 10. "x != 7" holds on every reachable state but is not inductive. */
export const evens = machine<{ readonly x: number }>({
  name: 'Evens',
  init: [{ x: 0 }],
  actions: [
    action({
      name: 'Add2',
      external: false,
      guard: (s: { x: number }) => s.x < 10,
      effect: (s) => to({ x: s.x + 2 }),
    }),
  ],
});
export const notSeven = invariant(
  'x != 7',
  (s: { x: number }) => s.x !== 7,
  (s) => `x = ${s.x}`,
);
export const even = invariant(
  'x is even',
  (s: { x: number }) => s.x % 2 === 0,
  (s) => `x = ${s.x}`,
);

/** A walk on the integers that fails when it reaches 8: random runs must find and shrink it. */
export const walk = machine<{ readonly x: number }>({
  name: 'Walk',
  init: [{ x: 0 }],
  actions: [
    action({ name: 'Up', external: false, effect: (s: { x: number }) => to({ x: s.x + 1 }) }),
    action({ name: 'Down', external: false, effect: (s: { x: number }) => to({ x: s.x - 1 }) }),
    action({
      name: 'Jitter',
      external: false,
      fault: true,
      effect: (s: { x: number }) => choose(to(s), to({ x: s.x })),
    }),
  ],
});

/** A grid of k counters each 0..m: (m+1)^k states, for the benchmark and for counts. */
export function grid(k: number, m: number) {
  return machine<readonly number[]>({
    name: `Grid(${k}x${m})`,
    init: [Array(k).fill(0)],
    actions: [
      action({
        name: 'Inc',
        external: false,
        params: () => Array.from({ length: k }, (_, i) => i),
        guard: (s: readonly number[], i: number) => s[i]! < m,
        effect: (s, i) => to(s.map((v, j) => (j === i ? v + 1 : v))),
      }),
    ],
    key: (s) => s.join(','),
  });
}
