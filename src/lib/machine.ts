/**
 * Machines in Lampson's sense (§4.1): a state space, initial states, and
 * actions, each external or internal, with a parameter family, a guard and an
 * effect that may have several outcomes (the paper's `choose ... or ...`).
 *
 * @module
 */
import type { Label } from './label';
import { canonical } from './value';

/**
 * One way an action can end: the next state and, optionally, a returned value.
 *
 * @category Machines
 */
export interface Outcome<S> {
  /** The state after the action. */
  readonly next: S;
  /** What the action returns (`Read(x)` returning 3 returns 3); absent if nothing. */
  readonly ret?: unknown;
}

/**
 * What an effect produces: one outcome, or several for a non-deterministic choice.
 *
 * @category Machines
 */
export type Effect<S> = Outcome<S> | readonly Outcome<S>[];

/**
 * What {@link action} takes: one row of a spec's table.
 *
 * A family of actions such as `Allow(v)` has `params`, the values `v` ranges
 * over in a state; `guard` is the precondition (blank means true); `effect`
 * gives the outcomes. Guards and effects are pure: they never change `s`.
 *
 * @category Machines
 */
export interface ActionDefinition<S, P = void> {
  /** The action's name, as the paper writes it (`Allow`, `Agree`, `query`). */
  readonly name: string;
  /** External actions (the paper's `*`) form the traces; internal ones are invisible. */
  readonly external: boolean;
  /**
   * A fault the environment may inject (loss, duplication, crash); shown as such.
   *
   * @defaultValue false
   */
  readonly fault?: boolean;
  /**
   * The parameters this action can take in state `s`, in a fixed order.
   *
   * @defaultValue one step with no parameter
   */
  readonly params?: (s: S) => Iterable<P>;
  /**
   * The guard: may the action happen in `s` with parameter `p`?
   *
   * @defaultValue always true
   */
  readonly guard?: (s: S, p: P) => boolean;
  /** The effect: the outcomes of the action, in a fixed order. */
  readonly effect: (s: S, p: P) => Effect<S>;
  /**
   * How to write the parameter in a label (`x, 3` for `Write(x, 3)`).
   *
   * @defaultValue {@link show} of the parameter
   */
  readonly showParam?: (p: P) => string;
}

/**
 * An action, as {@link action} makes it: its definition, and the questions a
 * chapter asks of a step's label with the compiler's help (is this step
 * mine, and with which parameter?).
 *
 * @category Machines
 */
export interface Action<S, P = void> extends ActionDefinition<S, P> {
  /**
   * Is this step a step of this action? If so its parameter has type `P`.
   *
   * @param l - a step's label
   * @returns true if the label names this action
   */
  readonly is: (l: Pick<Label, 'action'>) => l is Label<P>;
  /**
   * This action with a parameter, as a witness names a spec step.
   *
   * @param p - the parameter
   * @returns the move
   */
  readonly move: (...p: P extends void ? [] : [P]) => Move<P>;
}

/**
 * One spec action in a witness: the action's name and its parameter (made
 * by {@link Action.move}).
 *
 * @category Refinement
 */
export interface Move<P = unknown> {
  /** The spec action's name (`Agree`). */
  readonly action: string;
  /** Its parameter, if the action has parameters. */
  readonly param?: P;
}

/**
 * A machine: initial states and actions over immutable states of type `S`.
 *
 * @category Machines
 */
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
  /**
   * A 64-bit fingerprint of the state's key, computed without building the
   * key: lane 1 returned, lane 2 left in `H.hi` of the hash module. Equal
   * keys must give equal fingerprints. The checks use it in place of
   * hashing {@link Machine.key} when a machine has one.
   *
   * @internal
   */
  readonly fingerprint?: (s: S) => number;
}

/**
 * What {@link machine} takes: a {@link Machine} whose `key` and `view` may be left out.
 *
 * @category Machines
 */
export interface MachineDefinition<S> {
  /** See {@link Machine.name}. */
  readonly name: string;
  /** The initial states: a list or a function returning them. */
  readonly init: readonly S[] | (() => Iterable<S>);
  /** See {@link Machine.actions}. */
  readonly actions: readonly Action<S, any>[];
  /**
   * See {@link Machine.key}.
   *
   * @defaultValue {@link canonical} of the state
   */
  readonly key?: (s: S) => string | number;
  /**
   * See {@link Machine.view}.
   *
   * @defaultValue the state's own fields (or `{ state }` for a state that is not an object)
   */
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
 * @category Machines
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
 * Define an action: one row of a spec's table. TypeScript infers `S` and
 * `P` from the guard and effect; the action can then say of any label
 * whether it is one of its steps ({@link Action.is}).
 *
 * @param a - the action's name, externality, parameters, guard and effect
 * @returns the action
 * @example
 * ```ts
 * const Allow = action({ name: 'Allow', external: true, params: () => [7, 8],
 *                        effect: (s: D, v: number) => to({ ...s, allowed: [...s.allowed, v] }) });
 * if (Allow.is(label)) label.param; // a number
 * ```
 * @category Machines
 */
export function action<S, P = void>(a: ActionDefinition<S, P>): Action<S, P> {
  const name = a.name;
  return {
    ...a,
    is: (l: Pick<Label, 'action'>): l is Label<P> => l.action === name,
    move: (...p: unknown[]) => (p.length ? { action: name, param: p[0] as P } : { action: name }),
  } as Action<S, P>;
}

/**
 * The outcome "the state becomes `next`", returning nothing.
 *
 * @param next - the next state
 * @returns an outcome
 * @category Machines
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
 * @category Machines
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
 * @category Machines
 */
export function choose<S>(...outcomes: readonly (Outcome<S> | undefined | false)[]): Outcome<S>[] {
  return outcomes.filter((o): o is Outcome<S> => !!o);
}
