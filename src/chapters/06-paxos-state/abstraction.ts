/**
 * The abstraction function from abstract Paxos to spec D (§6.2), and the
 * refinement claim built on it.
 *
 * @module
 */
import type { Label, Observed, Refinement } from '../../index';
import type { DState } from '../03-consensus-specs/specs';
import { D, specD } from '../03-consensus-specs/specs';
import { Paxos } from './paxos';
import { outcome } from './predicates';
import type { PaxosConfig, PaxosState, Value } from './state';

// #region abstraction
/**
 * The abstraction function f from a Paxos state to a D-state:
 *
 * - outcome = v_n for a successful round n, or nil if no round is successful;
 * - allowed = every value any Allow ever gave a leader (the history
 *   variable), not only what the leaders remember now;
 * - done    = the outcome has been published.
 */
export function paxosToD(s: PaxosState): DState {
  return { outcome: outcome(s), done: s.done, allowed: s.everAllowed };
}
// #endregion abstraction

// #region paper-allowed
/**
 * Mutant abstraction: the paper's allowed, the union of the leaders' sets.
 * It is right while leaders never forget; a crash that forgets allowed_l
 * makes it shrink, which D's allowed never does.
 */
export function paperAllowed(s: PaxosState): DState {
  const all = new Set<Value>();
  for (const l of s.leaders) for (const v of l.allowed) all.add(v);
  return { outcome: outcome(s), done: s.done, allowed: [...all].sort((a, b) => a - b) };
}
// #endregion paper-allowed

/** What D sees of a Paxos label: Allow(v, l) is D's Allow(v); the rest are as they are. */
export function observeAsD(label: Label): Observed {
  if (Paxos.Allow.is(label)) return { action: D.Allow.name, param: label.param.v, ret: undefined };
  return label;
}

/**
 * The claim "abstract Paxos implements D via f", for {@link refines}.
 *
 * @param c - the configuration (its values are D's)
 * @param f - the abstraction function (default {@link paxosToD})
 * @returns the refinement
 */
export function refinementToD(
  c: PaxosConfig,
  f: (s: PaxosState) => DState = paxosToD,
): Refinement<PaxosState, DState> {
  return { spec: specD(c.values), abstraction: f, observe: observeAsD };
}
