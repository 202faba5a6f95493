/**
 * The channel invariants of §6.4, chapter 06's invariants read through the
 * abstraction function, and the goals that keep the checks from passing
 * vacuously.
 *
 * @module
 */
import type { Invariant, Reachable } from '../../index';
import { invariant, nil, reachable } from '../../index';
import { invariantsOf } from '../06-paxos-state/invariants';
import { dead, outcome, successfulRounds, v_n } from '../06-paxos-state/predicates';
import type { PaxosConfig, Status, Value } from '../06-paxos-state/state';
import { agentName, leaderName, leaderOf } from '../06-paxos-state/state';
import { messagesToPaxos } from './abstraction';
import type { NetConfig } from './config';
import type { Msg } from './messages';
import { showAddressed } from './messages';
import type { NetState } from './system';

/** The first index k where a report's statuses disagree with s_i at a non-neutral component. */
function disagreement(reported: readonly Status[], s: readonly Status[]): number {
  return reported.findIndex((st, m) => st !== 'neutral' && st !== s[m]);
}

/**
 * What the invariants read of a state: the processes, the messages in
 * flight and the history. Chapter 09's timed states, seen as chapter 08's,
 * have it too.
 */
export type PaxosView = Pick<NetState, 'agents' | 'leaders' | 'net' | 'history'>;

/** The first message in flight for which `bad` holds, if any. */
const firstBad = (y: PaxosView, bad: (m: Msg) => boolean): Msg | undefined =>
  y.net.find((e) => bad(e.msg))?.msg;

/**
 * The channel invariants of §6.4 for a configuration.
 *
 * @param c - the configuration (it names agents and rounds)
 * @returns the invariants
 */
export function channelInvariants(c: PaxosConfig): Invariant<PaxosView>[] {
  // #region channel
  /** report(i, s) in flight agrees with s_i except at components neutral in s (§6.4). */
  const statusReports = (y: PaxosView, m: Msg) =>
    (m.k === 'status' && disagreement(m.s, y.agents[m.i]!.s) >= 0) ||
    (m.k === 'accepted' && m.st !== 'neutral' && m.st !== y.agents[m.i]!.s[m.n]);
  const reportsAgree = invariant<PaxosView>(
    'a report in flight agrees with its sender’s statuses, except where it says neutral',
    (y) => !firstBad(y, (m) => statusReports(y, m)),
    (y) => {
      const m = firstBad(y, (x) => statusReports(y, x));
      if (m?.k !== 'status' && m?.k !== 'accepted') return 'no report disagrees';
      const i = m.i;
      return `${showAddressed(c, m)} is in flight but s_${agentName(i)} = [${y.agents[i]!.s.join(' ')}]`;
    },
  );

  /** command(n, u) in flight has u = command[n], the one value of round n. */
  const badCommand = (y: PaxosView, m: Msg) => m.k === 'command' && y.history.command[m.n] !== m.u;
  const commandsAgree = invariant<PaxosView>(
    'a command(n, u) in flight has u = command[n]',
    (y) => !firstBad(y, (m) => badCommand(y, m)),
    (y) => {
      const m = firstBad(y, (x) => badCommand(y, x));
      if (m?.k !== 'command') return 'no command disagrees';
      return `${showAddressed(c, m)} is in flight but command[n] = ${y.history.command[m.n] ?? 'nil'}`;
    },
  );

  /** outcome(u) in flight, or known to an agent, has u = the outcome, and it has been published. */
  const wrongOutcome = (y: PaxosView, u: Value) =>
    !y.history.published || outcome(messagesToPaxos(y)) !== u;
  const outcomesAgree = invariant<PaxosView>(
    'an outcome(u) in flight or known to an agent is the outcome',
    (y) =>
      !firstBad(y, (m) => m.k === 'outcome' && wrongOutcome(y, m.u)) &&
      y.agents.every((a) => a.outcome === nil || !wrongOutcome(y, a.outcome)),
    (y) => {
      const f = messagesToPaxos(y);
      return `the outcome is ${outcome(f) ?? 'nil'}${y.history.published ? '' : ', unpublished'}, but ${
        y.net
          .filter((e) => e.msg.k === 'outcome')
          .map((e) => showAddressed(c, e.msg))
          .join(', ') ||
        y.agents
          .map((a, i) => (a.outcome === nil ? '' : `outcome_${agentName(i)} = ${a.outcome}`))
          .filter(Boolean)
          .join(', ')
      }`;
    },
  );

  /** What a leader heard still agrees with the agents: its reports, and who accepted u_l. */
  const leaderWrong = (y: PaxosView, l: number) => {
    const ls = y.leaders[l]!;
    return (
      ls.reports.some((r) => disagreement(r.s, y.agents[r.i]!.s) >= 0) ||
      ls.accepted.some((i) => ls.n === nil || y.agents[i]!.s[ls.n] !== ls.u)
    );
  };
  const leadersAgree = invariant<PaxosView>(
    'what a leader heard agrees with the agents',
    (y) => y.leaders.every((_, l) => !leaderWrong(y, l)),
    (y) => {
      const l = y.leaders.findIndex((_, k) => leaderWrong(y, k));
      return `${leaderName(l)} heard something that the agents' statuses contradict`;
    },
  );
  // #endregion channel
  return [reportsAgree, commandsAgree, outcomesAgree, leadersAgree];
}

