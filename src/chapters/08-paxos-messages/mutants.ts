/**
 * Chapter 08's seeded bugs, each a one-rule override of the correct
 * processes (DSLabs style).
 *
 * @module
 */
import { type Rules, rules } from './rules';

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
