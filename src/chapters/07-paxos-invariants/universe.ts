/**
 * A bounded universe of Paxos states for the inductive checks: every state
 * of a configuration's type, reachable or not, in which v_n is well defined
 * (each round has at most one value, Invariant 1), with the leaders holding
 * every value in allowed_l.
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
  return out.sort((a, b) => weight(a) - weight(b) || shape(a).localeCompare(shape(b)));
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

/**
 * Every state of the universe, with the fewest non-neutral statuses first
 * (so a counterexample to induction, when there is one, is a small one).
 * Leaving out the states that break Invariant 1 loses nothing: every
 * candidate invariant but Invariant 2 alone has Invariant 1 as a conjunct,
 * so those states are outside the induction hypothesis anyway, and a step
 * out of the universe is still checked against every conjunct.
 *
 * @param c - the configuration: its agents, leaders, rounds and values
 * @returns a function that enumerates the universe afresh on each call
 */
export function universe(c: PaxosConfig): { size: number; enumerate: () => Iterable<PaxosState> } {
  const R = roundCount(c);
  const statuses: Status[] = ['neutral', 'no', ...c.values];
  const oneValuePerRound = (cell: readonly Status[]) => {
    for (let n = 0; n < R; n++) {
      let v: Status | undefined;
      for (let i = 0; i < c.agents; i++) {
        const st = cell[i * R + n]!;
        if (typeof st !== 'number') continue;
        if (v !== undefined && v !== st) return false;
        v = st;
      }
    }
    return true;
  };
  const cells = lists(statuses, c.agents * R, (x) => x === 'neutral').filter(oneValuePerRound);
  const commands = lists<Value | null>([null, ...c.values], R, (x) => x === null);
  const perLeader = Array.from({ length: c.leaders }, (_, l) => leaderStates(c, l));
  let leaderCombos: LeaderState[][] = [[]];
  for (const ls of perLeader)
    leaderCombos = leaderCombos.flatMap((xs) => ls.map((x) => [...xs, x]));
  const everAllowed = [...c.values];
  return {
    size: cells.length * commands.length * leaderCombos.length,
    enumerate: function* () {
      for (const cell of cells) {
        const s = Array.from({ length: c.agents }, (_, i) => cell.slice(i * R, (i + 1) * R));
        for (const command of commands)
          for (const leaders of leaderCombos)
            yield { s, leaders, command, done: false, everAllowed } satisfies PaxosState;
      }
    },
  };
}
