/**
 * The pieces of a refinement claim "Y implements X via f", shared by
 * {@link refines}, {@link traceIncluded} and {@link simulate}.
 *
 * @module
 */
import { forEachStep, makeLabel } from './_internal/successors';
import { type Label, labelKey, labelText } from './label';
import type { Machine } from './machine';

/** One X-action in a witness: the action's name and its parameter. */
export interface Move {
  /** The spec action's name (`Agree`). */
  readonly action: string;
  /** Its parameter, if the action has parameters. */
  readonly param?: unknown;
}

/** What an observer sees of an external label: action, parameter, result. */
export type Observed = Pick<Label, 'action' | 'param' | 'ret'>;

/**
 * The claim that an implementation (states `Y`) implements a spec (states `X`).
 */
export interface Refinement<Y, X> {
  /** The spec X. */
  readonly spec: Machine<X>;
  /** The abstraction function f from Y-states to X-states. */
  readonly abstraction: (y: Y) => X;
  /**
   * Optional, as in a written proof: the X-actions that simulate a Y-step.
   * Return `undefined` to let the checker search instead.
   */
  readonly witness?: (y: Y, label: Label, y2: Y) => readonly Move[] | undefined;
  /**
   * How Y's external actions look to an observer of X, if Y names them
   * differently (say `Allow(i, v)` at process i is X's `Allow(v)`).
   * Defaults to the label itself.
   */
  readonly observe?: (label: Label) => Observed;
  /** The most internal X-steps searched for, before and after the external one (default 3). */
  readonly internalDepth?: number;
}

/** What X could do from f(y): each enabled step and where it leads. */
export interface SpecMove<X> {
  /** The step's label text (`Agree(7)`). */
  readonly label: string;
  /** Whether it is external. */
  readonly external: boolean;
  /** The X-state it leads to. */
  readonly to: X;
}

/** @internal A failed step obligation, before the trace is attached. */
export interface StepMismatch<X> {
  readonly fy: X;
  readonly fy2: X;
  readonly message: string;
  readonly xCould: SpecMove<X>[];
}

/** @internal Checks the step obligation of §5.1, with a cache. */
export class StepMatcher<Y, X> {
  private readonly ok = new Set<string>();
  private readonly depth: number;
  constructor(private readonly r: Refinement<Y, X>) {
    this.depth = r.internalDepth ?? 3;
  }

  observed(label: Label): Observed {
    return this.r.observe ? this.r.observe(label) : label;
  }

  // The explorer checks every step out of one state before the next, so
  // f(y) and its key are kept for the last y seen.
  private lastY: Y | undefined;
  private lastFy: X | undefined;
  private lastK1: string | number = '';

  /** Does some externally equal X-sequence take f(y) to f(y2)? */
  check(y: Y, label: Label, y2: Y): StepMismatch<X> | undefined {
    const { spec, abstraction } = this.r;
    if (this.lastY !== y || this.lastFy === undefined) {
      this.lastY = y;
      this.lastFy = abstraction(y);
      this.lastK1 = spec.key(this.lastFy);
    }
    const fy = this.lastFy;
    const k1 = this.lastK1;
    const fy2 = abstraction(y2);
    const k2 = spec.key(fy2);
    const moves = this.r.witness?.(y, label, y2);
    if (!moves && !label.external && k1 === k2) return undefined; // stutter: the empty sequence
    const obs = label.external ? labelKey(this.observed(label)) : '';
    const memo = `${k1}\u0001${obs}\u0001${k2}`;
    if (!moves && this.ok.has(memo)) return undefined;
    const why = moves
      ? this.checkWitness(fy, moves, label.external ? obs : undefined, k2)
      : this.search(fy, label.external ? obs : undefined, k2)
        ? undefined
        : label.external
          ? `no sequence of internal ${spec.name}-steps (at most ${this.depth} before and after) around one ${spec.name}-step ${labelText(this.observed(label))} takes f(y) to f(y')`
          : `no sequence of at most ${this.depth} internal ${spec.name}-steps takes f(y) to f(y')`;
    if (!why) {
      this.ok.add(memo);
      return undefined;
    }
    return { fy, fy2, message: why, xCould: specMoves(spec, fy) };
  }

