/**
 * Abstract Paxos in the explorer: the machine of a configuration and rules,
 * with spec D above through the abstraction function, as the chapter's
 * refinement check has them, its runs drawn lane by lane, and each step
 * told to the agent or leader that takes it. Chapter 07 shows the same
 * machine with its invariants.
 *
 * @module
 */
import type { Invariant, Label } from '../../index';
import type { DState } from '../03-consensus-specs/specs';
import { specD } from '../03-consensus-specs/specs';
import type { ExplorerVariant } from '../chapter';
import { observeAsD, paxosToD } from './abstraction';
import { paxosDiagram } from './diagram';
import type { PaxosRules } from './paxos';
import { Paxos, paxos, rules } from './paxos';
import type { PaxosConfig, PaxosState } from './state';
import { agentName, leaderName } from './state';

/**
 * The agent or leader that takes a step of abstract Paxos: Query and Accept
 * are an agent's, NewRound, Choose and Publish a leader's.
 *
 * @param l - the step's label
 * @returns the process's name (`a1`, `l2`), or undefined for a client's step
 */
export function paxosActor(l: Label): string | undefined {
  if (Paxos.Query.is(l) || Paxos.Accept.is(l)) return agentName(l.param.i);
  if (Paxos.Choose.is(l)) return leaderName(l.param.l);
  if (Paxos.NewRound.is(l) || Paxos.Publish.is(l) || Paxos.Crash.is(l)) return leaderName(l.param);
  return undefined;
}

/** What else the explorer shows of abstract Paxos. */
export interface PaxosExplorerOptions {
  /** The abstraction function to D (default {@link paxosToD}; a mutant gives another). */
  readonly abstraction?: (s: PaxosState) => DState;
  /** The invariants to show in each state, for the configuration. */
  readonly invariants?: (c: PaxosConfig) => readonly Invariant<PaxosState>[];
}

/**
 * Abstract Paxos in configuration c with rules r, as an explorer model (or
 * a mutant's variant of one): the machine, spec D and f, how D sees its
 * labels, its diagram, and its processes.
 *
 * @param c - the configuration
 * @param r - the rules (default: the correct ones; a mutant replaces one)
 * @param o - another abstraction function, and the invariants to show
 * @returns the parts of the model
 */
export function paxosExplorer(
  c: PaxosConfig,
  r: PaxosRules = rules,
  o: PaxosExplorerOptions = {},
): Required<Omit<ExplorerVariant<PaxosState, DState>, 'invariants'>> &
  Pick<ExplorerVariant<PaxosState, DState>, 'invariants'> {
  let made: ReturnType<typeof paxos> | undefined;
  const machine = () => (made ??= paxos(c, r));
  const invariants = o.invariants;
  return {
    machine,
    spec: () => specD(c.values),
    abstraction: o.abstraction ?? paxosToD,
    observe: observeAsD,
    diagram: (t) => paxosDiagram(c, machine(), t),
    actor: paxosActor,
    ...(invariants ? { invariants: () => invariants(c) } : {}),
  };
}
