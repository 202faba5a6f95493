/**
 * Invariants 1 and 2 of §6.2, and the goals that keep their checks from
 * passing vacuously.
 *
 * @module
 */
import { invariant, reachable } from '../../index';
import { dead, successful, successfulRounds, v_n } from './predicates';
import type { PaxosConfig, PaxosState, Round } from './state';
import { agentName, roundCount, roundName } from './state';

/** The rounds of a state. */
const roundsOf = (s: PaxosState): Round[] => s.command.map((_, n) => n);

/** Two agents with different Values in round n, if any. */
function twoValues(s: PaxosState, n: Round): [number, number] | undefined {
  let first = -1;
  for (let i = 0; i < s.s.length; i++) {
    const st = s.s[i]![n];
    if (typeof st !== 'number') continue;
    if (first < 0) first = i;
    else if (s.s[first]![n] !== st) return [first, i];
  }
  return undefined;
}

/**
 * The invariants of §6.2 for a configuration (the configuration names the
 * rounds in explanations).
 *
 * @param c - the configuration
 * @returns Invariant 1 and Invariant 2
 */
export function invariantsOf(c: PaxosConfig) {
  // #region invariants
  /** Invariant 1: a round has at most one value. */
  const invariant1 = invariant<PaxosState>(
    'Invariant 1: a round has at most one value',
    (s) => roundsOf(s).every((n) => !twoValues(s, n)),
    (s) => {
      const n = roundsOf(s).find((m) => twoValues(s, m))!;
      const [i, k] = twoValues(s, n)!;
      return `in round ${roundName(c, n)}, s[${agentName(i)}] = ${s.s[i]![n]} but s[${agentName(k)}] = ${s.s[k]![n]}`;
    },
  );

  /** Invariant 2: any two successful rounds have the same value. */
  const invariant2 = invariant<PaxosState>(
    'Invariant 2: any two successful rounds have the same value',
    (s) => new Set(successfulRounds(s).map((n) => v_n(s, n))).size <= 1,
    (s) =>
      `successful rounds with different values: ${successfulRounds(s)
        .map((n) => `${roundName(c, n)} has ${v_n(s, n)}`)
        .join(', ')}`,
  );
  // #endregion invariants
  return { invariant1, invariant2 };
}

/**
 * Goals some reachable state must meet, so that the checks cannot pass
 * because nothing happens. With three rounds or more, one more: a round
 * has a value and two earlier rounds have different ones, the situation in
 * which it matters which earlier round the leader's rule takes.
 *
 * @param c - the configuration (how many rounds it has)
 * @returns the goals
 */
export function goalsOf(c: PaxosConfig) {
  const chose = reachable<PaxosState>(
    'a round has a value after two earlier rounds with different values',
    (s) =>
      roundsOf(s).some(
        (n) =>
          v_n(s, n) !== null &&
          roundsOf(s).some(
            (m2) =>
              m2 < n &&
              v_n(s, m2) !== null &&
              roundsOf(s).some((m1) => m1 < m2 && v_n(s, m1) !== null && v_n(s, m1) !== v_n(s, m2)),
          ),
      ),
  );
  return [
    reachable<PaxosState>('a round is successful', (s) => successfulRounds(s).length > 0),
    reachable<PaxosState>('two rounds are successful', (s) => successfulRounds(s).length >= 2),
    reachable<PaxosState>('a dead round has a value, and a later round has another', (s) =>
      roundsOf(s).some(
        (m) =>
          dead(s, m) &&
          v_n(s, m) !== null &&
          roundsOf(s).some((n) => n > m && v_n(s, n) !== null && v_n(s, n) !== v_n(s, m)),
      ),
    ),
    reachable<PaxosState>('the outcome is published', (s) => s.done),
    reachable<PaxosState>('a successful round is not the first one', (s) =>
      roundsOf(s).some((n) => n > 0 && successful(s, n)),
    ),
    ...(roundCount(c) >= 3 ? [chose] : []),
  ];
}
