/**
 * The spec of §8's system: chapter 01's single copy of the storage service,
 * seen through its clients' calls and returns. A client calls; its call is
 * pending until it returns; somewhere in between the call takes effect,
 * atomically, on the one copy. A call the client sends again is still the
 * same call: the spec does not see the sending.
 *
 * @module
 */
import type { Machine, Nil } from '../../index';
import { action, canonical, machine, nil, returns, show, to } from '../../index';
import type {
  StorageInput,
  StorageOutput,
  StorageState,
} from '../01-replicated-state-machines/storage';
import { showInput, showState, storage } from '../01-replicated-state-machines/storage';
import { clientName } from './service';

// #region spec-state
/**
 * A pending call: its input, and what it may return once it has taken
 * effect (nothing yet: it has not). A write takes effect once and returns
 * `ok`. A read changes nothing, so taking effect at several moments is the
 * same as taking effect at one of them: it collects the value at each, and
 * returns one of them (which saves the abstraction function a prophecy of
 * which reply the client will accept).
 */
export interface PendingCall {
  readonly input: StorageInput;
  readonly outs: readonly StorageOutput[];
}

/** The single copy: the storage, and each client's pending call (nil: none). */
export interface CallsState {
  readonly store: StorageState;
  readonly calls: readonly (PendingCall | Nil)[];
}
// #endregion spec-state

/** The parameter of a `Call`: the client and its input. */
export interface CallParam {
  readonly c: number;
  readonly input: StorageInput;
}

/** The outputs in one order, so that equal sets are equal arrays. */
export const inOrder = (xs: readonly StorageOutput[]): readonly StorageOutput[] =>
  [...xs].sort((a, b) => (canonical(a) < canonical(b) ? -1 : canonical(a) > canonical(b) ? 1 : 0));

// #region spec
/**
 * The single copy with calls and returns, for clients whose calls are
 * drawn from their scripts.
 *
 * | name            | guard                                              | effect                                 |
 * |-----------------|----------------------------------------------------|----------------------------------------|
 * | *Call(c, i)     | c has no pending call                              | calls[c] := (i, {})                     |
 * | Apply(c)        | c's call is a write that has not taken effect      | store, out := storage(store, i); outs := {out} |
 * | Apply(c)        | c's call is a read, store[a] not yet in its outs   | outs := outs ∪ {store[a]}               |
 * | *Return(c) -> o | o ∈ calls[c].outs                                  | calls[c] := nil                         |
 *
 * @param scripts - each client's inputs (the spec offers any of them, in any order)
 * @returns the machine
 */
export function singleCopyCalls(
  scripts: readonly (readonly StorageInput[])[],
): Machine<CallsState> {
  const clients = scripts.map((_, c) => c);
  const calls: CallParam[] = scripts.flatMap((inputs, c) => {
    const seen = new Set<string>();
    return inputs.flatMap((input) => {
      const k = canonical(input);
      if (seen.has(k)) return [];
      seen.add(k);
      return [{ c, input }];
    });
  });
  const put = (s: CallsState, c: number, x: PendingCall | Nil): CallsState => ({
    ...s,
    calls: s.calls.map((y, k) => (k === c ? x : y)),
  });
  return machine<CallsState>({
    name: 'single copy with calls',
    init: [{ store: storage.initial, calls: scripts.map(() => nil) }],
    actions: [
      action<CallsState, CallParam>({
        name: 'Call',
        external: true,
        params: () => calls,
        showParam: ({ c, input }) => `${clientName(c)}, ${showInput(input)}`,
        guard: (s, { c }) => s.calls[c] === nil,
        effect: (s, { c, input }) => to(put(s, c, { input, outs: [] })),
      }),
      action<CallsState, number>({
        name: 'Apply',
        external: false,
        params: () => clients,
        showParam: clientName,
        guard: (s, c) => {
          const x = s.calls[c];
          if (x === nil || x === undefined) return false;
          if (x.input.op === 'Write') return x.outs.length === 0;
          const v = s.store[x.input.a] ?? nil;
          return !x.outs.includes(v);
        },
        effect: (s, c) => {
          const x = s.calls[c] as PendingCall;
          const r = storage.transition(s.store, x.input);
          return to({
            ...put(s, c, { input: x.input, outs: inOrder([...x.outs, r.output]) }),
            store: r.state,
          });
        },
      }),
      action<CallsState, number>({
        name: 'Return',
        external: true,
        params: () => clients,
        showParam: clientName,
        guard: (s, c) => {
          const x = s.calls[c];
          return x !== nil && x !== undefined && x.outs.length > 0;
        },
        effect: (s, c) => (s.calls[c] as PendingCall).outs.map((o) => returns(put(s, c, nil), o)),
      }),
    ],
    key: (s) =>
      `${showState(s.store)}|${s.calls.map((x) => (x === nil ? '-' : `${showInput(x.input)}:${x.outs.map(show).join(',')}`)).join(';')}`,
    view: (s) => ({
      store: showState(s.store),
      ...Object.fromEntries(
        s.calls.map((x, c) => [
          clientName(c),
          x === nil
            ? '-'
            : `${showInput(x.input)}${x.outs.length ? ` took effect, may return ${x.outs.map(show).join(' or ')}` : ''}`,
        ]),
      ),
    }),
  });
}
// #endregion spec
