/**
 * Runs of message-level Paxos as sequence diagrams: the library's lanes and
 * arrows (`actorDiagram`), with a note in the paper's notation beside each
 * step of a process (`s[a][(1,l1)] := no`, `heard from a, b`).
 *
 * @module
 */
import type { SequenceDiagram, Step, Trace } from '../../index';
import { actorDiagram } from '../../index';
import type { PaxosConfig } from '../06-paxos-state/state';
import { agentName, leaderName, roundName } from '../06-paxos-state/state';
import type { Msg } from './messages';
import type { AgentState, LeaderState } from './processes';
import type { NetState, PaxosSystem } from './system';

/** What a delivery did to an agent, in the paper's notation. */
export function agentChange(c: PaxosConfig, i: number, a: AgentState, b: AgentState): string {
  const out: string[] = [];
  b.s.forEach((st, n) => {
    if (st !== a.s[n]) out.push(`s[${agentName(i)}][${roundName(c, n)}] := ${st}`);
  });
  if (b.outcome !== a.outcome && b.outcome !== null)
    out.push(`outcome_${agentName(i)} := ${b.outcome}`);
  return out.join(', ') || 'no change';
}

/** What a delivery of report m did to a leader, in a few words. */
export function leaderChange(l: number, a: LeaderState, b: LeaderState, m?: Msg): string {
  const name = leaderName(l);
  if (b.published && !a.published) return `a majority accepted: ${name} publishes ${b.u}`;
  if (b.accepted.length > a.accepted.length)
    return `accepted by ${b.accepted.map(agentName).join(', ')}`;
  if (b.reports.length > a.reports.length)
    return `heard from ${b.reports.map((r) => agentName(r.i)).join(', ')}`;
  if (m && (m.k === 'status' || m.k === 'accepted') && a.n === m.n) {
    const from = m.k === 'status' ? a.reports.map((r) => r.i) : a.accepted;
    if (from.includes(m.i)) return `already heard from ${agentName(m.i)}: ignored`;
  }
  return 'ignored';
}

/**
 * What a step did to the process that took it, in the paper's notation:
 * the note beside it in a diagram and in the demo's table.
 *
 * @param sys - the system
 * @param st - the step
 * @returns the note, or undefined for a step that changed nothing worth saying
 */
export function stepChange(sys: PaxosSystem, st: Step<NetState>): string | undefined {
  const c = sys.config.paxos;
  const { label, from, to } = st;
  const leader = (p: number) => sys.ids.leaders.indexOf(p);
  if (sys.Deliver.is(label)) {
    const { env, to: p } = label.param;
    const l = leader(p);
    return l < 0
      ? agentChange(c, p, from.agents[p]!, to.agents[p]!)
      : leaderChange(l, from.leaders[l]!, to.leaders[l]!, env.msg);
  }
  if (sys.Allow.is(label)) {
    const l = leader(label.param.p);
    return `allowed_${leaderName(l)} := {${to.leaders[l]!.allowed.join(', ')}}`;
  }
  if (sys.NewRound.is(label)) {
    const l = leader(label.param.p);
    return `n_${leaderName(l)} := ${roundName(c, to.leaders[l]!.n!)}`;
  }
  if (sys.Command.is(label)) {
    const l = leader(label.param.p);
    return `u_${leaderName(l)} := ${to.leaders[l]!.u}`;
  }
  if (sys.Outcome.is(label))
    return `${agentName(label.param.p)} answers with the outcome it was told`;
  if (sys.Lose.is(label)) return 'the network loses it';
  if (sys.Crash.is(label)) {
    const p = label.param;
    return leader(p) < 0
      ? `${agentName(p)} is down; s_${agentName(p)} survives`
      : `${leaderName(leader(p))} forgets all but its clock j`;
  }
  if (sys.Recover.is(label)) return `${agentName(label.param)} is up again`;
  return undefined;
}

/**
 * The sequence diagram of a run: the library's, with the chapter's notes.
 *
 * @param sys - the system that made the run
 * @returns the diagram of a trace
 */
export function paxosDiagram(sys: PaxosSystem): (t: Trace<NetState>) => SequenceDiagram {
  return (t) =>
    actorDiagram(sys, t, {
      title: 'message-level Paxos',
      note: (_p, _before, _after, st) =>
        sys.Allow.is(st.label) || sys.Outcome.is(st.label) ? undefined : stepChange(sys, st),
    });
}
