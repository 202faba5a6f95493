/**
 * "Y implements X" by its definition (§4.1): every trace of Y is a trace of X.
 *
 * @module
 */
import { validBound } from './_internal/bounds';
import { forEachStep, makeLabel } from './_internal/successors';
import type { Label } from './label';
import { labelKey, labelText } from './label';
import type { Machine } from './machine';
import type { Observed, SpecMove } from './refinement';
import type { CheckResult, Progress } from './result';
import type { Step, Trace } from './trace';

/**
 * The claim and the bounds for {@link traceIncluded}: the spec, and how long
 * the traces are.
 *
 * @category Checks
 */
export interface TraceInclusionOptions<X> {
  /** The spec X whose traces must include Y's. */
  readonly spec: Machine<X>;
  /** Check every external trace of Y with at most this many external steps; a whole number from 0. */
  readonly maxLength: number;
  /**
   * How Y's external labels look to an observer of X.
   *
   * @defaultValue the label itself
   */
  readonly observe?: (label: Label) => Observed;
  /**
   * Stop after this many (Y-state, X-states) pairs (then `complete` is false); a whole number from 1.
   *
   * @defaultValue no bound
   */
  readonly maxStates?: number;
  /**
   * Cap on the X-states reachable by internal steps from one set; a whole number from 1.
   *
   * @defaultValue 100000
   */
  readonly maxClosure?: number;
  /**
   * Progress callback.
   *
   * @defaultValue none
   */
  readonly onProgress?: (p: Progress) => void;
}

/**
 * The result of {@link traceIncluded}.
 *
 * @category Checks
 */
export interface TraceInclusionResult<Y> extends CheckResult<Y> {
  readonly check: 'traceIncluded';
  /** The spec's name. */
  readonly spec: string;
  /** On failure: the external trace of Y that X cannot produce, as label texts. */
  readonly badTrace?: readonly string[];
  /** On failure: what the spec could do instead, after the trace's prefix: its external steps. */
  readonly specCould?: readonly SpecMove<unknown>[];
}

interface Node<Y> {
  readonly y: Y;
  readonly xs: readonly unknown[];
  readonly ext: number;
  readonly parent: number;
  readonly label?: Label;
}

/**
 * Check that every external trace of `impl` with at most `maxLength`
 * external steps is a trace of `spec`. The spec is determinised on the fly:
 * the search pairs each Y-state with the set of X-states that the same
 * external trace can reach (closed under X's internal steps), and fails as
 * soon as a Y-step leaves that set empty.
 *
 * @param impl - the implementation Y
 * @param opts - the spec X, the trace length bound and options
 * @returns the verdict; on failure a shortest Y-run whose trace X cannot produce
 * @throws Error if a bound is not a whole number in its range (a one-line message)
 * @example
 * ```ts
 * traceIncluded(writeBackCache, { spec: storage, maxLength: 4 }).holds; // true
 * ```
 * @category Checks
 */
