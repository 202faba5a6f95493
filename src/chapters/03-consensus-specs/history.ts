/**
 * History variables (§5.1): a component added to a machine's state that
 * records what has happened, without changing which steps the machine can
 * take. Properties of traces, such as Agreement, become invariants over it.
 *
 * @module
 */
import { type Action, type Label, type Machine, machine } from '../../index';

/** A machine's state together with its history. */
export interface WithHistory<S, H> {
  /** The machine's own state. */
  readonly s: S;
  /** What the history variable has recorded so far. */
  readonly h: H;
}

/** A history variable: its initial value and how each step updates it. */
export interface History<H> {
  /** Its initial value. */
  readonly init: H;
  /** The value after a step: it may read the step's label (action, parameter, result) and nothing else. */
  readonly record: (h: H, label: Label) => H;
  /** A short canonical key of a value. */
  readonly key: (h: H) => string;
  /** The value's components by name, for tables. */
  readonly view: (h: H) => Readonly<Record<string, unknown>>;
}

// #region with-history
/**
 * Add a history variable to a machine. Every action keeps its name, its
 * externality, its parameters, its guard and its outcomes; each outcome
 * only gains `h := record(h, label)`. So the new machine has exactly the old
 * one's steps, and the same traces, and `h` can be read but never steers.
 */
export function withHistory<S, H>(m: Machine<S>, history: History<H>): Machine<WithHistory<S, H>> {
  const lift = <P>(a: Action<S, P>): Action<WithHistory<S, H>, P> => ({
    ...a,
    params: a.params && ((x) => a.params!(x.s)),
    guard: a.guard && ((x, p) => a.guard!(x.s, p)),
    effect: (x, p) => {
      const e = a.effect(x.s, p);
      return (Array.isArray(e) ? e : [e]).map((o) => {
        const label: Label = {
          action: a.name,
          external: a.external,
          fault: a.fault === true,
          param: p,
          ret: o.ret,
        };
        const next = { s: o.next, h: history.record(x.h, label) };
        return 'ret' in o ? { next, ret: o.ret } : { next };
      });
    },
  });
  return machine<WithHistory<S, H>>({
    name: `${m.name} with history`,
    init: () => [...m.init()].map((s) => ({ s, h: history.init })),
    actions: m.actions.map(lift),
    key: (x) => `${m.key(x.s)}#${history.key(x.h)}`,
    view: (x) => ({ ...m.view(x.s), ...history.view(x.h) }),
  });
}
// #endregion with-history
