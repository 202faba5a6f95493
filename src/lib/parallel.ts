/**
 * The breadth-first search of {@link explore} on several cores: worker
 * threads expand the states of each level, and the main thread keeps the
 * one store of states seen and decides, in the order one thread would have
 * taken, which successors are new. So the counts, the states and the
 * shortest counterexample are those of {@link explore}.
 *
 * A worker cannot be handed a machine (functions do not cross threads), so
 * each builds its own from a module: the search names the module, a
 * function it exports, and the function's argument.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { validBound } from './_internal/bounds';
import type { BuiltModel, LevelOut, ModelSource, Moved } from './_internal/expander';
import { loadModel } from './_internal/expander';
import { fingerprinter, hasDefaultKey } from './_internal/fingerprinter';
import { activeGroup, setGroup } from './_internal/hash';
import { lastOf, rebuildTrace } from './_internal/search';
import { ROOT, StateStore } from './_internal/stateStore';
import { forEachStep, makeLabel } from './_internal/successors';
import type { ExploreResult } from './explore';
import type { Label } from './label';
import { labelText } from './label';
import type { Machine } from './machine';
import type { Counterexample, Progress } from './result';
import type { Trace } from './trace';

export type { BuiltModel, ModelSource } from './_internal/expander';

/**
 * Options of {@link exploreInWorkers}: how many workers, and the bounds of
 * the search (which add to those the model's own options give).
 *
 * @category Checks
 */
export interface ParallelOptions {
  /**
   * Worker threads; a whole number from 1 to 64.
   *
   * @defaultValue the number of cores
   */
  readonly workers?: number;
  /**
   * Do not expand states at this depth; a whole number from 0.
   *
   * @defaultValue the model's, or no bound
   */
  readonly maxDepth?: number;
  /**
   * Stop after storing this many distinct states; a whole number from 1.
   *
   * @defaultValue the model's, or no bound
   */
  readonly maxStates?: number;
  /**
   * Called after each level.
   *
   * @defaultValue none
   */
  readonly onProgress?: (p: Progress) => void;
}

/** A worker and the replies it owes. */
class Peer {
  private readonly waiting: ((msg: any) => void)[] = [];
  private failed: Error | undefined;
  size = 0;
  constructor(readonly worker: Worker) {
    worker.on('message', (msg: any) => {
      if (msg.type === 'error') this.fail(new Error(msg.message));
      else this.waiting.shift()?.(msg);
    });
    worker.on('error', (e) => this.fail(e));
  }
  private fail(e: Error): void {
    this.failed = e;
    for (const w of this.waiting.splice(0)) w({ type: 'error', error: e });
  }
  /** Wait for the next reply (the first is `ready`). */
  next(): Promise<any> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) =>
      this.waiting.push((msg) => (msg.type === 'error' ? reject(msg.error) : resolve(msg))),
    );
  }
  ask(req: unknown, transfer: ArrayBuffer[] = []): Promise<any> {
    const reply = this.next();
    this.worker.postMessage(req, transfer);
    return reply;
  }
}

/**
 * Explore the model that `src` builds, as {@link explore} does, on worker
 * threads. The module is imported by the main thread (to check the initial
 * states and rebuild traces) and by every worker.
 *
 * @param src - the module, the exported function that returns `{ machine, options }`, and its argument
 * @param opts - workers and bounds
 * @returns what `explore(machine, options)` returns
 * @example
 * ```ts
 * // paxos.ts exports: export function model(n) { return { machine: paxos(n), options: { invariants } }; }
 * const r = await exploreInWorkers({ module: new URL('./paxos.ts', import.meta.url).href, export: 'model', args: 3 });
 * ```
 * @throws Error if the module does not export such a function, or a bound is not a whole number in its range
 * @category Checks
 */
export async function exploreInWorkers<S>(
  src: ModelSource,
  opts: ParallelOptions = {},
): Promise<ExploreResult<S>> {
  const n = validBound('workers', opts.workers, 1) ?? Math.max(1, availableParallelism());
  if (n > 64) throw new Error(`workers must be a whole number from 1 to 64, got ${n}`);
  const built: BuiltModel<S> = await loadModel<S>(src);
  const m = built.machine;
  const options = {
    ...(built.options ?? {}),
    ...(opts.maxDepth !== undefined ? { maxDepth: opts.maxDepth } : {}),
    ...(opts.maxStates !== undefined ? { maxStates: opts.maxStates } : {}),
  };
  const maxDepth = validBound('maxDepth', options.maxDepth, 0) ?? Number.POSITIVE_INFINITY;
  const maxStates = validBound('maxStates', options.maxStates, 1) ?? Number.POSITIVE_INFINITY;
  const fper = fingerprinter(m, options.symmetry);
  const evenOut = fper.group === undefined && hasDefaultKey(m as Machine<unknown>);
  const peers = Array.from(
    { length: n },
    () =>
      new Peer(
        new Worker(new URL('./_internal/levelWorker.mjs', import.meta.url), {
          workerData: src,
        }),
      ),
  );
  const saved = activeGroup();
  try {
    await Promise.all(peers.map((p) => p.next()));
    setGroup(fper.group);
    return await run(m, options, peers, fper.fp, evenOut, maxDepth, maxStates, opts.onProgress);
  } finally {
    setGroup(saved);
    await Promise.all(peers.map((p) => p.worker.terminate()));
  }
}

