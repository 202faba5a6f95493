/**
 * Chapter 03's seeded bugs. Each overrides one row of a correct table (or
 * one rule of the prophecy) and leaves the rest as it was.
 *
 * @module
 */
import { choose, nil, override, returns, to } from '../../index';
import type { ProphecyRules } from './prophecy';
import { rules } from './prophecy';
import type { CState, DState, Value } from './specs';
import { C, D, specC, specD, specT, T } from './specs';

// #region mutant-allow
/** C whose Allow drops `if outcome = nil`: it may overwrite a value already chosen. */
export const allowOverwrites = (values: readonly Value[]) =>
  override(specC(values), C.Allow, {
    effect: (s: CState, v: Value) => choose(to({ outcome: v }), to(s)),
  });
// #endregion mutant-allow

/** D whose Outcome returns a default value, the first of `values`, where it should return nil. */
export const outcomeDefault = (values: readonly Value[]) =>
  override(specD(values), D.Outcome, {
    effect: (s: DState) => choose(returns(s, s.outcome ?? values[0]), !s.done && returns(s, nil)),
  });

/** T whose Terminate has lost its guard `outcome ≠ nil`. */
export const terminateUnguarded = (values: readonly Value[]) =>
  override(specT(values), T.Terminate, { guard: () => true });

/** D whose Agree has lost `v ∈ allowed`: it may agree on a value nobody allowed. */
export const agreeOnAnything = (values: readonly Value[]) =>
  override(specD(values), D.Agree, { guard: (s: DState) => s.outcome === nil });

/** A prophecy that Agree ignores: Agree may choose any allowed value, as in plain D. */
export const prophecyIgnored: ProphecyRules = { ...rules, agree: () => true };

/** A prophecy that decides instead of predicting: the first value allowed is always the guess. */
export const prophecyDecides: ProphecyRules = {
  ...rules,
  guess: (s, v) => (s.p === nil ? [v] : [s.p]),
};
