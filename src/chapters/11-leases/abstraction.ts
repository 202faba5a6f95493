/**
 * The abstraction function from the lease system to spec Lease, and the
 * invariant it rests on: at every real time at most one client may touch
 * the resource, that is, holds the exclusive lease by its own clock or has
 * a write on its way that the home will apply.
 *
 * @module
 */
import type { Invariant, Label, Observed, Refinement } from '../../index';
import { nil } from '../../index';
import type { LeaseSpecState } from './spec';
import { leaseSpec } from './spec';
import type { LeaseState, LeaseSystem, Val } from './system';
import { clientName, writeValue } from './system';

// #region abstraction
/**
 * Client i's write that the home may still apply, if any: one on its way,
 * one the client has not seen acknowledged and may still send (again, or
 * its next part: it is up and holds the exclusive lease it wrote under),
 * or one in the home's redo log.
 */
export function pendingWrite(sys: LeaseSystem, y: LeaseState, i: number): Val | undefined {
  const p = sys.ids.clients[i]!;
  const applied = y.home[0]!.applied[i]!;
  for (const e of y.net) {
    const m = e.msg;
    if (e.from === p && m.k === 'write' && m.w > applied) return m.v;
  }
  // An update in the home's log will land: the home redoes it before anyone else may touch it.
  const log = y.home[0]!.log;
  if (log !== nil && log.i === i) return log.v;
  const cl = y.clients[i]!;
  if (
    y.up[p] &&
    cl.writing !== nil &&
    cl.writing > applied &&
    cl.lease !== nil &&
    cl.lease.mode === 'w' &&
    cl.lease.n === cl.wroteUnder
  )
    return writeValue(i, cl.writing);
  return undefined;
}

/**
 * Does client i hold a lease of this mode that its own clock still lets it
 * use (a live client, its clock below t − margin)? A grant that arrives
 * late may be out of date on arrival: it makes no master.
 */
export function uses(sys: LeaseSystem, y: LeaseState, i: number, mode: 'r' | 'w'): boolean {
  const p = sys.ids.clients[i]!;
  const l = y.clients[i]!.lease;
  return (
    y.up[p] === true &&
    l !== nil &&
    l.mode === mode &&
    y.now + y.clocks[p]! < l.t - sys.rules.margin(sys.config)
  );
}

/** The clients that may touch the resource now: an exclusive lease in use, or a write on its way. */
export function masters(sys: LeaseSystem, y: LeaseState): string[] {
  return y.clients.flatMap((_cl, i) =>
    uses(sys, y, i, 'w') || pendingWrite(sys, y, i) !== undefined ? [clientName(i)] : [],
  );
}

/**
 * f: the master is the one client that may touch the resource (two would
 * name a master no state of the spec has); the readers are the live
 * clients with a shared lease; the value is the home's; the write in
 * progress is the master's write on its way.
 */
export function leaseAbstraction(sys: LeaseSystem): (y: LeaseState) => LeaseSpecState {
  return (y) => {
    const ms = masters(sys, y);
    const master = ms.length === 0 ? nil : ms.join(' and ');
    const readers = y.clients.flatMap((_cl, i) => (uses(sys, y, i, 'r') ? [clientName(i)] : []));
    const i = ms.length === 1 ? Number(ms[0]!.slice(1)) - 1 : -1;
    const pending = i >= 0 ? (pendingWrite(sys, y, i) ?? nil) : nil;
    // The value is the half written last: the other half of an update under way may be newer.
    return { master, readers, value: y.home[0]!.y, pending };
  };
}

// #endregion abstraction

/** The clients' Write(v) and Read() as the spec's Write(v) and Read(p). */
export function observeLease(sys: LeaseSystem): (l: Label) => Observed {
  return (l) => {
    if (sys.Write.is(l)) return { action: 'Write', param: l.param.arg, ret: undefined };
    if (sys.Read.is(l)) return { action: 'Read', param: sys.names[l.param.p], ret: l.ret };
    return l;
  };
}

/** The claim: the lease system implements spec Lease under f. */
export function refinementToLease(sys: LeaseSystem): Refinement<LeaseState, LeaseSpecState> {
  return {
    spec: leaseSpec(sys.config.clients, sys.config.writes),
    abstraction: leaseAbstraction(sys),
    observe: observeLease(sys),
  };
}

// #region invariants
/** At every real time at most one client may touch the resource. */
export function oneMaster(sys: LeaseSystem): Invariant<LeaseState> {
  return {
    name: 'at most one master',
    holds: (y) => masters(sys, y).length <= 1,
  };
}

/** No master while a shared lease is held. */
export function noMasterWithReaders(sys: LeaseSystem): Invariant<LeaseState> {
  return {
    name: 'no master while a client reads under a shared lease',
    holds: (y) => {
      const f = leaseAbstraction(sys)(y);
      return f.master === nil || f.readers.length === 0;
    },
  };
}
// #endregion invariants
