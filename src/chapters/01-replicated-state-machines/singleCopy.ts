/**
 * The spec above the replicated system: a single copy of the storage
 * service (§2.1) with a log of requests, which it applies one at a time, in
 * order. The abstraction function maps the replicated system to the single
 * copy as its most advanced replica has it: each `Request` is the single
 * copy's `Request`, and each delivery is zero or more internal `Apply`
 * steps (a replica may apply several waiting entries at once).
 *
 * @module
 */
import type { Label, Machine, Refinement } from '../../index';
import { action, machine, to } from '../../index';
import type { ReplicationConfig } from './config';
import type { Replication, ReplicationState } from './replication';
import { logOf } from './replication';
import type { StorageInput, StorageOutput, StorageState } from './storage';
import { showInput, showState, storage } from './storage';

/** The single copy: the requests in order, how many it has applied, its state and outputs. */
export interface SingleCopy {
  /** The requests, numbered 1, 2, ... by their place. */
  readonly log: readonly StorageInput[];
  /** How many of them it has applied. */
  readonly applied: number;
  /** The service's state after them. */
  readonly state: StorageState;
  /** Their outputs. */
  readonly outputs: readonly StorageOutput[];
}

/**
 * The single copy as a machine: `*Request(input)` appends to the log;
 * the internal `Apply` applies the next request.
 *
 * @param c - the same constants as the replicated system (requests, how many)
 * @returns the machine
 */
export function singleCopy(c: ReplicationConfig): Machine<SingleCopy> {
  return machine<SingleCopy>({
    name: 'single copy',
    init: [{ log: [], applied: 0, state: storage.initial, outputs: [] }],
    actions: [
      action({
        name: 'Request',
        external: true,
        params: () => c.requests,
        showParam: (i: StorageInput) => showInput(i),
        guard: (s: SingleCopy) => s.log.length < c.maxRequests,
        effect: (s, i) => to({ ...s, log: [...s.log, i] }),
      }),
      action({
        name: 'Apply',
        external: false,
        guard: (s: SingleCopy) => s.applied < s.log.length,
        effect: (s) => {
          const r = storage.transition(s.state, s.log[s.applied]!);
          return to({
            ...s,
            applied: s.applied + 1,
            state: r.state,
            outputs: [...s.outputs, r.output],
          });
        },
      }),
    ],
    key: (s) =>
      `${s.log.map(showInput).join(',')}|${s.applied}|${showState(s.state)}|${s.outputs.join(',')}`,
    view: (s) => ({
      log: s.log.map((i, k) => `${k + 1}:${showInput(i)}`).join(' ') || '-',
      applied: s.applied,
      state: showState(s.state),
      outputs: `[${s.outputs.map((o) => (o === null ? 'nil' : o)).join(' ')}]`,
    }),
  });
}

// #region abstraction
/**
 * The abstraction function: the single copy as the most advanced replica has it.
 *
 * @param s - a state of the replicated system
 * @returns its image in the single copy
 */
export function replicationToSingleCopy(s: ReplicationState): SingleCopy {
  const best = s.replicas.reduce((a, b) => (b.next > a.next ? b : a));
  return {
    log: logOf(s).map((e) => e.input),
    applied: best.next - 1,
    state: best.state,
    outputs: best.outputs,
  };
}
// #endregion abstraction

/**
 * How the primary's `Request` looks in the single copy: the same request,
 * without the process that took it.
 *
 * @param sys - the replicated system
 * @returns the observation of each label
 */
export function observeAsSingleCopy(sys: Replication) {
  return (l: Label) =>
    sys.Request.is(l) ? { action: l.action, param: l.param.arg, ret: l.ret } : l;
}

/**
 * The claim that the replicated system implements the single copy.
 *
 * @param sys - the replicated system
 * @param c - its constants, which the single copy shares
 * @returns the spec, the abstraction function and how requests look in it
 */
export function refinementToSingleCopy(
  sys: Replication,
  c: ReplicationConfig,
): Refinement<ReplicationState, SingleCopy> {
  return {
    spec: singleCopy(c),
    abstraction: replicationToSingleCopy,
    observe: observeAsSingleCopy(sys),
    // A delivery may let a replica apply every entry that waits for it.
    internalDepth: c.maxRequests,
  };
}
