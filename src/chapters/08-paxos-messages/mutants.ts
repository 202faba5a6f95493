/**
 * Chapter 08's seeded bugs, each a one-rule override of the correct
 * processes (DSLabs style), and the check that catches each.
 *
 * @module
 */
import { mutant } from '../chapter';
import { channelCheck, refinesPaxosCheck, threeRoundsCheck } from './checks';
import type { Rules } from './rules';
import { rules } from './rules';

// #region own-value
/** Mutant: the leader commands a value of its own, whatever the reports say. */
export const ownValue: Rules = {
  ...rules,
  pick: (_reports, _n, allowed) => [...allowed],
};
// #endregion own-value

// #region no-promise
/** Mutant: the agent answers a query without giving up its earlier neutral rounds. */
export const noPromise: Rules = {
  ...rules,
  onQuery: (s) => [...s],
};
// #endregion no-promise

/** Mutant: the agent accepts a command unless it already has a Value there (so also over no). */
export const acceptOverNo: Rules = {
  ...rules,
  mayAccept: (st) => typeof st !== 'number',
};

// #region earliest
/** Mutant: the leader takes the earliest reported value, not the latest. */
export const earliestValue: Rules = {
  ...rules,
  pick: (reports, n, allowed) => {
    for (let m = 0; m < n; m++)
      for (const r of reports) {
        const st = r.s[m];
        if (typeof st === 'number') return [st];
      }
    return [...allowed];
  },
};
// #endregion earliest

// #region counting
/** Mutant: the leader counts reports, not agents, so a duplicate counts twice. */
export const countReports: Rules = {
  ...rules,
  isNew: () => true,
};
// #endregion counting

/** Mutant: one report of three is a "majority". */
export const quorumOfOne: Rules = {
  ...rules,
  enough: (count) => count >= 1,
};

/** Chapter 08's mutants, each run through the check that catches it. */
export const mutants = [
  mutant(refinesPaxosCheck, {
    name: 'own value',
    bug: 'The leader commands its own allowed value, ignoring the reports.',
    variant: ownValue,
  }),
  mutant(refinesPaxosCheck, {
    name: 'no promise',
    bug: 'An agent answers a query without setting its earlier neutral rounds to no.',
    variant: noPromise,
  }),
  mutant(channelCheck, {
    name: 'accept over no',
    bug: 'An agent accepts a command when its status in the round is no, not only when neutral.',
    variant: acceptOverNo,
  }),
  mutant(threeRoundsCheck, {
    name: 'earliest value',
    bug: 'The leader takes the earliest reported value instead of the latest.',
    variant: earliestValue,
  }),
  mutant(refinesPaxosCheck, {
    name: 'counting reports',
    bug: 'The leader counts reports instead of distinct agents, so a duplicated report counts twice.',
    variant: countReports,
  }),
  mutant(channelCheck, {
    name: 'quorum of one',
    bug: 'One report of three is taken for a majority.',
    variant: quorumOfOne,
  }),
] as const;
