/**
 * Reference solution to exercise 7.1 (strengthen Invariant 2 until it is inductive).
 */

import { invariantsOf } from '../../src/chapters/06-paxos-state/invariants';
import { anchored, anchoredFor, v_n } from '../../src/chapters/06-paxos-state/predicates';
import type { PaxosState } from '../../src/chapters/06-paxos-state/state';
import { config } from '../../src/chapters/07-paxos-invariants/config';
import { invariant } from '../../src/index';

const { invariant1, invariant2 } = invariantsOf(config);
const rounds = (s: PaxosState) => s.command.map((_, n) => n);
const started = (s: PaxosState, n: number) =>
  Math.floor(n / config.leaders) + 1 <= s.leaders[n % config.leaders]!.j;

export const strengthened = [
  invariant1,
  invariant2,
  invariant<PaxosState>('every round with a value is anchored', (s) =>
    rounds(s).every((n) => v_n(s, n) === null || anchored(s, n)),
  ),
  invariant<PaxosState>('every v_n is its round’s command', (s) =>
    rounds(s).every((n) => v_n(s, n) === null || v_n(s, n) === s.command[n]),
  ),
  invariant<PaxosState>('every command keeps its round anchored', (s) =>
    rounds(s).every((n) => s.command[n] === null || anchoredFor(s, n, s.command[n]!)),
  ),
  invariant<PaxosState>('a leader that has not chosen has sent no command in n_l', (s) =>
    s.leaders.every((l) => l.n === null || l.u !== null || s.command[l.n] === null),
  ),
  invariant<PaxosState>('no command in a round its leader has not started', (s) =>
    rounds(s).every((n) => s.command[n] === null || started(s, n)),
  ),
];
