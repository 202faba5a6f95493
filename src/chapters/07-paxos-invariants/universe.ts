/**
 * A bounded universe of Paxos states for the inductive checks: every state
 * of a configuration's type, reachable or not, in which v_n is well defined
 * (each round has at most one value, Invariant 1), with the leaders holding
 * every value in allowed_l; and the reductions of it that a big
 * configuration needs.
 *
 * @module
 */
import type { LeaderState, PaxosConfig, PaxosState, Status, Value } from '../06-paxos-state/state';
import { roundCount, roundOf } from '../06-paxos-state/state';

/**
 * Every list of `length` items drawn from `choices`: those with fewer items
 * that are not `plain` first, and among equals, those whose first items are
 * not plain first (so small examples fill the first agents and rounds).
 */
function lists<T>(choices: readonly T[], length: number, plain: (x: T) => boolean): T[][] {
  let out: T[][] = [[]];
  for (let k = 0; k < length; k++) out = out.flatMap((xs) => choices.map((x) => [...xs, x]));
  const weight = (xs: T[]) => xs.filter((x) => !plain(x)).length;
  const shape = (xs: T[]) => xs.map((x) => (plain(x) ? '1' : '0')).join('');
  // Each list's sort key once, not once per comparison (three rounds make 4^9 lists).
  const keyed = out.map((xs, k) => ({ xs, w: weight(xs), sh: shape(xs), k }));
  keyed.sort((a, b) => a.w - b.w || (a.sh < b.sh ? -1 : a.sh > b.sh ? 1 : a.k - b.k));
  return keyed.map((e) => e.xs);
}

/** Every state leader l can be in: j from 0 to maxJ; n_l nil or (j, l); u_l nil or a value. */
function leaderStates(c: PaxosConfig, l: number): LeaderState[] {
  const out: LeaderState[] = [];
  const us: (Value | null)[] = [null, ...c.values];
  for (let j = 0; j <= c.maxJ; j++)
    for (const n of j === 0 ? [null] : [null, roundOf(c, j, l)])
      for (const u of us) out.push({ j, n, u, allowed: [...c.values] });
  return out;
}

// #region reductions
/** Reductions of a universe, each sound for the candidates it says. */
export interface UniverseOptions {
  /**
   * Only the states in which every agent's value in a round is that round's
   * command (its statuses there are neutral, no or command[n]). A state
   * left out breaks "every v_n is its round's command", so for a candidate
   * with that conjunct it is outside the induction hypothesis anyway.
   *
   * @defaultValue false
   */
  readonly commanded?: boolean;
  /**
   * One state per class of states that differ only by renaming agents or
   * values: the agents' rows in order, and the values in the order they
   * first appear (round by round, v_n before command[n], then each leader's
   * u_l). Sound for a candidate that names no agent and no value, since
   * abstract Paxos treats agents alike and values alike: a state steps out
   * of the candidate if and only if its representative does.
   *
   * @defaultValue false
   */
  readonly symmetric?: boolean;
}
// #endregion reductions

/**
 * Every state of the universe, with the fewest non-neutral statuses first
 * (so a counterexample to induction, when there is one, is a small one).
 * Leaving out the states that break Invariant 1 loses nothing: every
 * candidate invariant but Invariant 2 alone has Invariant 1 as a conjunct,
 * so those states are outside the induction hypothesis anyway, and a step
 * out of the universe is still checked against every conjunct.
 *
 * @param c - the configuration: its agents, leaders, rounds and values
 * @param o - the reductions, if any (default none: every state)
 * @returns its size, and a function that enumerates it afresh on each call
 */
export function universe(
  c: PaxosConfig,
  o: UniverseOptions = {},
): { readonly size: number; readonly enumerate: () => Iterable<PaxosState> } {
  const R = roundCount(c);
  const A = c.agents;
  const statuses: Status[] = ['neutral', 'no', ...c.values];
  const code = (st: Status) => statuses.indexOf(st);
  const oneValuePerRound = (cell: readonly Status[]) => {
    for (let n = 0; n < R; n++) {
      let v: Status | undefined;
      for (let i = 0; i < A; i++) {
        const st = cell[i * R + n]!;
        if (typeof st !== 'number') continue;
        if (v !== undefined && v !== st) return false;
        v = st;
      }
    }
    return true;
  };
  /** Are the agents' rows in order (each no greater than the next, status by status)? */
  const rowsInOrder = (cell: readonly Status[]) => {
    for (let i = 0; i + 1 < A; i++)
      for (let n = 0; n < R; n++) {
        const d = code(cell[i * R + n]!) - code(cell[(i + 1) * R + n]!);
        if (d < 0) break;
        if (d > 0) return false;
      }
    return true;
  };
  /** Is every value in round n of the cell that round's command? */
  const commandedBy = (cell: readonly Status[], command: readonly (Value | null)[]) => {
    for (let k = 0; k < cell.length; k++) {
      const st = cell[k]!;
      if (typeof st === 'number' && st !== command[k % R]) return false;
    }
    return true;
  };
  /** Do the values first appear in the order of c.values? */
  const valuesInOrder = (s: PaxosState) => {
    let next = 0;
    const meet = (v: Value | null) => {
      if (v === null || c.values.indexOf(v) < next) return true;
      if (v !== c.values[next]) return false;
      next++;
      return true;
    };
    for (let n = 0; n < R; n++) {
      let v: Value | null = null;
      for (const row of s.s) if (typeof row[n] === 'number') v = row[n] as Value;
      if (!meet(v) || !meet(s.command[n]!)) return false;
    }
    return s.leaders.every((l) => meet(l.u));
  };
  const cells = lists(statuses, A * R, (x) => x === 'neutral').filter(
    (cell) => oneValuePerRound(cell) && (!o.symmetric || rowsInOrder(cell)),
  );
  const commands = lists<Value | null>([null, ...c.values], R, (x) => x === null);
  const perLeader = Array.from({ length: c.leaders }, (_, l) => leaderStates(c, l));
  let leaderCombos: LeaderState[][] = [[]];
  for (const ls of perLeader)
    leaderCombos = leaderCombos.flatMap((xs) => ls.map((x) => [...xs, x]));
  const everAllowed = [...c.values];
  const reduced = o.commanded || o.symmetric;
  const enumerate = function* (): Generator<PaxosState> {
    for (const cell of cells) {
      const s = Array.from({ length: A }, (_, i) => cell.slice(i * R, (i + 1) * R));
      for (const command of commands) {
        if (o.commanded && !commandedBy(cell, command)) continue;
        for (const leaders of leaderCombos) {
          const state: PaxosState = { s, leaders, command, done: false, everAllowed };
          if (!o.symmetric || valuesInOrder(state)) yield state;
        }
      }
    }
  };
  let size: number | undefined;
  return {
    get size() {
      if (size === undefined) {
        size = 0;
        if (reduced) for (const _ of enumerate()) size++;
        else size = cells.length * commands.length * leaderCombos.length;
      }
      return size;
    },
    enumerate,
  };
}
