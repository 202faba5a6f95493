/**
 * Exercise 5.1: the abstraction function of the majority implementation.
 * Check with `npm run workbook -- exercise 5.1`.
 *
 * §5.2: outcome = the choice of a majority, or nil if there is no
 * majority; done = everyone has gotten the outcome. allowed is done for
 * you: every value allowed at some process.
 */

import type { DState } from '../../src/chapters/03-consensus-specs/specs';
import type { MajorityState } from '../../src/chapters/05-simple-implementations/majority';
import { allAllowed } from '../../src/chapters/05-simple-implementations/majority';
import { nil } from '../../src/index';

export function f(y: MajorityState): DState {
  // TODO: outcome from each process's choice (y.processes[i].choice); done
  // from what each process knows (known(y.processes[i], i, 2) from the same
  // module tells you what process i knows).
  return { allowed: allAllowed(y), outcome: nil, done: false };
}
