/**
 * Linearizability of a recorded history (Herlihy and Wing): can every
 * operation be given one instant between its call and its return so that,
 * taken in the order of those instants, the operations are a run of a
 * sequential specification that returns what each of them returned?
 *
 * The search is Wing and Gong's, with Lowe's memoisation ("Testing for
 * linearizability", 2017), as in the Porcupine checker: the calls and
 * returns in time order form a doubly linked list; the search linearizes
 * some call that comes before the first return still in the list, takes it
 * and its return out of the list, and starts again from the head; at a
 * return it cannot pass, it puts the last linearized operation back and
 * tries the next call. A cache of the (linearized set, state) pairs met so
 * far cuts every branch that was tried before: what can follow depends on
 * nothing else. When the spec says how, the history is split into parts
 * that cannot affect each other (the keys of a store) and each part is
 * checked alone: a history is linearizable if and only if each part is
 * (linearizability is local). The parts are searched side by side, in
 * rounds of growing step budgets, so that a part that fails soon is found
 * before one that takes long.
 *
 * Beyond the cache, two cuts keep the search small without changing any
 * verdict (see the search itself): a configuration covered by one met
 * before with fewer operations of unknown outcome taken is not searched,
 * and a read that may return what it returned is taken at once.
 *
 * A history that is not linearizable is reported with its failing window
 * ({@link LinearizabilityFailure}): the first return at which it stops
 * being linearizable, the longest linearizable prefix before it, and the
 * operations around that return.
 *
 * @module
 */
import type { Effect, Outcome } from './machine';
import { canonical, compareText, show } from './value';

/**
 * One operation of a concurrent history: who called it, when, with what,
 * and what it returned.
 *
 * An operation whose outcome is unknown (Jepsen's `:info`, a timeout, a
 * call that never returned) has `ret: null`: it may take effect at any
 * instant after its call or never, and whatever it returned is allowed.
 *
 * @category Linearizability
 */
export interface Operation<I = unknown> {
  /** Who called it (one lane of a figure). */
  readonly client: string | number;
  /** When it was called: any unit, only the order matters. */
  readonly call: number;
  /**
   * When it returned (at least `call`), or `null` if its outcome is unknown:
   * then it counts as returning at +∞ with an output that matches anything.
   * A call and a return at the same time count as concurrent.
   */
  readonly ret: number | null;
  /** What was asked: `{ f: 'write', value: 3 }`. */
  readonly input: I;
  /** What it returned; nothing (`undefined`) is the same as nil. Ignored when `ret` is `null`. */
  readonly output?: unknown;
}

/**
 * A sequential specification: the object as one client alone would see it.
 * Its operations are the `input`s of a history; each can end in one or more
 * ways, an outcome that gives the next state and what the operation
 * returns (the library's {@link Outcome}, made by {@link returns} or
 * {@link to}). The spec is pure and its outcomes come in a fixed order.
 *
 * @example
 * ```ts
 * const counter: SequentialSpec<number, 'inc' | 'get'> = {
 *   name: 'counter',
 *   init: () => 0,
 *   apply: (n, op) => (op === 'inc' ? to(n + 1) : returns(n, n)),
 * };
 * ```
 * @category Linearizability
 */
export interface SequentialSpec<S, I = unknown> {
  /** A name for reports (`cas-register`). */
  readonly name: string;
  /** The initial state. */
  readonly init: () => S;
  /**
   * The ways `input` can go in state `s`: each outcome's next state and what
   * it returns (no `ret` returns nil). No outcome: `input` cannot happen in `s`.
   */
  readonly apply: (s: S, input: I) => Effect<S>;
  /**
   * One canonical key per state: equal states, equal keys.
   *
   * @defaultValue {@link canonical} of the state
   */
  readonly key?: (s: S) => string | number;
  /**
   * Whether an operation never changes the state, whatever the state (a
   * read). The search then linearizes such an operation as soon as it may
   * return what it returned, trying nothing else there (any linearization
   * can be changed to one that does so), and leaves it out when its outcome
   * is unknown; this cuts the search down a great deal. A wrong answer
   * here makes the verdict wrong.
   *
   * @defaultValue no operation is taken to be read-only
   */
  readonly readOnly?: (input: I) => boolean;
  /**
   * The independent part an operation belongs to (the key of a store):
   * operations of different parts never affect each other, so each part is
   * checked alone, which is much faster; `undefined` names the part of the
   * operations with no key. Leave it out if there is one part.
   */
  readonly partition?: (input: I) => string | undefined;
  /**
   * An operation as a short text, for reports and figures (`read → 3`,
   * `cas(1, 2) → fail`); `known` is false when its outcome is unknown.
   *
   * @defaultValue the input, then ` → ` and the output (or `?`)
   */
  readonly showOp?: (input: I, output: unknown, known: boolean) => string;
  /**
   * A state as a short text.
   *
   * @defaultValue {@link show}
   */
  readonly showState?: (s: S) => string;
}

