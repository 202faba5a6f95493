/**
 * Chapter 06's seeded bugs, each a minimal change to one rule of the correct
 * algorithm (the wrong abstraction function, the paper's allowed, is in
 * abstraction.ts beside the right one).
 *
 * @module
 */
import { nil } from '../../index';
import type { PaxosRules } from './paxos';
import { rules } from './paxos';
import { roundOf } from './state';

// #region shared-rounds
/** Mutant: the round number leaves out the leader, so leaders l1 and l2 both use (j, l1). */
export const sharedRounds: PaxosRules = {
  ...rules,
  roundOf: (c, j, _l) => roundOf(c, j, 0),
};
// #endregion shared-rounds

// #region any-allowed
/** Mutant: the leader ignores the reports and picks any value in allowed_l. */
export const anyAllowed: PaxosRules = {
  ...rules,
  pick: (_s, _n, _q, allowed) => [...allowed],
};
// #endregion any-allowed

// #region earliest
/** Mutant: the leader looks forward from the first round and takes the earliest value it sees. */
export const earliestValue: PaxosRules = {
  ...rules,
  pick: (s, n, q, allowed) => {
    for (let m = 0; m < n; m++)
      for (const i of q) {
        const st = s.s[i]![m]!;
        if (typeof st === 'number') return [st];
      }
    return [...allowed];
  },
};
// #endregion earliest

/** Mutant: a crash forgets the clock j as well, so a restarted leader reuses its round numbers. */
export const forgetfulClock: PaxosRules = {
  ...rules,
  crash: () => ({ j: 0, n: nil, u: nil, allowed: [] }),
};
