/**
 * The breadth-first search behind {@link explore} and {@link refines}: the
 * state store, the frontier, invariants and goals, and the rebuilding of a
 * shortest trace from the store's parent slots.
 *
 * @module
 */
import type { ExploreOptions } from '../explore';
import type { Label } from '../label';
import { labelText } from '../label';
import type { Machine } from '../machine';
import type { Counterexample } from '../result';
import { equals } from '../sets';
import type { Step, Trace } from '../trace';
import { show } from '../value';
import { validBound } from './bounds';
import { Codec } from './codec';
import type { FingerprintFn } from './fingerprinter';
import { fingerprinter, hasDefaultKey } from './fingerprinter';
import { Frontier } from './frontier';
import { activeGroup, H, hashValue, setGroup } from './hash';
import type { Fingerprint } from './stateStore';
import { ROOT, StateStore } from './stateStore';
import { forEachStep, makeLabel } from './successors';

/** A failure reported by a hook during the search. */
export interface HookFailure {
  readonly property: string;
  readonly message: string;
}

/** Hooks that other checks (refinement) attach to the search. */
export interface SearchHooks<S> {
  /** Checked on every transition, including to states already seen. */
  readonly onStep?: (from: S, label: Label, to: S) => HookFailure | undefined;
}

/** The raw search, shared by explore and refines. */
export interface SearchOutcome<S> {
  readonly holds: boolean;
  readonly complete: boolean;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly ms: number;
  readonly counterexample?: Counterexample<S>;
  readonly unreached: string[];
  readonly witnesses: Map<string, Trace<S>>;
  readonly storeBytes: number;
  /** The most bytes the two frontiers held at once (encoded states; 0 if kept as objects). */
  readonly frontierBytes: number;
}

/** The statistics of a search. */
export function statsOf(r: SearchOutcome<unknown>) {
  return { states: r.states, transitions: r.transitions, depth: r.depth, ms: r.ms };
}

/** The breadth-first search behind `explore` and `refines`. */
export function search<S>(
  m: Machine<S>,
  opts: ExploreOptions<S>,
  hooks: SearchHooks<S>,
): SearchOutcome<S> {
  const fper = fingerprinter(m, opts.symmetry);
  const saved = activeGroup();
  setGroup(fper.group);
  try {
    return run(m, opts, hooks, fper.fp);
  } finally {
    setGroup(saved);
  }
}

function run<S>(
  m: Machine<S>,
  opts: ExploreOptions<S>,
  hooks: SearchHooks<S>,
  fpOf: FingerprintFn<S>,
): SearchOutcome<S> {
  const t0 = performance.now();
  const store = new StateStore();
  const fp: Fingerprint = { lo: 0, hi: 0 };
  const invariants = opts.invariants ?? [];
  const stepProps = opts.stepProperties ?? [];
  const goals = [...(opts.reachable ?? [])];
  const goalAt = new Map<string, number>();
  const within = opts.within;
  const maxDepth = validBound('maxDepth', opts.maxDepth, 0) ?? Number.POSITIVE_INFINITY;
  const maxStates = validBound('maxStates', opts.maxStates, 1) ?? Number.POSITIVE_INFINITY;
  const keyCheck = keyChecker(m, opts.checkKey);
  const onStep = hooks.onStep;
  const needLabels = stepProps.length > 0 || onStep !== undefined;
  const onProgress = opts.onProgress;
  let lastProgress = t0;

  let transitions = 0;
  let depth = 0;
  let complete = true;
  let failure:
    | { index: number; readonly step?: { label: Label; to: S }; property: string; message: string }
    | undefined;

  const checkState = (s: S, index: number): boolean => {
    for (const inv of invariants) {
      if (!inv.holds(s)) {
        failure = { index, property: inv.name, message: inv.why ? inv.why(s) : 'violated' };
        return false;
      }
    }
    for (let g = goals.length - 1; g >= 0; g--) {
      const goal = goals[g]!;
      if (goal.holds(s)) {
        goalAt.set(goal.name, index);
        goals.splice(g, 1);
      }
    }
    return true;
  };

  const codec = new Codec();
  let frontier = new Frontier<S>(codec);
  let next = new Frontier<S>(codec);
  let peakBytes = 0;
  for (const s of m.init()) {
    fpOf(s, fp);
    const i = store.add(fp.lo, fp.hi, ROOT);
    if (i < 0) continue;
    if (!checkState(s, i)) break;
    if (!within || within(s)) frontier.push(s, i);
  }

  outer: while (!failure && frontier.length > 0) {
    if (depth >= maxDepth) {
      complete = false;
      break;
    }
    next.clear();
    for (let k = 0; k < frontier.length; k++) {
      const s = frontier.get(k);
      const current = frontier.number(k);
      const stopped = forEachStep(m, s, (act, param, o) => {
        transitions++;
        const to = o.next;
        if (needLabels) {
          const label = makeLabel(act, param, o);
          for (const p of stepProps) {
            if (!p.holds(s, label, to)) {
              failure = {
                index: current,
                step: { label, to },
                property: p.name,
                message: p.why ? p.why(s, label, to) : `the step ${labelText(label)} violates it`,
              };
              return true;
            }
          }
          if (onStep) {
            const f = onStep(s, label, to);
            if (f) {
              failure = { index: current, step: { label, to }, ...f };
              return true;
            }
          }
        }
        // A step that returns the very same state object (a read, a stutter)
        // leads to a state already stored: no key, no lookup.
        if (to === s) return false;
        fpOf(to, fp);
        if (keyCheck) {
          const bad = keyCheck(to, fp);
          if (bad) {
            failure = { index: current, step: { label: makeLabel(act, param, o), to }, ...bad };
            return true;
          }
        }
        const i = store.add(fp.lo, fp.hi, current);
        if (i >= 0) {
          if (!checkState(to, i)) return true;
          if (!within || within(to)) next.push(to, i);
        }
        return false;
      });
      if (stopped) break outer;
      if (store.count >= maxStates) {
        complete = false;
        break outer;
      }
      if ((k & 255) === 255) {
        // What is expanded is not read again: give its memory back.
        frontier.release(k);
        peakBytes = Math.max(peakBytes, frontier.heldBytes + next.heldBytes);
      }
      if (onProgress && (k & 255) === 0) {
        const now = performance.now();
        if (now - lastProgress > 100) {
          lastProgress = now;
          onProgress({ states: store.count, transitions, depth, ms: now - t0 });
        }
      }
    }
    peakBytes = Math.max(peakBytes, frontier.heldBytes + next.heldBytes);
    [frontier, next] = [next, frontier];
    if (frontier.length > 0) depth++;
  }
  peakBytes = Math.max(peakBytes, frontier.heldBytes + next.heldBytes);

  const witnesses = new Map<string, Trace<S>>();
  for (const [name, i] of goalAt) witnesses.set(name, rebuildTrace(m, fpOf, store, i));
  let counterexample: Counterexample<S> | undefined;
  if (failure) {
    const f = failure as NonNullable<typeof failure>;
    const base = rebuildTrace(m, fpOf, store, f.index);
    const trace = f.step
      ? {
          init: base.init,
          steps: [...base.steps, { from: lastOf(base), label: f.step.label, to: f.step.to }],
        }
      : base;
    counterexample = { property: f.property, message: f.message, trace };
  }
  const unreached = failure ? [] : goals.map((g) => g.name);
  const ms = performance.now() - t0;
  onProgress?.({ states: store.count, transitions, depth, ms });
  return {
    holds: !counterexample && unreached.length === 0,
    complete: complete && !failure,
    states: store.count,
    transitions,
    depth,
    ms,
    ...(counterexample ? { counterexample } : {}),
    unreached,
    witnesses,
    storeBytes: store.bytes,
    frontierBytes: peakBytes,
  };
}

