/**
 * Labels name the steps of a run: which action, with which parameter,
 * returning what, and whether it is external.
 *
 * @module
 */
import { canonical, show } from './value';

/**
 * A step's label: the action's name, parameter, result and externality.
 * `P` is the parameter's type, known once {@link Action.is} has said which
 * action the step is.
 *
 * @category Machines
 */
export interface Label<P = unknown> {
  /** The action's name. */
  readonly action: string;
  /** Whether the action is external (part of the trace). */
  readonly external: boolean;
  /** Whether the action is a fault injected by the environment. */
  readonly fault: boolean;
  /** The parameter (an array is shown as an argument list); `undefined` if none. */
  readonly param: P;
  /** The parameter as the action writes it, if it says (see `Action.showParam`). */
  readonly args?: string;
  /** The returned value; `undefined` if the action returns nothing. */
  readonly ret: unknown;
}

/**
 * Show a label as the paper writes an action: `Allow(7)`, `Outcome -> nil`,
 * `Write(x, 3)`.
 *
 * @param l - the label
 * @returns its text
 * @category Machines
 */
export function labelText(l: Pick<Label, 'action' | 'param' | 'ret' | 'args'>): string {
  let t = l.action;
  if (l.args !== undefined) t += l.args === '' ? '' : `(${l.args})`;
  else if (l.param !== undefined)
    t += Array.isArray(l.param) ? `(${l.param.map(show).join(', ')})` : `(${show(l.param)})`;
  if (l.ret !== undefined) t += ` -> ${show(l.ret)}`;
  return t;
}

/**
 * A canonical key for what an observer sees of a label: name, parameter and
 * result. Two external steps are "the same externally" when their keys match.
 *
 * @param l - the label
 * @returns the key
 * @category Machines
 */
export function labelKey(l: Pick<Label, 'action' | 'param' | 'ret'>): string {
  return `${l.action}(${l.param === undefined ? '' : canonical(l.param)})${
    l.ret === undefined ? '' : `=${canonical(l.ret)}`
  }`;
}
