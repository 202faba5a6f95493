/**
 * Primary-copy replication as an actor system: a primary numbers client
 * requests and sends each numbered entry to every replica; the network
 * delivers each copy once, in any order; each replica applies the entries
 * by number.
 *
 * @module
 */
import type { ActorState, ActorSystem, ProcessAction, Role } from '../../index';
import { actors, invariant, layout, processAction, reachable, role } from '../../index';
import type { ReplicationConfig } from './config';
import { config as defaultConfig } from './config';
import type { Entry, Primary, Replica } from './replica';
import { newReplica } from './replica';
import type { ReplicaRules } from './rules';
import { rules as correctRules } from './rules';
import { run } from './stateMachine';
import type { StorageInput, StorageOutput, StorageState } from './storage';
import { showInput, showState, storage } from './storage';

/** A replica of the storage service. */
export type StorageReplica = Replica<StorageState, StorageInput, StorageOutput>;
/** A numbered storage request: the only message. */
export type StorageEntry = Entry<StorageInput>;

/** The system's roles: one primary, and the replicas. */
export type ReplicationRoles = {
  readonly primary: Role<Primary<StorageInput>, StorageEntry>;
  readonly replicas: Role<StorageReplica, StorageEntry>;
};

/** The state of the whole replicated system: `s.primary[0]`, `s.replicas[i]`, and the entries in flight. */
export type ReplicationState = ActorState<ReplicationRoles, StorageEntry>;

/** The replicated system, with its primary's step at hand for telling labels apart. */
export interface Replication extends ActorSystem<ReplicationRoles, StorageEntry> {
  /** A client's request, which the primary numbers and sends to every replica. */
  readonly Request: ProcessAction<Primary<StorageInput>, StorageEntry, StorageInput>;
}

/** The name of replica i: r1, r2, ... */
export const replicaName = (i: number) => `r${i + 1}`;

/**
 * The primary's log in a state.
 *
 * @param s - a state of the system
 * @returns the numbered entries it has sent
 */
export const logOf = (s: ReplicationState): readonly StorageEntry[] => s.primary[0]!.log;

/** A key of an entry: its number and input. */
const entryKey = (e: StorageEntry) => `${e.n}:${showInput(e.input)}`;

/** A key of the primary's state: its log. */
const primaryKey = (p: Primary<StorageInput>) => p.log.map(entryKey).join(',');

/** A key of a replica's state: what it applied, its state and outputs, and what waits. */
const replicaKey = (s: StorageReplica) =>
  `${s.next}|${showState(s.state)}|${s.outputs.join(',')}|${s.waiting.map(entryKey).join(',')}`;

/**
 * The replicated system.
 *
 * @param c - the checking constants
 * @param r - the rules (a mutant replaces one)
 * @returns the system, a machine
 */
export function replication(
  c: ReplicationConfig = defaultConfig,
  r: ReplicaRules = correctRules,
): Replication {
  const ids = layout({ primary: 1, replicas: c.replicas });
  // #region actions
  const Request = processAction({
    name: 'Request',
    external: true,
    params: () => c.requests,
    showParam: showInput,
    guard: (p: Primary<StorageInput>) => p.log.length < c.maxRequests,
    effect: (p: Primary<StorageInput>, input: StorageInput) => {
      const { primary, entry } = r.submit(p, input);
      return { state: primary, send: [{ to: ids.replicas, msg: entry }] };
    },
  });
  const primary = role<Primary<StorageInput>, StorageEntry>({
    name: () => 'primary',
    init: () => ({ log: [] }),
    actions: [Request],
    key: primaryKey,
  });
  const replicas = role<StorageReplica, StorageEntry>({
    name: replicaName,
    init: () => newReplica(storage),
    receive: (s, entry, { index }) => ({ state: r.receive(r.serviceAt(index), s, entry) }),
    key: replicaKey,
  });
  // #endregion actions
  const sys = actors({
    name: `Replication(${c.replicas} replicas, ${c.maxRequests} requests)`,
    ids,
    roles: { primary, replicas },
    network: 'multiset',
    faults: { lose: c.faults?.lose ?? 0, duplicate: c.faults?.duplicate ?? 0 },
    messageKey: entryKey,
    showMessage: (e) => String(e.n),
    view: viewOf,
  });
  return { ...sys, Request };
}

