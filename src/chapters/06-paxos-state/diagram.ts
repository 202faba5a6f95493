/**
 * Runs of abstract Paxos as sequence diagrams: a lane for the clients, one
 * per leader and one per agent. An agent's `Query` and `Accept` are drawn as
 * the message that causes them (`query(n)`, `command(n, v)`) from the round's
 * leader, delivered in the same step; in this model a message is sent and
 * received at once, and chapter 08 pulls the two apart.
 *
 * @module
 */
import type { Machine, SequenceDiagram, SequenceEvent, Trace } from '../../index';
import { changes, labelText } from '../../index';
import { Paxos } from './paxos';
import type { PaxosConfig, PaxosState } from './state';
import { agentName, leaderName, leaderOf, roundName } from './state';

/**
 * A run as lanes and events.
 *
 * @param c - the configuration the run was made with
 * @param m - the machine (for its view, to write what changed)
 * @param t - the run
 * @returns the diagram
 */
export function paxosDiagram(
  c: PaxosConfig,
  m: Pick<Machine<PaxosState>, 'view'>,
  t: Trace<PaxosState>,
): SequenceDiagram {
  const leaders = Array.from({ length: c.leaders }, (_, l) => leaderName(l));
  const agents = Array.from({ length: c.agents }, (_, i) => agentName(i));
  const events: SequenceEvent[] = [];
  const down = new Set<string>();
  t.steps.forEach((st, k) => {
    const step = k + 1;
    // Statuses first, then what they make of the rounds (dead, successful).
    const note = changes(m, st.from, st.to)
      .sort((x, y) => Number(!x.startsWith('s[')) - Number(!y.startsWith('s[')))
      .join('; ');
    const l = st.label;
    const up = (lane: string) => {
      if (down.delete(lane)) events.push({ step, kind: 'recover', lane });
    };
    if (Paxos.Allow.is(l)) {
      const lane = leaderName(l.param.l);
      up(lane);
      events.push({ step, kind: 'external', lane, message: `Allow(${l.param.v})`, note });
    } else if (Paxos.Query.is(l) || Paxos.Accept.is(l)) {
      const { i, n } = l.param;
      const from = leaderName(leaderOf(c, n));
      const message = Paxos.Query.is(l)
        ? `query(${roundName(c, n)})`
        : `command(${roundName(c, n)}, ${st.from.command[n]})`;
      const id = `m${step}`;
      events.push({ step, kind: 'send', lane: from, to: [agentName(i)], id, message });
      events.push({ step, kind: 'receive', lane: agentName(i), id, message, note });
    } else if (Paxos.Choose.is(l)) {
      events.push({
        step,
        kind: 'local',
        lane: leaderName(l.param.l),
        note: `heard ${l.param.q.map(agentName).join(', ')}: ${note}`,
      });
    } else if (Paxos.NewRound.is(l) || Paxos.Publish.is(l)) {
      const lane = leaderName(l.param);
      up(lane);
      events.push({ step, kind: 'local', lane, note });
    } else if (Paxos.Crash.is(l)) {
      const lane = leaderName(l.param);
      down.add(lane);
      events.push({ step, kind: 'crash', lane, note: note || 'forgets n_l, u_l, allowed_l' });
    } else events.push({ step, kind: 'external', lane: 'clients', message: labelText(l) });
  });
  return { title: 'abstract Paxos', lanes: ['clients', ...leaders, ...agents], events };
}