/**
 * What {@link linearizable} concludes about a history or one part of it.
 * `gave up` means the step budget ran out first: nothing was decided.
 *
 * @category Linearizability
 */
export type LinearizabilityVerdict = 'linearizable' | 'not linearizable' | 'gave up';

/**
 * One operation of a linearization: which, what the spec returned for it
 * there (its own output, or for an operation of unknown outcome the one it
 * was given), and the state after it.
 *
 * @category Linearizability
 */
export interface LinearizedStep<S> {
  /** Its index in the history. */
  readonly op: number;
  /** What it returns at this point of the order. */
  readonly output: unknown;
  /** The state after it. */
  readonly state: S;
}

/**
 * The verdict on one independent part of a history.
 *
 * @category Linearizability
 */
export interface PartitionVerdict<S> {
  /** The part's key ({@link SequentialSpec.partition}); `undefined` for the operations with no key. */
  readonly key: string | undefined;
  /** Its operations, as indices in the history, in call order. */
  readonly operations: readonly number[];
  /**
   * Its verdict; `undecided` if the search stopped at another part that is
   * not linearizable first ({@link LinearizabilityOptions.allParts}).
   */
  readonly verdict: LinearizabilityVerdict | 'undecided';
  /**
   * When linearizable, the order found: every operation with a known
   * outcome once, and those of unknown outcome the order has take effect.
   */
  readonly linearization?: readonly LinearizedStep<S>[];
  /** Outcomes the search asked the spec for. */
  readonly steps: number;
  /** Distinct (linearized set, state) pairs the search met and cached. */
  readonly cached: number;
}

/**
 * Where a history stops being linearizable, and what is around that point.
 *
 * Linearizability is closed under prefixes: if a history is linearizable,
 * so is every prefix of it in time (an operation still in flight at the cut
 * counts as of unknown outcome). So there is a first return event whose
 * prefix is not linearizable while the prefix just before it is: the
 * return of the *culprit*, the operation whose output no order of the
 * earlier history allows. That prefix is the smallest failing prefix, and
 * the history before it the longest linearizable one; both are searched
 * for by bisection over the part's return events.
 *
 * @category Linearizability
 */
export interface LinearizabilityFailure<S> {
  /** The failing part's key (`undefined` for the operations with no key). */
  readonly key: string | undefined;
  /** The culprit's index in the history. */
  readonly culprit: number;
  /** The culprit's return time: the history is linearizable before it, and not with it. */
  readonly at: number;
  /**
   * A linearization of the part's history before that return (the longest
   * linearizable prefix), the culprit counted as still in flight: an
   * operation in flight then appears in it if the order has it take effect,
   * with the output it would have there.
   */
  readonly prefix: readonly LinearizedStep<S>[];
  /**
   * Outputs that would have let the culprit be linearized: what it returns
   * in {@link LinearizabilityFailure.prefix} if it is there, else what the
   * spec lets it return after the prefix.
   */
  readonly allowed: readonly unknown[];
  /**
   * The operations around the failing point, as indices in the history in
   * call order: the culprit, every operation of the part concurrent with
   * it, and each client's last operation of the part to return before the
   * culprit was called (what real time puts before it).
   */
  readonly window: readonly number[];
  /** The operations of {@link LinearizabilityFailure.window} concurrent with the culprit. */
  readonly concurrent: readonly number[];
  /** What went wrong, in a sentence built from the operations and states. */
  readonly message: string;
}

