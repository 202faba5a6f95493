/**
 * The decisions inside the processes of §6.4, each a small pure function:
 * the leader's choice of u_l from the reports it heard, the agent's answer
 * to a query and to a command, and how the leader tells that it has heard
 * from a majority. {@link rules} are the correct ones; a mutant or an
 * exercise replaces one.
 *
 * @module
 */
import type { Round, Status, Value } from '../06-paxos-state/state';

/** What a leader keeps of one report(i, s_i): who sent it, and s_i below n_l. */
export interface Report {
  /** The agent that sent it. */
  readonly i: number;
  /** Its statuses in the rounds m < n_l, in round order. */
  readonly s: readonly Status[];
}

/** The replaceable parts of the leader and the agent. */
export interface Rules {
  /**
   * The values the leader may choose as u_l for round n, given the reports
   * of a majority and allowed_l (several: any of them will do).
   */
  readonly pick: (reports: readonly Report[], n: Round, allowed: readonly Value[]) => Value[];
  /** Agent i's statuses after it answers query(n); it then reports them below n. */
  readonly onQuery: (s: readonly Status[], n: Round) => Status[];
  /** May an agent whose status in the round is `st` accept a command? */
  readonly mayAccept: (st: Status) => boolean;
  /** Is a report from agent i news to a leader that has heard from `from`? */
  readonly isNew: (from: readonly number[], i: number) => boolean;
  /** Are `count` reports enough, out of `agents` agents? */
  readonly enough: (count: number, agents: number) => boolean;
}

// #region pick
/**
 * The leader's rule (§6.4): look back from n_l; skip a round in which no
 * reporting agent has a Value (every one of a majority said no, so it is
 * dead); at the first round with a Value, choose it. If every earlier round
 * is dead, any allowed value keeps n_l anchored.
 */
export function pickLatest(
  reports: readonly Report[],
  n: Round,
  allowed: readonly Value[],
): Value[] {
  for (let m = n - 1; m >= 0; m--)
    for (const r of reports) {
      const st = r.s[m];
      if (typeof st === 'number') return [st];
    }
  return [...allowed];
}
// #endregion pick

// #region agent
/** The agent's answer to query(n): every neutral status in a round m < n becomes no. */
export function answerQuery(s: readonly Status[], n: Round): Status[] {
  return s.map((st, m) => (m < n && st === 'neutral' ? 'no' : st));
}

/** The agent accepts command(n, u) only while s[i][n] is neutral. */
export const acceptWhileNeutral = (st: Status): boolean => st === 'neutral';
// #endregion agent

// #region majority
/** A report counts only if its sender has not been heard from: agents, not messages. */
export const distinctAgents = (from: readonly number[], i: number): boolean => !from.includes(i);

/** A majority: more than half of the agents. */
export const majority = (count: number, agents: number): boolean => 2 * count > agents;
// #endregion majority

/** The correct rules. */
export const rules: Rules = {
  pick: pickLatest,
  onQuery: answerQuery,
  mayAccept: acceptWhileNeutral,
  isNew: distinctAgents,
  enough: majority,
};
