/**
 * Runs of the timed system as sequence diagrams: the library's lanes and
 * arrows (`actorDiagram`; names that never arrive are arrows that reach no
 * one), with notes that say when each step happened and what it did to
 * its process in the paper's notation.
 *
 * @module
 */
import type { SequenceDiagram, Trace } from '../../index';
import { actorDiagram, nil } from '../../index';
import { roundName } from '../06-paxos-state/state';
import { agentChange, leaderChange } from '../08-paxos-messages/diagram';
import type { PotentialLeader } from './election';
import type { ElectionState, ElectionSystem } from './system';

/**
 * A run as lanes and events.
 *
 * @param sys - the system that made the run
 * @returns the diagram of a run
 */
export function electionDiagram(sys: ElectionSystem): (t: Trace<ElectionState>) => SequenceDiagram {
  const c = sys.config;
  const leader = (p: number) => sys.ids.leaders.indexOf(p);
  const standing = (pl: PotentialLeader) =>
    pl.timer === nil ? pl.role : `${pl.role} until ${pl.timer}`;
  return (t) =>
    actorDiagram(sys, t, {
      title: `timed Paxos with the sloppy election (δ = ${c.delta}, T = ${c.timeout})`,
      note: (p, _before, _after, st) => {
        const from: ElectionState = st.from;
        const to: ElectionState = st.to;
        const at = `t=${from.now}`;
        const l = leader(p);
        if (l < 0) {
          const change = agentChange(c.paxos, p, from.agents[p]!, to.agents[p]!);
          return change === 'no change' ? at : `${at} ${change}`;
        }
        const a = from.leaders[l]!;
        const b = to.leaders[l]!;
        const out: string[] = [];
        if (a.role !== b.role || a.timer !== b.timer) out.push(standing(b));
        if (b.paxos.n !== a.paxos.n && b.paxos.n !== nil)
          out.push(`n := ${roundName(c.paxos, b.paxos.n)}`);
        else if (b.paxos !== a.paxos) out.push(leaderChange(l, a.paxos, b.paxos));
        return out.length ? `${at} ${out.join('; ')}` : at;
      },
    });
}