/**
 * How much work {@link linearizable} did.
 *
 * @category Linearizability
 */
export interface LinearizabilityStats {
  /** Operations in the history. */
  readonly operations: number;
  /** Those with an unknown outcome. */
  readonly unknown: number;
  /** Independent parts checked. */
  readonly partitions: number;
  /** Outcomes asked of the spec, over all parts (the bisection for the window not counted). */
  readonly steps: number;
  /** (Linearized set, state) pairs cached, over all parts. */
  readonly cached: number;
  /** Wall-clock milliseconds, the window included: for reports only, never asserted. */
  readonly ms: number;
}

/**
 * The result of {@link linearizable}: the verdict, each part's, and for a
 * history that is not linearizable where it fails.
 *
 * @category Linearizability
 */
export interface LinearizabilityResult<S> {
  /** The spec's name. */
  readonly spec: string;
  /** Linearizable if every part is; not if some part is not; else gave up. */
  readonly verdict: LinearizabilityVerdict;
  /** Each part's verdict, in the order of their keys. */
  readonly parts: readonly PartitionVerdict<S>[];
  /**
   * The failing window of the first failing part, when not linearizable
   * (if the window is asked for, and its searches keep within the step budget).
   */
  readonly failure?: LinearizabilityFailure<S>;
  /** How much work was done. */
  readonly stats: LinearizabilityStats;
}

/**
 * Options for {@link linearizable}.
 *
 * @category Linearizability
 */
export interface LinearizabilityOptions {
  /**
   * The most outcomes to ask the spec for in one part before giving up.
   *
   * @defaultValue no limit
   */
  readonly maxSteps?: number;
  /**
   * Decide every part, not only up to the first that is not linearizable.
   *
   * @defaultValue false
   */
  readonly allParts?: boolean;
  /**
   * Find the failing window of a history that is not linearizable (a few
   * more searches on prefixes of the failing part).
   *
   * @defaultValue true
   */
  readonly window?: boolean;
}

/** An operation as the search sees it: times as positions in one total order. */
interface Rec<I> {
  readonly index: number;
  readonly input: I;
  /** The output's canonical key, or null when the outcome is unknown. */
  readonly out: string | null;
  /** Whether the output `is` what an outcome returned. */
  readonly is: (ret: unknown) => boolean;
  readonly call: number;
  /** Infinity when the outcome is unknown. */
  readonly ret: number;
}

interface SearchResult<S> {
  readonly verdict: LinearizabilityVerdict;
  readonly order: readonly LinearizedStep<S>[];
  readonly steps: number;
  readonly cached: number;
}

/** A search that can pause. */
interface Searcher<S> {
  /** Search on for at most `budget` more steps: the result, or `undefined` if the budget ran out. */
  readonly run: (budget: number) => SearchResult<S> | undefined;
  /** The result of stopping here. */
  readonly gaveUp: () => SearchResult<S>;
}

/** One linearized operation on the search's stack, with what to try instead when it is undone. */
interface Frame<S> {
  /** The candidates of the configuration it was taken in, and which of them it is. */
  readonly candidates: Int32Array;
  readonly c: number;
  /** The outcomes the spec allowed it there, and which was taken. */
  readonly outcomes: readonly Outcome<S>[];
  readonly o: number;
  /** The state before it. */
  readonly before: S;
  /** A read taken as soon as it could be: nothing else is tried in its configuration. */
  readonly greedy?: boolean;
}

const outKey = (v: unknown) => canonical(v === undefined ? null : v);

/** The test that an outcome returned `output`: `===` for plain values, canonically for others. */
function sameAs(output: unknown): (ret: unknown) => boolean {
  const v = output === undefined ? null : output;
  if (v === null || typeof v !== 'object') return (ret) => (ret === undefined ? null : ret) === v;
  const k = canonical(v);
  return (ret) => outKey(ret) === k;
}

function outcomesOf<S>(e: Effect<S>): readonly Outcome<S>[] {
  return Array.isArray(e) ? e : [e as Outcome<S>];
}