  /**
   * Breadth-first over (X-state, phase, internal steps in this phase):
   * phase 0 is before the external step, phase 1 after it. At most
   * `internalDepth` internal steps in each phase.
   */
  private search(fy: X, obs: string | undefined, k2: string | number): boolean {
    const spec = this.r.spec;
    type Node = { x: X; phase: 0 | 1; n: number };
    const seen = new Set<string>();
    const start: Node = { x: fy, phase: obs === undefined ? 1 : 0, n: 0 };
    if (start.phase === 1 && spec.key(fy) === k2) return true;
    let level: Node[] = [start];
    while (level.length) {
      const next: Node[] = [];
      for (const node of level) {
        let found = false;
        forEachStep(spec, node.x, (act, param, o) => {
          let m: Node | undefined;
          if (!act.external) {
            if (node.n < this.depth) m = { x: o.next, phase: node.phase, n: node.n + 1 };
          } else if (node.phase === 0 && labelKey(makeLabel(act, param, o)) === obs) {
            m = { x: o.next, phase: 1, n: 0 };
          }
          if (!m) return false;
          const k = `${m.phase}|${m.n}|${spec.key(m.x)}`;
          if (seen.has(k)) return false;
          seen.add(k);
          if (m.phase === 1 && spec.key(m.x) === k2) {
            found = true;
            return true;
          }
          next.push(m);
          return false;
        });
        if (found) return true;
      }
      level = next;
    }
    return false;
  }

  private checkWitness(
    fy: X,
    moves: readonly Move[],
    obs: string | undefined,
    k2: string | number,
  ): string | undefined {
    const spec = this.r.spec;
    let states: { x: X; externals: number }[] = [{ x: fy, externals: 0 }];
    for (const mv of moves) {
      const act = spec.actions.find((a) => a.name === mv.action);
      if (!act) return `the witness names ${mv.action}, which ${spec.name} does not have`;
      const next: { x: X; externals: number }[] = [];
      for (const st of states) {
        if (act.guard && !act.guard(st.x, mv.param)) continue;
        const e = act.effect(st.x, mv.param);
        for (const o of Array.isArray(e) ? e : [e]) {
          if (act.external) {
            if (labelKey(makeLabel(act, mv.param, o)) !== obs) continue;
            next.push({ x: o.next, externals: st.externals + 1 });
          } else next.push({ x: o.next, externals: st.externals });
        }
      }
      if (!next.length)
        return `the witness step ${labelText({ action: mv.action, param: mv.param, ret: undefined, ...(act.showParam && mv.param !== undefined ? { args: act.showParam(mv.param) } : {}) })} is not enabled (or does not match the Y-step) in ${spec.name}`;
      states = next;
    }
    const need = obs === undefined ? 0 : 1;
    if (!states.some((s) => s.externals === need && spec.key(s.x) === k2))
      return `the witness [${moves.map((m) => m.action).join(', ')}] does not take f(y) to f(y')`;
    return undefined;
  }
}

/**
 * Every step X can take from `x`, for failure reports. Outcomes of one
 * action that are the same step (same label, same next state, as when
 * `choose return outcome or return nil` meets outcome = nil) are listed once.
 *
 * @param spec - the spec X
 * @param x - an X-state
 * @returns the distinct steps from it, in the machine's order
 */
export function specMoves<X>(spec: Machine<X>, x: X): SpecMove<X>[] {
  const out: SpecMove<X>[] = [];
  const seen = new Set<string>();
  forEachStep(spec, x, (act, param, o) => {
    const label = labelText(makeLabel(act, param, o));
    const k = `${label}\u0001${spec.key(o.next)}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ label, external: act.external, to: o.next });
  });
  return out;
}
