/**
 * Exercise 7.1: strengthen Invariant 2 until it is inductive. Check with
 * `npm run workbook -- exercise 7.1`.
 *
 * The check explores the reachable states (every conjunct must be true) and
 * then tries induction over the chapter's universe: every state that
 * satisfies all the conjuncts must step only to states that satisfy them.
 * Until then it prints a counterexample to induction: read it, ask what is
 * wrong with its first state, and add a conjunct that rules it out.
 *
 * Useful: s.s[i][n], s.command[n], s.leaders[l].j, .n and .u, and the
 * predicates imported below. Round n = (j, l) has been started when
 * Math.floor(n / config.leaders) + 1 <= s.leaders[n % config.leaders].j.
 */

import { invariantsOf } from '../../src/chapters/06-paxos-state/invariants';
import { anchored, anchoredFor, v_n } from '../../src/chapters/06-paxos-state/predicates';
import type { PaxosState } from '../../src/chapters/06-paxos-state/state';
import { config } from '../../src/chapters/07-paxos-invariants/config';
import type { Invariant } from '../../src/index';
import { invariant } from '../../src/index';

const { invariant2 } = invariantsOf(config);

export const strengthened: Invariant<PaxosState>[] = [
  invariant2,
  // TODO: add conjuncts. The paper's own, to start you off:
  // invariant<PaxosState>('every round with a value is anchored', (s) =>
  //   s.command.every((_, n) => v_n(s, n) === null || anchored(s, n))),
];

// The helpers above, for your conjuncts.
void [invariant, anchored, anchoredFor, v_n];
