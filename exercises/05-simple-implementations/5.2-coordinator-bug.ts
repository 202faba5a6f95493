/**
 * Exercise 5.2: find the bug in a coordinator. Check with
 * `npm run workbook -- exercise 5.2`.
 *
 * This coordinator was written to decide quickly: it chooses as soon as
 * some value has been allowed. One of its three parts is wrong. Run the
 * check, read the diagram that does not close, and fix the code.
 */

import { C, type CoordinatorCode } from '../../src/chapters/05-simple-implementations/coordinator';
import { nil } from '../../src/index';

export const code: CoordinatorCode = {
  // Choose once, while up, as soon as anything has been allowed.
  mayChoose: (s, _v) => s.up[C]! && s.outcome[C] === nil && s.allowed.length > 0,
  // A process answers with what it knows.
  answer: (s, i) => s.outcome[i]!,
  // Keep telling until it crashes.
  retransmit: true,
};
