/**
 * What TLC reports on Lamport's models, and our runs of the same models
 * beside it: the cross-check table of the appendix.
 *
 * @module
 */
import type { CheckResult } from '../../index';
import { explore, textTable } from '../../index';
import type { CheckContext } from '../chapter';
import type { TLCFigures } from './checks';
import {
  asTLC,
  checkPaxosInv,
  checkPaxosRefinesVoting,
  checkVotingRefinesConsensus,
  matchTLC,
} from './checks';
import { config, mcConsensusConfig, mcPaxosConfig, smallConfig } from './config';
import { consensusInv, consensusISpec } from './consensus';

// #region tlc-reference
/**
 * TLC on Paxos.tla with the reference constants (3 acceptors, 2 values,
 * Ballot = 0..2, the 2-element quorums, no symmetry), checking Inv.
 */
export const TLC_PAXOS: TLCFigures = { distinct: 185369, generated: 1361380, depth: 25 };

/** TLC on MCPaxos.cfg (1 acceptor, 1 value, Ballot = 0..1), from the Examples' manifest.json. */
export const TLC_MC_PAXOS: TLCFigures = { distinct: 25, generated: 82, depth: 9 };

/** TLC on MCVoting.cfg (3 acceptors, 2 values, Ballot = 0..1, symmetry), from manifest.json. */
export const TLC_MC_VOTING: TLCFigures = { distinct: 77, generated: 451, depth: 11 };

/** TLC on MCConsensus.cfg (ISpec, Value of 3 values), from manifest.json. */
export const TLC_MC_CONSENSUS: TLCFigures = { distinct: 4, generated: 7, depth: 1 };
// #endregion tlc-reference

// #region mc-checks
/**
 * MCPaxos.cfg: Inv1..Inv4, PROPERTY VotingSpecBar (Paxos implements
 * Voting) and SYMMETRY, on MCPaxos's constants; TLC's figures must be ours.
 */
export const checkMCPaxos = (ctx: CheckContext) =>
  matchTLC(checkPaxosRefinesVoting(mcPaxosConfig, ctx, { symmetry: true }), 1, TLC_MC_PAXOS);

/**
 * MCVoting.cfg: Inv, PROPERTY ConsensusSpecBar (Voting implements
 * Consensus) and SYMMETRY on Acceptor and Value; TLC's figures must be ours.
 */
export const checkMCVoting = (ctx: CheckContext) =>
  matchTLC(checkVotingRefinesConsensus(smallConfig, ctx, true), 1, TLC_MC_VOTING);

/** MCConsensus.cfg: Inv on ISpec, which starts from every state of IInv. */
export const checkMCConsensus = (ctx: CheckContext) => {
  const m = consensusISpec(mcConsensusConfig);
  const r = explore(m, {
    invariants: consensusInv(mcConsensusConfig),
    ...(ctx.depth !== undefined ? { maxDepth: ctx.depth } : {}),
  });
  return matchTLC(r, [...m.init()].length, TLC_MC_CONSENSUS);
};

/** The reference configuration: Inv of Paxos, and TLC's figures must be ours. */
export const checkReference = (ctx: CheckContext, r = checkPaxosInv(config, ctx)) =>
  ctx.depth === undefined ? matchTLC(r, 1, TLC_PAXOS) : r;
// #endregion mc-checks

/** One row of the cross-check table: a model, TLC's figures and ours. */
export interface CrossCheckRow {
  readonly model: string;
  readonly tlc: TLCFigures;
  readonly ours: TLCFigures;
}

/**
 * Run every model TLC was run on and put the figures side by side.
 *
 * @param ctx - the context
 * @returns the rows, smallest model first
 */
export function crossCheck(ctx: CheckContext): CrossCheckRow[] {
  const row = (model: string, tlc: TLCFigures, r: CheckResult<unknown>, initial = 1) => ({
    model,
    tlc,
    ours: asTLC(r, initial),
  });
  return [
    row('MCConsensus (ISpec)', TLC_MC_CONSENSUS, checkMCConsensus(ctx), 4),
    row('MCPaxos', TLC_MC_PAXOS, checkMCPaxos(ctx)),
    row('MCVoting (symmetry)', TLC_MC_VOTING, checkMCVoting(ctx)),
    row('Paxos, 3 acceptors, 2 values, ballots 0..2', TLC_PAXOS, checkReference(ctx)),
  ];
}

/**
 * The cross-check table as text.
 *
 * @param rows - the rows
 * @returns the table
 */
export function crossCheckTable(rows: readonly CrossCheckRow[]): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return textTable(
    ['model', 'distinct: TLC', 'ours', 'generated: TLC', 'ours', 'depth: TLC', 'ours'],
    rows.map((r) => [
      r.model,
      n(r.tlc.distinct),
      n(r.ours.distinct),
      n(r.tlc.generated),
      n(r.ours.generated),
      String(r.tlc.depth),
      String(r.ours.depth),
    ]),
  );
}
