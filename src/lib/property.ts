/**
 * Named properties the checks evaluate. Each explains its own failure.
 *
 * @module
 */
import type { Label } from './label';

/**
 * A predicate that must hold in every reachable state (an `always`).
 *
 * @category Properties
 */
export interface Invariant<S> {
  /** Its human name ("Invariant 1: a round has at most one value"). */
  readonly name: string;
  /** Does it hold in `s`? */
  readonly holds: (s: S) => boolean;
  /**
   * Why it fails in `s`, built from the state.
   *
   * @defaultValue `violated`
   */
  readonly why?: (s: S) => string;
}

/**
 * Something some reachable state must satisfy (a `sometimes`), so that no check passes vacuously.
 *
 * @category Properties
 */
export interface Reachable<S> {
  /** Its human name ("some value is decided"). */
  readonly name: string;
  /** Is the goal met in `s`? */
  readonly holds: (s: S) => boolean;
}

/**
 * A property of every step (a relation between the states before and after).
 *
 * @category Properties
 */
export interface StepProperty<S> {
  /** Its human name. */
  readonly name: string;
  /** Does the step `from --label--> to` satisfy it? */
  readonly holds: (from: S, label: Label, to: S) => boolean;
  /**
   * Why the step violates it.
   *
   * @defaultValue `the step ... violates it`, naming the step
   */
  readonly why?: (from: S, label: Label, to: S) => string;
}

/**
 * Name an invariant.
 *
 * @param name - the human name
 * @param holds - the predicate
 * @param why - optional: explains a failure from the state
 * @returns the invariant
 * @example
 * ```ts
 * const agreement = invariant('Agreement', (s: State) => s.results.length <= 1,
 *   (s) => `Outcome returned ${s.results.join(' and ')}`);
 * ```
 * @category Properties
 */
export function invariant<S>(
  name: string,
  holds: (s: S) => boolean,
  why?: (s: S) => string,
): Invariant<S> {
  return why ? { name, holds, why } : { name, holds };
}

/**
 * Name a goal that some reachable state must meet.
 *
 * @param name - the human name
 * @param holds - the goal
 * @returns the reachability property
 * @category Properties
 */
export function reachable<S>(name: string, holds: (s: S) => boolean): Reachable<S> {
  return { name, holds };
}

/**
 * Name a property of steps.
 *
 * @param name - the human name
 * @param holds - the relation between the state before and after
 * @param why - optional: explains a failing step
 * @returns the step property
 * @category Properties
 */
export function stepProperty<S>(
  name: string,
  holds: (from: S, label: Label, to: S) => boolean,
  why?: (from: S, label: Label, to: S) => string,
): StepProperty<S> {
  return why ? { name, holds, why } : { name, holds };
}

/**
 * A stable predicate (§6.3): once true, true forever. As a step property:
 * no step goes from a state where it holds to one where it does not.
 *
 * @param name - the human name ("s[a][1] = no")
 * @param p - the predicate
 * @returns the step property "p is stable"
 * @category Properties
 */
export function stable<S>(name: string, p: (s: S) => boolean): StepProperty<S> {
  return {
    name: `stable: ${name}`,
    holds: (from, _l, to) => !p(from) || p(to),
    why: () => `${name} held before the step and not after it`,
  };
}

/**
 * The conjunction of several invariants, failing with the first conjunct that fails.
 *
 * @param name - the name of the conjunction
 * @param parts - the conjuncts
 * @returns one invariant
 * @category Properties
 */
export function allOf<S>(name: string, parts: readonly Invariant<S>[]): Invariant<S> {
  return {
    name,
    holds: (s) => parts.every((p) => p.holds(s)),
    why: (s) => {
      const bad = parts.find((p) => !p.holds(s));
      return bad ? `${bad.name} fails${bad.why ? `: ${bad.why(s)}` : ''}` : 'holds';
    },
  };
}
