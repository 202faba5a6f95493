/**
 * The flat lease spec of §2.2, knowing nothing of clocks or messages: one
 * resource, at most one master (the holder of the exclusive lease) at a
 * time, or any number of shared readers and no master; a write is made by
 * the master and either lands while it is still master or fails; every
 * read returns the latest write that landed.
 *
 * @module
 */
import type { Machine, Nil } from '../../index';
import { action, machine, nil, returns, to } from '../../index';
import type { Val } from './system';
import { clientName } from './system';

/** The spec's state: the master (nil: none), the readers, the value, and the master's write in progress. */
export interface LeaseSpecState {
  readonly master: string | Nil;
  readonly readers: readonly string[];
  readonly value: Val;
  readonly pending: Val | Nil;
}

// #region spec
/**
 * Spec Lease, for clients p1 .. pn, each making up to `writes` writes (the
 * writer of a value is in its name: `p1.1` is p1's first).
 *
 * | name          | guard                                          | effect                       |
 * |---------------|------------------------------------------------|------------------------------|
 * | Acquire(p)    | master = nil, readers ⊆ {p}                   | master := p, readers := {}   |
 * | Share(p)      | master = nil                                   | readers := readers ∪ {p}     |
 * | Drop(p)       | master = p and pending = nil, or p ∈ readers   | p is neither                 |
 * | *Write(v)     | master = writer(v), pending = nil              | pending := v                 |
 * | Land          | pending ≠ nil                                  | value := pending; pending := nil |
 * | Fail          | pending ≠ nil                                  | pending := nil               |
 * | *Read(p) -> d | master = p or p ∈ readers, d = value            | (none)                       |
 */
export function leaseSpec(clients: number, writes: number): Machine<LeaseSpecState> {
  const ps = Array.from({ length: clients }, (_, i) => clientName(i));
  const writer = (v: Val) => v.slice(0, v.indexOf('.'));
  const reads = (s: LeaseSpecState, p: string) => s.master === p || s.readers.includes(p);
  return machine<LeaseSpecState>({
    name: 'Lease',
    init: [{ master: nil, readers: [], value: 'v0', pending: nil }],
    actions: [
      action<LeaseSpecState, string>({
        name: 'Acquire',
        external: false,
        params: () => ps,
        guard: (s: LeaseSpecState, p: string) =>
          s.master === nil && s.readers.every((q) => q === p),
        effect: (s: LeaseSpecState, p: string) => to({ ...s, master: p, readers: [] }),
      }),
      action<LeaseSpecState, string>({
        name: 'Share',
        external: false,
        params: () => ps,
        guard: (s: LeaseSpecState, p: string) => s.master === nil && !s.readers.includes(p),
        effect: (s: LeaseSpecState, p: string) => to({ ...s, readers: [...s.readers, p].sort() }),
      }),
      action<LeaseSpecState, string>({
        name: 'Drop',
        external: false,
        params: () => ps,
        guard: (s: LeaseSpecState, p: string) =>
          (s.master === p && s.pending === nil) || s.readers.includes(p),
        effect: (s: LeaseSpecState, p: string) =>
          to({
            ...s,
            master: s.master === p ? nil : s.master,
            readers: s.readers.filter((q) => q !== p),
          }),
      }),
      action<LeaseSpecState, Val>({
        name: 'Write',
        external: true,
        // The master's values: the implementation numbers each client's writes.
        params: (s: LeaseSpecState) =>
          s.master === nil
            ? []
            : Array.from({ length: writes }, (_, k) => `${s.master as string}.${k + 1}`),
        guard: (s: LeaseSpecState, v: Val) => s.master === writer(v) && s.pending === nil,
        effect: (s: LeaseSpecState, v: Val) => to({ ...s, pending: v }),
      }),
      action<LeaseSpecState, void>({
        name: 'Land',
        external: false,
        guard: (s: LeaseSpecState) => s.pending !== nil,
        effect: (s: LeaseSpecState) => to({ ...s, value: s.pending as Val, pending: nil }),
      }),
      action<LeaseSpecState, void>({
        name: 'Fail',
        external: false,
        guard: (s: LeaseSpecState) => s.pending !== nil,
        effect: (s: LeaseSpecState) => to({ ...s, pending: nil }),
      }),
      action<LeaseSpecState, string>({
        name: 'Read',
        external: true,
        params: () => ps,
        guard: reads,
        effect: (s: LeaseSpecState) => returns(s, s.value),
      }),
    ],
    key: (s) => `${s.master ?? '-'}|${s.readers.join(',')}|${s.value}|${s.pending ?? '-'}`,
  });
}
// #endregion spec
