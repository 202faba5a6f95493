/**
 * The step obligation of §5.1 with a cache, shared by `refines` and
 * `simulate`.
 *
 * @module
 */
import type { Label } from '../label';
import { labelKey, labelText } from '../label';
import { matchSteps } from '../matchSteps';
import type { Move, Observed, Refinement, SpecMove } from '../refinement';
import { specMoves } from '../refinement';
import { validBound } from './bounds';
import { stateKey } from './fingerprinter';
import { makeLabel } from './successors';

/** A failed step obligation, before the trace is attached. */
export interface StepMismatch<X> {
  readonly fy: X;
  readonly fy2: X;
  readonly message: string;
  readonly specCould: SpecMove<X>[];
}

/** The default of {@link Refinement.internalDepth}. */
export const DEFAULT_INTERNAL_DEPTH = 3;

/** Checks the step obligation of §5.1, with a cache. */
export class StepMatcher<Y, X> {
  private readonly ok = new Set<string>();
  private readonly depth: number;
  private readonly key: (x: X) => string | number;
  constructor(private readonly r: Refinement<Y, X>) {
    this.key = stateKey(r.spec);
    this.depth = validBound('internalDepth', r.internalDepth, 0) ?? DEFAULT_INTERNAL_DEPTH;
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
      this.lastK1 = this.key(this.lastFy);
    }
    const fy = this.lastFy;
    const k1 = this.lastK1;
    const fy2 = abstraction(y2);
    const k2 = this.key(fy2);
    const moves = this.r.witness?.(y, label, y2);
    if (!moves && !label.external && k1 === k2) return undefined; // stutter: the empty sequence
    const obs = label.external ? labelKey(this.observed(label)) : '';
    const memo = `${k1}\u0001${obs}\u0001${k2}`;
    if (!moves && this.ok.has(memo)) return undefined;
    const why = moves
      ? this.checkWitness(fy, moves, label.external ? obs : undefined, k2)
      : this.search(fy, label.external ? this.observed(label) : undefined, fy2)
        ? undefined
        : label.external
          ? `no sequence of internal ${spec.name}-steps (at most ${this.depth} before and after) around one ${spec.name}-step ${labelText(this.observed(label))} takes f(y) to f(y')`
          : `no sequence of at most ${this.depth} internal ${spec.name}-steps takes f(y) to f(y')`;
    if (!why) {
      this.ok.add(memo);
      return undefined;
    }
    return { fy, fy2, message: why, specCould: specMoves(spec, fy) };
  }

  private search(fy: X, obs: Observed | undefined, fy2: X): boolean {
    return (
      matchSteps(this.r.spec, fy, obs ? [obs] : [], {
        to: fy2,
        internalDepth: this.depth,
      }) !== undefined
    );
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
    if (!states.some((s) => s.externals === need && this.key(s.x) === k2))
      return `the witness [${moves.map((m) => m.action).join(', ')}] does not take f(y) to f(y')`;
    return undefined;
  }
}
