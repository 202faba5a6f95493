/**
 * One worker's share of a parallel breadth-first search: it holds some of
 * the current level's states (encoded, with their positions in the level),
 * expands them, and reports every successor's fingerprint, with what the
 * state-local checks (invariants, the constraint, goals) say of it. The main
 * thread decides which successors are new, in the order one thread would
 * have found them, and tells the worker which to keep for the next level.
 *
 * @module
 */
import type { ExploreOptions } from '../explore';
import type { Machine } from '../machine';
import { Bytes, Codec } from './codec';
import { fingerprinter } from './fingerprinter';
import { Frontier, Numbers } from './frontier';
import { activeGroup, setGroup } from './hash';
import type { Fingerprint } from './stateStore';
import { StateStore } from './stateStore';
import { forEachStep, makeLabel } from './successors';

/** Where a worker finds the model: a module, the function it exports, and the function's argument. */
export interface ModelSource {
  /** The module's URL (`import.meta.url` of the file that exports the model) or absolute path. */
  readonly module: string;
  /** The exported function's name. */
  readonly export: string;
  /** Its argument (plain data: it is copied to each worker). */
  readonly args?: unknown;
}

/** What the exported function returns: the machine and the options of its search. */
export interface BuiltModel<S> {
  /** The machine to explore. */
  readonly machine: Machine<S>;
  /** Its invariants, goals, step properties, constraint, symmetry and bounds, as `explore` takes them. */
  readonly options?: ExploreOptions<S>;
}

/** Build the model a source names. */
export async function loadModel<S>(src: ModelSource): Promise<BuiltModel<S>> {
  const mod = (await import(src.module)) as Record<string, unknown>;
  const f = mod[src.export];
  if (typeof f !== 'function')
    throw new Error(`exploreInWorkers: ${src.module} exports no function named ${src.export}`);
  const built = (await f(src.args)) as BuiltModel<S>;
  if (!built || typeof built !== 'object' || !built.machine)
    throw new Error(
      `exploreInWorkers: ${src.export}(args) must return { machine, options? }, got ${typeof built}`,
    );
  return built;
}

/** One level's results from one worker (all typed arrays, to be transferred). */
export interface LevelOut {
  /** Per parent, 4 numbers: position in the level, transitions, successors reported, ordinal of a failing step (-1: none). */
  readonly parents: Int32Array;
  readonly nParents: number;
  /** Per successor reported: fingerprint halves, its ordinal among its parent's transitions, and flags. */
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly ordinal: Int32Array;
  /** Bit 0: inside the constraint; bits 8 and up: 1 + the index of the first invariant it violates (0: none). */
  readonly flags: Int32Array;
  /** The goals it meets, one bit each. */
  readonly goals: Int32Array;
  readonly nRecords: number;
}

/** States moved between workers: portable bytes, their tables and their positions. */
export interface Moved {
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
  readonly positions: Int32Array;
  readonly tables: { readonly strings: string[]; readonly shapes: string[][] };
}

/** A worker's share of the search. */
export class Expander<S> {
  private readonly codec = new Codec();
  private frontier: Frontier<S>;
  private pending: Frontier<S>;
  private readonly fpOf: (s: S, fp: Fingerprint) => void;
  private readonly group;

  constructor(
    private readonly m: Machine<S>,
    private readonly opts: ExploreOptions<S>,
  ) {
    const f = fingerprinter(m, opts.symmetry);
    this.fpOf = f.fp;
    this.group = f.group;
    this.frontier = new Frontier<S>(this.codec);
    this.pending = new Frontier<S>(this.codec);
    if ((opts.reachable ?? []).length > 31)
      throw new Error('exploreInWorkers: at most 31 goals (reachable) are accepted');
  }

  /** States held for the next expansion. */
  get size(): number {
    return this.frontier.length;
  }

  /** Take the initial states with these ordinals, at these positions. */
  /**
   * Every state the search has stored, as the main thread last said (and
   * what this worker reported since): a successor found here is not new,
   * so it is neither checked nor encoded again.
   */
  private readonly known = new StateStore();

  /** Remember states the main thread stored (fingerprint halves, pairwise). */
  learn(lo: Int32Array, hi: Int32Array): void {
    for (let i = 0; i < lo.length; i++) this.known.add(lo[i]!, hi[i]!, 0);
  }

