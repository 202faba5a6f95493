/**
 * Exercise 3.1: Validity over the history. Check with `npm run workbook -- exercise 3.1`.
 *
 * Validity (§4.2) says that a non-nil result of Outcome is a value some
 * Allow allowed. C and T have no variable that remembers what was allowed,
 * so the chapter adds a history: x.h.results holds every non-nil value
 * Outcome has returned, and x.h.allows every value Allow was called with
 * (both sorted arrays without repeats). x.s is the spec's own state.
 */
import type { Seen } from '../../src/chapters/03-consensus-specs/properties';
import type { WithHistory } from '../../src/index';
import { invariant } from '../../src/index';

export const validity = invariant<WithHistory<unknown, Seen>>('Validity', (x) => {
  // TODO: true exactly when every value in x.h.results was allowed.
  void x;
  return true;
});
