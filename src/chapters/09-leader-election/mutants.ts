/**
 * Chapter 09's seeded bugs, each a one-rule override of the correct
 * election (DSLabs style), and two of chapter 08's Paxos bugs to show what
 * the election does not protect against; and the check that catches each.
 *
 * @module
 */
import { earliestValue, ownValue } from '../08-paxos-messages/mutants';
import { mutant } from '../chapter';
import { lateCheck, runsCheck, timelyCheck } from './checks';
import { election, hearName } from './election';
import type { TimedRules } from './system';
import { rules } from './system';

// #region leads-at-once
/** Mutant: a candidate leads as soon as it has broadcast, without waiting a round trip. */
export const leadsAtOnce: TimedRules = {
  ...rules,
  election: { ...election, wait: () => 0 },
};
// #endregion leads-at-once

/** Mutant: a candidate waits δ, one way, instead of a round trip. */
export const oneWayWait: TimedRules = {
  ...rules,
  election: { ...election, wait: (t) => t.delta },
};

// #region no-answer
/** Mutant: a potential leader does not answer a smaller name. */
export const noAnswer: TimedRules = {
  ...rules,
  election: {
    ...election,
    hear: (e, t, p, me, from, clock) => ({ ...hearName(e, t, p, me, from, clock), answer: false }),
  },
};
// #endregion no-answer

/** Mutant: a candidate or leader that hears a bigger name carries on (only a follower defers). */
export const noStepDown: TimedRules = {
  ...rules,
  election: {
    ...election,
    hear: (e, t, p, me, from, clock) =>
      p.role === 'follower' ? hearName(e, t, p, me, from, clock) : { state: p, answer: false },
  },
};

// #region shared-names
/** Mutant: every potential leader broadcasts the same name, so none hears a bigger one. */
export const sharedNames: TimedRules = {
  ...rules,
  election: { ...election, name: () => 1 },
};
// #endregion shared-names

// #region impatient
/** Mutant: a leader gives its round 3δ, not the 4δ a round needs to publish, before starting another. */
export const impatient: TimedRules = {
  ...rules,
  election: { ...election, patience: (t) => 3 * t.delta },
};
// #endregion impatient

/** Chapter 08's mutant: the leader commands its own value, whatever the reports say. */
export const ownValueElected: TimedRules = { ...rules, paxos: ownValue };

// #region earliest-value
/** Chapter 08's mutant: the leader takes the earliest value the reports hold, not the latest. */
export const earliestValueElected: TimedRules = { ...rules, paxos: earliestValue };
// #endregion earliest-value

/** Chapter 09's mutants, each run through the check that catches it. */
export const mutants = [
  mutant(timelyCheck, {
    name: 'leads at once',
    bug: 'A candidate leads as soon as it has broadcast its name, without waiting a round trip.',
    variant: leadsAtOnce,
  }),
  mutant(timelyCheck, {
    name: 'one-way wait',
    bug: 'A candidate waits δ after its broadcast instead of 2δ.',
    variant: oneWayWait,
  }),
  mutant(timelyCheck, {
    name: 'no answer',
    bug: 'A potential leader does not answer a smaller name.',
    variant: noAnswer,
  }),
  mutant(timelyCheck, {
    name: 'no stepping down',
    bug: 'A candidate or leader that hears a bigger name carries on.',
    variant: noStepDown,
  }),
  mutant(timelyCheck, {
    name: 'impatient leader',
    bug: 'A leader gives its round 3δ, not 4δ, before it starts another.',
    variant: impatient,
  }),
  mutant(runsCheck, {
    name: 'shared names',
    bug: 'Every potential leader broadcasts the same name.',
    variant: sharedNames,
  }),
  mutant(lateCheck, {
    name: 'own value (chapter 08)',
    bug: 'A leader commands its own value, whatever the reports say.',
    variant: ownValueElected,
  }),
  mutant(lateCheck, {
    name: 'earliest value (chapter 08)',
    bug: 'A leader takes the value of the earliest round its reports name, not the latest.',
    variant: earliestValueElected,
  }),
] as const;
