/**
 * Chapter 05's seeded bugs, each a minimal change to the correct code.
 *
 * @module
 */
import { nil } from '../../index';
import { C, type CoordinatorCode, coordinatorCode } from './coordinator';
import { type MajConfig, type MajorityCode, majConfig, majorityCode } from './majority';
import { put } from './processes';

// #region two-of-four
/** Mutant constants: four processes, and "majorities" of two, which need not intersect. */
export const twoOfFour: MajConfig = { ...majConfig, n: 4, quorum: 2, crashes: 0 };
// #endregion two-of-four

// #region answer-before-choosing
/** Mutant coordinator: asked for the outcome before it has chosen, it answers with the value it will probably choose. */
export const answerBeforeChoosing: CoordinatorCode = {
  ...coordinatorCode,
  answer: (s, i) =>
    i === C && s.outcome[C] === nil ? (s.allowed[0] ?? nil) : coordinatorCode.answer(s, i),
};
// #endregion answer-before-choosing

// #region changes-choice
/** Mutant process: on hearing another's choice it switches to it, to help a majority form. */
export const adoptHeardChoice: MajorityCode = {
  ...majorityCode,
  receive: (s, i, m) => ({ ...majorityCode.receive(s, i, m), choice: put(s.choice, i, m.v) }),
};
// #endregion changes-choice

/** Mutant coordinator: it tells each process once, when it chooses, and never again. */
export const noRetransmission: CoordinatorCode = { ...coordinatorCode, retransmit: false };
