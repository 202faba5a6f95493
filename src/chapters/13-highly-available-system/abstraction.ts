/**
 * The abstraction function from the highly available system to the single
 * copy with calls, and the invariants it rests on: at most one primary at
 * a time (no leader works in a later round while an earlier leader's lease
 * still holds by its own clock), and one log (no primary sees an entry
 * decided that differs from another's).
 *
 * @module
 */
import type { Invariant, Label, Observed, Refinement } from '../../index';
import { invariant, nil } from '../../index';
import type { StorageOutput } from '../01-replicated-state-machines/storage';
import { entryOf, exactlyOnce, inputOf, leaderName, serviceAfter } from './service';
import type { CallsState, PendingCall } from './spec';
import { inOrder, singleCopyCalls } from './spec';
import type { HaState, HaSystem } from './system';

// #region abstraction
/**
 * f: the store is the service after the log some primary has seen decided
 * (a history variable: the applied prefix of the decided log); a client's
 * pending call is its current one, a write having taken effect (`ok`) once
 * it is in that log, a read with the values primaries read for it (another
 * history variable).
 *
 * @param sys - the system
 * @returns the abstraction function
 */
export function haToSingleCopy(sys: HaSystem): (y: HaState) => CallsState {
  const c = sys.config;
  const sm = exactlyOnce(c.scripts.length, sys.rules.dedup);
  return (y) => {
    const log = y.history.log;
    const calls = y.clients.map((cl, i): PendingCall | typeof nil => {
      if (cl.phase === 'idle') return nil;
      const input = inputOf(c, i, cl.seq);
      if (input.op === 'Read') return { input, outs: inOrder(y.history.served[i]!) };
      const done = log.some((v) => {
        const e = entryOf(c, v);
        return e.k === 'call' && e.c === i && e.seq === cl.seq;
      });
      return { input, outs: done ? ['ok' as StorageOutput] : [] };
    });
    return { store: serviceAfter(c, sm, log).store, calls };
  };
}
// #endregion abstraction

/**
 * What the spec sees of a client's steps: `Call(c, input)` and `Return(c) -> out`.
 *
 * @param sys - the system
 * @returns the observation of each label
 */
export function observeCalls(sys: HaSystem): (l: Label) => Observed {
  const first = sys.ids.clients[0]!;
  return (l) => {
    if (sys.Call.is(l))
      return {
        action: 'Call',
        param: { c: l.param.p - first, input: l.param.arg },
        ret: undefined,
      };
    if (sys.Return.is(l)) return { action: 'Return', param: l.param.p - first, ret: l.ret };
    return l;
  };
}

/**
 * The claim: the system implements the single copy with calls, via f.
 *
 * @param sys - the system
 * @returns the refinement
 */
export function refinementToSingleCopy(sys: HaSystem): Refinement<HaState, CallsState> {
  return {
    spec: singleCopyCalls(sys.config.scripts),
    abstraction: haToSingleCopy(sys),
    observe: observeCalls(sys),
  };
}

// #region invariants
/**
 * Does leader l hold a lease that its own clock still lets it use?
 *
 * @param sys - the system
 * @param y - the state
 * @param l - the leader
 * @returns whether it does
 */
export function leaseHolds(sys: HaSystem, y: HaState, l: number): boolean {
  const p = sys.ids.leaders[l]!;
  const ls = y.leaders[l]!;
  return y.up[p] === true && ls.lease !== nil && y.now + y.clocks[p]! < ls.lease;
}

/**
 * The leaders of a later round than l's that work (command, acknowledge,
 * serve) while l's lease holds.
 *
 * @param sys - the system
 * @param y - the state
 * @returns pairs [holder, intruder]
 */
export function overlaps(sys: HaSystem, y: HaState): [number, number][] {
  const out: [number, number][] = [];
  y.leaders.forEach((ls, l) => {
    if (!leaseHolds(sys, y, l) || ls.n === nil) return;
    y.leaders.forEach((o, k) => {
      if (k !== l && o.working && o.n !== nil && o.n > (ls.n as number)) out.push([l, k]);
    });
  });
  return out;
}

/**
 * The invariants: at most one primary at a time, and one log.
 *
 * @param sys - the system
 * @returns the invariants
 */
export function haInvariants(sys: HaSystem): Invariant<HaState>[] {
  return [
    invariant<HaState>(
      'one primary at a time: no later primary works while a lease holds',
      (y) => overlaps(sys, y).length === 0,
      (y) => {
        const [l, k] = overlaps(sys, y)[0]!;
        const p = sys.ids.leaders[l]!;
        const q = sys.ids.leaders[k]!;
        return `${leaderName(k)} works (its clock ${y.now + y.clocks[q]!}) while ${leaderName(l)}’s lease holds until its clock reads ${y.leaders[l]!.lease} (it reads ${y.now + y.clocks[p]!}; real time ${y.now})`;
      },
    ),
    invariant<HaState>(
      'one log: every primary sees the same entries decided',
      (y) => !y.history.conflict,
    ),
  ];
}
// #endregion invariants
