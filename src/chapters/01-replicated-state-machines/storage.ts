/**
 * The paper's example service (§2.1): storage with `Read(a)` and `Write(a, d)`.
 *
 * @module
 */
import type { Nil } from '../../index';
import { canonical, nil, show } from '../../index';
import type { DeterministicStateMachine } from './stateMachine';

/** An address. */
export type Address = string;
/** The data stored at an address. */
export type Data = number;

// #region storage
/** An input to the storage service. */
export type StorageInput =
  | { readonly op: 'Read'; readonly a: Address }
  | { readonly op: 'Write'; readonly a: Address; readonly d: Data };

/** What an input returns: the data read (nil if never written), or ok. */
export type StorageOutput = Data | Nil | 'ok';

/** The state: the data at each address that has been written. */
export type StorageState = Readonly<Record<Address, Data>>;

/** The storage service as a deterministic state machine. */
export const storage: DeterministicStateMachine<StorageState, StorageInput, StorageOutput> = {
  initial: {},
  transition: (s, input) =>
    input.op === 'Read'
      ? { state: s, output: s[input.a] ?? nil }
      : { state: { ...s, [input.a]: input.d }, output: 'ok' },
};
// #endregion storage

/** `Read(a)`. */
export const Read = (a: Address): StorageInput => ({ op: 'Read', a });
/** `Write(a, d)`. */
export const Write = (a: Address, d: Data): StorageInput => ({ op: 'Write', a, d });

/**
 * Show an input as the paper writes it.
 *
 * @param i - the input
 * @returns `Read(x)` or `Write(x, 3)`
 */
export function showInput(i: StorageInput): string {
  return i.op === 'Read' ? `Read(${i.a})` : `Write(${i.a}, ${i.d})`;
}

/**
 * Show a storage state: `{x: 3}`, or `{}`.
 *
 * @param s - the state
 * @returns the text
 */
export function showState(s: StorageState): string {
  return show(
    Object.fromEntries(
      Object.keys(s)
        .sort()
        .map((k) => [k, s[k]]),
    ),
  );
}

/**
 * A canonical key of a storage state, whatever order its addresses were written in.
 *
 * @param s - the state
 * @returns the key
 */
export function stateKey(s: StorageState): string {
  return canonical(s);
}
