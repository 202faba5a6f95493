/**
 * Models for the parallel search's tests: a worker builds its machine from
 * a module, so these are exported functions of their constants.
 */
import type { BuiltModel, ValueSet } from '../../src/index';
import { action, invariant, machine, reachable, set, stepProperty, to } from '../../src/index';

/** Tokens passed among named processes; each process counts what it got. */
export interface Ring {
  readonly got: Readonly<Record<string, number>>;
  readonly sent: ValueSet<{ readonly to: string; readonly n: number }>;
}

/** `n` processes p0.., each sends at most `max` tokens to any other. */
export function ring(n: number, max: number) {
  const ps = Array.from({ length: n }, (_, i) => `p${i}`);
  const init: Ring = { got: Object.fromEntries(ps.map((p) => [p, 0])), sent: set() };
  return machine<Ring>({
    name: `ring(${n}, ${max})`,
    init: [init],
    actions: [
      action({
        name: 'Send',
        external: false,
        params: () =>
          ps.flatMap((from) => ps.filter((p) => p !== from).map((to) => [from, to] as const)),
        guard: (s: Ring, [from]) => s.got[from]! < max,
        effect: (s: Ring, [from, dest]) =>
          to({
            got: { ...s.got, [from]: s.got[from]! + 1 },
            sent: s.sent.with({ to: dest, n: s.got[from]! }),
          }),
      }),
    ],
  });
}

/** The ring with nothing to check: the counts alone. */
export function plain(args: { n: number; max: number }): BuiltModel<Ring> {
  return { machine: ring(args.n, args.max) };
}

/** The ring with a goal, a step property, and an invariant that fails deep down. */
export function failing(args: { n: number; max: number; limit: number }): BuiltModel<Ring> {
  return {
    machine: ring(args.n, args.max),
    options: {
      invariants: [invariant('fewer tokens than the limit', (s: Ring) => s.sent.size < args.limit)],
      stepProperties: [
        stepProperty('tokens never vanish', (a: Ring, _l, b: Ring) => b.sent.size >= a.sent.size),
      ],
      reachable: [reachable('p0 got two', (s: Ring) => s.got.p0 === 2)],
    },
  };
}

/** A step property that fails: no process may send its second token. */
export function badStep(args: { n: number; max: number }): BuiltModel<Ring> {
  return {
    machine: ring(args.n, args.max),
    options: {
      stepProperties: [
        stepProperty('one token each', (_a: Ring, _l, b: Ring) =>
          Object.values(b.got).every((g) => g < 2),
        ),
      ],
    },
  };
}