export function traceIncluded<Y, X>(
  impl: Machine<Y>,
  opts: TraceInclusionOptions<X>,
): TraceInclusionResult<Y> {
  const t0 = performance.now();
  const spec = opts.spec;
  validBound('maxLength', opts.maxLength, 0);
  validBound('maxStates', opts.maxStates, 1);
  validBound('maxClosure', opts.maxClosure, 1);
  const observe = opts.observe ?? ((l: Label) => l);
  const maxStates = opts.maxStates ?? Number.POSITIVE_INFINITY;
  const maxClosure = opts.maxClosure ?? 100_000;
  const closureMemo = new Map<string, X[]>();
  const afterMemo = new Map<string, X[]>();
  const setKey = (xs: readonly X[]) =>
    xs
      .map((x) => String(spec.key(x)))
      .sort()
      .join('\u0003');

  /** All X-states reachable from `xs` by internal steps. */
  const closure = (xs: readonly X[]): X[] => {
    const k = setKey(xs);
    const memo = closureMemo.get(k);
    if (memo) return memo;
    const seen = new Map<string | number, X>();
    const todo = [...xs];
    for (const x of xs) seen.set(spec.key(x), x);
    while (todo.length) {
      const x = todo.pop()!;
      forEachStep(spec, x, (act, _p, o) => {
        if (act.external) return false;
        const kx = spec.key(o.next);
        if (!seen.has(kx)) {
          if (seen.size >= maxClosure)
            throw new Error(
              `traceIncluded: more than ${maxClosure} X-states reachable by internal steps`,
            );
          seen.set(kx, o.next);
          todo.push(o.next);
        }
        return false;
      });
    }
    const out = [...seen.values()];
    closureMemo.set(k, out);
    return out;
  };

  /** The X-states after an external step observed as `obs` from the closed set `xs`. */
  const after = (xs: readonly X[], xsKey: string, obs: string): X[] => {
    const k = `${xsKey}\u0004${obs}`;
    const memo = afterMemo.get(k);
    if (memo) return memo;
    const next: X[] = [];
    for (const x of xs)
      forEachStep(spec, x, (act, p, o) => {
        if (act.external && labelKey(makeLabel(act, p, o)) === obs) next.push(o.next);
        return false;
      });
    const out = next.length ? closure(next) : [];
    afterMemo.set(k, out);
    return out;
  };

  const nodes: Node<Y>[] = [];
  const seen = new Set<string>();
  let transitions = 0;
  let depth = 0;
  let complete = true;
  let bad: { node: number; label: Label; to: Y } | undefined;
  const x0 = closure([...spec.init()]);
  const queue: number[] = [];
  for (const y of impl.init()) {
    const k = `${impl.key(y)}\u0002${setKey(x0)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    nodes.push({ y, xs: x0, ext: 0, parent: -1 });
    queue.push(nodes.length - 1);
  }
  let lastProgress = t0;
  for (let qi = 0; qi < queue.length; qi++) {
    const ni = queue[qi]!;
    const node = nodes[ni]!;
    const xs = node.xs as X[];
    const xsKey = setKey(xs);
    depth = Math.max(depth, node.ext);
    let stop = false;
    forEachStep(impl, node.y, (act, p, o) => {
      transitions++;
      const label = makeLabel(act, p, o);
      let nxs: X[] = xs;
      let ext = node.ext;
      if (act.external) {
        if (node.ext >= opts.maxLength) {
          complete = false;
          return false;
        }
        nxs = after(xs, xsKey, labelKey(observe(label)));
        ext++;
        if (nxs.length === 0) {
          bad = { node: ni, label, to: o.next };
          stop = true;
          return true;
        }
      }
      const k = `${impl.key(o.next)}\u0002${act.external ? setKey(nxs) : xsKey}`;
      if (seen.has(k)) return false;
      if (seen.size >= maxStates) {
        complete = false;
        stop = true;
        return true;
      }
      seen.add(k);
      nodes.push({ y: o.next, xs: nxs, ext, parent: ni, label });
      queue.push(nodes.length - 1);
      return false;
    });
    if (stop) break;
    if (opts.onProgress && performance.now() - lastProgress > 100) {
      lastProgress = performance.now();
      opts.onProgress({ states: seen.size, transitions, depth, ms: lastProgress - t0 });
    }
  }

  const base = {
    check: 'traceIncluded' as const,
    subject: impl.name,
    spec: spec.name,
    unreached: [],
    stats: { states: seen.size, transitions, depth, ms: performance.now() - t0 },
  };
  if (!bad) return { ...base, holds: true, complete };
  const run = runTo(nodes, bad.node);
  const steps: Step<Y>[] = [
    ...run.steps,
    { from: nodes[bad.node]!.y, label: bad.label, to: bad.to },
  ];
  const trace: Trace<Y> = { init: run.init, steps };
  const ext = steps.filter((s) => s.label.external).map((s) => labelText(s.label));
  const xsBefore = nodes[bad.node]!.xs as X[];
  const could = new Map<string, SpecMove<unknown>>();
  for (const x of xsBefore)
    forEachStep(spec, x, (act, p, o) => {
      if (!act.external) return false;
      const label = labelText(makeLabel(act, p, o));
      const k = `${label}\u0001${spec.key(o.next)}`;
      if (!could.has(k)) could.set(k, { label, external: true, to: o.next });
      return false;
    });
  const couldLabels = [...new Set([...could.values()].map((m) => m.label))];
  return {
    ...base,
    holds: false,
    complete: false,
    badTrace: ext,
    specCould: [...could.values()],
    counterexample: {
      property: `every trace of ${impl.name} is a trace of ${spec.name}`,
      message: `${spec.name} cannot produce the trace ${ext.join(', ')}: after ${ext.slice(0, -1).join(', ') || 'nothing'} its next external step could be ${couldLabels.join(', ') || 'nothing'}, not ${ext[ext.length - 1]}`,
      trace,
    },
  };
}

function runTo<Y>(nodes: readonly Node<Y>[], i: number): Trace<Y> {
  const steps: Step<Y>[] = [];
  let n = nodes[i]!;
  while (n.parent >= 0) {
    const p = nodes[n.parent]!;
    steps.push({ from: p.y, label: n.label!, to: n.y });
    n = p;
  }
  return { init: n.y, steps: steps.reverse() };
}
