/**
 * A queue implemented by two stacks, the subject of exercise 4.2: the
 * reader writes the abstraction function.
 *
 * @module
 */
import type { Machine } from '../../index';
import { action, machine, returns, to } from '../../index';
import { queueConfig } from './config';

const { items, capacity } = queueConfig;

/** The spec's state: the queue, front first. */
export interface QueueState {
  readonly q: readonly number[];
}

/**
 * Spec Queue.
 *
 * | name    | guard             | effect                          |
 * |---------|-------------------|---------------------------------|
 * | *Enq(x) | length(q) < cap   | q := q + [x]                    |
 * | *Deq    | q ≠ []            | q := tail(q); return head(q)    |
 */
export const queue: Machine<QueueState> = machine<QueueState>({
  name: 'Queue',
  init: [{ q: [] }],
  actions: [
    action({
      name: 'Enq',
      external: true,
      params: () => items,
      guard: (s: QueueState) => s.q.length < capacity,
      effect: (s, x: number) => to({ q: [...s.q, x] }),
    }),
    action({
      name: 'Deq',
      external: true,
      guard: (s: QueueState) => s.q.length > 0,
      effect: (s: QueueState) => returns({ q: s.q.slice(1) }, s.q[0]),
    }),
  ],
  key: (s) => s.q.join(''),
});

/** The implementation's state: two stacks, each with its top at the end. */
export interface Stacks {
  /** Where Enq pushes. */
  readonly in: readonly number[];
  /** Where Deq pops. */
  readonly out: readonly number[];
}

/**
 * Two stacks.
 *
 * | name    | guard                  | effect                                |
 * |---------|------------------------|---------------------------------------|
 * | *Enq(x) | items < cap            | push x on in                          |
 * | *Deq    | out ≠ []               | pop the top of out and return it      |
 * | Flip    | out = [] and in ≠ []   | pop every item of in, pushing it on out |
 */
export const twoStacks: Machine<Stacks> = machine<Stacks>({
  name: 'TwoStacks',
  init: [{ in: [], out: [] }],
  actions: [
    action({
      name: 'Enq',
      external: true,
      params: () => items,
      guard: (s: Stacks) => s.in.length + s.out.length < capacity,
      effect: (s, x: number) => to({ ...s, in: [...s.in, x] }),
    }),
    action({
      name: 'Deq',
      external: true,
      guard: (s: Stacks) => s.out.length > 0,
      effect: (s: Stacks) => returns({ ...s, out: s.out.slice(0, -1) }, s.out.at(-1)),
    }),
    action({
      name: 'Flip',
      external: false,
      guard: (s: Stacks) => s.out.length === 0 && s.in.length > 0,
      effect: (s: Stacks) => to({ in: [], out: [...s.in].reverse() }),
    }),
  ],
  key: (s) => `${s.in.join('')}|${s.out.join('')}`,
  view: (s) => ({ in: s.in, out: s.out }),
});
