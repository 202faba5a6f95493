/**
 * Runs of message-level Paxos as sequence diagrams: a lane per leader and
 * per agent, an arrow per copy of a message, a note with what each step
 * changed (`s[a][(1,l1)] := no`), losses, duplicates and crashes.
 *
 * @module
 */
import type { SequenceDiagram, SequenceEvent, Trace } from '../../index';
import { agentName, leaderName, type PaxosConfig, roundName } from '../06-paxos-state/state';
import { type Msg, reportLeader, showMsg, toAgents } from './messages';
import type { AgentState, LeaderState } from './processes';
import type { DeliverParam, NetState } from './system';

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
 * The sequence diagram of a run.
 *
 * @param c - the configuration (it names processes and rounds)
 * @returns the diagram of a trace
 */
export function paxosDiagram(c: PaxosConfig): (t: Trace<NetState>) => SequenceDiagram {
  return (t) => {
    const leaders = t.init.leaders.map((_, l) => leaderName(l));
    const agents = t.init.agents.map((_, i) => agentName(i));
    const events: SequenceEvent[] = [];
    // The copy of each message now in flight: its id and the lanes it has not reached yet.
    const live = new Map<string, { id: string; pending: Set<string> }>();
    let next = 0;
    const recipients = (m: Msg) => (toAgents(m) ? agents : [leaders[reportLeader(c, m)]!]);
    const sendNew = (step: number, lane: string, before: NetState, after: NetState): boolean => {
      let sent = false;
      for (const m of after.net) {
        if (before.net.some((x) => x.key === m.key)) continue;
        const id = `m${++next}`;
        const to = recipients(m);
        live.set(m.key, { id, pending: new Set(to) });
        events.push({ step, kind: 'send', lane, to, id, message: showMsg(c, m) });
        sent = true;
      }
      return sent;
    };
    // A leader that crashed is back (with nothing but its clock) when it next acts.
    const down = new Set<string>();
    const back = (step: number, lane: string) => {
      if (down.delete(lane)) events.push({ step, kind: 'recover', lane });
    };
    t.steps.forEach((st, k) => {
      const step = k + 1;
      const { label, from, to: y2 } = st;
      const p = label.param;
      switch (label.action) {
        case 'Allow':
        case 'Outcome': {
          const lane =
            label.action === 'Allow' ? leaders[(p as { l: number }).l]! : agents[p as number]!;
          back(step, lane);
          events.push({
            step,
            kind: 'external',
            lane,
            message:
              label.action === 'Allow'
                ? `Allow(${(p as { v: number }).v})`
                : `Outcome -> ${label.ret}`,
          });
          break;
        }
        case 'NewRound':
        case 'Command':
        case 'Retransmit': {
          const l = label.action === 'Command' ? (p as { l: number }).l : (p as number);
          const ls = y2.leaders[l]!;
          const note =
            label.action === 'NewRound'
              ? `n_${leaders[l]} := ${roundName(c, ls.n!)}`
              : label.action === 'Command'
                ? `u_${leaders[l]} := ${ls.u}`
                : 'retransmits';
          back(step, leaders[l]!);
          // What it sends says what it did; a note only for a step that sends nothing new.
          if (!sendNew(step, leaders[l]!, from, y2))
            events.push({ step, kind: 'local', lane: leaders[l]!, note });
          break;
        }
        case 'Deliver': {
          const { m, to } = p as DeliverParam;
          const lane = toAgents(m) ? agents[to]! : leaders[to]!;
          const copy = live.get(m.key);
          const id = copy?.id;
          if (copy && !copy.pending.has(lane))
            events.push({
              step,
              kind: 'duplicate',
              lane,
              to: [lane],
              id: id!,
              message: showMsg(c, m),
            });
          copy?.pending.delete(lane);
          back(step, lane);
          const note = toAgents(m)
            ? agentChange(c, to, from.agents[to]!, y2.agents[to]!)
            : leaderChange(to, from.leaders[to]!, y2.leaders[to]!, m);
          events.push({
            step,
            kind: 'receive',
            lane,
            ...(id ? { id } : {}),
            message: showMsg(c, m),
            note,
          });
          sendNew(step, lane, from, y2);
          break;
        }
        case 'Lose': {
          const m = p as Msg;
          // The copies that have not arrived anywhere yet are lost; one that
          // every receiver has had is lost as a further copy.
          const copy = live.get(m.key);
          const lanes = copy?.pending.size ? [...copy.pending] : recipients(m);
          for (const lane of lanes)
            events.push({
              step,
              kind: 'drop',
              lane,
              ...(copy?.pending.size ? { id: copy.id } : {}),
              message: showMsg(c, m),
            });
          live.delete(m.key);
          break;
        }
        case 'CrashAgent': {
          const i = agents[p as number]!;
          events.push({ step, kind: 'crash', lane: i, note: `(s_${i} survives)` });
          break;
        }
        case 'RecoverAgent':
          events.push({ step, kind: 'recover', lane: agents[p as number]! });
          break;
        case 'CrashLeader': {
          const lane = leaders[p as number]!;
          down.add(lane);
          events.push({ step, kind: 'crash', lane, note: '(forgets all but j)' });
          break;
        }
        default:
          events.push({ step, kind: 'local', lane: leaders[0]!, message: label.action });
      }
    });
    return { title: 'message-level Paxos', lanes: [...leaders, ...agents], events };
  };
}
