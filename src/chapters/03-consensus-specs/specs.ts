/**
 * The consensus specs of §4.2, C, T and D, as machines whose actions are the
 * rows of the paper's tables. `*` (external) actions are marked
 * `external: true`; `choose ... or ...` is a list of outcomes.
 *
 * @module
 */
import type { Machine, Nil } from '../../index';
import { action, choose, machine, nil, returns, to } from '../../index';
import { demoConfig } from './config';

/** A value consensus may agree on. */
export type Value = number;

// #region spec-c
/** Spec C's state: `outcome : Value ∪ {nil}`, initially nil. */
export interface CState {
  readonly outcome: Value | Nil;
}

/** *Allow(v) as C and T have it: choose if outcome = nil then outcome := v, or skip. */
function allowChoosing<S extends CState>(values: readonly Value[]) {
  return action({
    name: 'Allow',
    external: true,
    params: () => values,
    effect: (s: S, v: Value) => choose(s.outcome === nil ? to({ ...s, outcome: v }) : to(s), to(s)),
  });
}

/**
 * Spec C's actions: consensus that chooses as soon as a value is allowed.
 *
 * | name       | guard | effect                                            |
 * |------------|-------|---------------------------------------------------|
 * | *Allow(v)  |       | choose if outcome = nil then outcome := v or skip |
 * | *Outcome   |       | choose return outcome or return nil               |
 *
 * @param values - the values Allow may offer
 * @returns the actions, by name
 */
export function cActions(values: readonly Value[]) {
  return {
    Allow: allowChoosing<CState>(values),
    Outcome: action({
      name: 'Outcome',
      external: true,
      effect: (s: CState) => choose(returns(s, s.outcome), returns(s, nil)),
    }),
  };
}

/**
 * Spec C as a machine.
 *
 * @param values - the values Allow may offer
 * @returns the machine
 */
export function specC(values: readonly Value[] = demoConfig.values): Machine<CState> {
  const { Allow, Outcome } = cActions(values);
  return machine<CState>({
    name: 'C',
    init: [{ outcome: nil }],
    actions: [Allow, Outcome],
    key: (s) => String(s.outcome),
  });
}
// #endregion spec-c

// #region spec-t
/** Spec T's state: C's, and `done : Bool`, initially false. */
export interface TState {
  readonly outcome: Value | Nil;
  readonly done: boolean;
}

/** The rows T and D share: Outcome may return nil only until done, which Terminate sets. */
function termination<S extends TState>() {
  return {
    Outcome: action({
      name: 'Outcome',
      external: true,
      effect: (s: S) => choose(returns(s, s.outcome), !s.done && returns(s, nil)),
    }),
    Done: action({ name: 'Done', external: true, effect: (s: S) => returns(s, s.done) }),
    Terminate: action({
      name: 'Terminate',
      external: false,
      guard: (s: S) => s.outcome !== nil,
      effect: (s) => to({ ...s, done: true }),
    }),
  };
}

/**
 * Spec T's actions: consensus with termination.
 *
 * | name       | guard         | effect                                                    |
 * |------------|---------------|-----------------------------------------------------------|
 * | *Allow(v)  |               | choose if outcome = nil then outcome := v or skip         |
 * | *Outcome   |               | choose return outcome or, if not done, return nil         |
 * | *Done      |               | return done                                               |
 * | Terminate  | outcome ≠ nil | done := true                                              |
 *
 * @param values - the values Allow may offer
 * @returns the actions, by name
 */
export function tActions(values: readonly Value[]) {
  return { Allow: allowChoosing<TState>(values), ...termination<TState>() };
}

/**
 * Spec T as a machine.
 *
 * @param values - the values Allow may offer
 * @returns the machine
 */
export function specT(values: readonly Value[] = demoConfig.values): Machine<TState> {
  const { Allow, Outcome, Done, Terminate } = tActions(values);
  return machine<TState>({
    name: 'T',
    init: [{ outcome: nil, done: false }],
    actions: [Allow, Outcome, Done, Terminate],
    key: (s) => `${s.outcome}|${s.done ? 1 : 0}`,
  });
}
// #endregion spec-t

// #region spec-d
/** Spec D's state: T's, and `allowed : set Value`, initially {} (kept sorted). */
export interface DState {
  readonly outcome: Value | Nil;
  readonly done: boolean;
  readonly allowed: readonly Value[];
}

/**
 * Spec D's actions: deferred consensus, which collects allowed values and
 * chooses one later. Outcome, Done and Terminate are T's.
 *
 * | name       | guard                          | effect                                            |
 * |------------|--------------------------------|---------------------------------------------------|
 * | *Allow(v)  |                                | allowed := allowed ∪ {v}                          |
 * | *Outcome   |                                | choose return outcome or, if not done, return nil |
 * | *Done      |                                | return done                                       |
 * | Agree(v)   | outcome = nil and v ∈ allowed  | outcome := v                                      |
 * | Terminate  | outcome ≠ nil                  | done := true                                      |
 *
 * @param values - the values Allow may offer
 * @returns the actions, by name
 */
export function dActions(values: readonly Value[]) {
  const { Outcome, Done, Terminate } = termination<DState>();
  return {
    Allow: action({
      name: 'Allow',
      external: true,
      params: () => values,
      effect: (s: DState, v: Value) => to({ ...s, allowed: union(s.allowed, v) }),
    }),
    Outcome,
    Done,
    Agree: action({
      name: 'Agree',
      external: false,
      params: () => values,
      guard: (s: DState, v: Value) => s.outcome === nil && s.allowed.includes(v),
      effect: (s, v) => to({ ...s, outcome: v }),
    }),
    Terminate,
  };
}

/**
 * Spec D as a machine.
 *
 * @param values - the values Allow may offer
 * @returns the machine
 */
export function specD(values: readonly Value[] = demoConfig.values): Machine<DState> {
  const { Allow, Outcome, Done, Agree, Terminate } = dActions(values);
  return machine<DState>({
    name: 'D',
    init: [{ outcome: nil, done: false, allowed: [] }],
    actions: [Allow, Outcome, Done, Agree, Terminate],
    key: (s) => `${s.outcome}|${s.done ? 1 : 0}|${s.allowed.join(',')}`,
    view: (s) => ({ outcome: s.outcome, done: s.done, allowed: new Set(s.allowed) }),
  });
}
// #endregion spec-d

/**
 * Each spec's actions, for asking which step a label is (`D.Agree.is(label)`
 * narrows the label's parameter to a Value) and for naming the action a
 * mutant overrides (`override(specT(values), T.Terminate, ...)`). An
 * action's `is` asks only its name, so these answer for a spec over any
 * values; and since T and D keep C's names for the interface, `C.Allow`
 * and `C.Outcome` answer for a step of any of the three.
 */
export const C = cActions(demoConfig.values);
/** See {@link C}. */
export const T = tActions(demoConfig.values);
/** See {@link C}. */
export const D = dActions(demoConfig.values);

/**
 * `set ∪ {v}` on a sorted array without duplicates.
 *
 * @param set - sorted values
 * @param v - a value
 * @returns the sorted union
 */
export function union(set: readonly Value[], v: Value): readonly Value[] {
  return set.includes(v) ? set : [...set, v].sort((a, b) => a - b);
}
