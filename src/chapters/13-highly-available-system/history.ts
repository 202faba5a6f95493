/**
 * A run's history of client calls and returns, in a plain form, and its
 * check with the library's linearizability checker (Wing and Gong's
 * search with Lowe's cache, per key): the service is a register per
 * address, so each address is checked alone.
 *
 * @module
 */
import type {
  Invariant,
  LinearizabilityResult,
  Operation,
  RegisterOp,
  RegisterState,
  Trace,
} from '../../index';
import { casRegister, invariant, linearizable, nil } from '../../index';
import type { StorageInput, StorageOutput } from '../01-replicated-state-machines/storage';
import { showInput } from '../01-replicated-state-machines/storage';
import { clientName } from './service';
import type { HaState, HaSystem } from './system';

// #region history
/**
 * One call of a history: which client, when it was called and when it
 * returned (null: it had not when the run ended, so its outcome is
 * unknown), what it was, and what it returned (nil while unknown).
 */
export interface HistoryOp {
  readonly client: number;
  readonly call: number;
  readonly ret: number | null;
  readonly op: { readonly f: 'read' | 'write'; readonly key: string; readonly value?: number };
  readonly output: StorageOutput;
}
// #endregion history

/**
 * A storage input in the history's form.
 *
 * @param i - the input
 * @returns `{ f: 'read', key }` or `{ f: 'write', key, value }`
 */
export const opOf = (i: StorageInput): HistoryOp['op'] =>
  i.op === 'Read' ? { f: 'read', key: i.a } : { f: 'write', key: i.a, value: i.d };

/**
 * The history of a run: each client's `Call` and `Return`, timed by the
 * index of the step (so no two events are at the same time).
 *
 * @param sys - the system
 * @param run - the run
 * @returns the calls, in the order they were made
 */
export function historyOf(sys: HaSystem, run: Trace<HaState>): HistoryOp[] {
  const first = sys.ids.clients[0]!;
  const out: HistoryOp[] = [];
  const open = new Map<number, number>();
  run.steps.forEach((s, t) => {
    const l = s.label;
    if (sys.Call.is(l)) {
      const client = l.param.p - first;
      open.set(client, out.length);
      out.push({ client, call: t, ret: null, op: opOf(l.param.arg), output: nil });
    } else if (sys.Return.is(l)) {
      const client = l.param.p - first;
      const k = open.get(client);
      if (k === undefined) return;
      open.delete(client);
      out[k] = { ...out[k]!, ret: t, output: l.ret as StorageOutput };
    }
  });
  return out;
}

/**
 * A history as the library's checker takes it: a write's `ok` is no output.
 *
 * @param h - the history
 * @returns the operations on the registers
 */
export function operations(h: readonly HistoryOp[]): Operation<RegisterOp>[] {
  return h.map((o) => ({
    client: clientName(o.client),
    call: o.call,
    ret: o.ret,
    input:
      o.op.f === 'read'
        ? { f: 'read', key: o.op.key }
        : { f: 'write', key: o.op.key, value: o.op.value },
    ...(o.op.f === 'read' && o.ret !== null ? { output: o.output } : {}),
  }));
}

/**
 * Is the history linearizable, as a register per address?
 *
 * @param h - the history
 * @returns the library's verdict, with the failing window if it is not
 */
export function checkLinearizable(h: readonly HistoryOp[]): LinearizabilityResult<RegisterState> {
  return linearizable(casRegister, operations(h));
}

/**
 * A history as text, one call a line: `c1 Write(x, 1) [3, 9] -> ok`.
 *
 * @param h - the history
 * @returns the lines
 */
export function showHistory(h: readonly HistoryOp[]): string[] {
  return h.map((o) => {
    const i: StorageInput =
      o.op.f === 'read'
        ? { op: 'Read', a: o.op.key }
        : { op: 'Write', a: o.op.key, d: o.op.value as number };
    const out = o.ret === null ? 'pending' : `-> ${o.output === nil ? 'nil' : o.output}`;
    return `${clientName(o.client)} ${showInput(i)} [${o.call}, ${o.ret ?? '…'}] ${out}`;
  });
}

/**
 * The invariant of the random runs: the calls and returns recorded so far
 * (a history variable, see the configuration's `record`) are linearizable.
 * A history is checked once per recorded value; a prefix of a
 * linearizable history is linearizable, so the first failing state is the
 * first return no order allows.
 *
 * @returns the invariant
 */
export function linearizableSoFar(): Invariant<HaState> {
  const seen = new WeakMap<object, LinearizabilityResult<RegisterState>>();
  const verdict = (y: HaState) => {
    const h = y.history.calls;
    let r = seen.get(h);
    if (!r) {
      r = checkLinearizable(h);
      seen.set(h, r);
    }
    return r;
  };
  // A call adds an operation whose outcome is unknown, which no history
  // needs: only a state whose last event is a return need be checked.
  const lastIsReturn = (h: readonly HistoryOp[]) => {
    const events = h.reduce((n, o) => n + (o.ret === null ? 1 : 2), 0);
    return h.some((o) => o.ret === events - 1);
  };
  return invariant<HaState>(
    'the history of calls and returns is linearizable',
    (y) => !lastIsReturn(y.history.calls) || verdict(y).verdict !== 'not linearizable',
    (y) => verdict(y).failure?.message ?? 'not linearizable',
  );
}
