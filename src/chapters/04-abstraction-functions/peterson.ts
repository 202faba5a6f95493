/**
 * Peterson's mutual exclusion for two processes, the subject of exercise
 * 4.1: its mutual exclusion is true but not inductive, and the reader
 * strengthens it until it is.
 *
 * @module
 */
import type { Machine } from '../../index';
import { action, invariant, machine, to } from '../../index';

/** Where a process is in its loop: idle, wants in (flag set), waits (turn given away), or in cs. */
export type Pc = 'idle' | 'want' | 'wait' | 'cs';

/** The state: each process's pc and flag, and whose turn it is. */
export interface PetersonState {
  readonly pc: readonly [Pc, Pc];
  readonly flag: readonly [boolean, boolean];
  /** 0 or 1: the process that may enter if both want to. */
  readonly turn: 0 | 1;
}

const NAMES = ['p1', 'p2'] as const;
const other = (i: 0 | 1): 0 | 1 => (i === 0 ? 1 : 0);
function put<T>(pair: readonly [T, T], i: 0 | 1, v: T): readonly [T, T] {
  return i === 0 ? [v, pair[1]] : [pair[0], v];
}

/**
 * One row of Peterson's table, for process i (the other is j): the action
 * ranges over both processes.
 *
 * @param name - the action's name
 * @param external - whether clients see it
 * @param guard - when process i may take it
 * @param effect - the state after it
 * @returns the action
 */
function row(
  name: string,
  external: boolean,
  guard: (s: PetersonState, i: 0 | 1) => boolean,
  effect: (s: PetersonState, i: 0 | 1) => PetersonState,
) {
  return action({
    name,
    external,
    params: () => [0, 1] as const,
    showParam: (i) => NAMES[i],
    guard,
    effect: (s, i) => to(effect(s, i)),
  });
}

/**
 * Peterson's algorithm.
 *
 * | name      | guard                                     | effect                      |
 * |-----------|-------------------------------------------|-----------------------------|
 * | Want(i)   | pc[i] = idle                              | flag[i] := true; pc[i] := want |
 * | Yield(i)  | pc[i] = want                              | turn := j; pc[i] := wait    |
 * | *Enter(i) | pc[i] = wait and (not flag[j] or turn = i) | pc[i] := cs                |
 * | *Exit(i)  | pc[i] = cs                                | flag[i] := false; pc[i] := idle |
 */
export const peterson: Machine<PetersonState> = machine<PetersonState>({
  name: 'Peterson',
  init: [{ pc: ['idle', 'idle'], flag: [false, false], turn: 0 }],
  actions: [
    row(
      'Want',
      false,
      (s, i) => s.pc[i] === 'idle',
      (s, i) => ({ ...s, flag: put(s.flag, i, true), pc: put(s.pc, i, 'want') }),
    ),
    row(
      'Yield',
      false,
      (s, i) => s.pc[i] === 'want',
      (s, i) => ({ ...s, turn: other(i), pc: put(s.pc, i, 'wait') }),
    ),
    row(
      'Enter',
      true,
      (s, i) => s.pc[i] === 'wait' && (!s.flag[other(i)] || s.turn === i),
      (s, i) => ({ ...s, pc: put(s.pc, i, 'cs') }),
    ),
    row(
      'Exit',
      true,
      (s, i) => s.pc[i] === 'cs',
      (s, i) => ({ ...s, flag: put(s.flag, i, false), pc: put(s.pc, i, 'idle') }),
    ),
  ],
  key: (s) => `${s.pc.join(',')}|${s.flag.map(Number).join('')}|${s.turn}`,
  view: (s) => ({
    'pc[p1]': s.pc[0],
    'pc[p2]': s.pc[1],
    'flag[p1]': s.flag[0],
    'flag[p2]': s.flag[1],
    turn: NAMES[s.turn],
  }),
});

/** What Peterson's algorithm is for: the two processes are never both in cs. */
export const petersonMutex = invariant<PetersonState>(
  'mutual exclusion: p1 and p2 are not both in cs',
  (s) => !(s.pc[0] === 'cs' && s.pc[1] === 'cs'),
  () => 'p1 and p2 are both in cs',
);

/** Every state of Peterson's state space, reachable or not: 4 × 4 pcs, 4 flag pairs, 2 turns. */
export function petersonUniverse(): PetersonState[] {
  const pcs: Pc[] = ['idle', 'want', 'wait', 'cs'];
  const out: PetersonState[] = [];
  for (const turn of [0, 1] as const)
    for (const f0 of [false, true])
      for (const f1 of [false, true])
        for (const a of pcs) for (const b of pcs) out.push({ pc: [a, b], flag: [f0, f1], turn });
  return out;
}
