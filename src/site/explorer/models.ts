/**
 * The models a reader can step through in the explorer, each with its
 * chapter, and where it has one, the spec above it and the abstraction
 * function, so that the explorer shows f(state) beside the state and checks
 * each step against the spec.
 *
 * Adding a model is one `explorable` entry below: an id, a title, the
 * chapter, the machine, and optionally the spec above, the abstraction
 * function, how external labels look in the spec, and a diagram.
 *
 * The models here must be small enough to step through by hand; the
 * explorer never searches them, except for the few spec steps that match one
 * implementation step.
 *
 * @module
 */
import {
  type Message,
  type ReplicationConfig,
  type ReplicationState,
  replicaName,
  replication,
} from '../../chapters/01-replicated-state-machines/replication';
import {
  Read,
  type StorageState,
  Write,
} from '../../chapters/01-replicated-state-machines/storage';
import { f as cacheToStorage } from '../../chapters/02-specifications/abstraction';
import {
  type CacheState,
  smallCache,
  writeBack,
  writeBackCache,
} from '../../chapters/02-specifications/cache';
import { storageSpec } from '../../chapters/02-specifications/spec';
import { type DState, specD, specT, type TState } from '../../chapters/03-consensus-specs/specs';
import {
  type CoordState,
  coordAF,
  coordConfig,
  coordinator,
} from '../../chapters/05-simple-implementations/coordinator';
import {
  type MajState,
  majAF,
  majConfig,
  majority,
} from '../../chapters/05-simple-implementations/majority';
import { observeAsD } from '../../chapters/05-simple-implementations/processes';
import type { PaxosState } from '../../chapters/06-paxos-state/state';
import {
  observe as observeAbstract,
  toAbstract,
  toAbstractPaxos,
} from '../../chapters/08-paxos-messages/abstraction';
import { explorerConfig } from '../../chapters/08-paxos-messages/configs';
import { paxosDiagram } from '../../chapters/08-paxos-messages/diagram';
import { messagePaxos, type NetState } from '../../chapters/08-paxos-messages/system';
import { explorerElection } from '../../chapters/09-leader-election/config';
import { electionDiagram } from '../../chapters/09-leader-election/diagram';
import { type ElectionState, paxosWithElection } from '../../chapters/09-leader-election/system';
import {
  action,
  type Label,
  type Machine,
  machine,
  type Observed,
  type SequenceDiagram,
  type Trace,
  to,
} from '../../index';
import { coordinatorDiagram, majorityDiagram, replicationDiagram } from '../diagrams';
import { singleCopy, toSingleCopy } from './singleCopy';

/** A model the explorer can run. */
export interface ExplorerModel<S = any, X = any> {
  /** Short id for links: `NN-name`. */
  readonly id: string;
  /** What the menu says. */
  readonly title: string;
  /** The chapter it belongs to (its number). */
  readonly chapter: number;
  /** One or two sentences: what to try. */
  readonly about: string;
  /** The implementation the reader steps through. */
  readonly machine: () => Machine<S>;
  /** The spec above it, if there is one. */
  readonly spec?: () => Machine<X>;
  /** The abstraction function to the spec above. */
  readonly abstraction?: (s: S) => X;
  /** How the implementation's external steps look in the spec, if named differently. */
  readonly observe?: (l: Label) => Observed;
  /** The run as a sequence diagram (default: one lane per state variable). */
  readonly diagram?: (t: Trace<S>) => SequenceDiagram;
}

/**
 * Declare a model; the identity, there to let TypeScript check the types of
 * the machine, the spec and the abstraction function against each other.
 *
 * @param m - the model
 * @returns the same model
 */
export function explorable<S, X = never>(m: ExplorerModel<S, X>): ExplorerModel<S, X> {
  return m;
}

/**
 * Chapter 01's replication with a lossy, duplicating network: the faults
 * `Drop(n -> r)` (the message is lost) and `Duplicate(n -> r)` (the network
 * will deliver it twice) added to the chapter's own machine.
 *
 * @param c - the replication's constants
 * @returns the machine
 */
export function lossyReplication(c: ReplicationConfig): Machine<ReplicationState> {
  const base = replication(c);
  const copies = (s: ReplicationState, m: Message) =>
    s.network.filter((x) => x.to === m.to && x.entry.n === m.entry.n).length;
  const drop = action({
    name: 'Drop',
    external: false,
    fault: true,
    params: (s: ReplicationState) => s.network,
    showParam: (m: Message) => `${m.entry.n} -> ${replicaName(m.to)}`,
    effect: (s, m: Message) => {
      const at = s.network.indexOf(m);
      return to({ ...s, network: [...s.network.slice(0, at), ...s.network.slice(at + 1)] });
    },
  });
  const duplicate = action({
    name: 'Duplicate',
    external: false,
    fault: true,
    params: (s: ReplicationState) => s.network,
    guard: (s: ReplicationState, m: Message) => copies(s, m) < 2,
    showParam: (m: Message) => `${m.entry.n} -> ${replicaName(m.to)}`,
    effect: (s, m: Message) => {
      const at = s.network.indexOf(m);
      return to({
        ...s,
        network: [...s.network.slice(0, at + 1), m, ...s.network.slice(at + 1)],
      });
    },
  });
  return machine<ReplicationState>({
    name: `${base.name}, lossy network`,
    init: () => base.init(),
    actions: [...base.actions, drop, duplicate],
    key: base.key,
    view: base.view,
  });
}

