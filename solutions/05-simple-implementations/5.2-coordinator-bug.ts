/**
 * Reference solution to exercise 5.2: the coordinator may choose only a
 * value that has been allowed (D's Agree(v) needs v ∈ allowed: Validity).
 */

import type { CoordinatorRules } from '../../src/chapters/05-simple-implementations/coordinator';
import { nil } from '../../src/index';

export const rules: CoordinatorRules = {
  mayChoose: (s, v) => s.outcome === nil && s.allowed.includes(v),
  answer: (s) => s.outcome,
  retransmit: true,
};
