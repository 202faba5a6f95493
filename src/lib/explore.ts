/**
 * Breadth-first exploration of a machine's reachable states.
 *
 * @module
 */
import { search, statsOf } from './_internal/search';
import type { Machine } from './machine';
import type { Invariant, Reachable, StepProperty } from './property';
import type { CheckResult, Progress } from './result';
import type { Trace } from './trace';

/**
 * Bounds and properties for {@link explore} (and {@link refines}).
 *
 * @category Checks
 */
export interface ExploreOptions<S> {
  /**
   * Predicates that must hold in every reachable state.
   *
   * @defaultValue none
   */
  readonly invariants?: readonly Invariant<S>[];
  /**
   * Properties every step must satisfy (stable predicates, say).
   *
   * @defaultValue none
   */
  readonly stepProperties?: readonly StepProperty<S>[];
  /**
   * Goals that some reachable state must meet; the check fails if one is never met.
   *
   * @defaultValue none
   */
  readonly reachable?: readonly Reachable<S>[];
  /**
   * A state constraint (TLC's CONSTRAINT): states outside it are checked but not expanded.
   *
   * @defaultValue every state is expanded
   */
  readonly within?: (s: S) => boolean;
  /**
   * Do not expand states at this depth (number of steps from an initial state); a whole number from 0.
   *
   * @defaultValue no bound
   */
  readonly maxDepth?: number;
  /**
   * Stop after storing this many distinct states (then `complete` is false); a whole number from 1.
   *
   * @defaultValue no bound
   */
  readonly maxStates?: number;
  /**
   * Interchangeable values (TLC's `SYMMETRY`): each entry is one domain, such
   * as the acceptors `['a1', 'a2', 'a3']` or the values `['v1', 'v2']`. States
   * that differ only by a renaming of each domain's members are one class,
   * counted once. A member is renamed wherever it occurs: as a value, a record
   * field's name, a set member or a map key (so a state must not encode a
   * member by its position, as an array indexed by acceptor would). Needs the
   * machine's default key.
   *
   * @defaultValue no symmetry
   */
  readonly symmetry?: readonly (readonly (string | number)[])[];
  /**
   * Check a custom key against the structural fingerprint on sampled states:
   * every state whose key falls in the sample (one key in `checkKey`, by the
   * key's hash) is fingerprinted both ways, and two different states with one
   * key (a key that merges states) or one state with two keys fail the search.
   *
   * @defaultValue no check
   */
  readonly checkKey?: number;
  /**
   * Called about ten times a second while the search runs.
   *
   * @defaultValue none
   */
  readonly onProgress?: (p: Progress) => void;
}

/**
 * The result of {@link explore}.
 *
 * @category Checks
 */
export interface ExploreResult<S> extends CheckResult<S> {
  readonly check: 'explore';
  /** For each goal that was met: a shortest run to a state that meets it. */
  readonly witnesses: ReadonlyMap<string, Trace<S>>;
  /** Bytes the state store holds, for the benchmark. */
  readonly storeBytes: number;
  /** The most bytes the frontier (two levels, encoded) held at once, for the benchmark; absent on workers. */
  readonly frontierBytes?: number;
}

/**
 * Explore every state reachable from the initial states (within the bounds),
 * breadth first, checking invariants on every state and step properties on
 * every step. The first violation found has a shortest trace. The same
 * machine gives the same counts on every run.
 *
 * @param m - the machine
 * @param opts - properties, goals and bounds
 * @returns the verdict, the statistics, and a shortest counterexample if one exists
 * @example
 * ```ts
 * const r = explore(jugs, { invariants: [invariant('big jug never holds 4', (s) => s.big !== 4)] });
 * r.holds; // false: the counterexample is the puzzle's solution
 * ```
 * @throws Error if a bound is not a whole number in its range (a one-line message)
 * @category Checks
 */
export function explore<S>(m: Machine<S>, opts: ExploreOptions<S> = {}): ExploreResult<S> {
  const r = search(m, opts, {});
  return { check: 'explore', subject: m.name, ...r, stats: statsOf(r) };
}
