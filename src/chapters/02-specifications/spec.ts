/**
 * The storage service of §2.1 written as a spec in the sense of §4.1: a
 * state, and external actions that are families (`Read(x)` returning 1 is
 * one action of the family `Read`). Also a looser spec, with more
 * non-determinism, for the paper's third hint.
 *
 * @module
 */
import type { Machine, Nil } from '../../index';
import { action, choose, machine, nil, returns, to } from '../../index';
import type { Address, Data, StorageState } from '../01-replicated-state-machines/storage';
import { config } from './config';

/** The checking constants (their values are in `config.ts`): which addresses and data. */
export interface Constants {
  /** The addresses clients may read and write. */
  readonly addresses: readonly Address[];
  /** The data clients may write. */
  readonly data: readonly Data[];
}

/** `Write`'s parameter: the address and the data. */
export type WriteParam = readonly [Address, Data];

/**
 * Every parameter of the `Write` family, in a fixed order.
 *
 * @param c - the constants
 * @returns `[x, 1], [x, 2], [y, 1], ...`
 */
export function writes(c: Constants): WriteParam[] {
  return c.addresses.flatMap((a) => c.data.map((d) => [a, d] as const));
}

/** How `Write(a, d)` shows its parameter: `x, 1`. */
export const showWrite = ([a, d]: WriteParam) => `${a}, ${d}`;

/**
 * The data at `a` in a storage state: `nil` if `a` was never written.
 *
 * @param m - the state
 * @param a - the address
 * @returns the data, or nil
 */
export const at = (m: StorageState, a: Address): Data | Nil => m[a] ?? nil;

/**
 * Store `d` at `a` (or forget `a`, for nil), as a new state.
 *
 * @param m - the state
 * @param a - the address
 * @param d - the data
 * @returns the new state
 */
export function put(m: StorageState, a: Address, d: Data | Nil): StorageState {
  if (d !== nil) return { ...m, [a]: d };
  const { [a]: _gone, ...rest } = m;
  return rest;
}

// #region storage-spec
/**
 * The storage service as a spec X. Its state is one variable, m, the data at
 * each address (nil if never written). Both actions are external (`*`):
 *
 * | action       | guard | effect             |
 * |--------------|-------|--------------------|
 * | *Read(a)     |       | return m[a]        |
 * | *Write(a, d) |       | m[a] := d          |
 */
export function storageSpec(c: Constants = config): Machine<StorageState> {
  const Read = action({
    name: 'Read',
    external: true,
    params: () => c.addresses, // the family Read(x), Read(y)
    showParam: (a: Address) => a,
    effect: (m: StorageState, a) => returns(m, at(m, a)), // Read(x) returning 1, or nil
  });
  const Write = action({
    name: 'Write',
    external: true,
    params: () => writes(c), // the family Write(x, 1), Write(x, 2), Write(y, 1), ...
    showParam: showWrite,
    effect: (m: StorageState, [a, d]: WriteParam) => to(put(m, a, d)),
  });
  return machine<StorageState>({
    name: 'Storage',
    init: [{}], // m[a] = nil for every address a
    actions: [Read, Write],
    key: (m) => c.addresses.map((a) => m[a] ?? '-').join(','),
    view: (m) => Object.fromEntries(c.addresses.map((a) => [`m[${a}]`, at(m, a)])),
  });
}
// #endregion storage-spec

/** The looser spec's state: for each address, the data ever written to it, sorted. */
export type Written = Readonly<Record<Address, readonly Data[]>>;

// #region loose-spec
/**
 * A looser storage spec: `Read(a)` may return nil or any data ever written
 * to a, not only the latest. `choose` lists the outcomes. The state is only
 * what that needs: the set written[a].
 *
 * | action       | guard | effect                                            |
 * |--------------|-------|---------------------------------------------------|
 * | *Read(a)     |       | choose return nil, or return some d in written[a] |
 * | *Write(a, d) |       | written[a] := written[a] ∪ {d}                    |
 */
export function looseStorageSpec(c: Constants = config): Machine<Written> {
  const Read = action({
    name: 'Read',
    external: true,
    params: () => c.addresses,
    showParam: (a: Address) => a,
    effect: (w: Written, a) => choose(returns(w, nil), ...(w[a] ?? []).map((d) => returns(w, d))),
  });
  const Write = action({
    name: 'Write',
    external: true,
    params: () => writes(c),
    showParam: showWrite,
    effect: (w: Written, [a, d]: WriteParam) =>
      to({ ...w, [a]: [...new Set([...(w[a] ?? []), d])].sort((p, q) => p - q) }),
  });
  return machine<Written>({
    name: 'LooseStorage',
    init: [{}],
    actions: [Read, Write],
    key: (w) => c.addresses.map((a) => (w[a] ?? []).join('')).join(','),
    view: (w) => Object.fromEntries(c.addresses.map((a) => [`written[${a}]`, new Set(w[a])])),
  });
}
// #endregion loose-spec
