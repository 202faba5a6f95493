/**
 * Chapter 05's seeded bugs, each a minimal change to the correct rules or
 * constants, and run through the check that catches it.
 *
 * @module
 */
import { nil } from '../../index';
import type { Mutant } from '../chapter';
import { mutant } from '../chapter';
import { coordinatorRefinesD, coordinatorSurvivesLoss, majorityRefinesD } from './checks';
import { twoOfFourConfig } from './config';
import type { CoordinatorRules } from './coordinator';
import { C, coordinatorRules } from './coordinator';
import type { MajorityRules } from './majority';
import { majorityRules } from './majority';

// #region answer-before-choosing
/** Mutant coordinator: asked for the outcome before it has chosen, it answers with the value it will probably choose. */
export const answerBeforeChoosing: CoordinatorRules = {
  ...coordinatorRules,
  answer: (s, index) =>
    index === C && s.outcome === nil ? (s.allowed[0] ?? nil) : coordinatorRules.answer(s, index),
};
// #endregion answer-before-choosing

// #region changes-choice
/** Mutant process: on hearing another's choice it switches to it, to help a majority form. */
export const adoptHeardChoice: MajorityRules = {
  ...majorityRules,
  receive: (s, m) => ({ ...majorityRules.receive(s, m), choice: m.v }),
};
// #endregion changes-choice

/** Mutant coordinator: it tells each process once, when it chooses, and never again. */
export const noRetransmission: CoordinatorRules = { ...coordinatorRules, retransmit: false };

/** "Majorities" of 2 of 4, caught by the refinement to D. */
export const twoOfFour = mutant(majorityRefinesD, {
  name: 'majorities of 2 of 4',
  bug: 'Four processes, and any two form a "majority": two such sets need not intersect.',
  variant: { config: twoOfFourConfig },
});

/** The coordinator that answers before choosing, caught by the refinement to D. */
export const answersEarly = mutant(coordinatorRefinesD, {
  name: 'answer before choosing',
  bug: 'Asked before it has chosen, the coordinator answers with the value it will probably choose.',
  variant: answerBeforeChoosing,
});

/** The process that changes its choice, caught by the refinement to D. */
export const changesChoice = mutant(majorityRefinesD, {
  name: 'changes its choice',
  bug: 'A process that hears another’s choice switches to it, to help a majority form.',
  variant: { rules: adoptHeardChoice },
});

/** The coordinator that never retransmits, caught by the liveness check. */
export const neverRetransmits = mutant(coordinatorSurvivesLoss, {
  name: 'no retransmission',
  bug: 'The coordinator tells each process once, when it chooses, and never again.',
  variant: noRetransmission,
});

/** Chapter 05's mutants, in the order the report prints them. */
export const mutants: readonly Mutant[] = [
  twoOfFour,
  answersEarly,
  changesChoice,
  neverRetransmits,
];
