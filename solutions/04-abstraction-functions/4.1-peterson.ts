/**
 * Reference solution to exercise 4.1 (Peterson's inductive invariant).
 */

import type { PetersonState } from '../../src/chapters/04-abstraction-functions/peterson';
import { petersonMutex } from '../../src/chapters/04-abstraction-functions/peterson';
import { invariant } from '../../src/index';

/** A flag is up exactly when its process has left idle. */
export const flagsTellWhere = invariant<PetersonState>('flag[i] = (pc[i] ≠ idle)', (s) =>
  ([0, 1] as const).every((i) => s.flag[i] === (s.pc[i] !== 'idle')),
);

/** If i is in cs while j waits, j gave the turn to i after i set its flag, so turn = i. */
export const turnFavoursTheOneInside = invariant<PetersonState>(
  'pc[i] = cs and pc[j] = wait imply turn = i',
  (s) =>
    ([0, 1] as const).every(
      (i) => !(s.pc[i] === 'cs' && s.pc[i === 0 ? 1 : 0] === 'wait') || s.turn === i,
    ),
);

export const invariants = [petersonMutex, flagsTellWhere, turnFavoursTheOneInside];
