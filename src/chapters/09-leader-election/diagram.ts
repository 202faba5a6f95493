/**
 * Runs of the timed system as sequence diagrams: one lane per potential
 * leader and per agent, one arrow per copy of a message from the step that
 * sent it to the step that delivered it, names that never arrive as arrows
 * that reach no one, and the timers' steps as notes with the time.
 *
 * @module
 */
import { changes, type SequenceDiagram, type SequenceEvent, type Trace } from '../../index';
import { agentName, leaderName } from '../06-paxos-state/state';
import type { TimedConfig } from './config';
import { type Copy, type ElectionState, laneName, paxosWithElection, showCopy } from './system';

/** The id that pairs a send with its deliveries: the message and when it was sent. */
const idOf = (k: Copy) => `${k.m.key}@${k.sent}`;

/** The message of a copy, without its receiver. */
const textOf = (c: TimedConfig, k: Copy) => showCopy(c, k).replace(/ → [^→]*$/, '');

/**
 * A run as lanes and events.
 *
 * @param c - the configuration the run was made with
 * @param t - the run
 * @returns the diagram
 */
export function electionDiagram(c: TimedConfig, t: Trace<ElectionState>): SequenceDiagram {
  const m = paxosWithElection(c);
  const leaders = Array.from({ length: c.paxos.leaders }, (_, l) => leaderName(l));
  const agents = Array.from({ length: c.paxos.agents }, (_, i) => agentName(i));
  const events: SequenceEvent[] = [];
  t.steps.forEach((st, k) => {
    const step = k + 1;
    if (st.label.action === 'Tick') return;
    const note = changes(m, st.from, st.to).join('; ');
    let lane: string;
    if (st.label.action === 'Deliver' || st.label.action === 'Lose') {
      const copy = st.label.param as Copy;
      lane = laneName(c, copy.to);
      events.push({
        step,
        kind: st.label.action === 'Deliver' ? 'receive' : 'drop',
        lane,
        id: idOf(copy),
        message: textOf(c, copy),
        ...(note ? { note } : {}),
      });
    } else {
      lane = leaderName(st.label.param as number);
      events.push({
        step,
        kind: 'local',
        lane,
        note: `t=${st.from.now} ${st.label.action}${note ? `: ${note}` : ''}`,
      });
    }
    // What the step sent: the copies new in flight, one arrow each, grouped by message.
    const before = new Set(st.from.net.map((x) => x.key));
    const sent = new Map<string, Copy[]>();
    for (const x of st.to.net)
      if (!before.has(x.key)) sent.set(idOf(x), [...(sent.get(idOf(x)) ?? []), x]);
    for (const [id, copies] of sent)
      events.push({
        step,
        kind: 'send',
        lane,
        to: copies.map((x) => laneName(c, x.to)),
        id,
        message: textOf(c, copies[0]!),
      });
  });
  return {
    title: `timed Paxos with the sloppy election (δ = ${c.delta}, T = ${c.timeout})`,
    lanes: [...leaders, ...agents],
    events,
  };
}
