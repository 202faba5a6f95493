/**
 * The consensus specs of §4.2, C, T and D, as machines whose actions are the
 * rows of the paper's tables. `*` (external) actions are marked
 * `external: true`; `choose ... or ...` is a list of outcomes.
 *
 * @module
 */
import { action, choose, type Machine, machine, type Nil, nil, returns, to } from '../../index';

/** A value consensus may agree on. */
export type Value = number;

/**
 * The default values, as in the paper's example of §6.4, which allows 7, 8
 * and 9. Demos use them; checks pass their own small set (chapter 03 uses
 * {1, 2, 3}).
 */
export const VALUES: readonly Value[] = [7, 8, 9];

// #region spec-c
/** Spec C's state: `outcome : Value ∪ {nil}`, initially nil. */
export interface CState {
  readonly outcome: Value | Nil;
}

/**
 * Spec C: consensus that chooses as soon as a value is allowed.
 *
 * | name       | guard | effect                                            |
 * |------------|-------|---------------------------------------------------|
 * | *Allow(v)  |       | choose if outcome = nil then outcome := v or skip |
 * | *Outcome   |       | choose return outcome or return nil               |
 */
export function specC(values: readonly Value[] = VALUES): Machine<CState> {
  return machine<CState>({
    name: 'C',
    init: [{ outcome: nil }],
    actions: [
      action({
        name: 'Allow',
        external: true,
        params: () => values,
        effect: (s: CState, v: Value) =>
          choose(s.outcome === nil ? to({ outcome: v }) : to(s), to(s)),
      }),
      action({
        name: 'Outcome',
        external: true,
        effect: (s: CState) => choose(returns(s, s.outcome), returns(s, nil)),
      }),
    ],
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

/**
 * Spec T: consensus with termination.
 *
 * | name       | guard         | effect                                                    |
 * |------------|---------------|-----------------------------------------------------------|
 * | *Allow(v)  |               | choose if outcome = nil then outcome := v or skip         |
 * | *Outcome   |               | choose return outcome or, if not done, return nil         |
 * | *Done      |               | return done                                               |
 * | Terminate  | outcome ≠ nil | done := true                                              |
 */
export function specT(values: readonly Value[] = VALUES): Machine<TState> {
  return machine<TState>({
    name: 'T',
    init: [{ outcome: nil, done: false }],
    actions: [
      action({
        name: 'Allow',
        external: true,
        params: () => values,
        effect: (s: TState, v: Value) =>
          choose(s.outcome === nil ? to({ ...s, outcome: v }) : to(s), to(s)),
      }),
      action({
        name: 'Outcome',
        external: true,
        effect: (s: TState) => choose(returns(s, s.outcome), !s.done && returns(s, nil)),
      }),
      action({ name: 'Done', external: true, effect: (s: TState) => returns(s, s.done) }),
      action({
        name: 'Terminate',
        external: false,
        guard: (s: TState) => s.outcome !== nil,
        effect: (s) => to({ ...s, done: true }),
      }),
    ],
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
 * Spec D: deferred consensus, which collects allowed values and chooses one later.
 *
 * | name       | guard                          | effect                                            |
 * |------------|--------------------------------|---------------------------------------------------|
 * | *Allow(v)  |                                | allowed := allowed ∪ {v}                          |
 * | *Outcome   |                                | choose return outcome or, if not done, return nil |
 * | *Done      |                                | return done                                       |
 * | Agree(v)   | outcome = nil and v ∈ allowed  | outcome := v                                      |
 * | Terminate  | outcome ≠ nil                  | done := true                                      |
 */
export function specD(values: readonly Value[] = VALUES): Machine<DState> {
  return machine<DState>({
    name: 'D',
    init: [{ outcome: nil, done: false, allowed: [] }],
    actions: [
      action({
        name: 'Allow',
        external: true,
        params: () => values,
        effect: (s: DState, v: Value) => to({ ...s, allowed: union(s.allowed, v) }),
      }),
      action({
        name: 'Outcome',
        external: true,
        effect: (s: DState) => choose(returns(s, s.outcome), !s.done && returns(s, nil)),
      }),
      action({ name: 'Done', external: true, effect: (s: DState) => returns(s, s.done) }),
      action({
        name: 'Agree',
        external: false,
        params: () => values,
        guard: (s: DState, v: Value) => s.outcome === nil && s.allowed.includes(v),
        effect: (s, v) => to({ ...s, outcome: v }),
      }),
      action({
        name: 'Terminate',
        external: false,
        guard: (s: DState) => s.outcome !== nil,
        effect: (s) => to({ ...s, done: true }),
      }),
    ],
    key: (s) => `${s.outcome}|${s.done ? 1 : 0}|${s.allowed.join(',')}`,
    view: (s) => ({ outcome: s.outcome, done: s.done, allowed: new Set(s.allowed) }),
  });
}
// #endregion spec-d

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
