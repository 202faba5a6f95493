/**
 * Chapter 03's seeded bugs. Each overrides one row of a correct table (or
 * one rule of the prophecy) and leaves the rest as it was.
 *
 * @module
 */
import { type Action, choose, type Machine, machine, nil, returns, to } from '../../index';
import { type ProphecyRule, prophecy } from './prophecy';
import { type CState, type DState, specC, specD, specT, type Value } from './specs';

/**
 * A machine with one action replaced in part: DSLabs' one-method override.
 *
 * @param m - the correct machine
 * @param name - the action to change
 * @param change - the fields of that action to replace
 * @returns the mutant, named after what changed
 */
export function override<S>(
  m: Machine<S>,
  name: string,
  change: Partial<Action<S, any>>,
): Machine<S> {
  if (!m.actions.some((a) => a.name === name))
    throw new Error(
      `override: ${m.name} has no action ${name}; it has ${m.actions.map((a) => a.name).join(', ')}`,
    );
  return machine<S>({
    ...m,
    name: `${m.name} (${name} changed)`,
    init: m.init,
    actions: m.actions.map((a) => (a.name === name ? { ...a, ...change } : a)),
  });
}

// #region mutant-allow
/** C whose Allow drops `if outcome = nil`: it may overwrite a value already chosen. */
export const allowOverwrites = (values: readonly Value[]) =>
  override(specC(values), 'Allow', {
    effect: (s: CState, v: Value) => choose(to({ outcome: v }), to(s)),
  });
// #endregion mutant-allow

/** D whose Outcome returns a default value, the first of `values`, where it should return nil. */
export const outcomeDefault = (values: readonly Value[]) =>
  override(specD(values), 'Outcome', {
    effect: (s: DState) => choose(returns(s, s.outcome ?? values[0]), !s.done && returns(s, nil)),
  });

/** T whose Terminate has lost its guard `outcome ≠ nil`. */
export const terminateUnguarded = (values: readonly Value[]) =>
  override(specT(values), 'Terminate', { guard: () => true });

/** A prophecy that Agree ignores: Agree may choose any allowed value, as in plain D. */
export const prophecyIgnored: ProphecyRule = { ...prophecy, agree: () => true };

/** A prophecy that decides instead of predicting: the first value allowed is always the guess. */
export const prophecyDecides: ProphecyRule = {
  ...prophecy,
  guess: (s, v) => (s.p === nil ? [v] : [s.p]),
};
