/**
 * Reference solution to exercise 5.2: the coordinator may choose only a
 * value that has been allowed (D's Agree(v) needs v ∈ allowed: Validity).
 */

import { C, type CoordinatorCode } from '../../src/chapters/05-simple-implementations/coordinator';
import { nil } from '../../src/index';

export const code: CoordinatorCode = {
  mayChoose: (s, v) => s.up[C]! && s.outcome[C] === nil && s.allowed.includes(v),
  answer: (s, i) => s.outcome[i]!,
  retransmit: true,
};
