/**
 * History variables (§5.1): a component added to a machine's state that
 * records what has happened, without changing which steps the machine can
 * take. Properties of traces, such as Agreement, become invariants over it.
 *
 * @module
 */
import { makeLabel } from './_internal/successors';
import type { Action, Machine } from './machine';
import { action, machine } from './machine';
import type { Step } from './trace';
import { canonical } from './value';

/**
 * A machine's state together with its history.
 *
 * @category Machines
 */
export interface WithHistory<S, H> {
  /** The machine's own state. */
  readonly s: S;
  /** What the history variable has recorded so far. */
  readonly h: H;
}

/**
 * A history variable: its initial value and how each step updates it.
 *
 * @category Machines
 */
export interface History<H, S> {
  /** Its initial value. */
  readonly init: H;
  /** The value after a step of the machine: it may read the step (states and label), never steer it. */
  readonly record: (h: H, step: Step<S>) => H;
  /**
   * A short canonical key of a value.
   *
   * @defaultValue {@link canonical}
   */
  readonly key?: (h: H) => string;
  /**
   * The value's components by name, for tables.
   *
   * @defaultValue the value's own fields (or `{ history }`)
   */
  readonly view?: (h: H) => Readonly<Record<string, unknown>>;
}

// #region with-history
/**
 * Add a history variable to a machine. Every action keeps its name, its
 * externality, its parameters, its guard and its outcomes; each outcome
 * only gains `h := record(h, step)`. So the new machine has exactly the old
 * one's steps, and the same traces, and `h` can be read but never steers.
 *
 * @param m - the machine
 * @param history - the variable's initial value and how a step updates it
 * @returns the machine with the history beside its state
 * @category Machines
 */
export function withHistory<S, H>(
  m: Machine<S>,
  history: History<H, S>,
): Machine<WithHistory<S, H>> {
  const lift = <P>(a: Action<S, P>): Action<WithHistory<S, H>, P> =>
    action<WithHistory<S, H>, P>({
      name: a.name,
      external: a.external,
      ...(a.fault ? { fault: true } : {}),
      ...(a.showParam ? { showParam: a.showParam } : {}),
      ...(a.params ? { params: (x: WithHistory<S, H>) => a.params!(x.s) } : {}),
      ...(a.guard ? { guard: (x: WithHistory<S, H>, p: P) => a.guard!(x.s, p) } : {}),
      effect: (x, p) => {
        const e = a.effect(x.s, p);
        return (Array.isArray(e) ? e : [e]).map((o) => {
          const step = { from: x.s, label: makeLabel(a, p, o), to: o.next };
          const next = { s: o.next, h: history.record(x.h, step) };
          return 'ret' in o ? { next, ret: o.ret } : { next };
        });
      },
    });
  const hKey = history.key ?? canonical;
  const hView =
    history.view ??
    ((h: H) =>
      h !== null && typeof h === 'object' && !Array.isArray(h)
        ? (h as Record<string, unknown>)
        : { history: h });
  return machine<WithHistory<S, H>>({
    name: `${m.name} with history`,
    init: () => [...m.init()].map((s) => ({ s, h: history.init })),
    actions: m.actions.map(lift),
    key: (x) => `${m.key(x.s)}#${hKey(x.h)}`,
    view: (x) => ({ ...m.view(x.s), ...hView(x.h) }),
  });
}
// #endregion with-history
