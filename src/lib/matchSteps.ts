/**
 * Finding spec steps that match: the heart of Lampson's step obligation
 * (§5.1), as a function of its own.
 *
 * @module
 */
import { validBound } from './_internal/bounds';
import { stateKey } from './_internal/fingerprinter';
import { forEachStep, makeLabel } from './_internal/successors';
import { labelKey } from './label';
import type { Machine } from './machine';
import type { Observed } from './refinement';
import type { Step, Trace } from './trace';

/**
 * Where a match must end, and how many internal steps it may take.
 *
 * @category Refinement
 */
export interface MatchOptions<X> {
  /**
   * End in this state (compared by the spec's key, or its fingerprint if it has the default key).
   *
   * @defaultValue anywhere
   */
  readonly to?: X;
  /**
   * The most internal steps before the first external step, between two
   * external steps, and after the last; a whole number from 0.
   *
   * @defaultValue 3
   */
  readonly internalDepth?: number;
}

/**
 * A shortest run of `spec` from `from` whose external steps look like
 * `observed`, in order (compared by action, parameter and result), with at
 * most `internalDepth` internal steps around each, ending in `to` if given.
 * With one observed step (or none) and `to` = f(y'), this is the §5.1
 * obligation for a Y-step from y: a run from f(y) to f(y') that is the
 * same externally.
 *
 * @param spec - the spec X
 * @param from - where the run starts (f(y))
 * @param observed - the external steps it must take, in order
 * @param opts - where it must end, and the internal-step bound
 * @returns the run, or undefined if there is none within the bound
 * @example
 * ```ts
 * matchSteps(specD, f(y), [{ action: 'Allow', param: 7, ret: undefined }], { to: f(y2) });
 * ```
 * @category Refinement
 */
export function matchSteps<X>(
  spec: Machine<X>,
  from: X,
  observed: readonly Observed[],
  opts: MatchOptions<X> = {},
): Trace<X> | undefined {
  const depth = validBound('internalDepth', opts.internalDepth, 0) ?? 3;
  const want = observed.map(labelKey);
  const key = stateKey(spec);
  const goal = opts.to === undefined ? undefined : key(opts.to);
  interface Node {
    readonly x: X;
    readonly i: number; // external steps matched so far
    readonly n: number; // internal steps since the last external one
    readonly parent: number;
    readonly step?: Step<X>;
  }
  const nodes: Node[] = [{ x: from, i: 0, n: 0, parent: -1 }];
  const done = (nd: Node) => nd.i === want.length && (goal === undefined || key(nd.x) === goal);
  const path = (k: number): Trace<X> => {
    const steps: Step<X>[] = [];
    for (let nd = nodes[k]!; nd.parent >= 0; nd = nodes[nd.parent]!) steps.push(nd.step!);
    return { init: from, steps: steps.reverse() };
  };
  if (done(nodes[0]!)) return path(0);
  const seen = new Set<string>([`0|0|${key(from)}`]);
  for (let q = 0; q < nodes.length; q++) {
    const nd = nodes[q]!;
    let found = -1;
    forEachStep(spec, nd.x, (act, param, o) => {
      let i = nd.i;
      let n = nd.n;
      if (!act.external) {
        if (n >= depth) return false;
        n++;
      } else {
        if (i >= want.length || labelKey(makeLabel(act, param, o)) !== want[i]) return false;
        i++;
        n = 0;
      }
      const k = `${i}|${n}|${key(o.next)}`;
      if (seen.has(k)) return false;
      seen.add(k);
      nodes.push({
        x: o.next,
        i,
        n,
        parent: q,
        step: { from: nd.x, label: makeLabel(act, param, o), to: o.next },
      });
      if (done(nodes[nodes.length - 1]!)) {
        found = nodes.length - 1;
        return true;
      }
      return false;
    });
    if (found >= 0) return path(found);
  }
  return undefined;
}
