/**
 * The paper's functions of the Paxos state (§6.2, §6.3): v_n, dead,
 * successful, anchored, and the outcome they define. Each reads the state
 * only; none is part of any process.
 *
 * @module
 */
import type { Nil } from '../../index';
import { nil } from '../../index';
import type { PaxosState, Round, Value } from './state';

/** How many agents have status `st` in round n. */
function count(s: PaxosState, n: Round, st: 'no' | Value): number {
  let k = 0;
  for (const row of s.s) if (row[n] === st) k++;
  return k;
}

/**
 * v_n: the value of round n, the Value some agent has in s[i][n], else nil.
 * (Invariant 1 says all such agents have the same one.)
 */
export function v_n(s: PaxosState, n: Round): Value | Nil {
  for (const row of s.s) {
    const st = row[n];
    if (typeof st === 'number') return st;
  }
  return nil;
}

/** Round n is dead: a majority of agents has status no in it. */
export function dead(s: PaxosState, n: Round): boolean {
  return 2 * count(s, n, 'no') > s.s.length;
}

/** Round n is successful: a majority of agents has a Value status in it. */
export function successful(s: PaxosState, n: Round): boolean {
  let k = 0;
  for (const row of s.s) if (typeof row[n] === 'number') k++;
  return 2 * k > s.s.length;
}

/**
 * Round n is anchored: for all m ≤ n, m is dead or v_n = v_m. Looking back
 * from n and skipping dead rounds, one sees only n's value.
 */
export function anchored(s: PaxosState, n: Round): boolean {
  const v = v_n(s, n);
  for (let m = 0; m < n; m++) if (!dead(s, m) && v_n(s, m) !== v) return false;
  return true;
}

/**
 * Round n would be anchored if its value were v: for all m < n, m is dead or
 * v_m = v. This is what a leader makes true when it chooses u_l = v for n_l.
 */
export function anchoredFor(s: PaxosState, n: Round, v: Value): boolean {
  for (let m = 0; m < n; m++) if (!dead(s, m) && v_n(s, m) !== v) return false;
  return true;
}

/** The number of rounds in a state. */
export const roundsIn = (s: PaxosState): number => s.command.length;

/** The successful rounds, in order. */
export function successfulRounds(s: PaxosState): Round[] {
  const out: Round[] = [];
  for (let n = 0; n < roundsIn(s); n++) if (successful(s, n)) out.push(n);
  return out;
}

/** The dead rounds, in order. */
export function deadRounds(s: PaxosState): Round[] {
  const out: Round[] = [];
  for (let n = 0; n < roundsIn(s); n++) if (dead(s, n)) out.push(n);
  return out;
}

// #region outcome
/** The outcome as the abstraction function defines it: v_n for a successful round n, or nil. */
export function outcome(s: PaxosState): Value | Nil {
  for (let n = 0; n < roundsIn(s); n++) if (successful(s, n)) return v_n(s, n);
  return nil;
}
// #endregion outcome
