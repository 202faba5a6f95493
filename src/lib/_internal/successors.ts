import type { Label } from '../label';
import type { Action, Machine, Outcome } from '../machine';

/** Called for each step out of a state; return `true` to stop the enumeration (anything else goes on). */
export type StepVisitor<S> = (
  action: Action<S, any>,
  param: unknown,
  outcome: Outcome<S>,
) => unknown;

/**
 * Enumerate every step out of `s` in the machine's fixed order: actions in
 * order, parameters in order, outcomes in order.
 *
 * @returns true if the visitor stopped the enumeration
 */
export function forEachStep<S>(m: Machine<S>, s: S, visit: StepVisitor<S>): boolean {
  const actions = m.actions;
  for (let a = 0; a < actions.length; a++) {
    const act = actions[a]!;
    if (act.params) {
      const ps = act.params(s);
      if (Array.isArray(ps)) {
        // the common case, without the iterator protocol
        for (let i = 0; i < ps.length; i++) {
          const p = ps[i];
          if (act.guard && !act.guard(s, p)) continue;
          if (visitOutcomes(act, s, p, visit)) return true;
        }
      } else {
        for (const p of ps) {
          if (act.guard && !act.guard(s, p)) continue;
          if (visitOutcomes(act, s, p, visit)) return true;
        }
      }
    } else {
      if (act.guard && !act.guard(s, undefined)) continue;
      if (visitOutcomes(act, s, undefined, visit)) return true;
    }
  }
  return false;
}

function visitOutcomes<S>(act: Action<S, any>, s: S, p: unknown, visit: StepVisitor<S>): boolean {
  const e = act.effect(s, p);
  if (Array.isArray(e)) {
    for (let i = 0; i < e.length; i++) if (visit(act, p, e[i]) === true) return true;
    return false;
  }
  return visit(act, p, e as Outcome<S>) === true;
}

/** The label of a step. */
export function makeLabel<S>(act: Action<S, any>, param: unknown, o: Outcome<S>): Label {
  if (act.showParam && param !== undefined)
    return {
      action: act.name,
      external: act.external,
      fault: act.fault === true,
      param,
      ret: o.ret,
      args: act.showParam(param),
    };
  return { action: act.name, external: act.external, fault: act.fault === true, param, ret: o.ret };
}

/** Every step out of `s`, as (label, next) pairs. */
export function stepsFrom<S>(m: Machine<S>, s: S): { label: Label; next: S }[] {
  const out: { label: Label; next: S }[] = [];
  forEachStep(m, s, (a, p, o) => {
    out.push({ label: makeLabel(a, p, o), next: o.next });
  });
  return out;
}
