/**
 * Chapter 04's implementation: a token ring. Processes sit in a ring and
 * pass one token round it; only the process that holds the token may enter
 * its critical section. Channels between neighbours hold tokens in flight.
 *
 * @module
 */
import type { Machine } from '../../index';
import { action, machine } from '../../index';
import { config } from './config';
import type { Proc } from './mutex';
import { procNames } from './mutex';

// #region ring-state
/** Where a process is: without the token, holding it, or in its critical section (with it). */
export type Place = 'idle' | 'token' | 'cs';

/** The ring's state: each process's place, and the tokens in each channel. */
export interface RingState {
  /** p[i]: where process i is. */
  readonly p: readonly Place[];
  /** c[i]: how many tokens are in flight from process i to process i+1 (round the ring). */
  readonly c: readonly number[];
}
// #endregion ring-state

/** One row of the ring's table: a guard and an effect, for process i. */
export interface Rule {
  readonly guard: (s: RingState, i: number) => boolean;
  readonly effect: (s: RingState, i: number) => RingState;
}

/** The ring's four rows; a mutant replaces one of them. */
export interface RingRules {
  readonly Acquire: Rule;
  readonly Release: Rule;
  readonly Pass: Rule;
  readonly Receive: Rule;
}

/** `a` with `a[i] := v`. */
export function set<T>(a: readonly T[], i: number, v: T): readonly T[] {
  return a.map((x, j) => (j === i ? v : x));
}

/** The index of the process before i, round the ring. */
export const before = (s: RingState, i: number) => (i + s.p.length - 1) % s.p.length;

// #region ring-rules
/**
 * The token ring.
 *
 * | name        | guard                         | effect                               |
 * |-------------|-------------------------------|--------------------------------------|
 * | *Acquire(i) | p[i] = token                  | p[i] := cs                           |
 * | *Release(i) | p[i] = cs                     | p[i] := token                        |
 * | Pass(i)     | p[i] = token                  | p[i] := idle; c[i] := c[i] + 1       |
 * | Receive(i)  | c[i-1] > 0 and p[i] = idle    | c[i-1] := c[i-1] - 1; p[i] := token  |
 */
export const rules: RingRules = {
  Acquire: {
    guard: (s, i) => s.p[i] === 'token',
    effect: (s, i) => ({ ...s, p: set(s.p, i, 'cs') }),
  },
  Release: {
    guard: (s, i) => s.p[i] === 'cs',
    effect: (s, i) => ({ ...s, p: set(s.p, i, 'token') }),
  },
  Pass: {
    guard: (s, i) => s.p[i] === 'token',
    effect: (s, i) => ({ p: set(s.p, i, 'idle'), c: set(s.c, i, s.c[i]! + 1) }),
  },
  Receive: {
    guard: (s, i) => s.c[before(s, i)]! > 0 && s.p[i] === 'idle',
    effect: (s, i) => ({
      p: set(s.p, i, 'token'),
      c: set(s.c, before(s, i), s.c[before(s, i)]! - 1),
    }),
  },
};
// #endregion ring-rules

/** The initial state of a ring of n: p1 holds the token, the channels are empty. */
export function ringInit(n: number): RingState {
  return {
    p: Array.from({ length: n }, (_, i): Place => (i === 0 ? 'token' : 'idle')),
    c: Array.from({ length: n }, () => 0),
  };
}

const LETTER: Record<Place, string> = { idle: '-', token: 't', cs: 'C' };

/**
 * The ring's variables by name: `p1` .. `pn` and the channels `p1->p2` ..
 *
 * @param s - a ring state
 * @returns the variables
 */
export function ringView(s: RingState): Record<string, unknown> {
  const names = procNames(s.p.length);
  const v: Record<string, unknown> = {};
  names.forEach((name, i) => {
    v[name] = s.p[i];
  });
  names.forEach((name, i) => {
    v[`${name}->${names[(i + 1) % names.length]}`] = s.c[i];
  });
  return v;
}

/**
 * The token ring of n processes as a machine.
 *
 * @param n - how many processes (the chapter's configuration has three)
 * @param r - the rules (a mutant changes one)
 * @param name - the machine's name
 * @returns the machine
 */
export function ring(
  n = config.processes,
  r: RingRules = rules,
  name = `Ring(${n})`,
): Machine<RingState> {
  const procs = procNames(n);
  const row = (rowName: keyof RingRules, external: boolean) =>
    action({
      name: rowName,
      external,
      params: () => procs,
      guard: (s: RingState, i: Proc) => r[rowName].guard(s, procs.indexOf(i)),
      effect: (s, i) => ({ next: r[rowName].effect(s, procs.indexOf(i)) }),
    });
  return machine<RingState>({
    name,
    init: [ringInit(n)],
    actions: [
      row('Acquire', true),
      row('Release', true),
      row('Pass', false),
      row('Receive', false),
    ],
    key: (s) => `${s.p.map((x) => LETTER[x]).join('')}|${s.c.join('')}`,
    view: ringView,
  });
}