  loadInit(ordinals: Int32Array, positions: Int32Array): void {
    const all = [...this.m.init()];
    for (let k = 0; k < ordinals.length; k++) this.frontier.push(all[ordinals[k]!]!, positions[k]!);
  }

  /** Expand every state held, in order of position. */
  expand(): LevelOut {
    const saved = activeGroup();
    setGroup(this.group);
    try {
      return this.expandAll();
    } finally {
      setGroup(saved);
    }
  }

  private expandAll(): LevelOut {
    const m = this.m;
    const invariants = this.opts.invariants ?? [];
    const stepProps = this.opts.stepProperties ?? [];
    const goals = this.opts.reachable ?? [];
    const within = this.opts.within;
    const parents = new Numbers();
    const lo = new Numbers();
    const hi = new Numbers();
    const ordinal = new Numbers();
    const flags = new Numbers();
    const goalBits = new Numbers();
    const seen = this.known;
    const fp: Fingerprint = { lo: 0, hi: 0 };
    this.pending.clear();
    let nParents = 0;
    // The states are held in any order of position; once one fails, only
    // those at earlier positions can still decide where the search stops.
    let stopAt = Number.POSITIVE_INFINITY;
    for (let k = 0; k < this.frontier.length; k++) {
      if (this.frontier.number(k) > stopAt) continue;
      const s = this.frontier.get(k);
      let t = 0;
      let reported = 0;
      let failedAt = -1;
      let stop = false;
      forEachStep(m, s, (act, param, o) => {
        const ord = t++;
        const to = o.next;
        if (stepProps.length) {
          const label = makeLabel(act, param, o);
          if (stepProps.some((p) => !p.holds(s, label, to))) {
            failedAt = ord;
            stop = true;
            return true;
          }
        }
        if (to === s) return false;
        this.fpOf(to, fp);
        if (seen.add(fp.lo, fp.hi, 0) < 0) return false;
        let f = !within || within(to) ? 1 : 0;
        for (let i = 0; i < invariants.length; i++)
          if (!invariants[i]!.holds(to)) {
            f |= (i + 1) << 8;
            stop = true;
            break;
          }
        let g = 0;
        for (let i = 0; i < goals.length; i++) if (goals[i]!.holds(to)) g |= 1 << i;
        lo.push(fp.lo);
        hi.push(fp.hi);
        ordinal.push(ord);
        flags.push(f);
        goalBits.push(g);
        this.pending.push(to, lo.n - 1);
        reported++;
        // An invariant fails here: whether this state is new decides where
        // the search stops, and nothing after it from this parent can matter.
        return stop;
      });
      parents.push(this.frontier.number(k));
      parents.push(t);
      parents.push(reported);
      parents.push(failedAt);
      nParents++;
      if (stop) stopAt = this.frontier.number(k);
    }
    return {
      parents: parents.take(),
      nParents,
      lo: lo.take(),
      hi: hi.take(),
      ordinal: ordinal.take(),
      flags: flags.take(),
      goals: goalBits.take(),
      nRecords: lo.n,
    };
  }

  /** Keep these reported successors (record index, position in the next level) as the next level. */
  commit(keep: Int32Array, lo: Int32Array, hi: Int32Array): void {
    this.learn(lo, hi);
    const next = new Frontier<S>(this.codec);
    for (let i = 0; i < keep.length; i += 2) next.copyFrom(this.pending, keep[i]!, keep[i + 1]!);
    this.frontier = next;
    this.pending.clear();
  }

  /** Give away the last `n` states held (positions in any order: the main thread looks them up). */
  exportLast(n: number): Moved {
    const keepN = this.frontier.length - n;
    const portable = new Codec(true);
    const bytes = new Bytes();
    const offsets = new Int32Array(n);
    const positions = new Int32Array(n);
    for (let k = keepN; k < this.frontier.length; k++) {
      offsets[k - keepN] = bytes.length;
      positions[k - keepN] = this.frontier.number(k);
      portable.encode(this.frontier.get(k), bytes);
    }
    this.frontier.truncate(keepN);
    return { bytes: bytes.buf.slice(0, bytes.length), offsets, positions, tables: portable.tables };
  }

  /** Take states given away by another worker, after those held. */
  importStates(mv: Moved): void {
    const reader = new Codec(mv.tables);
    for (let b = 0; b < mv.positions.length; b++)
      this.frontier.push(reader.decode(mv.bytes, mv.offsets[b]!) as S, mv.positions[b]!);
  }
}