/**
 * The Wing-Gong-Lowe search over one part, depth first. A configuration is
 * the set of operations linearized so far and the state they leave; its
 * candidates are the calls before the first return still in the list,
 * tried in call order, those of unknown outcome last. Three cuts, each
 * keeping the verdict exact:
 *
 * - a configuration already met is not searched again (Lowe's cache), nor
 *   is one that differs from one met only by having more operations of
 *   unknown outcome linearized: whatever can follow it can follow that one;
 * - a read ({@link SequentialSpec.readOnly}) that may return what it
 *   returned is linearized at once, and nothing else is tried there: any
 *   linearization can be changed into one that does so;
 * - a read of unknown outcome is left out.
 *
 * The search can pause: {@link Searcher.run} searches on for at most
 * `budget` more steps, and gives the result, or `undefined` if the budget
 * ran out first (call it again to go on).
 *
 * @param spec - the sequential spec
 * @param all - the part's operations, with distinct positions as times
 * @returns the search, to run step budget by step budget
 */
function searcher<S, I>(spec: SequentialSpec<S, I>, all: readonly Rec<I>[]): Searcher<S> {
  let recs = all;
  let limit = 0; // the step count at which to pause
  const key = spec.key ?? canonical;
  const readOnly = spec.readOnly;
  // A read of unknown outcome can always be left out: it changes nothing and returned nothing known.
  if (readOnly) recs = recs.filter((r) => r.out !== null || !readOnly(r.input));
  // The list: node 0 is the head; nodes 1..E are the calls and returns in time order.
  const events: { t: number; call: boolean; op: number }[] = [];
  recs.forEach((r, op) => {
    events.push({ t: r.call, call: true, op });
    if (r.ret !== Infinity) events.push({ t: r.ret, call: false, op });
  });
  events.sort((a, b) => a.t - b.t || (a.call === b.call ? a.op - b.op : a.call ? -1 : 1));
  const E = events.length;
  const next = new Int32Array(E + 1);
  const prev = new Int32Array(E + 1);
  const opOf = new Int32Array(E + 1);
  const isCall = new Uint8Array(E + 1);
  const match = new Int32Array(E + 1); // a call's return node, 0 if none
  const callNode = new Int32Array(recs.length);
  for (let k = 0; k <= E; k++) {
    next[k] = k < E ? k + 1 : -1;
    prev[k] = k - 1;
  }
  events.forEach((e, k) => {
    opOf[k + 1] = e.op;
    isCall[k + 1] = e.call ? 1 : 0;
    if (e.call) callNode[e.op] = k + 1;
    else match[callNode[e.op]!] = k + 1;
  });
  const unlink = (x: number) => {
    next[prev[x]!] = next[x]!;
    if (next[x] !== -1) prev[next[x]!] = prev[x]!;
  };
  const relink = (x: number) => {
    next[prev[x]!] = x;
    if (next[x] !== -1) prev[next[x]!] = x;
  };
  const lift = (c: number) => {
    unlink(c);
    if (match[c]) unlink(match[c]!);
  };
  const unlift = (c: number) => {
    if (match[c]) relink(match[c]!);
    relink(c);
  };
  // The calls of operations of unknown outcome go last among the candidates.
  const late = new Uint8Array(E + 1);
  for (let k = 1; k <= E; k++) late[k] = isCall[k] && !match[k] ? 1 : 0;
  const candidatesNow = (): Int32Array => {
    const out: number[] = [];
    for (let e = next[0]!; e !== -1 && isCall[e]; e = next[e]!) out.push(e);
    return Int32Array.from(out).sort((a, b) => late[a]! - late[b]! || a - b);
  };

  const known = recs.reduce((n, r) => n + (r.out === null ? 0 : 1), 0);
  // The linearized set: the operations of known outcome as bits `kBits`, the others as `uBits`.
  const slot = new Int32Array(recs.length);
  let unknowns = 0;
  recs.forEach((r, op) => {
    slot[op] = r.out === null ? unknowns++ : op - unknowns;
  });
  const kBits = new Uint32Array(Math.max(1, Math.ceil((recs.length - unknowns) / 32)));
  const uBits = new Uint32Array(Math.max(1, Math.ceil(unknowns / 32)));
  const flip = (op: number) => {
    const bits = recs[op]!.out === null ? uBits : kBits;
    bits[slot[op]! >>> 5]! ^= 1 << (slot[op]! & 31);
  };
  const knownKey = () => {
    let s = '';
    for (let w = 0; w < kBits.length; w++) {
      const x = kBits[w]!;
      s += String.fromCharCode(x & 0xffff, x >>> 16);
    }
    return s;
  };
  // The cache, by (known part of the linearized set, state id): the unknown parts met with
  // them. A configuration is covered by one met before with the same known part and state
  // and fewer operations of unknown outcome linearized: everything that can follow it could
  // follow that one too (never linearizing the extra ones), so it need not be searched.
  const cache = new Map<string, Uint32Array[]>();
  const plain = new Set<string>(); // the cache when every outcome is known
  let cached = 0;
  /** Was the configuration with this known set and state, and the current unknown set, covered? If not, cache it. */
  const visit = (known: string, stateId: number): boolean => {
    const k = `${known}|${stateId}`;
    if (!unknowns) {
      if (plain.has(k)) return false;
      plain.add(k);
      cached++;
      return true;
    }
    const met = cache.get(k);
    if (met) {
      for (const u of met) {
        let subset = true;
        for (let w = 0; w < u.length && subset; w++) subset = (u[w]! & ~uBits[w]!) === 0;
        if (subset) return false;
      }
      met.push(uBits.slice());
    } else cache.set(k, [uBits.slice()]);
    cached++;
    return true;
  };
  const ids = new Map<string | number, number>();
  const idOf = (x: S) => {
    const k = key(x);
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
    }
    return id;
  };
  const stack: Frame<S>[] = [];
  let state = spec.init();
  let done = 0; // linearized operations of known outcome
  let steps = 0;

  // #region wgl-advance
  /**
   * Linearize the first candidate from `c` on that leads to a configuration
   * not met before (for candidate `c`, resuming at outcome `resume.o`):
   * true if one did, false if none, `budget` if the budget ran out.
   */
  const advance = (
    candidates: Int32Array,
    c: number,
    resume?: { readonly outcomes: readonly Outcome<S>[]; readonly o: number },
  ): boolean | 'budget' => {
    for (; c < candidates.length; c++) {
      const node = candidates[c]!;
      const op = opOf[node]!;
      const r = recs[op]!;
      let outcomes: readonly Outcome<S>[];
      let o = 0;
      if (resume) {
        ({ outcomes, o } = resume);
        resume = undefined;
      } else {
        if (steps >= limit) {
          paused = { candidates, c };
          return 'budget';
        }
        steps++;
        outcomes = outcomesOf(spec.apply(state, r.input));
      }
      const allowed = (x: Outcome<S>) => r.out === null || r.is(x.ret);
      while (o < outcomes.length && !allowed(outcomes[o]!)) o++;
      if (o >= outcomes.length) continue;
      flip(op);
      const bits = knownKey();
      for (; o < outcomes.length; o++) {
        if (!allowed(outcomes[o]!) || !visit(bits, idOf(outcomes[o]!.next))) continue;
        stack.push({ candidates, c, outcomes, o, before: state });
        state = outcomes[o]!.next;
        lift(node);
        if (r.out !== null) done++;
        return true;
      }
      flip(op);
    }
    return false;
  };
  // #endregion wgl-advance

  /**
   * Take a read among the candidates that may return what it returned now:
   * `none` if there is none, `dead` if its configuration was met before
   * (then so was this one, in effect: nothing is left to try here).
   */
  const greedy = (candidates: Int32Array): 'none' | 'dead' | true => {
    if (!readOnly) return 'none';
    for (const node of candidates) {
      const op = opOf[node]!;
      const r = recs[op]!;
      if (r.out === null || !readOnly(r.input)) continue;
      if (steps >= limit) return 'none'; // advance pauses; the cut is only a shortcut
      steps++;
      const outcomes = outcomesOf(spec.apply(state, r.input));
      const o = outcomes.findIndex((x) => r.is(x.ret));
      if (o < 0) continue;
      flip(op);
      if (!visit(knownKey(), idOf(state))) {
        flip(op);
        return 'dead';
      }
      stack.push({
        candidates,
        c: candidates.indexOf(node),
        outcomes,
        o,
        before: state,
        greedy: true,
      });
      lift(node);
      done++;
      return true;
    }
    return 'none';
  };
  const forward = (): boolean | 'budget' => {
    const candidates = candidatesNow();
    const g = greedy(candidates);
    return g === 'none' ? advance(candidates, 0) : g === 'dead' ? false : g;
  };

  const result = (verdict: LinearizabilityVerdict): SearchResult<S> => ({
    verdict,
    order:
      verdict === 'linearizable'
        ? stack.map((f, i) => ({
            op: recs[opOf[f.candidates[f.c]!]!]!.index,
            output: f.outcomes[f.o]!.ret ?? null,
            state: i + 1 < stack.length ? stack[i + 1]!.before : state,
          }))
        : [],
    steps,
    cached,
  });

  // Where the search stands: it has just gone forward (true), found nothing new (false),
  // or paused for the budget at a candidate it has yet to try.
  let went: boolean | 'budget' = true;
  let paused: { candidates: Int32Array; c: number } = { candidates: new Int32Array(0), c: 0 };
  const run = (budget: number): SearchResult<S> | undefined => {
    limit = steps + budget;
    if (went === 'budget') went = advance(paused.candidates, paused.c);
    for (;;) {
      if (done === known) return result('linearizable');
      if (went === 'budget') return undefined;
      if (went) {
        went = forward();
        continue;
      }
      // Nothing new from here: undo the last step and try what comes after it.
      const f = stack.pop();
      if (!f) return result('not linearizable');
      const node = f.candidates[f.c]!;
      state = f.before;
      flip(opOf[node]!);
      unlift(node);
      if (recs[opOf[node]!]!.out !== null) done--;
      // The same candidate's other outcomes, then the candidates after it; after a greedy read, nothing.
      went = f.greedy ? false : advance(f.candidates, f.c, { outcomes: f.outcomes, o: f.o + 1 });
    }
  };
  return { run, gaveUp: () => result('gave up') };
}

