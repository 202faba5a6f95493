/**
 * Reference solution to exercise 3.2 (the prophecy's rules).
 */
import type { ProphecyRules } from '../../src/chapters/03-consensus-specs/prophecy';
import { nil } from '../../src/index';

export const rule: ProphecyRules = {
  // At Allow(v), guess that Agree will choose v, or wait; a guess is never revised.
  guess: (s, v) => (s.p === nil ? [v, nil] : [s.p]),
  // Agree chooses the guess.
  agree: (s, v) => v === s.p,
};
