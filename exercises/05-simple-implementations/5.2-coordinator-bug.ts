/**
 * Exercise 5.2: find the bug in a coordinator. Check with
 * `npm run workbook -- exercise 5.2`.
 *
 * This coordinator was written to decide quickly: it chooses as soon as
 * some value has been allowed. One of its three rules is wrong. Run the
 * check, read the diagram that does not close, and fix the rules.
 */

import type { CoordinatorRules } from '../../src/chapters/05-simple-implementations/coordinator';
import { nil } from '../../src/index';

export const rules: CoordinatorRules = {
  // Choose once, as soon as anything has been allowed.
  mayChoose: (s, _v) => s.outcome === nil && s.allowed.length > 0,
  // A process answers with what it knows.
  answer: (s) => s.outcome,
  // Keep telling until it crashes.
  retransmit: true,
};
