/**
 * The abstraction function from message-level Paxos to chapter 06's abstract
 * Paxos, the witness that names the abstract step each message-level step
 * simulates, and the composition down to spec D.
 *
 * @module
 */
import type { Label, Move, Observed, Refinement } from '../../index';
import { type DState, specD } from '../03-consensus-specs/specs';
import { observe as observeD, abstraction as toDState } from '../06-paxos-state/abstraction';
import { type PaxosRules, paxos, rules as rules06 } from '../06-paxos-state/paxos';
import { majorities, type PaxosConfig, type PaxosState } from '../06-paxos-state/state';
import type { CommandParam, DeliverParam, NetState } from './system';

// #region abstraction
/**
 * f: a message-level state to an abstract Paxos state. Mostly a projection:
 * the agents' s, and each leader's j_l, n_l, u_l and allowed_l. The rest
 * of chapter 06's state are history variables of this model: command[n]
 * (what round n's leader commanded, even if it has since forgotten), done
 * (some leader has published), and every value ever allowed. What is in
 * flight, who is down, what the leaders heard: f forgets all of it.
 */
export function toAbstract(y: NetState): PaxosState {
  return {
    s: y.agents.map((a) => a.s),
    leaders: y.leaders.map((l) => ({ j: l.j, n: l.n, u: l.u, allowed: l.allowed })),
    command: y.command,
    done: y.published,
    everAllowed: y.everAllowed,
  };
}
// #endregion abstraction

/** What abstract Paxos sees of an external label: Outcome(i) at agent i is its Outcome. */
export function observe(label: Label): Observed {
  if (label.action === 'Outcome') return { action: 'Outcome', param: undefined, ret: label.ret };
  return label;
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
 */
export function witness(
  c: PaxosConfig,
): (y: NetState, label: Label, y2: NetState) => readonly Move[] | undefined {
  const quorums = new Set(majorities(c.agents).map((q) => q.join()));
  return (y, label, y2) => {
    const p = label.param;
    switch (label.action) {
      case 'Allow':
        return [{ action: 'Allow', param: p }];
      case 'Outcome':
        return [{ action: 'Outcome' }];
      case 'NewRound':
        return [{ action: 'NewRound', param: p }];
      case 'Command': {
        const { l } = p as CommandParam;
        const q = [...new Set(y.leaders[l]!.reports.map((r) => r.i))].sort((a, b) => a - b);
        return quorums.has(q.join()) ? [{ action: 'Choose', param: { l, q } }] : undefined;
      }
      case 'Deliver': {
        const { m, to: i } = p as DeliverParam;
        if (m.k === 'query' || m.k === 'command') {
          const changed = y.agents[i]!.s.some((st, n) => st !== y2.agents[i]!.s[n]);
          if (!changed) return [];
          return [{ action: m.k === 'query' ? 'Query' : 'Accept', param: { i, n: m.n } }];
        }
        if (m.k === 'accepted' && !y.published && y2.published) {
          const l = y2.leaders.findIndex((ls, k) => ls.published && !y.leaders[k]!.published);
          return [{ action: 'Publish', param: l }];
        }
        return [];
      }
      case 'CrashLeader': {
        const ls = y.leaders[p as number]!;
        return ls.n !== null || ls.u !== null || ls.allowed.length
          ? [{ action: 'Crash', param: p }]
          : [];
      }
      default:
        return [];
    }
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
 * @param c - the Paxos constants
 * @param r - chapter 06's rules for the abstract machine (default: the correct ones)
 * @returns the refinement
 */
export function toAbstractPaxos(
  c: PaxosConfig,
  r: PaxosRules = rules06,
): Refinement<NetState, PaxosState> {
  return {
    spec: paxos(abstractConfig(c), r),
    abstraction: toAbstract,
    witness: witness(c),
    observe,
  };
}

/**
 * The composition: message-level Paxos implements spec D via chapter 06's
 * abstraction function after f. Checked on its own, with D's steps found by
 * search, so it does not lean on chapter 06's check.
 *
 * @param c - the Paxos constants
 * @returns the refinement
 */
export function toD(c: PaxosConfig): Refinement<NetState, DState> {
  return {
    spec: specD(c.values),
    abstraction: (y) => toDState(toAbstract(y)),
    observe: (label) => observeD(observe(label) as Label),
  };
}
// #endregion refinements
