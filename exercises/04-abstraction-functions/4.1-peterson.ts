/**
 * Exercise 4.1: make Peterson's invariant inductive. Check with
 * `npm run workbook -- exercise 4.1`.
 *
 * Mutual exclusion is true of every reachable state of Peterson's
 * algorithm, but it is not inductive: some unreachable state satisfies it
 * and steps out of it. Add conjuncts (each true of every reachable state)
 * until the conjunction is inductive. The check prints the counterexample
 * to induction that each attempt leaves.
 */

import type { PetersonState } from '../../src/chapters/04-abstraction-functions/peterson';
import { petersonMutex } from '../../src/chapters/04-abstraction-functions/peterson';
import { invariant } from '../../src/index';

/** An example of how to write a conjunct (it is true, but it does not help). */
export const turnIsAProcess = invariant<PetersonState>(
  'turn is p1 or p2',
  (s) => s.turn === 0 || s.turn === 1,
);

// TODO: add conjuncts about s.flag, s.pc and s.turn.
export const invariants = [petersonMutex, turnIsAProcess];
