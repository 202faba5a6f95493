/**
 * Simulations between machines, beyond what the library's `refines` checks
 * for one abstraction function: whether any forward simulation exists at
 * all (the greatest one, computed as a fixpoint), spec runs that match an
 * implementation's trace, and the closed §5.1 diagram of one step.
 *
 * @module
 */
import {
  type CheckResult,
  type Label,
  labelKey,
  labelText,
  type Machine,
  type Step,
  show,
  type Trace,
} from '../../index';
import type { DState, TState } from './specs';

// #region plain-abstraction
/** The obvious abstraction function from D to T: keep outcome and done, forget allowed. */
export const dToT = (d: DState): TState => ({ outcome: d.outcome, done: d.done });
// #endregion plain-abstraction

/**
 * Every step out of a state, in the machine's fixed order.
 *
 * @param m - the machine
 * @param s - the state
 * @returns each step's label and next state
 */
export function stepsOf<S>(m: Machine<S>, s: S): { label: Label; next: S }[] {
  const out: { label: Label; next: S }[] = [];
  for (const a of m.actions) {
    const ps: readonly unknown[] = a.params ? [...a.params(s)] : [undefined];
    for (const p of ps) {
      if (a.guard && !a.guard(s, p)) continue;
      const e = a.effect(s, p);
      for (const o of Array.isArray(e) ? e : [e]) {
        const base = { action: a.name, external: a.external, fault: a.fault === true, param: p };
        const label: Label = {
          ...base,
          ret: o.ret,
          ...(a.showParam && p !== undefined ? { args: a.showParam(p) } : {}),
        };
        out.push({ label, next: o.next });
      }
    }
  }
  return out;
}

/** The reachable states of a machine, by key, each with its steps. */
interface Graph<S> {
  readonly states: Map<string | number, S>;
  readonly steps: Map<string | number, { label: Label; next: string | number }[]>;
  readonly init: (string | number)[];
}

function graphOf<S>(m: Machine<S>): Graph<S> {
  const states = new Map<string | number, S>();
  const steps = new Map<string | number, { label: Label; next: string | number }[]>();
  const init: (string | number)[] = [];
  const todo: S[] = [];
  for (const s of m.init()) {
    const k = m.key(s);
    init.push(k);
    if (!states.has(k)) {
      states.set(k, s);
      todo.push(s);
    }
  }
  while (todo.length) {
    const s = todo.shift()!;
    const out = stepsOf(m, s).map(({ label, next }) => {
      const k = m.key(next);
      if (!states.has(k)) {
        states.set(k, next);
        todo.push(next);
      }
      return { label, next: k };
    });
    steps.set(m.key(s), out);
  }
  return { states, steps, init };
}

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
  const Y = graphOf(impl);
  const X = graphOf(spec);
  const closure = memo((x: string | number) => {
    const seen = new Set([x]);
    for (const k of seen)
      for (const st of X.steps.get(k)!) if (!st.label.external) seen.add(st.next);
    return seen;
  });
  /** The X-states reachable from x by internal steps around one step labelled like l (if external). */
  const matches = (x: string | number, l: Label): Set<string | number> => {
    if (!l.external) return closure(x);
    const out = new Set<string | number>();
    for (const x1 of closure(x))
      for (const st of X.steps.get(x1)!)
        if (st.label.external && labelKey(st.label) === labelKey(l))
          for (const x2 of closure(st.next)) out.add(x2);
    return out;
  };
  const related = new Map<string | number, Set<string | number>>();
  for (const y of Y.states.keys()) related.set(y, new Set(X.states.keys()));
  let changed = true;
  while (changed) {
    changed = false;
    for (const [y, xs] of related)
      for (const x of [...xs]) {
        const simulated = Y.steps
          .get(y)!
          .every((st) => [...matches(x, st.label)].some((x2) => related.get(st.next)!.has(x2)));
        if (!simulated) {
          xs.delete(x);
          changed = true;
        }
      }
  }
  const xInit = new Set(X.init);
  const orphan = Y.init.find((y) => ![...related.get(y)!].some((x) => xInit.has(x)));
  const kept = [...related.values()].reduce((n, xs) => n + xs.size, 0);
  const base = {
    check: 'refines' as const,
    subject: `${impl.name} to ${spec.name}`,
    complete: true,
    unreached: [],
    stats: {
      states: Y.states.size,
      transitions: [...Y.steps.values()].reduce((n, s) => n + s.length, 0),
      depth: 0,
      ms: performance.now() - t0,
    },
    pairs: { kept, of: Y.states.size * X.states.size },
  };
  if (orphan === undefined) return { ...base, holds: true };
  return {
    ...base,
    holds: false,
    counterexample: {
      property: `some forward simulation from ${impl.name} to ${spec.name}`,
      message: `of the ${base.pairs.of} pairs of reachable states, the greatest forward simulation keeps ${kept}, and none pairs the initial ${impl.name}-state ${show(impl.view(Y.states.get(orphan)!))} with an initial ${spec.name}-state`,
      trace: { init: Y.states.get(orphan)!, steps: [] },
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
 * A shortest run of `spec` from `from` whose external steps are `labels`
 * (compared by action, parameter and result), ending, if `to` is given, in
 * the state with that key.
 *
 * @param spec - the machine
 * @param from - where the run starts
 * @param labels - the external steps it must take, in order
 * @param to - optional key of the state it must end in
 * @param maxSteps - bound on the run's length
 * @returns the run, or undefined if there is none within the bound
 */
export function runFor<X>(
  spec: Machine<X>,
  from: X,
  labels: readonly Label[],
  to?: string | number,
  maxSteps = labels.length + 8,
): Trace<X> | undefined {
  type Node = { x: X; i: number; parent: number; step?: Step<X> };
  const nodes: Node[] = [{ x: from, i: 0, parent: -1 }];
  const seen = new Set([`0|${spec.key(from)}`]);
  const done = (n: Node) => n.i === labels.length && (to === undefined || spec.key(n.x) === to);
  const path = (i: number): Trace<X> => {
    const steps: Step<X>[] = [];
    for (let n = nodes[i]!; n.parent >= 0; n = nodes[n.parent]!) steps.unshift(n.step!);
    return { init: from, steps };
  };
  if (done(nodes[0]!)) return path(0);
  for (let q = 0, depth = 0; q < nodes.length && depth <= maxSteps; q++) {
    const n = nodes[q]!;
    depth = path(q).steps.length;
    for (const st of stepsOf(spec, n.x)) {
      const want = labels[n.i];
      if (st.label.external && (!want || labelKey(st.label) !== labelKey(want))) continue;
      const i = st.label.external ? n.i + 1 : n.i;
      const k = `${i}|${spec.key(st.next)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      nodes.push({ x: st.next, i, parent: q, step: { from: n.x, label: st.label, to: st.next } });
      if (done(nodes.at(-1)!)) return path(nodes.length - 1);
    }
  }
  return undefined;
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
    for (const st of stepsOf(m, s)) {
      if (labelKey(st.label) !== labelKey(labels[i]!)) continue;
      const rest = go(st.next, i + 1);
      if (rest) return [{ from: s, label: st.label, to: st.next }, ...rest];
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
  const run = runFor(spec, fy, step.label.external ? [step.label] : [], spec.key(fy2));
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
