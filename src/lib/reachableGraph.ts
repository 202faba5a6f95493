/**
 * The reachable graph of a machine: every reachable state and every step
 * between them, for the checks that need the whole graph at once
 * (`findStuck`, a greatest-fixpoint simulation).
 *
 * @module
 */
import { validBound } from './_internal/bounds';
import { forEachStep, makeLabel } from './_internal/successors';
import type { Label } from './label';
import type { Machine } from './machine';

/**
 * One step of the graph: its label and the index of the state it leads to.
 *
 * @category Checks
 */
export interface GraphEdge {
  /** The step's label. */
  readonly label: Label;
  /** The index of the state it leads to. */
  readonly to: number;
}

/**
 * A machine's reachable states, in breadth-first order, with their steps.
 *
 * @category Checks
 */
export interface ReachableGraph<S> {
  /** The states, breadth first: the initial ones come first. */
  readonly states: readonly S[];
  /** How many of the first states are initial. */
  readonly initial: number;
  /** For each state, the index of the state it was first reached from (-1 for an initial one). */
  readonly parent: readonly number[];
  /** For each state, the label of the step it was first reached by. */
  readonly via: readonly (Label | undefined)[];
  /** For each state, its steps (empty for a state outside `within`, which is not expanded). */
  readonly edges: readonly (readonly GraphEdge[])[];
  /** The breadth-first depth of the deepest state. */
  readonly depth: number;
  /** Steps examined. */
  readonly transitions: number;
  /** Wall-clock milliseconds to build it. */
  readonly ms: number;
  /** Whether a state cap cut it short. */
  readonly complete: boolean;
}

/**
 * What {@link reachableGraph} explores.
 *
 * @category Checks
 */
export interface GraphOptions<S> {
  /**
   * A state constraint: states outside it are kept but not expanded.
   *
   * @defaultValue every state is expanded
   */
  readonly within?: (s: S) => boolean;
  /**
   * Stop after this many states; a whole number from 1.
   *
   * @defaultValue no bound
   */
  readonly maxStates?: number;
}

/**
 * Build the reachable graph of `m`, breadth first. It keeps every state in
 * memory, so it is for models of up to a few hundred thousand states.
 *
 * @param m - the machine
 * @param opts - a state constraint and a state cap
 * @returns the graph
 * @category Checks
 */
export function reachableGraph<S>(m: Machine<S>, opts: GraphOptions<S> = {}): ReachableGraph<S> {
  const t0 = performance.now();
  const maxStates = validBound('maxStates', opts.maxStates, 1) ?? Number.POSITIVE_INFINITY;
  const index = new Map<string | number, number>();
  const states: S[] = [];
  const parent: number[] = [];
  const via: (Label | undefined)[] = [];
  const edges: GraphEdge[][] = [];
  const depthOf: number[] = [];
  let transitions = 0;
  let complete = true;
  const add = (s: S, from: number, label?: Label): number => {
    const k = m.key(s);
    const seen = index.get(k);
    if (seen !== undefined) return seen;
    if (states.length >= maxStates) {
      complete = false;
      return -1;
    }
    index.set(k, states.length);
    states.push(s);
    parent.push(from);
    via.push(label);
    edges.push([]);
    depthOf.push(from < 0 ? 0 : depthOf[from]! + 1);
    return states.length - 1;
  };
  for (const s of m.init()) add(s, -1);
  const initial = states.length;
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    if (opts.within && !opts.within(s)) continue;
    const out = edges[i]!;
    forEachStep(m, s, (a, p, o) => {
      transitions++;
      const label = makeLabel(a, p, o);
      const j = add(o.next, i, label);
      if (j >= 0) out.push({ label, to: j });
    });
  }
  return {
    states,
    initial,
    parent,
    via,
    edges,
    depth: depthOf.reduce((x, y) => Math.max(x, y), 0),
    transitions,
    ms: performance.now() - t0,
    complete,
  };
}
