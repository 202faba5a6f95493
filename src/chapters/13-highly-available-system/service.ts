/**
 * The replicated service of §8: chapter 01's storage (`Read(a)`,
 * `Write(a, d)`) as a deterministic state machine whose inputs are the
 * entries of a log. An entry is a client's call, numbered by the client
 * (its sequence number), or a primary's lease; the state keeps, for every
 * client, its last sequence number and the reply it got, so a call that
 * reaches the log twice is answered, not applied twice (exactly once).
 *
 * Entries travel through chapter 10's multi-Paxos, whose values are
 * numbers: {@link entryCode} and {@link entryOf} turn an entry into one and
 * back.
 *
 * @module
 */
import type { Nil } from '../../index';
import { nil } from '../../index';
import type { DeterministicStateMachine } from '../01-replicated-state-machines/stateMachine';
import type {
  StorageInput,
  StorageOutput,
  StorageState,
} from '../01-replicated-state-machines/storage';
import { showInput, storage } from '../01-replicated-state-machines/storage';
import type { Value } from '../10-multi-paxos/system';
import type { HaConfig } from './config';

// #region entry
/**
 * A log entry: client c's call number seq (its input is the client's
 * script at seq), or a lease: leader l is primary until its own clock
 * reads t.
 */
export type Entry =
  | { readonly k: 'call'; readonly c: number; readonly seq: number }
  | { readonly k: 'lease'; readonly l: number; readonly t: number };
// #endregion entry

/** Added to a lease's t, so that every code is a whole number from 0 (a clock may start below 0). */
const T0 = 10_000;

/**
 * The entry as a value of chapter 10's consensus: a call is odd, a lease even.
 *
 * @param c - the configuration (how many clients and leaders)
 * @param e - the entry
 * @returns its code
 */
export function entryCode(c: Pick<HaConfig, 'scripts' | 'leaders'>, e: Entry): Value {
  return e.k === 'call'
    ? 2 * (e.seq * c.scripts.length + e.c) + 1
    : 2 * ((e.t + T0) * c.leaders + e.l);
}

/**
 * The entry a code stands for.
 *
 * @param c - the configuration
 * @param v - the code
 * @returns the entry
 */
export function entryOf(c: Pick<HaConfig, 'scripts' | 'leaders'>, v: Value): Entry {
  if (v % 2 === 1) {
    const k = (v - 1) / 2;
    const n = c.scripts.length;
    return { k: 'call', c: k % n, seq: Math.floor(k / n) };
  }
  const k = v / 2;
  return { k: 'lease', l: k % c.leaders, t: Math.floor(k / c.leaders) - T0 };
}

/**
 * Client c's call number seq (from 1): its script's input.
 *
 * @param c - the configuration
 * @param client - the client
 * @param seq - the call's number
 * @returns the input
 */
export const inputOf = (c: Pick<HaConfig, 'scripts'>, client: number, seq: number): StorageInput =>
  c.scripts[client]![seq - 1]!;

/** A client's name: c1, c2, ... */
export const clientName = (i: number) => `c${i + 1}`;

/** A leader's name: l1, l2, ... */
export const leaderName = (l: number) => `l${l + 1}`;

/**
 * An entry as text: `c1#1 Write(x, 1)`, `lease(l1, 4)`.
 *
 * @param c - the configuration
 * @param v - the entry's code
 * @returns the text
 */
export function showEntry(c: Pick<HaConfig, 'scripts' | 'leaders'>, v: Value): string {
  const e = entryOf(c, v);
  return e.k === 'lease'
    ? `lease(${leaderName(e.l)}, ${e.t})`
    : `${clientName(e.c)}#${e.seq} ${showInput(inputOf(c, e.c, e.seq))}`;
}

// #region service
/** A client's last call the service applied, and its reply (seq 0: none yet). */
export interface Last {
  readonly seq: number;
  readonly reply: StorageOutput;
}

/** The service's state: the storage, and each client's last call and reply. */
export interface ServiceState {
  readonly store: StorageState;
  readonly last: readonly Last[];
}

/** An input of the service: a client's numbered call, or a lease (which changes nothing). */
export type ServiceInput =
  | { readonly k: 'call'; readonly c: number; readonly seq: number; readonly input: StorageInput }
  | { readonly k: 'lease' };
// #endregion service

/**
 * The storage service with exactly-once calls: a call whose number is not
 * above the client's last is a retry, answered with the last reply and not
 * applied again.
 *
 * @param clients - how many clients
 * @param dedup - whether the state keeps the clients' last calls (a mutant's does not)
 * @returns the deterministic state machine
 */
export function exactlyOnce(
  clients: number,
  dedup = true,
): DeterministicStateMachine<ServiceState, ServiceInput, StorageOutput | Nil> {
  const none: Last = { seq: 0, reply: nil };
  return {
    initial: { store: storage.initial, last: Array.from({ length: clients }, () => none) },
    transition: (s, i) => {
      if (i.k === 'lease') return { state: s, output: nil };
      const seen = s.last[i.c]!;
      if (dedup && i.seq <= seen.seq) return { state: s, output: seen.reply };
      const r = storage.transition(s.store, i.input);
      const last = dedup
        ? s.last.map((x, c) => (c === i.c ? { seq: i.seq, reply: r.output } : x))
        : s.last;
      return { state: { store: r.state, last }, output: r.output };
    },
  };
}

/**
 * The input an entry gives the service.
 *
 * @param c - the configuration
 * @param v - the entry's code
 * @returns the input
 */
export function serviceInput(c: Pick<HaConfig, 'scripts' | 'leaders'>, v: Value): ServiceInput {
  const e = entryOf(c, v);
  return e.k === 'lease'
    ? { k: 'lease' }
    : { k: 'call', c: e.c, seq: e.seq, input: inputOf(c, e.c, e.seq) };
}

/**
 * The service after a log, applied entry by entry from its initial state.
 *
 * @param c - the configuration
 * @param sm - the service
 * @param log - the entries' codes
 * @returns its state
 */
export function serviceAfter(
  c: Pick<HaConfig, 'scripts' | 'leaders'>,
  sm: DeterministicStateMachine<ServiceState, ServiceInput, StorageOutput | Nil>,
  log: readonly Value[],
): ServiceState {
  let s = sm.initial;
  for (const v of log) s = sm.transition(s, serviceInput(c, v)).state;
  return s;
}
