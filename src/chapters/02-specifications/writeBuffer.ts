/**
 * Another implementation of the storage spec, for exercise 2.1: a write
 * buffer. A Write is queued; an internal Drain applies the oldest queued
 * write to memory; a Read returns the newest queued write to its address, or
 * memory's data.
 *
 * @module
 */
import type { Machine } from '../../index';
import { action, machine, returns, to } from '../../index';
import type { Address, StorageState } from '../01-replicated-state-machines/storage';
import { bufferConfig } from './config';
import type { Constants, WriteParam } from './spec';
import { at, put, showWrite, writes } from './spec';

/** The write buffer's state: memory, and the queued writes, oldest first. */
export interface BufferState {
  readonly mem: StorageState;
  readonly buf: readonly WriteParam[];
}

/** The buffer's constants: the spec's, and how many writes it can queue. */
export interface BufferConstants extends Constants {
  /** The most writes the buffer holds. */
  readonly slots: number;
}

/**
 * The write buffer as a machine.
 *
 * | action       | guard             | effect                                          |
 * |--------------|-------------------|-------------------------------------------------|
 * | *Write(a, d) | buf has room      | append (a, d) to buf                            |
 * | *Read(a)     |                   | return the newest d queued for a, else mem[a]   |
 * | Drain        | buf is not empty  | (a, d) := oldest in buf; remove it; mem[a] := d |
 *
 * @param c - the constants
 * @returns the machine
 */
export function writeBuffer(c: BufferConstants = bufferConfig): Machine<BufferState> {
  return machine<BufferState>({
    name: 'WriteBuffer',
    init: [{ mem: {}, buf: [] }],
    actions: [
      action({
        name: 'Read',
        external: true,
        params: () => c.addresses,
        showParam: (a: Address) => a,
        effect: (s: BufferState, a) => {
          const queued = [...s.buf].reverse().find(([b]) => b === a);
          return returns(s, queued ? queued[1] : at(s.mem, a));
        },
      }),
      action({
        name: 'Write',
        external: true,
        params: () => writes(c),
        showParam: showWrite,
        guard: (s: BufferState) => s.buf.length < c.slots,
        effect: (s, w: WriteParam) => to({ mem: s.mem, buf: [...s.buf, w] }),
      }),
      action({
        name: 'Drain',
        external: false,
        guard: (s: BufferState) => s.buf.length > 0,
        effect: (s) => {
          const [a, d] = s.buf[0]!;
          return to({ mem: put(s.mem, a, d), buf: s.buf.slice(1) });
        },
      }),
    ],
    key: (s) =>
      `${c.addresses.map((a) => s.mem[a] ?? '-').join(',')}|${s.buf.map(([a, d]) => a + d).join(',')}`,
    view: (s) => ({
      ...Object.fromEntries(c.addresses.map((a) => [`mem[${a}]`, at(s.mem, a)])),
      buf: s.buf.map(([a, d]) => `(${a}, ${d})`).join(' ') || 'empty',
    }),
  });
}
