/**
 * The abstraction function from the hierarchical lease system to spec Lease
 * per resource, and the invariants it rests on: on each resource at most
 * one master may touch it at any real time; no sub-lease outlives the
 * czar's lease it was granted under; and the sub-leases in use on a
 * resource all come from one czar's tenure, so a new czar never grants one
 * that overlaps an old czar's.
 *
 * The reasoning is chapter 11's (`uses`, `pendingWrite`, `masters`), with
 * the czar in the home's place and the oracle holding the value.
 *
 * @module
 */
import type { Invariant, Label, Observed, Refinement } from '../../index';
import { invariant, nil } from '../../index';
import type { LeaseSpecState } from '../11-leases/spec';
import type { Val } from '../11-leases/system';
import { clientName } from '../11-leases/system';
import type { HierSpecState } from './spec';
import { hierSpec } from './spec';
import type { HierState, HierSystem } from './system';
import { candidateName, resourceName } from './system';

/** Master i's write to resource r on its way to the oracle, if any, with the term and the czar of the sub-lease it was made under. */
export function pendingWrite(
  sys: HierSystem,
  y: HierState,
  i: number,
  r: number,
): { readonly v: Val; readonly term: number; readonly c: number } | undefined {
  const p = sys.ids.masters[i]!;
  for (const e of y.net) {
    const m = e.msg;
    if (e.from === p && m.k === 'write' && m.r === r) return { v: m.v, term: m.term, c: m.c };
  }
  return undefined;
}

// #region abstraction
/**
 * Does master i hold a sub-lease on r that its own clock still lets it use
 * (it is up, its clock below s − margin)? A grant that arrives late makes
 * no master.
 */
export function uses(sys: HierSystem, y: HierState, i: number, r: number): boolean {
  const p = sys.ids.masters[i]!;
  const sub = y.masters[i]!.holds[r]!.sub;
  return (
    y.up[p] === true && sub !== nil && y.now + y.clocks[p]! < sub.t - sys.rules.margin(sys.config)
  );
}

/** The masters that may touch resource r now: a sub-lease in use, or a write on its way. */
export function masters(sys: HierSystem, y: HierState, r: number): string[] {
  return y.masters.flatMap((_m, i) =>
    uses(sys, y, i, r) || pendingWrite(sys, y, i, r) !== undefined ? [clientName(i)] : [],
  );
}

/** Candidate j's clock. */
const clockOf = (sys: HierSystem, y: HierState, j: number) =>
  y.now + y.clocks[sys.ids.candidates[j]!]!;

/**
 * f, per resource: the master is the one master that may touch it (two
 * would name a master no state of the spec has); no readers (sub-leases are
 * exclusive); the value is the oracle's; the write in progress is the
 * master's write on its way.
 */
export function hierAbstraction(sys: HierSystem): (y: HierState) => HierSpecState {
  const one = (y: HierState, r: number): LeaseSpecState => {
    const ms = masters(sys, y, r);
    const i = ms.length === 1 ? Number(ms[0]!.slice(1)) - 1 : -1;
    const w = i >= 0 ? pendingWrite(sys, y, i, r) : undefined;
    return {
      master: ms.length === 0 ? nil : ms.join(' and '),
      readers: [],
      value: y.cons[0]!.values[r]!.v,
      pending: w === undefined ? nil : w.v,
    };
  };
  const rs = Array.from({ length: sys.config.resources }, (_, r) => r);
  return (y) => (rs.length === 1 ? one(y, 0) : rs.map((r) => one(y, r)));
}
// #endregion abstraction

/** The masters' Write(r, v) and Read(r) as the spec's Write(v) and Read(p), at instance r when there are several. */
export function observeHier(sys: HierSystem): (l: Label) => Observed {
  const several = sys.config.resources > 1;
  return (l) => {
    if (sys.Write.is(l)) {
      const { r, v } = l.param.arg;
      return { action: 'Write', param: several ? { r, p: v } : v, ret: undefined };
    }
    if (sys.Read.is(l)) {
      const p = sys.names[l.param.p]!;
      return { action: 'Read', param: several ? { r: l.param.arg, p } : p, ret: l.ret };
    }
    return l;
  };
}

/** The claim: the hierarchical lease system implements spec Lease, once per resource, under f. */
export function refinementToLease(sys: HierSystem): Refinement<HierState, HierSpecState> {
  return {
    spec: hierSpec(sys.config),
    abstraction: hierAbstraction(sys),
    observe: observeHier(sys),
  };
}

