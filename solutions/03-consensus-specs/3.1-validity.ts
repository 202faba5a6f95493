/**
 * Reference solution to exercise 3.1 (Validity over the history).
 */
import type { Seen } from '../../src/chapters/03-consensus-specs/properties';
import type { WithHistory } from '../../src/index';
import { invariant } from '../../src/index';

export const validity = invariant<WithHistory<unknown, Seen>>('Validity', (x) =>
  x.h.results.every((v) => x.h.allows.includes(v)),
);
