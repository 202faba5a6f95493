/**
 * The abstraction function from message-level Paxos to chapter 06's abstract
 * Paxos, the witness that names the abstract step each message-level step
 * simulates, and the composition down to spec D.
 *
 * @module
 */
import type { Label, Move, Observed, Refinement } from '../../index';
import { nil } from '../../index';
import type { DState } from '../03-consensus-specs/specs';
import { specD } from '../03-consensus-specs/specs';
import { observeAsD as observeD, paxosToD } from '../06-paxos-state/abstraction';
import type { PaxosRules } from '../06-paxos-state/paxos';
import { Paxos, paxos, rules as rules06 } from '../06-paxos-state/paxos';
import type { PaxosConfig, PaxosState } from '../06-paxos-state/state';
import { majorities } from '../06-paxos-state/state';
import type { NetState, PaxosSystem } from './system';

// #region abstraction
/**
 * f: a message-level state to an abstract Paxos state. Mostly a projection:
 * the agents' s, and each leader's j_l, n_l, u_l and allowed_l. The rest
 * of chapter 06's state are history variables of this model: command[n]
 * (what round n's leader commanded, even if it has since forgotten), done
 * (some leader has published), and every value ever allowed. What is in
 * flight, who is down, what the leaders heard: f forgets all of it.
 */
export function messagesToPaxos(y: Pick<NetState, 'agents' | 'leaders' | 'history'>): PaxosState {
  return {
    s: y.agents.map((a) => a.s),
    leaders: y.leaders.map((l) => ({ j: l.j, n: l.n, u: l.u, allowed: l.allowed })),
    command: y.history.command,
    done: y.history.published,
    everAllowed: y.history.everAllowed,
  };
}
// #endregion abstraction

/**
 * What abstract Paxos sees of an external label: Allow(l, v) at leader l is
 * its Allow(v, l), and Outcome(i) at agent i is its Outcome.
 *
 * @param sys - the system whose labels these are
 * @returns the observation of a label
 */
export function observe(sys: PaxosSystem): (label: Label) => Observed {
  return (label) => {
    if (sys.Allow.is(label))
      return {
        action: 'Allow',
        param: { v: label.param.arg, l: sys.ids.leaders.indexOf(label.param.p) },
        ret: undefined,
      };
    if (sys.Outcome.is(label)) return { action: 'Outcome', param: undefined, ret: label.ret };
    return label;
  };
}

// #region witness
/**
 * The abstract steps that simulate each message-level step, as a written
 * proof would give them: a delivered query that changes s_i is Query(i, n);
 * a command is Choose(l, Q) for the majority Q the leader heard; a delivered
 * command that changes s_i is Accept(i, n); the report that completes a
 * majority is Publish(l); a leader's crash is Crash(l). Everything else
 * (sending, losing, duplicating, agents crashing, reports the leader
 * records) is no abstract step at all. Where the leader's Q is not a
 * majority there is no proof to give, and the checker searches instead.
 *
 * @param sys - the system
 * @returns the witness
 */
export function witness(
  sys: PaxosSystem,
): (y: NetState, label: Label, y2: NetState) => readonly Move[] | undefined {
  const quorums = new Set(majorities(sys.config.paxos.agents).map((q) => q.join()));
  const leader = (p: number) => sys.ids.leaders.indexOf(p);
  return (y, label, y2) => {
    if (sys.Allow.is(label))
      return [Paxos.Allow.move({ v: label.param.arg, l: leader(label.param.p) })];
    if (sys.Outcome.is(label)) return [Paxos.Outcome.move()];
    if (sys.NewRound.is(label)) return [Paxos.NewRound.move(leader(label.param.p))];
    if (sys.Command.is(label)) {
      const l = leader(label.param.p);
      const q = [...new Set(y.leaders[l]!.reports.map((r) => r.i))].sort((a, b) => a - b);
      return quorums.has(q.join()) ? [Paxos.Choose.move({ l, q })] : undefined;
    }
    if (sys.Deliver.is(label)) {
      const { env, to: i } = label.param;
      const m = env.msg;
      if (m.k === 'query' || m.k === 'command') {
        const changed = y.agents[i]!.s.some((st, n) => st !== y2.agents[i]!.s[n]);
        if (!changed) return [];
        return [(m.k === 'query' ? Paxos.Query : Paxos.Accept).move({ i, n: m.n })];
      }
      if (m.k === 'accepted' && !y.history.published && y2.history.published) {
        const l = y2.leaders.findIndex((ls, k) => ls.published && !y.leaders[k]!.published);
        return [Paxos.Publish.move(l)];
      }
      return [];
    }
    if (sys.Crash.is(label) && sys.ids.leaders.includes(label.param)) {
      const l = leader(label.param);
      const ls = y.leaders[l]!;
      return ls.n !== nil || ls.u !== nil || ls.allowed.length ? [Paxos.Crash.move(l)] : [];
    }
    return [];
  };
}
// #endregion witness

/** Chapter 06's configuration for the abstract machine: every value may be allowed again. */
const abstractConfig = (c: PaxosConfig): PaxosConfig => ({
  ...c,
  allowOnce: false,
  symmetry: false,
});

// #region refinements
/**
 * The claim "message-level Paxos implements chapter 06's abstract Paxos via
 * f", checked with the witness.
 *
 * @param sys - the system
 * @param r - chapter 06's rules for the abstract machine (default: the correct ones)
 * @returns the refinement
 */
export function refinementToPaxos(
  sys: PaxosSystem,
  r: PaxosRules = rules06,
): Refinement<NetState, PaxosState> {
  return {
    spec: paxos(abstractConfig(sys.config.paxos), r),
    abstraction: messagesToPaxos,
    witness: witness(sys),
    observe: observe(sys),
  };
}

/**
 * The composition: message-level Paxos implements spec D via chapter 06's
 * abstraction function after f. Checked on its own, with D's steps found by
 * search, so it does not lean on chapter 06's check.
 *
 * @param sys - the system
 * @returns the refinement
 */
export function refinementToD(sys: PaxosSystem): Refinement<NetState, DState> {
  const seen = observe(sys);
  return {
    spec: specD(sys.config.paxos.values),
    abstraction: (y) => paxosToD(messagesToPaxos(y)),
    observe: (label) => observeD({ external: label.external, fault: label.fault, ...seen(label) }),
  };
}
// #endregion refinements
