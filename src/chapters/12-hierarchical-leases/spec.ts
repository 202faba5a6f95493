/**
 * The spec the hierarchical scheme must implement is chapter 11's flat
 * spec Lease, once per resource: for one resource Lease itself, and for
 * more, independent instances of it side by side, each action taking the
 * resource as a parameter (as chapter 10's `sequenceOfD` does for D, but
 * for any machine).
 *
 * @module
 */
import type { Action, Machine, Outcome } from '../../index';
import { action, machine } from '../../index';
import type { LeaseSpecState } from '../11-leases/spec';
import { leaseSpec } from '../11-leases/spec';
import type { HierConfig } from './config';

/** The parameter of an instance's action: the instance, and the action's own parameter. */
export interface At<P> {
  readonly r: number;
  readonly p: P;
}

/**
 * n independent instances of a machine: instance r's state is the
 * machine's, and each of its actions takes the instance as a parameter
 * (`{ r, p }`, or just r for an action without one). Nothing an instance
 * does touches another.
 *
 * @param m - the machine
 * @param n - how many instances
 * @returns the machine of n instances side by side
 */
export function instancesOf<S>(m: Machine<S>, n: number): Machine<readonly S[]> {
  type T = readonly S[];
  const rs = Array.from({ length: n }, (_, r) => r);
  const put = (s: T, r: number, x: S): T => s.map((y, q) => (q === r ? x : y));
  const lift = (s: T, r: number, o: Outcome<S>): Outcome<T> =>
    o.ret === undefined ? { next: put(s, r, o.next) } : { next: put(s, r, o.next), ret: o.ret };
  const outcomes = (s: T, r: number, e: Outcome<S> | readonly Outcome<S>[]) =>
    (Array.isArray(e) ? e : [e as Outcome<S>]).map((o) => lift(s, r, o));
  const liftAction = (a: Action<S, any>): Action<T, any> => {
    const params = a.params;
    if (!params)
      return action<T, number>({
        name: a.name,
        external: a.external,
        params: () => rs,
        guard: (s, r) => !a.guard || a.guard(s[r]!, undefined),
        effect: (s, r) => outcomes(s, r, a.effect(s[r]!, undefined)),
        showParam: (r) => String(r),
      });
    return action<T, At<unknown>>({
      name: a.name,
      external: a.external,
      params: (s) => rs.flatMap((r) => [...params(s[r]!)].map((p) => ({ r, p }))),
      guard: (s, { r, p }) => !a.guard || a.guard(s[r]!, p),
      effect: (s, { r, p }) => outcomes(s, r, a.effect(s[r]!, p)),
      showParam: ({ r, p }) => `${r}, ${a.showParam ? a.showParam(p) : String(p)}`,
    });
  };
  const init = () => {
    const inits = [...m.init()];
    // Every combination of the instances' initial states.
    let out: T[] = [[]];
    for (const _r of rs) out = out.flatMap((s) => inits.map((x) => [...s, x]));
    return out;
  };
  return machine<T>({
    name: `${n} instances of ${m.name}`,
    init,
    actions: m.actions.map(liftAction),
    key: (s) => s.map((x) => String(m.key(x))).join('\u0002'),
  });
}

// #region spec
/** What spec Lease per resource keeps: one resource's state, or one per resource. */
export type HierSpecState = LeaseSpecState | readonly LeaseSpecState[];

/**
 * The spec of a configuration: chapter 11's Lease for its masters (as Lease's
 * clients p1, p2, ...) and writes, once per resource.
 *
 * @param c - the configuration
 * @returns Lease itself for one resource, else that many instances of it
 */
export function hierSpec(c: HierConfig): Machine<HierSpecState> {
  const one = leaseSpec(c.masters, c.writes);
  return (c.resources === 1 ? one : instancesOf(one, c.resources)) as Machine<HierSpecState>;
}
// #endregion spec
