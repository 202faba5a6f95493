/**
 * Reference solution to exercise 6.1 (v_n, dead and successful).
 */

import type { PaxosState, Round, Value } from '../../src/chapters/06-paxos-state/state';
import type { Nil } from '../../src/index';

export function v_n(s: PaxosState, n: Round): Value | Nil {
  for (const row of s.s) {
    const st = row[n];
    if (typeof st === 'number') return st;
  }
  return null;
}

const majority = (s: PaxosState, k: number) => 2 * k > s.s.length;

export function dead(s: PaxosState, n: Round): boolean {
  return majority(s, s.s.filter((row) => row[n] === 'no').length);
}

export function successful(s: PaxosState, n: Round): boolean {
  return majority(s, s.s.filter((row) => typeof row[n] === 'number').length);
}
