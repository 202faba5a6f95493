/**
 * The spec of chapter 04's worked example: a lock (mutual exclusion),
 * written first, as §5.1's first hint asks, and knowing nothing of tokens.
 *
 * @module
 */
import type { Machine, Nil } from '../../index';
import { action, machine, nil, to } from '../../index';
import { config } from './config';

/** A process's name: `p1`, `p2`, ... */
export type Proc = string;

/** The names of n processes: p1 .. pn. */
export const procNames = (n: number): Proc[] => Array.from({ length: n }, (_, i) => `p${i + 1}`);

// #region mutex
/** Mutex's state: `holder : Proc ∪ {nil}`, initially nil. */
export interface MutexState {
  readonly holder: Proc | Nil;
}

/**
 * Spec Mutex: at most one process holds the lock.
 *
 * | name        | guard         | effect        |
 * |-------------|---------------|---------------|
 * | *Acquire(i) | holder = nil  | holder := i   |
 * | *Release(i) | holder = i    | holder := nil |
 */
export function mutex(n = config.processes): Machine<MutexState> {
  const procs = procNames(n);
  return machine<MutexState>({
    name: 'Mutex',
    init: [{ holder: nil }],
    actions: [
      action({
        name: 'Acquire',
        external: true,
        params: () => procs,
        guard: (s: MutexState) => s.holder === nil,
        effect: (_s: MutexState, i: Proc) => to<MutexState>({ holder: i }),
      }),
      action({
        name: 'Release',
        external: true,
        params: () => procs,
        guard: (s: MutexState, i: Proc) => s.holder === i,
        effect: () => to<MutexState>({ holder: nil }),
      }),
    ],
    key: (s) => s.holder ?? '-',
  });
}
// #endregion mutex
