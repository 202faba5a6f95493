/**
 * Lamport's module Consensus: the set `chosen` of chosen values starts empty
 * and may become a single value, once.
 *
 * @module
 */
import type { Machine, ValueSet } from '../../index';
import { action, invariant, machine, set, show, to } from '../../index';
import type { Constants, Value } from './config';

// #region consensus
/** The state of Consensus: VARIABLE chosen. */
export interface ConsensusState {
  /** chosen: the values that have been chosen. */
  readonly chosen: ValueSet<Value>;
}

/**
 * Consensus.tla: Init is chosen = {}; Next is chosen = {} ∧ ∃ v ∈ Value :
 * chosen' = {v}. The step is named after the module's Next, its parameter
 * the witness v.
 *
 * @param k - the constants (only Value is read)
 * @param init - the initial states (default Init; MCConsensus's ISpec starts from more)
 * @returns the machine
 */
export function consensus(
  k: Constants,
  init: readonly ConsensusState[] = [{ chosen: set() }],
): Machine<ConsensusState> {
  const Next = action({
    name: 'Next',
    external: false,
    params: () => k.values,
    guard: (s: ConsensusState) => s.chosen.isEmpty,
    effect: (_s, v: Value) => to({ chosen: set(v) }),
  });
  return machine<ConsensusState>({
    name: init.length === 1 ? 'Consensus' : 'Consensus (ISpec)',
    init,
    actions: [Next],
  });
}
// #endregion consensus

// #region consensus-inv
/**
 * Consensus's Inv, one invariant per conjunct: TypeOK (chosen ⊆ Value; a
 * finite set is the only kind we have) and Cardinality(chosen) ≤ 1.
 *
 * @param k - the constants
 * @returns the invariants
 */
export function consensusInv(k: Constants) {
  return [
    invariant<ConsensusState>(
      'Consensus TypeOK',
      (s) => s.chosen.every((v) => k.values.includes(v)),
      (s) => `chosen = ${show(s.chosen)} is not a subset of Value`,
    ),
    invariant<ConsensusState>(
      'Cardinality(chosen) ≤ 1',
      (s) => s.chosen.size <= 1,
      (s) => `chosen = ${show(s.chosen)}`,
    ),
  ];
}
// #endregion consensus-inv

/**
 * MCConsensus.tla's ISpec: Init is IInv, every chosen ⊆ Value with at most
 * one member, so that checking Inv checks that Inv is inductive.
 *
 * @param k - the constants
 * @returns the machine with every such state initial
 */
export function consensusISpec(k: Constants): Machine<ConsensusState> {
  return consensus(k, [{ chosen: set() }, ...k.values.map((v) => ({ chosen: set(v) }))]);
}
