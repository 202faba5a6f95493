/**
 * The properties of §4.2: Agreement and Validity, stated over a history
 * variable that records what the external actions returned, and T's promise
 * that once `done`, Outcome never returns nil.
 *
 * @module
 */
import type { History, Machine, WithHistory } from '../../index';
import { invariant, nil, reachable, show, stepProperty, withHistory } from '../../index';
import { config } from './config';
import type { Value } from './specs';
import { C, T, union } from './specs';

// #region consensus-history
/** What an observer of the external actions has seen so far. */
export interface Seen {
  /** Every non-nil value Outcome has returned (a sorted set). */
  readonly results: readonly Value[];
  /** Every value Allow has been called with (a sorted set). */
  readonly allows: readonly Value[];
}

/**
 * The history of consensus: it records Allow's parameter and Outcome's
 * non-nil results, for a step of C, T or D alike (they name these actions
 * the same).
 */
export const seen: History<Seen, unknown> = {
  init: { results: [], allows: [] },
  record: (h, { label }) => {
    if (C.Allow.is(label)) return { ...h, allows: union(h.allows, label.param) };
    if (C.Outcome.is(label) && label.ret !== nil)
      return { ...h, results: union(h.results, label.ret as Value) };
    return h;
  },
  key: (h) => `${h.results.join(',')}/${h.allows.join(',')}`,
  view: (h) => ({ results: new Set(h.results), allows: new Set(h.allows) }),
};
// #endregion consensus-history

/**
 * A consensus spec with the history {@link seen} added.
 *
 * @param m - C, T or D (or a mutant of one)
 * @returns the same machine, recording results and allows
 */
export function observed<S>(m: Machine<S>): Machine<WithHistory<S, Seen>> {
  return withHistory(m, seen);
}

const set = (xs: readonly Value[]) => show(new Set(xs));

// #region agreement-validity
/** Agreement: every non-nil result of Outcome is the same. */
export const agreement = invariant<WithHistory<unknown, Seen>>(
  'Agreement',
  (x) => x.h.results.length <= 1,
  (x) => `Outcome has returned ${x.h.results.join(' and ')}: two different values`,
);

/** Validity: every non-nil result of Outcome is a value some Allow allowed. */
export const validity = invariant<WithHistory<unknown, Seen>>(
  'Validity',
  (x) => x.h.results.every((v) => x.h.allows.includes(v)),
  (x) => `Outcome has returned ${set(x.h.results)}, but only ${set(x.h.allows)} has been allowed`,
);
// #endregion agreement-validity

// #region promise
/** T's promise: once done, no Outcome step returns nil. */
export const promise = stepProperty<WithHistory<{ readonly done: boolean }, Seen>>(
  'once done, Outcome never returns nil',
  (from, l) => !(from.s.done && T.Outcome.is(l) && l.ret === nil),
  () => 'done is true, yet Outcome returned nil',
);
// #endregion promise

/** Goals for C: without them Agreement would hold in a spec that never decides. */
export const goalsC = [
  reachable<WithHistory<unknown, Seen>>('Outcome returned a value', (x) => x.h.results.length > 0),
  reachable<WithHistory<unknown, Seen>>(
    'all three values allowed, one returned',
    (x) => x.h.allows.length === config.values.length && x.h.results.length > 0,
  ),
];

/** Goals for T and D: C's, and termination. */
export const goalsT = [
  ...goalsC,
  reachable<WithHistory<{ readonly done: boolean }, Seen>>('done', (x) => x.s.done),
];
