/**
 * Chapter 09's seeded bugs, each a one-rule override of the correct
 * election (DSLabs style), and one of chapter 08's Paxos bugs to show what
 * the election does not protect against.
 *
 * @module
 */
import { ownValue } from '../08-paxos-messages/mutants';
import { election, hearName } from './election';
import { correct, type TimedRules } from './system';

// #region leads-at-once
/** Mutant: a candidate leads as soon as it has broadcast, without waiting a round trip. */
export const leadsAtOnce: TimedRules = {
  ...correct,
  election: { ...election, wait: () => 0 },
};
// #endregion leads-at-once

/** Mutant: a candidate waits δ, one way, instead of a round trip. */
export const oneWayWait: TimedRules = {
  ...correct,
  election: { ...election, wait: (t) => t.delta },
};

// #region no-answer
/** Mutant: a potential leader does not answer a smaller name. */
export const noAnswer: TimedRules = {
  ...correct,
  election: {
    ...election,
    hear: (e, t, p, me, from, clock) => ({ ...hearName(e, t, p, me, from, clock), answer: false }),
  },
};
// #endregion no-answer

/** Mutant: a candidate or leader that hears a bigger name carries on (only a follower defers). */
export const noStepDown: TimedRules = {
  ...correct,
  election: {
    ...election,
    hear: (e, t, p, me, from, clock) =>
      p.role === 'follower' ? hearName(e, t, p, me, from, clock) : { state: p, answer: false },
  },
};

// #region shared-names
/** Mutant: every potential leader broadcasts the same name, so none hears a bigger one. */
export const sharedNames: TimedRules = {
  ...correct,
  election: { ...election, name: () => 1 },
};
// #endregion shared-names

// #region impatient
/** Mutant: a leader gives its round 3δ, not the 4δ a round needs to publish, before starting another. */
export const impatient: TimedRules = {
  ...correct,
  election: { ...election, patience: (t) => 3 * t.delta },
};
// #endregion impatient

/** Chapter 08's mutant: the leader commands its own value, whatever the reports say. */
export const ownValueElected: TimedRules = { ...correct, paxos: ownValue };
