/**
 * Chapter 07's seeded bugs, each a minimal change to one rule of the correct
 * algorithm of chapter 06.
 *
 * @module
 */
import type { PaxosRules } from '../06-paxos-state/paxos';
import { rules } from '../06-paxos-state/paxos';

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

/** Mutant: an agent accepts a command while its status is no, not only while neutral. */
export const acceptAfterNo: PaxosRules = {
  ...rules,
  mayAccept: (st) => typeof st !== 'number',
};

/** Mutant: one agent's report is enough for the leader to choose. */
export const oneReport: PaxosRules = {
  ...rules,
  quorums: (agents) => Array.from({ length: agents }, (_, i) => [i]),
};
