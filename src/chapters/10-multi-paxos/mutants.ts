/**
 * Chapter 10's seeded bugs, each a one-rule override of the correct
 * processes, and the check that catches each.
 *
 * @module
 */
import { mutant } from '../chapter';
import { crashCheck, dupCheck, refinesCheck } from './checks';
import { compactMutants } from './compact';
import type { Rules } from './system';
import { commandStep, noteReport, rules } from './system';

// #region skip-query
/** Mutant: a new primary goes to work without querying. */
export const skipQuery: Rules = { ...rules, skipQuery: true };
// #endregion skip-query

// #region next-off-by-one
/** Mutant: the compact state encodes next one too low: answering query(n) promises only rounds below n - 1. */
export const nextOffByOne: Rules = { ...rules, promise: (n) => n - 1 };
// #endregion next-off-by-one

// #region wrong-instance
/** Mutant: an agent applies the outcome carried on instance p's command to instance p, not p - 1. */
export const wrongInstance: Rules = { ...rules, onCommand: commandStep((p) => p) };
// #endregion wrong-instance

// #region stale-query
/** Mutant: a leader primary again in a later round keeps the query result of its earlier round. */
export const staleQuery: Rules = { ...rules, staleQuery: true };
// #endregion stale-query

// #region reused-round
/** Mutant: a restarted leader does not poll the agents, so it starts again at its first round, which it has used. */
export const reusedRound: Rules = { ...rules, poll: false };
// #endregion reused-round

// #region counting
/** Mutant: the leader counts reports, not agents (of its query and of its commands), so a duplicate counts twice. */
export const countReports: Rules = {
  ...rules,
  isNew: () => true,
  noteReport: (seen, i, slots) => ({
    ...noteReport({ ...seen, heard: [] }, i, slots),
    heard: [...seen.heard, i],
  }),
};
// #endregion counting

/** Chapter 10's mutants, each run through the check that catches it. */
export const mutants = [
  ...compactMutants,
  mutant(refinesCheck, {
    name: 'skip the query',
    bug: 'A new primary commands without querying the agents first.',
    variant: skipQuery,
  }),
  mutant(refinesCheck, {
    name: 'next off by one',
    bug: 'Answering query(n), an agent sets next to n - 1, so it still accepts a command of the round below n.',
    variant: nextOffByOne,
  }),
  mutant(refinesCheck, {
    name: 'outcome to the wrong instance',
    bug: 'The outcome carried on the command of instance p is applied to instance p instead of p - 1.',
    variant: wrongInstance,
  }),
  mutant(crashCheck, {
    name: 'stale query result',
    bug: 'A leader that becomes primary again goes on at its instance with the query result of its earlier round.',
    variant: staleQuery,
  }),
  mutant(crashCheck, {
    name: 'round reused after restart',
    bug: 'A restarted leader does not poll the agents for next, so it starts again at its first round, which it has used.',
    variant: reusedRound,
  }),
  mutant(dupCheck, {
    name: 'counting reports',
    bug: 'The leader counts reports instead of distinct agents, of its query and of its commands, so a duplicated report counts twice.',
    variant: countReports,
  }),
] as const;
