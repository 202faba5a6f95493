/**
 * Wrong versions as first-class values: a machine with one action changed.
 *
 * @module
 */
import type { Action, ActionDefinition, Machine } from './machine';
import { action, machine } from './machine';

/**
 * A machine with one action replaced in part, DSLabs' one-method override:
 * the way a mutant is a minimal change to correct code.
 *
 * @param m - the correct machine
 * @param act - the action to change (one of `m`'s)
 * @param change - the fields of that action to replace
 * @returns the mutant, named after what changed
 * @throws Error if `m` has no such action, naming the ones it has
 * @example
 * ```ts
 * const mutant = override(specT(values), Terminate, { guard: () => true });
 * ```
 * @category Machines
 */
export function override<S, P>(
  m: Machine<S>,
  act: Pick<Action<S, P>, 'name'>,
  change: Partial<ActionDefinition<S, P>>,
): Machine<S> {
  const name = act.name;
  if (!m.actions.some((a) => a.name === name))
    throw new Error(
      `override: ${m.name} has no action ${name}; it has ${m.actions.map((a) => a.name).join(', ')}`,
    );
  return machine<S>({
    ...m,
    name: `${m.name} (${name} changed)`,
    init: m.init,
    actions: m.actions.map((a) => (a.name === name ? action({ ...a, ...change }) : a)),
  });
}
