/**
 * The five messages of §6.4, how they are written, and where they go. The
 * network that carries them is the library's `set` network (see
 * `messagePaxos`): any message in flight may be delivered next, to
 * any of its receivers, any number of times, until it is lost.
 *
 * @module
 */
import type { PaxosConfig, Round, Status, Value } from '../06-paxos-state/state';
import { agentName, leaderName, leaderOf, roundName } from '../06-paxos-state/state';

// #region messages
/**
 * A message. What a leader sends goes to every agent (§6.4 models the
 * network as a broadcast medium from leaders to agents); a report goes to
 * the leader of the round it is about, leaderOf(n).
 *
 * | message             | from → to         | in the paper               |
 * |---------------------|-------------------|----------------------------|
 * | query(n)            | leader → agents   | query(n_l)                 |
 * | report(i, s)        | agent i → leader  | report(i, s_i)             |
 * | command(n, u)       | leader → agents   | command(n_l, u_l)          |
 * | report(i, n, st)    | agent i → leader  | report(i, n_l, s[i][n_l])  |
 * | outcome(u)          | leader → agents   | outcome(u_l)               |
 */
export type Msg =
  | { readonly k: 'query'; readonly n: Round; readonly key: string }
  | {
      readonly k: 'status';
      readonly i: number;
      /** The round of the query it answers. */
      readonly n: Round;
      /** s_i in the rounds below n, which is what the query asked for. */
      readonly s: readonly Status[];
      readonly key: string;
    }
  | { readonly k: 'command'; readonly n: Round; readonly u: Value; readonly key: string }
  | {
      readonly k: 'accepted';
      readonly i: number;
      readonly n: Round;
      /** s[i][n] after the command: u if the agent accepted, else what it had. */
      readonly st: Status;
      readonly key: string;
    }
  | { readonly k: 'outcome'; readonly u: Value; readonly key: string };
// #endregion messages

/** A status in one character: `.` neutral, `-` no, the value's digits otherwise. */
const stKey = (st: Status): string => (st === 'neutral' ? '.' : st === 'no' ? '-' : String(st));

/** query(n), to every agent. */
export const query = (n: Round): Msg => ({ k: 'query', n, key: `q${n}` });

/** report(i, s_i): agent i's statuses below round n, to the leader of n. */
export const statusReport = (i: number, n: Round, s: readonly Status[]): Msg => ({
  k: 'status',
  i,
  n,
  s,
  key: `r${n}:${i}:${s.map(stKey).join(',')}`,
});

/** command(n, u), to every agent. */
export const command = (n: Round, u: Value): Msg => ({ k: 'command', n, u, key: `c${n}:${u}` });

/** report(i, n, s[i][n]): agent i's status in round n after a command, to the leader of n. */
export const acceptReport = (i: number, n: Round, st: Status): Msg => ({
  k: 'accepted',
  i,
  n,
  st,
  key: `a${n}:${i}:${stKey(st)}`,
});

/** outcome(u), to every agent. */
export const outcome = (u: Value): Msg => ({ k: 'outcome', u, key: `o${u}` });

/** Does the message go to the agents (rather than to a leader)? */
export const toAgents = (m: Msg): m is Extract<Msg, { k: 'query' | 'command' | 'outcome' }> =>
  m.k === 'query' || m.k === 'command' || m.k === 'outcome';

/** The leader a report goes to: the leader of its round. */
export const reportLeader = (c: PaxosConfig, m: Extract<Msg, { k: 'status' | 'accepted' }>) =>
  leaderOf(c, m.n);

const showSt = (st: Status): string => String(st);

/**
 * A message as the paper writes it: `query((1,l2))`, `report(a, [8])`,
 * `command((1,l1), 7)`, `report(b, (1,l1), 7)`, `outcome(7)`.
 *
 * @param c - the configuration (it names rounds)
 * @param m - the message
 * @returns its text
 */
export function showMsg(c: PaxosConfig, m: Msg): string {
  switch (m.k) {
    case 'query':
      return `query(${roundName(c, m.n)})`;
    case 'status':
      return `report(${agentName(m.i)}, [${m.s.map(showSt).join(' ')}])`;
    case 'command':
      return `command(${roundName(c, m.n)}, ${m.u})`;
    case 'accepted':
      return `report(${agentName(m.i)}, ${roundName(c, m.n)}, ${showSt(m.st)})`;
    case 'outcome':
      return `outcome(${m.u})`;
  }
}

/** A report with its addressee, or a leader's message as it is: `report(a, [8]) → l2`. */
export const showAddressed = (c: PaxosConfig, m: Msg): string =>
  toAgents(m) ? showMsg(c, m) : `${showMsg(c, m)} → ${leaderName(reportLeader(c, m))}`;
