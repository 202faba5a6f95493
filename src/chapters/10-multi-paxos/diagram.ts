/**
 * Chapter 10's runs as sequence diagrams: a lane per process, with notes in
 * the paper's terms (an agent's next and what it accepts or is told; a
 * leader's poll, query, primary instance and decisions).
 *
 * @module
 */
import type { SequenceDiagram, Trace } from '../../index';
import { actorDiagram, nil } from '../../index';
import type { AgentState, LeaderState, MultiState, MultiSystem } from './system';
import { roundName } from './system';

/**
 * What a step did to an agent, in a few words.
 *
 * @param sys - the system
 * @param a - before
 * @param b - after
 * @returns the note, if anything changed
 */
function agentNote(sys: MultiSystem, a: AgentState, b: AgentState): string | undefined {
  const c = sys.config;
  const out: string[] = [];
  b.known.forEach((v, p) => {
    if (v !== nil && a.known[p] === nil) out.push(`told p${p} = ${v}`);
  });
  b.slots.forEach((s, p) => {
    if (s.last !== a.slots[p]!.last) out.push(`accepts ${s.v} in p${p}`);
  });
  if (b.next !== a.next && out.every((x) => !x.startsWith('accepts')))
    out.push(`next := ${roundName(c, b.next)}`);
  return out.join(', ') || undefined;
}

/**
 * What a step did to a leader, in a few words.
 *
 * @param sys - the system
 * @param a - before
 * @param b - after
 * @returns the note, if anything changed
 */
function leaderNote(sys: MultiSystem, a: LeaderState, b: LeaderState): string | undefined {
  const c = sys.config;
  if (b.phase === 'poll' && a.phase !== 'poll') return `polls (#${b.inc})`;
  if (a.phase === 'poll' && b.phase !== 'poll')
    return `clock := ${b.j === nil || b.j < 0 ? '-' : roundName(c, b.j)}`;
  if (b.phase === 'query' && (a.phase !== 'query' || a.n !== b.n))
    return `starts ${roundName(c, b.n as number)}`;
  if (b.phase === 'primary' && a.phase !== 'primary') return 'primary';
  if (b.slot > a.slot && a.u !== nil) return `decided p${a.slot} = ${a.u}`;
  if (b.heard.length > a.heard.length) return 'heard';
  return undefined;
}

/**
 * The diagram of a run.
 *
 * @param sys - the system that made it
 * @returns the diagram maker
 */
export const multiDiagram =
  (sys: MultiSystem) =>
  (t: Trace<MultiState>): SequenceDiagram =>
    actorDiagram(sys, t, {
      note: (p, before, after) =>
        p < sys.config.agents
          ? agentNote(sys, before as AgentState, after as AgentState)
          : leaderNote(sys, before as LeaderState, after as LeaderState),
    });