/**
 * The debug check of a custom key: on the sampled keys, the key and the
 * structural fingerprint must agree on which states are equal.
 */
function keyChecker<S>(
  m: Machine<S>,
  every: number | undefined,
): ((s: S, fp: Fingerprint) => { property: string; message: string } | undefined) | undefined {
  const n = validBound('checkKey', every, 1);
  if (n === undefined || hasDefaultKey(m as Machine<unknown>)) return undefined;
  const byKey = new Map<string, { struct: string; s: S }>();
  const byStruct = new Map<string, { key: string; s: S }>();
  return (s, fp) => {
    if ((fp.lo >>> 0) % n !== 0) return undefined;
    const key = `${fp.lo}:${fp.hi}`;
    const struct = `${hashValue(s)}:${H.hi}`;
    const a = byKey.get(key);
    if (a === undefined) byKey.set(key, { struct, s });
    else if (a.struct !== struct && !equals(a.s, s))
      return {
        property: 'the key tells states apart',
        message: `two different states have one key ${show(m.key(s))}: ${show(m.view(a.s))} and ${show(m.view(s))}`,
      };
    const b = byStruct.get(struct);
    if (b === undefined) byStruct.set(struct, { key, s });
    else if (b.key !== key && equals(b.s, s))
      return {
        property: 'the key is a function of the state',
        message: `one state ${show(m.view(s))} has two keys, ${show(m.key(b.s))} and ${show(m.key(s))}`,
      };
    return undefined;
  };
}

export function lastOf<S>(t: Trace<S>): S {
  return t.steps.length ? t.steps[t.steps.length - 1]!.to : t.init;
}

/**
 * Rebuild the run to state `index`: walk the parent chain to an initial
 * state, then replay forwards, at each step taking the successor whose
 * fingerprint is the stored one.
 */
export function rebuildTrace<S>(
  m: Machine<S>,
  fpOf: FingerprintFn<S>,
  store: StateStore,
  index: number,
): Trace<S> {
  const chain: number[] = [];
  for (let i = index; i !== ROOT; i = store.parent(i)) chain.push(i);
  chain.reverse();
  const fp: Fingerprint = { lo: 0, hi: 0 };
  let init: S = undefined as S;
  let haveInit = false;
  for (const s of m.init()) {
    fpOf(s, fp);
    if (store.matches(chain[0]!, fp)) {
      init = s;
      haveInit = true;
      break;
    }
  }
  if (!haveInit)
    throw new Error('explore: cannot replay the initial state (is the machine deterministic?)');
  const steps: Step<S>[] = [];
  let cur: S = init;
  for (let c = 1; c < chain.length; c++) {
    const target = chain[c]!;
    let found: Step<S> | undefined;
    const from = cur;
    forEachStep(m, from, (act, param, o) => {
      fpOf(o.next, fp);
      if (store.matches(target, fp)) {
        found = { from, label: makeLabel(act, param, o), to: o.next };
        return true;
      }
      return false;
    });
    if (!found) throw new Error('explore: cannot replay a step (are guards and effects pure?)');
    steps.push(found);
    cur = found.to;
  }
  return { init, steps };
}
