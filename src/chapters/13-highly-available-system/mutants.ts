/**
 * The highly available system's seeded bugs, each a one-rule change of
 * the correct rules, with the check that catches each.
 *
 * @module
 */
import { skipQuery as skipQueryRules } from '../10-multi-paxos/mutants';
import type { Mutant } from '../chapter';
import { mutant } from '../chapter';
import type { HaVariant } from './checks';
import { changeCheck, historiesCheck, retryCheck } from './checks';
import { rules } from './system';

// #region read-after-expiry
/** Mutant (a): a primary serves a read without looking at its clock: after its lease has expired. */
export const readAfterExpiry: HaVariant = { rules: { ...rules, leaseAtRead: false } };
// #endregion read-after-expiry

// #region no-epsilon-wait
/** Mutant (b): a new primary waits only until its clock passes the old lease's t, ignoring skew. */
export const noEpsilonWait: HaVariant = { rules: { ...rules, margin: () => 0 } };
// #endregion no-epsilon-wait

// #region skip-query
/** Mutant (c): a new primary skips the query (chapter 10's `skipQuery`), so it learns no lease and no entry. */
export const skipQuery: HaVariant = { rules: { ...rules, paxos: skipQueryRules } };
// #endregion skip-query

// #region no-dedup
/** Mutant (d): the service keeps no table of the clients' last calls, so a write sent again is applied again. */
export const noDedup: HaVariant = { rules: { ...rules, dedup: false } };
// #endregion no-dedup

// #region lease-without-consensus
/** Mutant (e): a primary takes its lease itself once its query is done, with no lease entry in the log. */
export const leaseWithoutConsensus: HaVariant = { rules: { ...rules, leaseByConsensus: false } };
// #endregion lease-without-consensus

// #region read-before-apply
/** Mutant (f): a primary serves a read before its copy has applied a write it acknowledged. */
export const readBeforeApply: HaVariant = { rules: { ...rules, readAfterApply: false } };
// #endregion read-before-apply

/** The chapter's mutants, each with the check that catches it. */
export const mutants: readonly Mutant[] = [
  mutant(changeCheck, {
    name: 'read after the lease expired',
    bug: 'A primary serves a read without checking its lease against its clock, so it reads on after a new primary has taken over.',
    variant: readAfterExpiry,
  }),
  mutant(changeCheck, {
    name: 'no ε wait',
    bug: 'A new primary waits only until its own clock passes the old lease’s t, not t + ε, so a clock ahead of the old primary’s lets it work while the old lease still holds.',
    variant: noEpsilonWait,
  }),
  mutant(changeCheck, {
    name: 'new primary skips the query',
    bug: 'A new primary goes to work without querying the agents (chapter 10’s mutant), so it neither learns the old lease nor the entries decided.',
    variant: skipQuery,
  }),
  mutant(retryCheck, {
    name: 'no duplicate detection',
    bug: 'The service keeps no table of each client’s last call and reply, so a write sent again after it was applied is commanded and applied twice.',
    variant: noDedup,
  }),
  mutant(changeCheck, {
    name: 'lease without consensus',
    bug: 'A primary takes its lease once its query is done, without deciding a lease entry, so the next primary finds no lease to wait for.',
    variant: leaseWithoutConsensus,
  }),
  mutant(changeCheck, {
    name: 'read before apply',
    bug: 'A primary serves a read from its copy while a write it has acknowledged is decided but not yet applied there.',
    variant: readBeforeApply,
  }),
  mutant(historiesCheck, {
    name: 'new primary skips the query, seen by a client',
    bug: 'The third mutant again, caught from the clients’ history alone: a read returns a value older than a write that returned before it was called.',
    variant: skipQuery,
  }),
];