const small: ReplicationConfig = {
  replicas: 3,
  requests: [Write('x', 1), Write('x', 2), Read('x')],
  maxRequests: 3,
};

/** Every explorable model, in chapter order. */
export const explorerModels: readonly ExplorerModel[] = [
  explorable({
    id: '01-replication',
    title: '01 · Primary-copy replication (3 replicas)',
    chapter: 1,
    about:
      'Make requests, then deliver the numbered entries to the replicas in any order; lose or duplicate some (faults). A replica applies entry n only after 1 .. n-1. The image is the single copy as the most advanced replica has it.',
    machine: () => lossyReplication(small),
    spec: () => singleCopy(small),
    abstraction: toSingleCopy,
    diagram: replicationDiagram,
  }),
  explorable<CacheState, StorageState>({
    id: '02-write-back-cache',
    title: '02 · A write-back cache (one line)',
    chapter: 2,
    about:
      'Read and Write through a one-line cache; watch lines fill, get dirty and be written back or evicted. The image f(y) is memory overlaid with the dirty lines: the storage spec sees every Write at once, and the internal cache steps as stutters.',
    machine: () => writeBackCache(writeBack, smallCache),
    spec: () => storageSpec(smallCache),
    abstraction: cacheToStorage,
  }),
  explorable<DState, TState>({
    id: '03-spec-d',
    title: '03 · Spec D, deferred consensus',
    chapter: 3,
    about:
      'Allow values, then Agree on one and Terminate. The image under f(d) = (outcome, done) is spec T: watch which steps T can match, and which it cannot (Agree: T chooses at Allow).',
    machine: () => specD([7, 8]),
    spec: () => specT([7, 8]),
    abstraction: (d) => ({ outcome: d.outcome, done: d.done }),
  }),
  explorable<CoordState, DState>({
    id: '05-coordinator',
    title: '05 · The coordinator (3 processes)',
    chapter: 5,
    about:
      'Allow values at the coordinator p1, let it Choose, deliver or lose its outcome messages, crash a process, ask any process for its Outcome. The image is spec D under §5.2’s abstraction function: done means everyone has the outcome.',
    machine: () => coordinator(coordConfig),
    spec: () => specD(coordConfig.values),
    abstraction: coordAF,
    observe: observeAsD,
    diagram: coordinatorDiagram,
  }),
  explorable<MajState, DState>({
    id: '05-majority',
    title: '05 · The majority (2 of 3)',
    chapter: 5,
    about:
      'Allow a value at each process, let them Choose and send their choices, deliver or lose the messages, crash one. The image is spec D: the outcome is the value a majority chose, once there is one.',
    machine: () => majority(majConfig),
    spec: () => specD(majConfig.values),
    abstraction: (y) => majAF(y, majConfig.quorum),
    observe: observeAsD,
    diagram: majorityDiagram,
  }),
  explorable<NetState, PaxosState>({
    id: '08-paxos',
    title: '08 · Paxos with messages (3 agents, 2 leaders)',
    chapter: 8,
    about:
      'Allow a value to a leader, start a round, deliver its query to agents and their reports back, command, and publish; lose messages, deliver one twice, crash an agent or a leader. The image is chapter 06’s abstract Paxos: a delivered query is Query, a command Choose, an accepting agent Accept.',
    machine: () => messagePaxos(explorerConfig),
    spec: () => toAbstractPaxos(explorerConfig.paxos).spec,
    abstraction: toAbstract,
    observe: observeAbstract,
    diagram: paxosDiagram(explorerConfig.paxos),
  }),
  explorable<ElectionState, unknown>({
    id: '09-election',
    title: '09 · The sloppy election with Paxos (3 agents, 2 potential leaders)',
    chapter: 9,
    about:
      'Let time pass (Tick) and deliver names and Paxos messages; a timer’s step is offered when it is due. The timers assume δ = 1 but the network may take up to 3 ticks: deliver the names at once and l2 alone leads; hold them back and both lead.',
    machine: () => paxosWithElection(explorerElection),
    diagram: (t) => electionDiagram(explorerElection, t),
  }),
];
