/**
 * Exercise 3.2: the prophecy's rules. Check with `npm run workbook -- exercise 3.2`.
 *
 * D with a prophecy adds p : Value ∪ {nil}, initially nil, to D's state.
 * Only two rows of D's table change:
 *   *Allow(v)  effect: D's, and p becomes one of guess(s, v)
 *   Agree(v)   guard:  D's, and agree(s, v)
 * Two checks must pass: D with p has exactly D's traces (the prophecy
 * constrains nothing), and f(d) = (outcome ?? p, done) is a forward
 * simulation from D with p to T.
 */
import type { ProphecyRules } from '../../src/chapters/03-consensus-specs/prophecy';

export const rule: ProphecyRules = {
  // TODO: the values p may take after Allow(v), from state s. This never guesses.
  guess: (s, _v) => [s.p],
  // TODO: may Agree choose v, given p? This ignores p.
  agree: (_s, _v) => true,
};