/**
 * Chapter 06's Invariants 1 and 2, of f(y).
 *
 * @param c - the configuration
 * @returns the invariants, over message-level states
 */
export function imageInvariants(c: PaxosConfig): Invariant<PaxosView>[] {
  return Object.values(invariantsOf(c)).map((inv) =>
    invariant<PaxosView>(
      `${inv.name} (of f(y))`,
      (y) => inv.holds(messagesToPaxos(y)),
      (y) => (inv.why ? inv.why(messagesToPaxos(y)) : 'violated'),
    ),
  );
}

/** Some command is in flight whose leader has forgotten it (crashed, or moved on). */
const forgottenCommand = (c: PaxosConfig, y: NetState) =>
  y.net.some(({ msg: m }) => m.k === 'command' && y.leaders[leaderOf(c, m.n)]!.n !== m.n);

/**
 * Goals some reachable state must meet, so the checks cannot pass because
 * nothing happens, or because the faults never strike.
 *
 * @param nc - the configuration (goals about a fault only if it may happen)
 * @returns the goals
 */
export function netGoals(nc: NetConfig): Reachable<NetState>[] {
  const f = messagesToPaxos;
  const c = nc.paxos;
  const goals = [
    reachable<NetState>('a round is successful', (y) => successfulRounds(f(y)).length > 0),
    reachable<NetState>('every agent has been told the outcome', (y) =>
      y.agents.every((a) => a.outcome !== nil),
    ),
    reachable<NetState>('a dead round has a value, and a later round has another', (y) => {
      const s = f(y);
      return s.command.some(
        (_, m) =>
          dead(s, m) &&
          v_n(s, m) !== nil &&
          s.command.some((__, n) => n > m && v_n(s, n) !== nil && v_n(s, n) !== v_n(s, m)),
      );
    }),
  ];
  if (nc.leaderCrashes > 0)
    goals.push(
      reachable('a command is in flight after its leader forgot it', (y) => forgottenCommand(c, y)),
    );
  if (nc.leaderCrashes > 0 && c.leaders === 1 && c.maxJ > 1)
    goals.push(
      reachable(
        'the leader crashed, and commanded in a later round it started since',
        // A crash forgets n_l, and only a new round sets it again.
        (y) => y.faults.crashed[1]! > 0 && y.leaders[0]!.j > 1 && y.leaders[0]!.u !== nil,
      ),
    );
  if (nc.losses > 0)
    goals.push(
      reachable(
        'a message was lost and the outcome still reached everyone',
        (y) => y.faults.lost > 0 && y.agents.every((a) => a.outcome !== nil),
      ),
    );
  if (nc.agentCrashes > 0)
    goals.push(
      reachable(
        'an agent that crashed has recovered',
        (y) => y.faults.crashed[0]! > 0 && y.agents.every((_, i) => y.up[i]),
      ),
    );
  return goals;
}
