/**
 * Chapter 01's property checks over random logs (fast-check).
 *
 * @module
 */
import fc from 'fast-check';
import type { PropertyResult } from '../../index';
import { action, exists, forAll, machine, replay, to } from '../../index';
import { orderConfig, runsConfig } from './config';
import type { Primary } from './replica';
import { newReplica } from './replica';
import type { ReplicaRules } from './rules';
import { rules as correctRules } from './rules';
import { run } from './stateMachine';
import type { StorageInput, StorageOutput, StorageState } from './storage';
import { Read, showInput, showState, storage, Write } from './storage';

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

/** Random scenarios, as big as {@link runsConfig} says: scrambled and duplicated deliveries. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  log: fc.array(inputArb, { maxLength: runsConfig.maxLog }),
  replicas: fc.integer({ min: 1, max: runsConfig.maxReplicas }),
  deliveries: fc.array(
    fc.array(fc.nat({ max: runsConfig.maxLog - 1 }), { maxLength: runsConfig.maxDeliveries }),
    { minLength: runsConfig.maxReplicas, maxLength: runsConfig.maxReplicas },
  ),
});

/**
 * Play a scenario: the primary numbers the log, the network delivers it to
 * each replica in its scrambled order, then everything it has not yet had.
 *
 * @param sc - the scenario
 * @param r - the rules (a mutant replaces one)
 * @returns each replica's final state and outputs
 */
export function play(sc: Scenario, r: ReplicaRules = correctRules) {
  let primary: Primary<StorageInput> = { log: [] };
  for (const input of sc.log) primary = r.submit(primary, input).primary;
  const entries = primary.log;
  return Array.from({ length: sc.replicas }, (_, i) => {
    const service = r.serviceAt(i);
    let rep = newReplica(service);
    const order = sc.log.length ? (sc.deliveries[i] ?? []).map((k) => k % sc.log.length) : [];
    for (const k of order) rep = r.receive(service, rep, entries[k]!);
    for (let k = entries.length - 1; k >= 0; k--) rep = r.receive(service, rep, entries[k]!);
    return rep;
  });
}

// #region equal-logs
/** Every replica that gets the same numbered log, in any order, ends where the single copy ends. */
export function equalLogsEqualReplicas(sc: Scenario, r: ReplicaRules = correctRules): boolean {
  const single = run(storage, sc.log);
  return play(sc, r).every(
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
 * @param r - the rules (a mutant replaces one)
 * @param path - fast-check's replay path of one failing run, if replaying
 * @returns the result, with a shrunk scenario if it fails
 */
export function checkEqualLogs(
  seed: number,
  r: ReplicaRules = correctRules,
  path?: string,
): PropertyResult<Scenario> {
  return forAll(
    'equal logs give equal replicas',
    scenarioArb,
    (sc) => equalLogsEqualReplicas(sc, r),
    {
      seed,
      ...(path ? { path } : {}),
      runs: runsConfig.runs,
      explain: (sc) => {
        const reps = play(sc, r);
        return `log ${sc.log.map(showInput).join(', ') || '(empty)'} on ${sc.replicas} replicas gives ${reps
          .map((x, i) => `r${i + 1} ${showState(x.state)} [${x.outputs.join(' ')}]`)
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
    fc.array(fc.tuple(inputArb, fc.nat({ max: 9 })), { maxLength: orderConfig.maxInputs }),
    diverge,
    {
      seed,
      ...(path ? { path } : {}),
      runs: orderConfig.runs,
      trace: (xs) => twoOrdersRun(xs).trace,
      explain: (xs) => `${xs.map(([i]) => showInput(i)).join(', ')} reordered`,
    },
  );
}
