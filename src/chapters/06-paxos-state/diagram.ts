/**
 * Runs of abstract Paxos as sequence diagrams: a lane for the clients, one
 * per leader and one per agent. An agent's `Query` and `Accept` are drawn as
 * the message that causes them (`query(n)`, `command(n, v)`) from the round's
 * leader, delivered in the same step; in this model a message is sent and
 * received at once, and chapter 08 pulls the two apart.
 *
 * @module
 */
import {
  changes,
  type Machine,
  type SequenceDiagram,
  type SequenceEvent,
  type Trace,
} from '../../index';
import type { AgentParam, AllowParam, ChooseParam } from './paxos';
import {
  agentName,
  leaderName,
  leaderOf,
  type PaxosConfig,
  type PaxosState,
  roundName,
} from './state';

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
    const p = st.label.param;
    const up = (lane: string) => {
      if (down.delete(lane)) events.push({ step, kind: 'recover', lane });
    };
    switch (st.label.action) {
      case 'Allow': {
        const { v, l } = p as AllowParam;
        up(leaderName(l));
        events.push({ step, kind: 'external', lane: leaderName(l), message: `Allow(${v})`, note });
        break;
      }
      case 'Query':
      case 'Accept': {
        const { i, n } = p as AgentParam;
        const from = leaderName(leaderOf(c, n));
        const message =
          st.label.action === 'Query'
            ? `query(${roundName(c, n)})`
            : `command(${roundName(c, n)}, ${st.from.command[n]})`;
        const id = `m${step}`;
        events.push({ step, kind: 'send', lane: from, to: [agentName(i)], id, message });
        events.push({ step, kind: 'receive', lane: agentName(i), id, message, note });
        break;
      }
      case 'Choose': {
        const { l, q } = p as ChooseParam;
        events.push({
          step,
          kind: 'local',
          lane: leaderName(l),
          note: `heard ${q.map(agentName).join(', ')}: ${note}`,
        });
        break;
      }
      case 'NewRound':
      case 'Publish': {
        const lane = leaderName(p as number);
        up(lane);
        events.push({ step, kind: 'local', lane, note });
        break;
      }
      case 'Crash': {
        const lane = leaderName(p as number);
        down.add(lane);
        events.push({ step, kind: 'crash', lane, note: note || 'forgets n_l, u_l, allowed_l' });
        break;
      }
      default:
        events.push({
          step,
          kind: 'external',
          lane: 'clients',
          message: st.label.args ?? labelOf(st.label),
        });
    }
  });
  return { title: 'abstract Paxos', lanes: ['clients', ...leaders, ...agents], events };
}

function labelOf(l: { action: string; ret: unknown }): string {
  return l.ret === undefined
    ? l.action
    : `${l.action} -> ${l.ret === null ? 'nil' : String(l.ret)}`;
}
