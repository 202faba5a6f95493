/**
 * D with a prophecy variable (§5.1): `p`, the value that Agree will choose,
 * guessed when that value is allowed. With it, a plain abstraction function
 * from D to T works: T's `outcome` is D's `outcome`, or the prophecy.
 *
 * @module
 */
import type { Action, Machine, Nil, Outcome } from '../../index';
import { action, invariant, machine, nil } from '../../index';
import { demoConfig } from './config';
import type { DState, TState, Value } from './specs';
import { dActions, specD } from './specs';

/** D's state with the prophecy `p : Value ∪ {nil}`, initially nil. */
export interface DPState extends DState {
  /** The value Agree will choose, once guessed; nil until then. */
  readonly p: Value | Nil;
}

// #region prophecy-rules
/** How the prophecy is guessed, and how it binds Agree. */
export interface ProphecyRules {
  /** The values p may take after Allow(v), in state s (before the step). */
  readonly guess: (s: DPState, v: Value) => readonly (Value | Nil)[];
  /** Agree(v)'s extra guard: may Agree choose v, given the prophecy? */
  readonly agree: (s: DPState, v: Value) => boolean;
}

/**
 * The prophecy: when v is allowed and nothing is guessed yet, guess that
 * Agree will choose v, or do not guess yet; Agree then chooses the guess.
 *
 * | name       | guard (added to D's)  | effect (added to D's)                       |
 * |------------|-----------------------|---------------------------------------------|
 * | *Allow(v)  |                       | choose if p = nil then p := v, or skip      |
 * | Agree(v)   | v = p                 |                                             |
 */
export const rules: ProphecyRules = {
  guess: (s, v) => (s.p === nil ? [v, nil] : [s.p]),
  agree: (s, v) => v === s.p,
};
// #endregion prophecy-rules

// #region with-prophecy
/**
 * D with a prophecy variable: D's own actions, each lifted to carry p. Allow
 * also guesses p; Agree also checks the guess. No other action reads or
 * writes p.
 */
export function dWithProphecy(
  values: readonly Value[] = demoConfig.values,
  r: ProphecyRules = rules,
): Machine<DPState> {
  /** D's action a on D+p, with an extra guard and the values p may take after it. */
  const lift = <P>(
    a: Action<DState, P>,
    guard: (s: DPState, v: P) => boolean = () => true,
    ps: (s: DPState, v: P) => readonly (Value | Nil)[] = (s) => [s.p],
  ) =>
    action<DPState, P>({
      ...a,
      guard: (s, v) => (a.guard ? a.guard(s, v) : true) && guard(s, v),
      effect: (s, v) => {
        const e = a.effect(s, v);
        return (Array.isArray(e) ? e : [e]).flatMap((o: Outcome<DState>) =>
          ps(s, v).map((p) => ({ ...o, next: { ...o.next, p } })),
        );
      },
    });
  const { Allow, Outcome, Done, Agree, Terminate } = dActions(values);
  return machine<DPState>({
    name: 'D+p',
    init: () => [...specD(values).init()].map((s) => ({ ...s, p: nil })),
    actions: [
      lift(Allow, undefined, r.guess),
      lift(Outcome),
      lift(Done),
      lift(Agree, r.agree),
      lift(Terminate),
    ],
  });
}
// #endregion with-prophecy

// #region prophecy-abstraction
/** The abstraction function from D with prophecy to T: outcome is D's outcome, or the prophecy. */
export const dpToT = (d: DPState): TState => ({ outcome: d.outcome ?? d.p, done: d.done });

/** What makes the abstraction work: the prophecy is an allowed value, and the outcome is the prophecy. */
export const prophecyHolds = invariant<DPState>(
  'p is allowed, and outcome is nil or p',
  (d) => (d.p === nil || d.allowed.includes(d.p)) && (d.outcome === nil || d.outcome === d.p),
  (d) =>
    `p = ${d.p ?? 'nil'}, outcome = ${d.outcome ?? 'nil'}, allowed = {${d.allowed.join(', ')}}`,
);
// #endregion prophecy-abstraction
