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
import type { Step, Trace } from '../trace';
import { validBound } from './bounds';
import type { Fingerprint } from './stateStore';
import { fingerprint, ROOT, StateStore } from './stateStore';
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

  let frontier: S[] = [];
  let frontierIdx: number[] = [];
  let nextIdx: number[] = [];
  // States are named by their slot in the store, and slots move when it grows.
  store.onRehash = (remap) => {
    for (let i = 0; i < frontierIdx.length; i++) frontierIdx[i] = remap[frontierIdx[i]!]!;
    for (let i = 0; i < nextIdx.length; i++) nextIdx[i] = remap[nextIdx[i]!]!;
    for (const [g, i] of goalAt) goalAt.set(g, remap[i]!);
    if (failure) failure.index = remap[failure.index]!;
    if (current >= 0) current = remap[current]!;
  };
  let current = -1;
  for (const s of m.init()) {
    fingerprint(m.key(s), fp);
    const i = store.add(fp.lo, fp.hi, ROOT);
    if (i < 0) continue;
    if (!checkState(s, i)) break;
    if (!within || within(s)) {
      frontier.push(s);
      frontierIdx.push(i);
    }
  }

  outer: while (!failure && frontier.length > 0) {
    if (depth >= maxDepth) {
      complete = false;
      break;
    }
    const next: S[] = [];
    nextIdx = [];
    for (let k = 0; k < frontier.length; k++) {
      const s = frontier[k]!;
      current = frontierIdx[k]!;
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
        fingerprint(m.key(to), fp);
        const i = store.add(fp.lo, fp.hi, current);
        if (i >= 0) {
          if (!checkState(to, i)) return true;
          if (!within || within(to)) {
            next.push(to);
            nextIdx.push(i);
          }
        }
        return false;
      });
      if (stopped) break outer;
      if (store.count >= maxStates) {
        complete = false;
        break outer;
      }
      if (onProgress && (k & 255) === 0) {
        const now = performance.now();
        if (now - lastProgress > 100) {
          lastProgress = now;
          onProgress({ states: store.count, transitions, depth, ms: now - t0 });
        }
      }
    }
    frontier = next;
    frontierIdx = nextIdx;
    if (frontier.length > 0) depth++;
  }

  const witnesses = new Map<string, Trace<S>>();
  for (const [name, i] of goalAt) witnesses.set(name, rebuildTrace(m, store, i));
  let counterexample: Counterexample<S> | undefined;
  if (failure) {
    const f = failure as NonNullable<typeof failure>;
    const base = rebuildTrace(m, store, f.index);
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
  };
}

function lastOf<S>(t: Trace<S>): S {
  return t.steps.length ? t.steps[t.steps.length - 1]!.to : t.init;
}

/**
 * Rebuild the run to state `index`: walk the parent chain to an initial
 * state, then replay forwards, at each step taking the successor whose
 * fingerprint is the stored one.
 */
function rebuildTrace<S>(m: Machine<S>, store: StateStore, index: number): Trace<S> {
  const chain: number[] = [];
  for (let i = index; i !== ROOT; i = store.parent(i)) chain.push(i);
  chain.reverse();
  const fp: Fingerprint = { lo: 0, hi: 0 };
  let init: S = undefined as S;
  let haveInit = false;
  for (const s of m.init()) {
    fingerprint(m.key(s), fp);
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
      fingerprint(m.key(o.next), fp);
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
