/**
 * Finding runs that get stuck: a reachable state from which, even if no
 * further fault happens, a goal can never be met. Safety checks cannot see
 * this (nothing bad happens; something good just never can), so it takes
 * a search of the whole state graph.
 *
 * @module
 */
import type { ExploreOptions, ExploreResult } from './explore';
import { explore } from './explore';
import type { Machine } from './machine';
import type { Reachable } from './property';
import type { ReachableGraph } from './reachableGraph';
import { reachableGraph } from './reachableGraph';
import type { CheckResult } from './result';
import type { Step, Trace } from './trace';

/**
 * What {@link findStuck} looks for.
 *
 * @category Checks
 */
export interface StuckQuestion<S> {
  /** What must stay possible: some state meeting it, reachable by steps that are not faults. */
  readonly goal: Reachable<S>;
  /**
   * Only states like this count.
   *
   * @defaultValue every state
   */
  readonly where?: (s: S) => boolean;
  /**
   * A state constraint for the search (as in `explore`).
   *
   * @defaultValue every state is expanded
   */
  readonly within?: ExploreOptions<S>['within'];
}

/**
 * The result of {@link findStuck}.
 *
 * @category Checks
 */
export interface StuckResult<S> extends CheckResult<S> {
  /** A shortest run to a stuck state, if there is one. */
  readonly stuck?: Trace<S>;
  /** Exploring from the stuck state without faults: the goal is never reached. */
  readonly confirmation?: ExploreResult<S>;
}

/**
 * The machine started in `s`, with its fault actions removed: what can
 * still happen from `s` if nothing else goes wrong.
 *
 * @param m - the machine
 * @param s - the state to start in
 * @returns the machine from s
 * @category Checks
 */
export function faultFreeFrom<S>(m: Machine<S>, s: S): Machine<S> {
  return { ...m, init: () => [s], actions: m.actions.filter((a) => !a.fault) };
}

const graphs = new WeakMap<Machine<any>, Map<unknown, ReachableGraph<any>>>();

/** The reachable graph of m (once per machine and constraint). */
function graphOf<S>(m: Machine<S>, within?: (s: S) => boolean): ReachableGraph<S> {
  const cached = graphs.get(m)?.get(within);
  if (cached) return cached;
  const g = reachableGraph(m, within ? { within } : {});
  if (!graphs.has(m)) graphs.set(m, new Map());
  graphs.get(m)!.set(within, g);
  return g;
}

// #region find-stuck
/**
 * Search the whole reachable graph of `m` breadth first, then work
 * backwards from the states that meet the goal along steps that are not
 * faults. A reachable state (satisfying `where`) that this backward search
 * never reaches is stuck: without another fault, the goal stays out of
 * reach forever. The first one found has a shortest run, and exploring
 * from it (faults removed) confirms that the goal is unreachable.
 *
 * @param m - the machine
 * @param q - the goal, which states count, and a state constraint
 * @returns the verdict: it holds when a stuck state is found (and confirmed)
 * @category Checks
 */
export function findStuck<S>(m: Machine<S>, q: StuckQuestion<S>): StuckResult<S> {
  const t0 = performance.now();
  const g = graphOf(m, q.within);
  // Predecessors along steps that are not faults.
  const preds: number[][] = g.states.map(() => []);
  g.edges.forEach((es, i) => {
    for (const e of es) if (!e.label.fault) preds[e.to]!.push(i);
  });
  const canReach = new Uint8Array(g.states.length);
  const queue: number[] = [];
  g.states.forEach((s, i) => {
    if (q.goal.holds(s)) {
      canReach[i] = 1;
      queue.push(i);
    }
  });
  for (let h = 0; h < queue.length; h++)
    for (const p of preds[queue[h]!]!)
      if (!canReach[p]) {
        canReach[p] = 1;
        queue.push(p);
      }
  const found = g.states.findIndex((s, i) => !canReach[i] && (!q.where || q.where(s)));
  const stats = {
    states: g.states.length,
    transitions: g.transitions,
    depth: g.depth,
    ms: performance.now() - t0,
  };
  const base = { check: 'stuck' as const, subject: m.name, complete: !q.within, stats };
  if (found < 0) return { ...base, holds: false, unreached: ['a stuck state'] };
  const steps: Step<S>[] = [];
  for (let i = found; g.parent[i]! >= 0; i = g.parent[i]!)
    steps.unshift({ from: g.states[g.parent[i]!]!, label: g.via[i]!, to: g.states[i]! });
  const stuck = { init: steps[0]?.from ?? g.states[found]!, steps };
  const confirmation = explore(faultFreeFrom(m, g.states[found]!), { reachable: [q.goal] });
  return {
    ...base,
    holds: confirmation.unreached.includes(q.goal.name),
    unreached: [],
    stuck,
    confirmation,
  };
}
// #endregion find-stuck

/**
 * The claim "no reachable state is stuck": it holds when {@link findStuck}
 * finds none, and otherwise fails with the shortest run to one.
 *
 * @param m - the machine
 * @param q - the goal (and which states count)
 * @returns the verdict
 * @category Checks
 */
export function neverStuck<S>(m: Machine<S>, q: StuckQuestion<S>): CheckResult<S> {
  const r = findStuck(m, q);
  if (!r.stuck) return { ...r, holds: true, unreached: [] };
  const { stuck, confirmation: _c, ...rest } = r;
  return {
    ...rest,
    holds: false,
    counterexample: {
      property: `${q.goal.name} stays possible`,
      message: `from the last state of this run, no run without faults ever reaches: ${q.goal.name}`,
      trace: stuck,
    },
  };
}