async function run<S>(
  m: BuiltModel<S>['machine'],
  options: NonNullable<BuiltModel<S>['options']>,
  peers: Peer[],
  fpOf: (s: S, fp: { lo: number; hi: number }) => void,
  evenOut: boolean,
  maxDepth: number,
  maxStates: number,
  onProgress: ((p: Progress) => void) | undefined,
): Promise<ExploreResult<S>> {
  const t0 = performance.now();
  const store = new StateStore();
  const invariants = options.invariants ?? [];
  const stepProps = options.stepProperties ?? [];
  const goals = options.reachable ?? [];
  const goalAt = new Map<string, number>();
  const within = options.within;
  const fp = { lo: 0, hi: 0 };
  let failure: { number: number; ordinal?: number; property?: string } | undefined;
  let transitions = 0;
  let depth = 0;
  let complete = true;

  const meet = (s: S | undefined, bits: number, i: number) => {
    for (let g = 0; g < goals.length; g++) {
      const goal = goals[g]!;
      if (goalAt.has(goal.name)) continue;
      if (s ? goal.holds(s) : bits & (1 << g)) goalAt.set(goal.name, i);
    }
  };

  // The initial states: checked here, shared out in turn.
  let numbers: number[] = []; // the store number of each state of the level, by position
  const initOrd: number[][] = peers.map(() => []);
  const newLo: number[] = [];
  const newHi: number[] = [];
  const initPos: number[][] = peers.map(() => []);
  let k = 0;
  for (const s of m.init()) {
    const ord = k++;
    fpOf(s, fp);
    const i = store.add(fp.lo, fp.hi, ROOT);
    if (i < 0) continue;
    newLo.push(fp.lo);
    newHi.push(fp.hi);
    const bad = invariants.find((inv) => !inv.holds(s));
    if (bad) {
      failure = { number: i, property: bad.name };
      break;
    }
    meet(s, 0, i);
    if (within && !within(s)) continue;
    const pos = numbers.length;
    numbers.push(i);
    initOrd[pos % peers.length]!.push(ord);
    initPos[pos % peers.length]!.push(pos);
  }
  await Promise.all(
    peers.map(async (p, w) => {
      const r = await p.ask({
        type: 'init',
        ordinals: Int32Array.from(initOrd[w]!),
        positions: Int32Array.from(initPos[w]!),
        lo: Int32Array.from(newLo),
        hi: Int32Array.from(newHi),
      });
      p.size = r.size;
    }),
  );

  while (!failure && numbers.length > 0) {
    if (depth >= maxDepth) {
      complete = false;
      break;
    }
    const outs: LevelOut[] = (await Promise.all(peers.map((p) => p.ask({ type: 'expand' })))).map(
      (r) => r.out,
    );
    // Merge the workers' parents in order of position: the order of one
    // thread. A worker holds its states in any order; find each position's
    // worker, its parent entry and its first record.
    const whoAt = new Int32Array(numbers.length).fill(-1);
    const entryAt = new Int32Array(numbers.length);
    const firstRecAt = new Int32Array(numbers.length);
    outs.forEach((o, wi) => {
      let r = 0;
      for (let e = 0; e < o.nParents; e++) {
        const pos = o.parents[4 * e]!;
        whoAt[pos] = wi;
        entryAt[pos] = e;
        firstRecAt[pos] = r;
        r += o.parents[4 * e + 2]!;
      }
    });
    const keep: number[][] = peers.map(() => []);
    // Who keeps each state of the next level, and as which of its records.
    // A state two workers found can be kept by either when states are
    // stored as themselves (no symmetry, no key of the model's own, which
    // would make the two records different members of one class): the one
    // with the smaller share keeps it, and the shares stay even without
    // moving states between workers.
    const levelBase = store.count;
    const keptBy: number[] = [];
    const keptAs: number[] = [];
    const nextOf: number[] = []; // per state stored at this level, its index in next, or -1
    const share = peers.map(() => 0);
    const next: number[] = [];
    const addedLo: number[] = [];
    const addedHi: number[] = [];
    let stopped = false;
    for (let pos = 0; pos < numbers.length && !stopped; pos++) {
      const w = whoAt[pos]!;
      if (w < 0)
        throw new Error(`exploreInWorkers: no worker reported the state at position ${pos}`);
      const o = outs[w]!;
      const b = 4 * entryAt[pos]!;
      const parent = numbers[pos]!;
      const count = o.parents[b + 1]!;
      const reported = o.parents[b + 2]!;
      const failedAt = o.parents[b + 3]!;
      for (let r = 0; r < reported; r++) {
        const ri = firstRecAt[pos]! + r;
        const i = store.add(o.lo[ri]!, o.hi[ri]!, parent);
        if (i < 0) {
          const j = ~i - levelBase;
          const x = j >= 0 && evenOut ? nextOf[j]! : -1;
          if (x >= 0 && share[w]! + 1 < share[keptBy[x]!]!) {
            share[keptBy[x]!]!--;
            share[w]!++;
            keptBy[x] = w;
            keptAs[x] = ri;
          }
          continue;
        }
        nextOf.push(-1);
        addedLo.push(o.lo[ri]!);
        addedHi.push(o.hi[ri]!);
        const flags = o.flags[ri]!;
        if (flags >>> 8) {
          failure = { number: i, property: invariants[(flags >>> 8) - 1]!.name };
          transitions += o.ordinal[ri]! + 1;
          stopped = true;
          break;
        }
        meet(undefined, o.goals[ri]!, i);
        if (flags & 1) {
          nextOf[i - levelBase] = next.length;
          keptBy.push(w);
          keptAs.push(ri);
          share[w]!++;
          next.push(i);
        }
      }
      if (stopped) break;
      if (failedAt >= 0) {
        failure = { number: parent, ordinal: failedAt };
        transitions += failedAt + 1;
        break;
      }
      transitions += count;
      if (store.count >= maxStates) {
        complete = false;
        stopped = true;
      }
    }
    if (failure || stopped) break;
    for (let x = 0; x < next.length; x++) keep[keptBy[x]!]!.push(keptAs[x]!, x);
    await Promise.all(
      peers.map(async (p, w) => {
        // Every worker learns every state stored at this level.
        const lo = Int32Array.from(addedLo);
        const hi = Int32Array.from(addedHi);
        p.size = (await p.ask({ type: 'commit', keep: Int32Array.from(keep[w]!), lo, hi })).size;
      }),
    );
    await rebalance(peers);
    numbers = next;
    if (numbers.length > 0) depth++;
    onProgress?.({ states: store.count, transitions, depth, ms: performance.now() - t0 });
  }

  const witnesses = new Map<string, Trace<S>>();
  for (const [name, i] of goalAt) witnesses.set(name, rebuildTrace(m, fpOf, store, i));
  let counterexample: Counterexample<S> | undefined;
  if (failure) {
    const base = rebuildTrace(m, fpOf, store, failure.number);
    const s = lastOf(base);
    if (failure.ordinal === undefined) {
      const inv = invariants.find((x) => x.name === failure!.property)!;
      counterexample = {
        property: inv.name,
        message: inv.why ? inv.why(s) : 'violated',
        trace: base,
      };
    } else {
      let t = 0;
      let step: { label: Label; to: S } | undefined;
      forEachStep(m, s, (act, param, o) => {
        if (t++ !== failure!.ordinal) return false;
        step = { label: makeLabel(act, param, o), to: o.next };
        return true;
      });
      const { label, to } = step!;
      const p = stepProps.find((x) => !x.holds(s, label, to))!;
      counterexample = {
        property: p.name,
        message: p.why ? p.why(s, label, to) : `the step ${labelText(label)} violates it`,
        trace: { init: base.init, steps: [...base.steps, { from: s, label, to }] },
      };
    }
  }
  const unreached = failure ? [] : goals.filter((g) => !goalAt.has(g.name)).map((g) => g.name);
  const ms = performance.now() - t0;
  const stats = { states: store.count, transitions, depth, ms };
  onProgress?.(stats);
  return {
    check: 'explore',
    subject: m.name,
    holds: !counterexample && unreached.length === 0,
    complete: complete && !failure,
    stats,
    ...(counterexample ? { counterexample } : {}),
    unreached,
    witnesses,
    storeBytes: store.bytes,
  };
}

/** Even out the workers' shares when one holds a tenth more than its part. */
async function rebalance(peers: Peer[]): Promise<void> {
  if (peers.length < 2) return;
  const total = peers.reduce((a, p) => a + p.size, 0);
  const fair = Math.ceil(total / peers.length);
  if (peers.every((p) => p.size <= fair * 1.1 + 16)) return;
  const heavy = peers.filter((p) => p.size > fair);
  const light = peers.filter((p) => p.size < fair);
  for (const h of heavy) {
    while (h.size > fair && light.length) {
      const l = light[0]!;
      const n = Math.min(h.size - fair, fair - l.size);
      if (n <= 0) {
        light.shift();
        continue;
      }
      const moved: Moved = (await h.ask({ type: 'export', n })).moved;
      h.size -= n;
      l.size = (await l.ask({ type: 'import', moved }, [moved.bytes.buffer as ArrayBuffer])).size;
      if (l.size >= fair) light.shift();
    }
  }
}
