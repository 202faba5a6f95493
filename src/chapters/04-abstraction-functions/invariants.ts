/**
 * Invariants of the token ring: the one the simulation needs, and the
 * stronger ones that make it provable by induction.
 *
 * @module
 */
import type { Invariant } from '../../index';
import { invariant } from '../../index';
import { procNames } from './mutex';
import type { Place, RingState } from './ring';

const names = (s: RingState) => procNames(s.p.length);
const holding = (x: Place | undefined) => x === 'token' || x === 'cs';
const both = (ps: readonly string[]) =>
  `${ps.join(' and ')} ${ps.length === 2 ? 'are both' : 'are all'}`;

/** How many tokens the ring has: held by processes, plus in flight. */
export const tokens = (s: RingState) => s.p.filter(holding).length + s.c.reduce((a, b) => a + b, 0);

// #region invariants
/** Mutual exclusion, what the simulation needs: at most one process is in cs, so f is defined. */
export const mutualExclusion = invariant<RingState>(
  'mutual exclusion',
  (s) => s.p.filter((x) => x === 'cs').length <= 1,
  (s) => `${both(names(s).filter((_, i) => s.p[i] === 'cs'))} in cs`,
);

/** One holder, stronger: at most one process has the token, in cs or not. */
export const oneHolder = invariant<RingState>(
  'one holder',
  (s) => s.p.filter(holding).length <= 1,
  (s) => `${both(names(s).filter((_, i) => holding(s.p[i])))} have a token`,
);

/** One token, stronger still: the ring holds exactly one token, counting those in flight. */
export const oneToken = invariant<RingState>(
  'one token',
  (s) => tokens(s) === 1,
  (s) => `the ring holds ${tokens(s)} tokens`,
);
// #endregion invariants

/** The three candidates, weakest first: each adds one conjunct. */
export const candidates: readonly (readonly Invariant<RingState>[])[] = [
  [mutualExclusion],
  [mutualExclusion, oneHolder],
  [mutualExclusion, oneHolder, oneToken],
];

const PLACES: readonly Place[] = ['idle', 'token', 'cs'];

// #region universe
/**
 * The bounded universe `inductive` looks at: every way to place n processes
 * (idle, token, cs) and 0 or 1 token in each channel, reachable or not.
 * Smallest states first (fewest tokens), so a counterexample is a small one.
 */
export function universe(n = 3): RingState[] {
  const out: RingState[] = [];
  const total = 3 ** n * 2 ** n;
  for (let k = 0; k < total; k++) {
    let x = k;
    const p: Place[] = [];
    const c: number[] = [];
    for (let i = 0; i < n; i++) {
      p.push(PLACES[x % 3]!);
      x = Math.floor(x / 3);
    }
    for (let i = 0; i < n; i++) {
      c.push(x % 2);
      x = Math.floor(x / 2);
    }
    out.push({ p, c });
  }
  return out.sort((a, b) => tokens(a) - tokens(b));
}
// #endregion universe