/** Search a part to the end, or until `maxSteps` steps. */
function search<S, I>(
  spec: SequentialSpec<S, I>,
  recs: readonly Rec<I>[],
  maxSteps = Infinity,
): SearchResult<S> {
  const s = searcher(spec, recs);
  return s.run(maxSteps) ?? s.gaveUp();
}

/** The operations of a part with their calls and returns renumbered as positions 1, 2, ... in time order. */
function positioned<I>(history: readonly Operation<I>[], part: readonly number[]): Rec<I>[] {
  const ev: { t: number; call: boolean; i: number }[] = [];
  for (const i of part) {
    const o = history[i]!;
    ev.push({ t: o.call, call: true, i });
    if (o.ret !== null) ev.push({ t: o.ret, call: false, i });
  }
  ev.sort((a, b) => a.t - b.t || (a.call === b.call ? a.i - b.i : a.call ? -1 : 1));
  const call = new Map<number, number>();
  const ret = new Map<number, number>();
  ev.forEach((e, k) => {
    (e.call ? call : ret).set(e.i, k + 1);
  });
  return part.map((i) => {
    const o = history[i]!;
    return {
      index: i,
      input: o.input,
      out: o.ret === null ? null : outKey(o.output),
      is: sameAs(o.output),
      call: call.get(i)!,
      ret: ret.get(i) ?? Infinity,
    };
  });
}

