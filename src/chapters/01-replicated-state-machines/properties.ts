/**
 * Chapter 01's property checks over random logs (fast-check).
 *
 * @module
 */
import fc from 'fast-check';
import { action, exists, forAll, machine, type PropertyResult, replay, to } from '../../index';
import { type Entry, newReplica, receive } from './replica';
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

/** A random storage input over addresses x, y, z and data 0..9. */
export const inputArb: fc.Arbitrary<StorageInput> = fc.oneof(
  fc.constantFrom('x', 'y', 'z').map(Read),
  fc
    .tuple(fc.constantFrom('x', 'y', 'z'), fc.integer({ min: 0, max: 9 }))
    .map(([a, d]) => Write(a, d)),
);

/** A log, a number of replicas, and for each replica the order (with repeats) in which the network delivers the entries. */
export interface Scenario {
  readonly log: readonly StorageInput[];
  readonly replicas: number;
  /** deliveries[r]: indices into the log (taken modulo its length); the rest arrive afterwards, last first. */
  readonly deliveries: readonly (readonly number[])[];
}

/** Random scenarios: logs of up to 12 inputs, 1 to 5 replicas, scrambled and duplicated deliveries. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  log: fc.array(inputArb, { maxLength: 12 }),
  replicas: fc.integer({ min: 1, max: 5 }),
  deliveries: fc.array(fc.array(fc.nat({ max: 11 }), { maxLength: 16 }), {
    minLength: 5,
    maxLength: 5,
  }),
});

/** How a replica receives an entry, and the service it runs (mutants change these). */
export interface ReplicaCode {
  readonly receive: typeof receive;
  readonly serviceAt: (replica: number) => typeof storage;
}

const correct: ReplicaCode = { receive, serviceAt: () => storage };

/**
 * Play a scenario: number the log 1, 2, 3, ..., deliver it to each replica in
 * its scrambled order, then everything it has not yet had.
 *
 * @param sc - the scenario
 * @param code - the replica code
 * @returns each replica's final state and outputs
 */
export function play(sc: Scenario, code: ReplicaCode = correct) {
  const entries: Entry<StorageInput>[] = sc.log.map((input, i) => ({ n: i + 1, input }));
  return Array.from({ length: sc.replicas }, (_, r) => {
    const service = code.serviceAt(r);
    let rep = newReplica(service);
    const order = sc.log.length ? (sc.deliveries[r] ?? []).map((i) => i % sc.log.length) : [];
    for (const i of order) rep = code.receive(service, rep, entries[i]!);
    for (let i = entries.length - 1; i >= 0; i--) rep = code.receive(service, rep, entries[i]!);
    return rep;
  });
}

// #region equal-logs
/** Every replica that gets the same numbered log, in any order, ends where the single copy ends. */
export function equalLogsEqualReplicas(sc: Scenario, code: ReplicaCode = correct): boolean {
  const single = run(storage, sc.log);
  return play(sc, code).every(
    (r) =>
      r.next === sc.log.length + 1 &&
      showState(r.state) === showState(single.state) &&
      r.outputs.join() === single.outputs.join(),
  );
}
// #endregion equal-logs

/**
 * The check: equal logs give equal states and outputs on every replica.
 *
 * @param seed - the random seed
 * @param runs - how many scenarios
 * @param code - the replica code (a mutant may change it)
 * @param path - fast-check's replay path of one failing run, if replaying
 * @returns the result, with a shrunk scenario if it fails
 */
export function checkEqualLogs(
  seed: number,
  runs = 300,
  code: ReplicaCode = correct,
  path?: string,
): PropertyResult<Scenario> {
  return forAll(
    'equal logs give equal replicas',
    scenarioArb,
    (sc) => equalLogsEqualReplicas(sc, code),
    {
      seed,
      ...(path ? { path } : {}),
      runs,
      explain: (sc) => {
        const reps = play(sc, code);
        return `log ${sc.log.map(showInput).join(', ') || '(empty)'} on ${sc.replicas} replicas gives ${reps
          .map((r, i) => `r${i + 1} ${showState(r.state)} [${r.outputs.join(' ')}]`)
          .join('; ')}`;
      },
    },
  );
}

/** The same inputs in two orders: each input with a sort key for the second order. */
export type TwoOrders = readonly (readonly [StorageInput, number])[];

// #region order-matters
/** Do two replicas that apply the same inputs, one in order and one sorted by key, end differently? */
export function diverge(xs: TwoOrders): boolean {
  const first = run(
    storage,
    xs.map(([i]) => i),
  );
  const second = run(
    storage,
    [...xs].sort((a, b) => a[1] - b[1]).map(([i]) => i),
  );
  return showState(first.state) !== showState(second.state);
}
// #endregion order-matters

/**
 * The two orders as a run of a machine with replicas A and B, each applying its own queue.
 *
 * @param xs - the inputs with their keys
 * @returns the machine and the run: A applies its queue, then B applies its own
 */
export function twoOrdersRun(xs: TwoOrders) {
  const a = xs.map(([i]) => i);
  const b = [...xs].sort((p, q) => p[1] - q[1]).map(([i]) => i);
  type Copy = {
    readonly queue: readonly StorageInput[];
    readonly state: StorageState;
    readonly outputs: readonly StorageOutput[];
  };
  type Two = { readonly A: Copy; readonly B: Copy };
  const apply = (c: Copy): Copy => {
    const r = storage.transition(c.state, c.queue[0]!);
    return { queue: c.queue.slice(1), state: r.state, outputs: [...c.outputs, r.output] };
  };
  const m = machine<Two>({
    name: 'two replicas, two orders',
    init: [{ A: { queue: a, state: {}, outputs: [] }, B: { queue: b, state: {}, outputs: [] } }],
    actions: [
      action({
        name: 'Apply',
        external: false,
        params: () => ['A', 'B'] as const,
        guard: (s: Two, r: 'A' | 'B') => s[r].queue.length > 0,
        showParam: (r) => r,
        effect: (s, r) => to({ ...s, [r]: apply(s[r]) }),
      }),
    ],
    view: (s) => ({
      'A state': showState(s.A.state),
      'A queue': s.A.queue.map(showInput).join(' '),
      'B state': showState(s.B.state),
      'B queue': s.B.queue.map(showInput).join(' '),
    }),
  });
  return { machine: m, trace: replay(m, [...a.map(() => 'Apply(A)'), ...b.map(() => 'Apply(B)')]) };
}

/**
 * The check: some two orders of the same inputs make two replicas diverge
 * (found by fast-check and shrunk to the smallest case).
 *
 * @param seed - the random seed
 * @param path - fast-check's replay path of one run, if replaying
 * @returns the result, whose `example` is the shrunk witness
 */
export function checkOrderMatters(seed: number, path?: string): PropertyResult<TwoOrders> {
  return exists(
    'the same inputs in another order can diverge',
    fc.array(fc.tuple(inputArb, fc.nat({ max: 9 })), { maxLength: 8 }),
    diverge,
    {
      seed,
      ...(path ? { path } : {}),
      runs: 500,
      trace: (xs) => twoOrdersRun(xs).trace as never,
      explain: (xs) => `${xs.map(([i]) => showInput(i)).join(', ')} reordered`,
    },
  );
}
