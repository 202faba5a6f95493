/**
 * The refinement ladder Consensus ⇐ Voting ⇐ Paxos as claims the library
 * checks: `V == INSTANCE Voting` in Paxos.tla, `C == INSTANCE Consensus` in
 * Voting.tla, and their composition.
 *
 * @module
 */
import type { Refinement } from '../../index';
import type { Constants } from './config';
import type { ConsensusState } from './consensus';
import { consensus } from './consensus';
import type { PaxosState } from './paxos';
import { paxosToVoting } from './paxos';
import type { VotingState } from './voting';
import { voting, votingToConsensus } from './voting';

// #region refinements
/**
 * Paxos implements Voting (THEOREM Implementation == Spec ⇒ V!Spec): every
 * Paxos step is a Voting step or leaves votes and maxBal unchanged, as
 * [][V!Next]_<<votes, maxBal>> says. All steps are internal, and at most
 * one Voting step may match one Paxos step.
 *
 * @param k - the constants
 * @param f - the refinement mapping (a mutant replaces it)
 * @returns the claim
 */
export const refinementToVoting = (
  k: Constants,
  f: (s: PaxosState) => VotingState = paxosToVoting(k),
): Refinement<PaxosState, VotingState> => ({
  spec: voting(k),
  abstraction: f,
  internalDepth: 1,
});

/**
 * Voting implements Consensus (THEOREM Spec ⇒ C!Spec), chosen ↦ chosen.
 *
 * @param k - the constants
 * @returns the claim
 */
export const refinementToConsensus = (k: Constants): Refinement<VotingState, ConsensusState> => ({
  spec: consensus(k),
  abstraction: votingToConsensus(k),
  internalDepth: 1,
});

/** Paxos's image in Consensus: V!chosen, Voting's chosen of Paxos's votes. */
export const paxosToConsensus = (k: Constants) => {
  const toVoting = paxosToVoting(k);
  const toConsensus = votingToConsensus(k);
  return (s: PaxosState): ConsensusState => toConsensus(toVoting(s));
};

/**
 * Paxos implements Consensus (Spec ⇒ V!C!Spec), through the composed mapping.
 *
 * @param k - the constants
 * @returns the claim
 */
export const paxosRefinementToConsensus = (
  k: Constants,
): Refinement<PaxosState, ConsensusState> => ({
  spec: consensus(k),
  abstraction: paxosToConsensus(k),
  internalDepth: 1,
});
// #endregion refinements