/**
 * The variables of a replication state, for tables: the log, each replica
 * (how many entries it applied, its state and outputs, what waits), and the
 * entries in flight.
 *
 * @param s - the state
 * @returns the variables by name
 */
export function viewOf(s: ReplicationState): Record<string, unknown> {
  const v: Record<string, unknown> = {
    log:
      logOf(s)
        .map((e) => `${e.n}:${showInput(e.input)}`)
        .join(' ') || '-',
  };
  s.replicas.forEach((r, i) => {
    v[replicaName(i)] =
      `applied ${r.next - 1}, ${showState(r.state)}, out [${r.outputs.map((o) => (o === null ? 'nil' : o)).join(' ')}]` +
      (r.waiting.length ? `, waiting ${r.waiting.map((w) => w.n).join(' ')}` : '');
  });
  // Process ids: the primary is 0, replica i is i + 1.
  v.network = s.net.map((e) => `${e.msg.n} → ${replicaName(e.to[0]! - 1)}`).join(', ') || '-';
  return v;
}

/** The single copy after the first n entries of the log. */
const singleAfter = (s: ReplicationState, n: number) =>
  run(
    storage,
    logOf(s)
      .slice(0, n)
      .map((e) => e.input),
  );

/** Does replica r have what the single copy has after as many entries as r applied? */
const followsLog = (s: ReplicationState, r: StorageReplica) => {
  const single = singleAfter(s, r.next - 1);
  return (
    showState(single.state) === showState(r.state) && single.outputs.join() === r.outputs.join()
  );
};

// #region invariants
/** Any two replicas that have applied the same number of entries are in the same state with the same outputs. */
export const replicasAgree = invariant<ReplicationState>(
  'replicas that applied equally many entries agree',
  (s) =>
    s.replicas.every((a) =>
      s.replicas.every(
        (b) =>
          a.next !== b.next ||
          (showState(a.state) === showState(b.state) && a.outputs.join() === b.outputs.join()),
      ),
    ),
  (s) => {
    const lines = s.replicas.map(
      (r, i) =>
        `${replicaName(i)}: ${r.next - 1} applied, ${showState(r.state)}, outputs [${r.outputs.join(' ')}]`,
    );
    return `two replicas applied the same number of entries and differ: ${lines.join('; ')}`;
  },
);

/** Every replica is where the single copy would be after the first next-1 entries of the log. */
export const replicasFollowLog = invariant<ReplicationState>(
  'every replica is the single copy after a prefix of the log',
  (s) => s.replicas.every((r) => followsLog(s, r)),
  (s) => {
    const i = s.replicas.findIndex((r) => !followsLog(s, r));
    const r = s.replicas[i]!;
    const single = singleAfter(s, r.next - 1);
    return `${replicaName(i)} applied ${r.next - 1} entries and has ${showState(r.state)}, outputs [${r.outputs.join(' ')}]; the log says ${showState(single.state)}, outputs [${single.outputs.join(' ')}]`;
  },
);
// #endregion invariants

/**
 * Goals that keep a check from passing vacuously.
 *
 * @param c - the checking constants (how many requests make a full log)
 * @returns every replica applies a full log; some entry arrives early and waits
 */
export function goals(c: ReplicationConfig = defaultConfig) {
  return [
    reachable<ReplicationState>(
      'every replica applied every request',
      (s) =>
        logOf(s).length === c.maxRequests && s.replicas.every((r) => r.next === c.maxRequests + 1),
    ),
    reachable<ReplicationState>('an entry arrived early and waits for its turn', (s) =>
      s.replicas.some((r) => r.waiting.length > 0),
    ),
  ];
}