/** The resources of a system. */
const resourcesOf = (sys: HierSystem) => Array.from({ length: sys.config.resources }, (_, r) => r);

// #region one-master
/** On each resource, at every real time, at most one master may touch it. */
export function oneMaster(sys: HierSystem): Invariant<HierState> {
  return invariant(
    'on each resource, at most one master',
    (y) => resourcesOf(sys).every((r) => masters(sys, y, r).length <= 1),
    (y) =>
      resourcesOf(sys)
        .filter((r) => masters(sys, y, r).length > 1)
        .map((r) => `${masters(sys, y, r).join(' and ')} may both touch ${resourceName(r)}`)
        .join('; '),
  );
}
// #endregion one-master

/**
 * Czar j's lease as consensus decided it: the latest t of a decided term
 * naming j (undefined: none does). A term it proposed and consensus has
 * not decided is no lease.
 */
export function decidedLease(y: HierState, j: number): number | undefined {
  let t: number | undefined;
  for (const term of y.cons[0]!.log) if (term.czar === j) t = Math.max(t ?? term.t, term.t);
  return t;
}

/**
 * A master using a sub-lease: the czar that granted it holds a lease that
 * consensus decided, its own clock still below that lease's t.
 */
export function noSubLeaseOutlivesCzar(sys: HierSystem): Invariant<HierState> {
  const outlived = (y: HierState) =>
    y.masters.flatMap((m, i) =>
      resourcesOf(sys).flatMap((r) => {
        const sub = m.holds[r]!.sub;
        if (sub === nil || !uses(sys, y, i, r)) return [];
        const t = decidedLease(y, sub.c);
        const clock = clockOf(sys, y, sub.c);
        if (t !== undefined && clock < t) return [];
        const from = `${clientName(i)} uses a sub-lease on ${resourceName(r)} (s = ${sub.t}) from ${candidateName(sub.c)}`;
        return [
          t === undefined
            ? `${from}, which no decided term names czar`
            : `${from}, whose lease as consensus decided it ends at t = ${t}: ${candidateName(sub.c)}'s clock reads ${clock}`,
        ];
      }),
    );
  return invariant(
    "no sub-lease outlives the czar's lease",
    (y) => outlived(y).length === 0,
    (y) => outlived(y).join('; '),
  );
}

// #region one-tenure
/**
 * The tenures of what may touch resource r (the sub-leases in use on it and
 * the writes on their way to it), each named by its czar and the instance
 * its tenure began at (`c1 from #0`); a sub-lease granted under a term
 * that is not decided, or that names another czar, is a tenure of its own.
 */
export function tenuresOn(sys: HierSystem, y: HierState, r: number): string[] {
  const log = y.cons[0]!.log;
  const tenure = (k: number, c: number) => {
    const term = log[k];
    return term !== undefined && term.czar === c
      ? `${candidateName(c)} from #${term.since}`
      : `${candidateName(c)} under #${k}, not its term`;
  };
  const out = new Set<string>();
  y.masters.forEach((m, i) => {
    const sub = m.holds[r]!.sub;
    if (sub !== nil && uses(sys, y, i, r)) out.add(tenure(sub.k, sub.c));
    const w = pendingWrite(sys, y, i, r);
    if (w !== undefined) out.add(tenure(w.term, w.c));
  });
  return [...out].sort();
}

/** On each resource, every sub-lease in use and every write that may still land is from one czar's tenure. */
export function oneTenure(sys: HierSystem): Invariant<HierState> {
  return invariant(
    'a new czar never grants a sub-lease that overlaps an old czar’s',
    (y) => resourcesOf(sys).every((r) => tenuresOn(sys, y, r).length <= 1),
    (y) =>
      resourcesOf(sys)
        .filter((r) => tenuresOn(sys, y, r).length > 1)
        .map(
          (r) =>
            `${resourceName(r)} is touched under the tenures ${tenuresOn(sys, y, r).join(' and ')}`,
        )
        .join('; '),
  );
}
// #endregion one-tenure

/** The invariants, in the order they are checked. */
export function hierInvariants(sys: HierSystem): Invariant<HierState>[] {
  return [oneMaster(sys), noSubLeaseOutlivesCzar(sys), oneTenure(sys)];
}
