/**
 * Simulations between machines, beyond what the library's `refines` checks
 * for one abstraction function: whether any forward simulation exists at
 * all (the greatest one, computed as a fixpoint over the reachable graphs),
 * a run that repeats another's steps exactly, and the closed §5.1 diagram
 * of one step.
 *
 * @module
 */
import type { CheckResult, Label, Machine, Step, Trace } from '../../index';
import { labelKey, labelText, matchSteps, reachableGraph, show, stepsFrom } from '../../index';
import type { TState } from './specs';

// #region plain-abstraction
/**
 * The obvious abstraction function from D to T: keep outcome and done,
 * forget allowed. (It reads only what T has, so it applies to T as well.)
 */
export const dToT = (d: TState): TState => ({ outcome: d.outcome, done: d.done });
// #endregion plain-abstraction

/** The result of {@link forwardSimulation}. */
export interface SimulationResult<Y> extends CheckResult<Y> {
  /** How many (Y-state, X-state) pairs the greatest forward simulation keeps, of all pairs. */
  readonly pairs: { readonly kept: number; readonly of: number };
}

// #region forward-simulation
/**
 * Does any forward simulation from impl to spec exist, whatever the
 * abstraction function (or relation)? Start from every pair (y, x) of
 * reachable states, and drop a pair while some step y --a--> y' has no
 * externally equal spec sequence from x to an x' still paired with y'. What
 * is left is the greatest forward simulation; one exists if it pairs each
 * initial y with an initial x.
 */
export function forwardSimulation<Y, X>(impl: Machine<Y>, spec: Machine<X>): SimulationResult<Y> {
  const t0 = performance.now();
  const Y = reachableGraph(impl);
  const X = reachableGraph(spec);
  /** The X-states reachable from x by internal steps. */
  const closure = memo((x: number) => {
    const seen = new Set([x]);
    for (const k of seen) for (const e of X.edges[k]!) if (!e.label.external) seen.add(e.to);
    return seen;
  });
  /** The X-states reachable from x by internal steps around one step labelled like l (if external). */
  const matches = (x: number, l: Label): Set<number> => {
    if (!l.external) return closure(x);
    const out = new Set<number>();
    for (const x1 of closure(x))
      for (const e of X.edges[x1]!)
        if (e.label.external && labelKey(e.label) === labelKey(l))
          for (const x2 of closure(e.to)) out.add(x2);
    return out;
  };
  const related = Y.states.map(() => new Set(X.states.keys()));
  let changed = true;
  while (changed) {
    changed = false;
    related.forEach((xs, y) => {
      for (const x of [...xs]) {
        const simulated = Y.edges[y]!.every((e) =>
          [...matches(x, e.label)].some((x2) => related[e.to]!.has(x2)),
        );
        if (!simulated) {
          xs.delete(x);
          changed = true;
        }
      }
    });
  }
  const orphan = related.slice(0, Y.initial).findIndex((xs) => ![...xs].some((x) => x < X.initial));
  const kept = related.reduce((n, xs) => n + xs.size, 0);
  const base = {
    check: 'refines' as const,
    subject: `${impl.name} to ${spec.name}`,
    complete: true,
    unreached: [],
    stats: {
      states: Y.states.length,
      transitions: Y.transitions,
      depth: 0,
      ms: performance.now() - t0,
    },
    pairs: { kept, of: Y.states.length * X.states.length },
  };
  if (orphan < 0) return { ...base, holds: true };
  const y0 = Y.states[orphan]!;
  return {
    ...base,
    holds: false,
    counterexample: {
      property: `some forward simulation from ${impl.name} to ${spec.name}`,
      message: `of the ${base.pairs.of} pairs of reachable states, the greatest forward simulation keeps ${kept}, and none pairs the initial ${impl.name}-state ${show(impl.view(y0))} with an initial ${spec.name}-state`,
      trace: { init: y0, steps: [] },
    },
  };
}
// #endregion forward-simulation

function memo<K, V>(f: (k: K) => V): (k: K) => V {
  const m = new Map<K, V>();
  return (k) => {
    if (!m.has(k)) m.set(k, f(k));
    return m.get(k)!;
  };
}

/**
 * A run of `m` from its first initial state whose steps, internal ones
 * included, have exactly these labels: how a run of D becomes the same run
 * of D with a prophecy, which must guess right at each Allow.
 *
 * @param m - the machine
 * @param labels - the label of every step, in order
 * @returns the run, or undefined if `m` has none
 */
export function runLike<S>(m: Machine<S>, labels: readonly Label[]): Trace<S> | undefined {
  const init = [...m.init()][0]!;
  const go = (s: S, i: number): Step<S>[] | undefined => {
    if (i === labels.length) return [];
    for (const st of stepsFrom(m, s)) {
      if (labelKey(st.label) !== labelKey(labels[i]!)) continue;
      const rest = go(st.to, i + 1);
      if (rest) return [st, ...rest];
    }
    return undefined;
  };
  const steps = go(init, 0);
  return steps && { init, steps };
}

/**
 * The §5.1 diagram of one implementation step that does close: y, y', f(y),
 * f(y'), and the spec steps that take f(y) to f(y').
 *
 * @param impl - the implementation Y
 * @param spec - the spec X
 * @param f - the abstraction function
 * @param step - the Y-step y --a--> y'
 * @returns the diagram as text (or says that no spec sequence was found)
 */
export function renderClosedObligation<Y, X>(
  impl: Machine<Y>,
  spec: Machine<X>,
  f: (y: Y) => X,
  step: Step<Y>,
): string {
  const st = <S>(m: Machine<S>, s: S) => show(m.view(s));
  const fy = f(step.from);
  const fy2 = f(step.to);
  const run = matchSteps(spec, fy, step.label.external ? [step.label] : [], { to: fy2 });
  const a = labelText(step.label);
  const seq = run ? run.steps.map((s) => labelText(s.label)).join(', ') || 'no step' : '?';
  return [
    `Obligation 2 ${run ? 'holds' : 'fails'} at the ${step.label.external ? 'external' : 'internal'} step ${a}:`,
    '',
    `    f(y)  --${seq}-->  f(y')`,
    '     ^                  ^',
    '     f                  f',
    `     y   --${a}-->  y'`,
    '',
    `  y     = ${st(impl, step.from)}`,
    `  y'    = ${st(impl, step.to)}`,
    `  f(y)  = ${st(spec, fy)}`,
    `  f(y') = ${st(spec, fy2)}`,
  ].join('\n');
}
