/**
 * Reference solution to exercise 5.1 (the majority's abstraction function).
 */

import type { DState, Value } from '../../src/chapters/03-consensus-specs/specs';
import type { MajorityState } from '../../src/chapters/05-simple-implementations/majority';
import { allAllowed, known } from '../../src/chapters/05-simple-implementations/majority';
import { nil } from '../../src/index';

const MAJORITY = 2; // of 3

export function f(y: MajorityState): DState {
  const votes = new Map<Value, number>();
  for (const p of y.processes)
    if (p.choice !== nil) votes.set(p.choice, (votes.get(p.choice) ?? 0) + 1);
  const winner = [...votes].find(([, n]) => n >= MAJORITY);
  return {
    allowed: allAllowed(y),
    outcome: winner ? winner[0] : nil,
    done: y.processes.every((p, i) => known(p, i, MAJORITY) !== nil),
  };
}
