/**
 * Chapter 07's seeded bugs, each a minimal change to one rule of the correct
 * algorithm of chapter 06 (the leader that takes the earliest value is
 * chapter 06's, `earliestValue`).
 *
 * @module
 */
import type { PaxosRules } from '../06-paxos-state/paxos';
import { rules } from '../06-paxos-state/paxos';

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
