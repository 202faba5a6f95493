/**
 * Chapter 04's seeded bugs: a wrong abstraction function, three wrong
 * rules of the ring, and a wrong invariant. Each is a minimal change to the
 * correct code.
 *
 * @module
 */
import { invariant, nil } from '../../index';
import type { MutexState } from './mutex';
import { procNames } from './mutex';
import type { RingRules, RingState } from './ring';
import { rules, set } from './ring';

// #region token-is-the-lock
/** Mutant abstraction: whoever has the token holds the lock, in cs or not. */
export function tokenIsTheLock(y: RingState): MutexState {
  const i = y.p.findIndex((x) => x === 'token' || x === 'cs');
  return { holder: i < 0 ? nil : procNames(y.p.length)[i]! };
}
// #endregion token-is-the-lock

// #region enter-on-receipt
/** Mutant ring: a process that receives the token goes straight into its critical section. */
export const enterOnReceipt: RingRules = {
  ...rules,
  Receive: {
    ...rules.Receive,
    effect: (s, i) => ({ ...rules.Receive.effect(s, i), p: set(s.p, i, 'cs') }),
  },
};
// #endregion enter-on-receipt

/** Mutant ring: Release has no guard, so a process that is not in cs can release the lock. */
export const releaseWithoutLock: RingRules = {
  ...rules,
  Release: { ...rules.Release, guard: () => true },
};

/** Mutant ring: a process may pass the token on while it is still in its critical section. */
export const passFromCs: RingRules = {
  ...rules,
  Pass: {
    guard: (s, i) => s.p[i] !== 'idle',
    effect: (s, i) => ({
      p: s.p[i] === 'cs' ? s.p : set(s.p, i, 'idle'),
      c: set(s.c, i, s.c[i]! + 1),
    }),
  },
};

/** Mutant invariant: "one token" that forgets the tokens in flight. */
export const oneTokenHeld = invariant<RingState>(
  'one token held',
  (s) => s.p.filter((x) => x !== 'idle').length === 1,
  (s) => `${s.p.filter((x) => x !== 'idle').length} processes have a token`,
);
