/**
 * Reference solution to exercise 5.1 (the majority's abstraction function).
 */

import type { DState, Value } from '../../src/chapters/03-consensus-specs/specs';
import {
  allAllowed,
  known,
  type MajState,
} from '../../src/chapters/05-simple-implementations/majority';
import { nil } from '../../src/index';

const MAJORITY = 2; // of 3

export function f(y: MajState): DState {
  const votes = new Map<Value, number>();
  for (const c of y.choice) if (c !== nil) votes.set(c, (votes.get(c) ?? 0) + 1);
  const winner = [...votes].find(([, n]) => n >= MAJORITY);
  return {
    allowed: allAllowed(y),
    outcome: winner ? winner[0] : nil,
    done: y.choice.every((_, i) => known(y, i, MAJORITY) !== nil),
  };
}