/** The part's events at positions up to `cut`: later calls dropped, later returns unknown. */
function cutAt<I>(recs: readonly Rec<I>[], cut: number): Rec<I>[] {
  return recs
    .filter((r) => r.call <= cut)
    .map((r) => (r.ret <= cut ? r : { ...r, out: null, ret: Infinity }));
}

/**
 * An operation as text, by the spec's {@link SequentialSpec.showOp} or the default.
 *
 * @param spec - the spec (for its `showOp`)
 * @param op - the operation
 * @returns a short text such as `write(3)` or `read → 3`
 * @category Linearizability
 */
export function showOperation<I>(
  spec: Pick<SequentialSpec<unknown, I>, 'showOp'>,
  op: Operation<I>,
): string {
  const known = op.ret !== null;
  if (spec.showOp) return spec.showOp(op.input, op.output, known);
  return `${show(op.input)} → ${known ? show(op.output ?? null) : '?'}`;
}

function failureOf<S, I>(
  spec: SequentialSpec<S, I>,
  history: readonly Operation<I>[],
  key: string | undefined,
  recs: readonly Rec<I>[],
  maxSteps: number,
): LinearizabilityFailure<S> | undefined {
  // Bisect over the return events: the first whose prefix is not linearizable.
  const returns = recs
    .filter((r) => r.ret !== Infinity)
    .map((r) => r.ret)
    .sort((a, b) => a - b);
  let lo = 0; // returns[lo - 1]'s prefix is linearizable (none when lo = 0)
  let hi = returns.length - 1; // returns[hi]'s prefix is not
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = search(spec, cutAt(recs, returns[mid]!), maxSteps).verdict;
    if (v === 'gave up') return undefined;
    if (v === 'linearizable') lo = mid + 1;
    else hi = mid;
  }
  const at = returns[hi]!;
  const culpritRec = recs.find((r) => r.ret === at)!;
  const culprit = culpritRec.index;
  // The history just before: linearizable, the culprit still in flight. If some order of it
  // has the culprit take effect, what it returns there would do; else it can go last.
  const before = search(spec, cutAt(recs, at - 1), maxSteps);
  if (before.verdict !== 'linearizable') return undefined;
  const prefix = before.order;
  const c = history[culprit]!;
  const place = prefix.findIndex((st) => st.op === culprit);
  const last =
    place > 0
      ? prefix[place - 1]!.state
      : place === 0
        ? spec.init()
        : prefix.length
          ? prefix[prefix.length - 1]!.state
          : spec.init();
  const allowed =
    place >= 0
      ? [prefix[place]!.output]
      : outcomesOf(spec.apply(last, c.input)).map((o) => o.ret ?? null);
  // The window: the culprit, what overlaps it, and each client's last operation before it.
  const present = recs.filter((r) => r.call < at);
  const concurrent = present.filter(
    (r) => r.index !== culprit && r.call < culpritRec.ret && r.ret > culpritRec.call,
  );
  const lastBefore = new Map<string | number, Rec<I>>();
  for (const r of present)
    if (r.ret < culpritRec.call) {
      const client = history[r.index]!.client;
      const seen = lastBefore.get(client);
      if (!seen || seen.ret < r.ret) lastBefore.set(client, r);
    }
  const inWindow = new Set([culprit, ...concurrent.map((r) => r.index)]);
  for (const r of lastBefore.values()) inWindow.add(r.index);
  const byCall = (a: number, b: number) => history[a]!.call - history[b]!.call || a - b;
  const showState = spec.showState ?? show;
  const part = key === undefined ? '' : ` (key ${JSON.stringify(key)})`;
  const as = [...new Set(allowed.map((v) => showOperation(spec, { ...c, output: v })))];
  const could =
    place >= 0
      ? `one order of it has it take effect where the state is ${showState(last)}, as ${as.join(' or ')}`
      : `after one order of it the state is ${showState(last)}, where ${as.length ? `it would be ${as.join(' or ')}` : 'it could not happen at all'}`;
  const message =
    `${showOperation(spec, c)} by client ${c.client}${part}, called at ${c.call} and returned at ${c.ret}, ` +
    `returns what no order of the operations before its return allows; the history up to just before ` +
    `that return is linearizable: ${could}`;
  return {
    key,
    culprit,
    at: c.ret!,
    prefix,
    allowed,
    window: [...inWindow].sort(byCall),
    concurrent: concurrent.map((r) => r.index).sort(byCall),
    message,
  };
}

