/**
 * Primary-copy replication as a machine: a primary numbers client requests
 * and sends each numbered entry to every replica; the network delivers the
 * entries to each replica in any order; each replica applies them by number.
 *
 * @module
 */
import { action, invariant, type Machine, machine, reachable, to } from '../../index';
import { type Entry, newReplica, type Primary, type Replica, receive, submit } from './replica';
import { run } from './stateMachine';
import {
  Read,
  type StorageInput,
  type StorageOutput,
  type StorageState,
  showInput,
  showState,
  storage,
  Write,
} from './storage';

type StorageReplica = Replica<StorageState, StorageInput, StorageOutput>;

/** An entry on its way to a replica. */
export interface Message {
  /** The replica it is for (0-based). */
  readonly to: number;
  /** The numbered entry. */
  readonly entry: Entry<StorageInput>;
}

/** The state of the whole replicated system. */
export interface ReplicationState {
  readonly primary: Primary<StorageInput>;
  readonly replicas: readonly StorageReplica[];
  /** Messages sent and not yet delivered, in a canonical order. */
  readonly network: readonly Message[];
}

/** The small checking constants (the role of TLA+'s MC files). */
export interface ReplicationConfig {
  /** How many replicas. */
  readonly replicas: number;
  /** The requests clients may make. */
  readonly requests: readonly StorageInput[];
  /** How many requests at most. */
  readonly maxRequests: number;
  /** How a replica receives an entry (a mutant may change it). */
  readonly receive?: typeof receive;
  /** How the primary numbers a request (a mutant may change it). */
  readonly submit?: typeof submit;
  /** The service each replica runs, by replica (a mutant may make them differ). */
  readonly serviceAt?: (replica: number) => typeof storage;
}

/** Three replicas, up to three requests from Write(x, 1), Write(x, 2) and Read(x). */
export const config: ReplicationConfig = {
  replicas: 3,
  requests: [Write('x', 1), Write('x', 2), Read('x')],
  maxRequests: 3,
};

/** The name of replica i: r1, r2, ... */
export const replicaName = (i: number) => `r${i + 1}`;

function byRecipientThenNumber(a: Message, b: Message): number {
  return (
    a.to - b.to ||
    a.entry.n - b.entry.n ||
    showInput(a.entry.input).localeCompare(showInput(b.entry.input))
  );
}

/**
 * The replicated system as a machine.
 *
 * @param c - the checking constants (and any mutation)
 * @returns the machine
 */
export function replication(c: ReplicationConfig = config): Machine<ReplicationState> {
  const rcv = c.receive ?? receive;
  const sub = c.submit ?? submit;
  const serviceAt = c.serviceAt ?? (() => storage);
  const replicas = Array.from({ length: c.replicas }, (_, i) => i);
  // #region actions
  const Request = action({
    name: 'Request',
    external: true,
    params: () => c.requests,
    showParam: (input: StorageInput) => showInput(input),
    guard: (s: ReplicationState) => s.primary.log.length < c.maxRequests,
    effect: (s, input: StorageInput) => {
      const { primary, entry } = sub(s.primary, input);
      const sent = replicas.map((r) => ({ to: r, entry }));
      return to({ ...s, primary, network: [...s.network, ...sent].sort(byRecipientThenNumber) });
    },
  });
  const Deliver = action({
    name: 'Deliver',
    external: false,
    params: (s: ReplicationState) => s.network,
    showParam: (m: Message) => `${m.entry.n} -> ${replicaName(m.to)}`,
    effect: (s, m: Message) => {
      const at = s.network.indexOf(m);
      return to({
        primary: s.primary,
        replicas: s.replicas.map((r, i) => (i === m.to ? rcv(serviceAt(i), r, m.entry) : r)),
        network: [...s.network.slice(0, at), ...s.network.slice(at + 1)],
      });
    },
  });
  // #endregion actions
  return machine<ReplicationState>({
    name: `Replication(${c.replicas} replicas, ${c.maxRequests} requests)`,
    init: [
      { primary: { log: [] }, replicas: replicas.map(() => newReplica(storage)), network: [] },
    ],
    actions: [Request, Deliver],
    key: (s) =>
      `${s.primary.log.map((e) => showInput(e.input)).join(',')}|${s.replicas
        .map(
          (r) =>
            `${r.next}:${showState(r.state)}:${r.outputs.join(',')}:${r.waiting.map((w) => w.n).join(',')}`,
        )
        .join(
          '|',
        )}|${s.network.map((m) => `${m.to}>${m.entry.n}${showInput(m.entry.input)}`).join(',')}`,
    view: viewOf,
  });
}

/**
 * The variables of a replication state, for tables: the log, each replica
 * (next, state, outputs, waiting), and the messages in flight.
 *
 * @param s - the state
 * @returns the variables by name
 */
export function viewOf(s: ReplicationState): Record<string, unknown> {
  const v: Record<string, unknown> = {
    log: s.primary.log.map((e) => `${e.n}:${showInput(e.input)}`).join(' ') || '-',
  };
  s.replicas.forEach((r, i) => {
    v[replicaName(i)] =
      `applied ${r.next - 1}, ${showState(r.state)}, out [${r.outputs.map((o) => (o === null ? 'nil' : o)).join(' ')}]` +
      (r.waiting.length ? `, waiting ${r.waiting.map((w) => w.n).join(' ')}` : '');
  });
  v.network = s.network.map((m) => `${m.entry.n}->${replicaName(m.to)}`).join(' ') || '-';
  return v;
}

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
  (s) =>
    s.replicas.every((r) => {
      const single = run(
        storage,
        s.primary.log.slice(0, r.next - 1).map((e) => e.input),
      );
      return (
        showState(single.state) === showState(r.state) && single.outputs.join() === r.outputs.join()
      );
    }),
  (s) => {
    const i = s.replicas.findIndex((r) => {
      const single = run(
        storage,
        s.primary.log.slice(0, r.next - 1).map((e) => e.input),
      );
      return (
        showState(single.state) !== showState(r.state) || single.outputs.join() !== r.outputs.join()
      );
    });
    const r = s.replicas[i]!;
    const single = run(
      storage,
      s.primary.log.slice(0, r.next - 1).map((e) => e.input),
    );
    return `${replicaName(i)} applied ${r.next - 1} entries and has ${showState(r.state)}, outputs [${r.outputs.join(' ')}]; the log says ${showState(single.state)}, outputs [${single.outputs.join(' ')}]`;
  },
);
// #endregion invariants

/** Goals that keep the check from passing vacuously. */
export const goals = [
  reachable<ReplicationState>(
    'every replica applied every request',
    (s) =>
      s.primary.log.length === config.maxRequests &&
      s.replicas.every((r) => r.next === config.maxRequests + 1),
  ),
  reachable<ReplicationState>('an entry arrived early and waits for its turn', (s) =>
    s.replicas.some((r) => r.waiting.length > 0),
  ),
];
