/**
 * Machines in Lampson's sense (§4.1): a state space, initial states, and
 * actions, each external or internal, with a parameter family, a guard and an
 * effect that may have several outcomes (the paper's `choose ... or ...`).
 *
 * @module
 */
import { canonical } from './value';

/** One way an action can end: the next state and, optionally, a returned value. */
export interface Outcome<S> {
  /** The state after the action. */
  readonly next: S;
  /** What the action returns (`Read(x)` returning 3 returns 3); absent if nothing. */
  readonly ret?: unknown;
}

/** What an effect produces: one outcome, or several for a non-deterministic choice. */
export type Effect<S> = Outcome<S> | readonly Outcome<S>[];

/**
 * An action: one row of a spec's table.
 *
 * A family of actions such as `Allow(v)` has `params`, the values `v` ranges
 * over in a state; `guard` is the precondition (blank means true); `effect`
 * gives the outcomes. Guards and effects are pure: they never change `s`.
 */
export interface Action<S, P = void> {
  /** The action's name, as the paper writes it (`Allow`, `Agree`, `query`). */
  readonly name: string;
  /** External actions (the paper's `*`) form the traces; internal ones are invisible. */
  readonly external: boolean;
  /** A fault the environment may inject (loss, duplication, crash); shown as such. */
  readonly fault?: boolean;
  /** The parameters this action can take in state `s`, in a fixed order. */
  readonly params?: (s: S) => Iterable<P>;
  /** The guard: may the action happen in `s` with parameter `p`? Absent means true. */
  readonly guard?: (s: S, p: P) => boolean;
  /** The effect: the outcomes of the action, in a fixed order. */
  readonly effect: (s: S, p: P) => Effect<S>;
  /** How to write the parameter in a label (`x, 3` for `Write(x, 3)`); defaults to {@link show}. */
  readonly showParam?: (p: P) => string;
}

/** A machine: initial states and actions over immutable states of type `S`. */
export interface Machine<S> {
  /** A name for reports (`C`, `Paxos(3 agents)`). */
  readonly name: string;
  /** The initial states. */
  readonly init: () => Iterable<S>;
  /** The actions, in the order the checks try them. */
  readonly actions: readonly Action<S, any>[];
  /** One canonical key per state: equal states, equal keys. */
  readonly key: (s: S) => string | number;
  /** The state's variables by name, for tables and diffs. */
  readonly view: (s: S) => Readonly<Record<string, unknown>>;
}

/** What {@link machine} takes: a {@link Machine} whose `key` and `view` may be left out. */
export interface MachineDefinition<S> {
  /** See {@link Machine.name}. */
  readonly name: string;
  /** The initial states: a list or a function returning them. */
  readonly init: readonly S[] | (() => Iterable<S>);
  /** See {@link Machine.actions}. */
  readonly actions: readonly Action<S, any>[];
  /** See {@link Machine.key}; defaults to {@link canonical} of the state. */
  readonly key?: (s: S) => string | number;
  /** See {@link Machine.view}; defaults to the state's own fields (or `{ state }`). */
  readonly view?: (s: S) => Readonly<Record<string, unknown>>;
}

/**
 * Build a machine from its definition, filling in a canonical key and a view.
 *
 * @param def - the name, initial states and actions
 * @returns the machine
 * @example
 * ```ts
 * const counter = machine({
 *   name: 'counter',
 *   init: [{ n: 0 }],
 *   actions: [action({ name: 'Inc', external: true, guard: (s: { n: number }) => s.n < 3,
 *                      effect: (s) => to({ n: s.n + 1 }) })],
 * });
 * ```
 */
export function machine<S>(def: MachineDefinition<S>): Machine<S> {
  const init = def.init;
  return {
    name: def.name,
    init: typeof init === 'function' ? init : () => init,
    actions: def.actions,
    key: def.key ?? canonical,
    view: def.view ?? defaultView,
  };
}

function defaultView(s: unknown): Readonly<Record<string, unknown>> {
  if (s !== null && typeof s === 'object' && !Array.isArray(s) && !(s instanceof Set))
    return s as Record<string, unknown>;
  return { state: s };
}

/**
 * Define an action; the identity, there to let TypeScript infer `S` and `P`.
 *
 * @param a - the action's name, externality, parameters, guard and effect
 * @returns the same action
 */
export function action<S, P = void>(a: Action<S, P>): Action<S, P> {
  return a;
}

/**
 * The outcome "the state becomes `next`", returning nothing.
 *
 * @param next - the next state
 * @returns an outcome
 */
export function to<S>(next: S): Outcome<S> {
  return { next };
}

/**
 * The outcome "the state becomes `next` and the action returns `value`".
 *
 * @param next - the next state (often the state unchanged)
 * @param value - the returned value (`nil` is a value: it is `null`)
 * @returns an outcome
 */
export function returns<S>(next: S, value: unknown): Outcome<S> {
  return { next, ret: value };
}

/**
 * The paper's `choose ... or ...`: any one of these outcomes may happen.
 * Leave out an alternative by passing `undefined` or `false` in its place
 * (for `or, if not done, return nil`).
 *
 * @param outcomes - the alternatives, in a fixed order
 * @returns all the outcomes that are present
 */
export function choose<S>(...outcomes: readonly (Outcome<S> | undefined | false)[]): Outcome<S>[] {
  return outcomes.filter((o): o is Outcome<S> => !!o);
}