/**
 * Decide whether a history is linearizable with respect to a sequential
 * spec: split it into the spec's independent parts, search each with
 * Wing-Gong-Lowe and its cache, and for a history that is not, find the
 * failing window ({@link LinearizabilityFailure}). Deterministic: the same
 * history gives the same result (but for `ms`).
 *
 * @param spec - the sequential spec
 * @param history - the operations, in any order
 * @param options - a step budget; whether to find the failing window
 * @returns the verdict, each part's, the failing window, and statistics
 * @throws TypeError if an operation's times are not numbers or it returns before its call
 * @example
 * ```ts
 * const h: Operation<RegisterOp>[] = [
 *   { client: 1, call: 0, ret: 2, input: { f: 'write', value: 1 } },
 *   { client: 2, call: 1, ret: 3, input: { f: 'read' }, output: 1 },
 * ];
 * linearizable(casRegister, h).verdict; // 'linearizable'
 * ```
 * @category Linearizability
 */
export function linearizable<S, I>(
  spec: SequentialSpec<S, I>,
  history: readonly Operation<I>[],
  options: LinearizabilityOptions = {},
): LinearizabilityResult<S> {
  const t0 = performance.now();
  history.forEach((o, i) => {
    if (!Number.isFinite(o.call) || (o.ret !== null && !(o.ret >= o.call)))
      throw new TypeError(
        `operation ${i} (client ${o.client}): call ${o.call} and return ${o.ret} are not finite times with the return at or after the call`,
      );
  });
  const groups = new Map<string | undefined, number[]>();
  history.forEach((o, i) => {
    const k = spec.partition ? spec.partition(o.input) : undefined;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  });
  const keys = [...groups.keys()].sort((a, b) => compareText(a ?? '', b ?? ''));
  const maxSteps = options.maxSteps ?? Infinity;
  // The parts are searched side by side, in rounds of growing step budgets, so that one that
  // fails soon is found before one that takes long; unless every part is asked for, the
  // first failure ends the search (as Porcupine's does).
  const todo = keys.map((key) => {
    const operations = groups
      .get(key)!
      .sort((a, b) => history[a]!.call - history[b]!.call || a - b);
    const recs = positioned(history, operations);
    return {
      key,
      operations,
      recs,
      search: searcher(spec, recs),
      result: undefined as SearchResult<S> | undefined,
    };
  });
  let failed: (typeof todo)[number] | undefined;
  for (
    let slice = 20_000, spent = 0;
    !failed && todo.some((t) => !t.result);
    spent += slice, slice *= 4
  ) {
    const budget = Math.min(slice, maxSteps - spent);
    for (const t of todo) {
      if (t.result) continue;
      t.result = budget > 0 ? t.search.run(budget) : undefined;
      if (!t.result && spent + slice >= maxSteps) t.result = t.search.gaveUp();
      if (t.result?.verdict === 'not linearizable' && !failed) {
        failed = t;
        if (!options.allParts) break;
      }
    }
    if (options.allParts) failed = undefined;
  }
  if (options.allParts) failed = todo.find((t) => t.result?.verdict === 'not linearizable');
  const parts: PartitionVerdict<S>[] = todo.map((t) => {
    const r = t.result;
    const work = r ?? t.search.gaveUp();
    return {
      key: t.key,
      operations: t.operations,
      verdict: r ? r.verdict : 'undecided',
      ...(r?.verdict === 'linearizable' ? { linearization: r.order } : {}),
      steps: work.steps,
      cached: work.cached,
    };
  });
  const failure =
    failed && options.window !== false
      ? failureOf(spec, history, failed.key, failed.recs, maxSteps)
      : undefined;
  const verdict: LinearizabilityVerdict = parts.some((p) => p.verdict === 'not linearizable')
    ? 'not linearizable'
    : parts.some((p) => p.verdict === 'gave up')
      ? 'gave up'
      : 'linearizable';
  return {
    spec: spec.name,
    verdict,
    parts,
    ...(failure ? { failure } : {}),
    stats: {
      operations: history.length,
      unknown: history.filter((o) => o.ret === null).length,
      partitions: parts.length,
      steps: parts.reduce((n, p) => n + p.steps, 0),
      cached: parts.reduce((n, p) => n + p.cached, 0),
      ms: performance.now() - t0,
    },
  };
}
