/**
 * One reader's run in the explorer, without the page: the model, the steps
 * taken so far, the steps enabled now, undo and reset, the run as a path of
 * label texts for a shareable link, and, for a model with a spec above and an
 * abstraction function, whether each step keeps the §5.1 obligation (some
 * sequence of spec steps, the same externally, takes f(y) to f(y')).
 *
 * @module
 */
import {
  type Label,
  labelKey,
  labelText,
  type Machine,
  type Observed,
  replay,
  type SequenceDiagram,
  type Step,
  type Trace,
} from '../../index';
import { diagramOf } from '../diagrams';
import type { ExplorerModel } from './models';

/** A step the reader may take now. */
export interface Choice<S> {
  /** What the button says: the label text, with `#k` if k steps share it. */
  readonly text: string;
  /** The step's label. */
  readonly label: Label;
  /** The state it leads to. */
  readonly next: S;
}

/** Whether a step of the implementation keeps the abstraction's obligation. */
export interface Obligation {
  /** True if some spec steps take f(y) to f(y'). */
  readonly ok: boolean;
  /** The spec steps found (empty for a stutter). */
  readonly via: readonly string[];
}

/**
 * Every step out of `s`, in the machine's order. Steps with the same label
 * and the same next state count once; steps with the same label and
 * different next states (a `choose` whose alternatives look alike) are told
 * apart by `#2`, `#3`, ...
 *
 * @param m - the machine
 * @param s - the state
 * @returns the choices
 */
export function choicesFrom<S>(m: Machine<S>, s: S): Choice<S>[] {
  const raw: { label: Label; next: S }[] = [];
  for (const act of m.actions) {
    const ps = act.params ? [...act.params(s)] : [undefined];
    for (const p of ps) {
      if (act.guard && !act.guard(s, p as never)) continue;
      const e = act.effect(s, p as never);
      for (const o of Array.isArray(e) ? e : [e]) {
        const label: Label = {
          action: act.name,
          external: act.external,
          fault: act.fault === true,
          param: p,
          ret: o.ret,
          ...(act.showParam && p !== undefined ? { args: act.showParam(p as never) } : {}),
        };
        raw.push({ label, next: o.next });
      }
    }
  }
  // Steps with the same label and the same next state are one choice for the reader.
  const same = new Set<string>();
  const seen = new Map<string, number>();
  const out: Choice<S>[] = [];
  for (const r of raw) {
    const t = labelText(r.label);
    const id = `${t}\u0000${m.key(r.next)}`;
    if (same.has(id)) continue;
    same.add(id);
    const k = (seen.get(t) ?? 0) + 1;
    seen.set(t, k);
    out.push({ ...r, text: k === 1 ? t : `${t}#${k}` });
  }
  return out;
}

/**
 * Does a sequence of spec steps (internal ones, then, for an external step,
 * one step the same externally, then internal ones) take `fy` to `fy2`?
 * Breadth-first, at most `depth` internal steps on each side.
 *
 * @param spec - the spec
 * @param fy - the image of the state before
 * @param fy2 - the image of the state after
 * @param external - the implementation step's label if it is external
 * @param depth - the most internal spec steps on each side (default 3)
 * @returns the obligation's verdict and the spec steps found
 */
export function matchStep<X>(
  spec: Machine<X>,
  fy: X,
  fy2: X,
  external: Observed | undefined,
  depth = 3,
): Obligation {
  const goal = spec.key(fy2);
  const want = external ? labelKey(external) : undefined;
  type Node = { x: X; phase: 0 | 1; n: number; via: string[] };
  const start: Node = { x: fy, phase: want === undefined ? 1 : 0, n: 0, via: [] };
  if (start.phase === 1 && spec.key(fy) === goal) return { ok: true, via: [] };
  const seen = new Set<string>();
  let level = [start];
  while (level.length) {
    const next: Node[] = [];
    for (const node of level)
      for (const c of choicesFrom(spec, node.x)) {
        let m: Node | undefined;
        if (!c.label.external) {
          if (node.n < depth)
            m = { x: c.next, phase: node.phase, n: node.n + 1, via: [...node.via, c.text] };
        } else if (node.phase === 0 && labelKey(c.label) === want)
          m = { x: c.next, phase: 1, n: 0, via: [...node.via, c.text] };
        if (!m) continue;
        const k = `${m.phase}|${m.n}|${spec.key(m.x)}`;
        if (seen.has(k)) continue;
        seen.add(k);
        if (m.phase === 1 && spec.key(m.x) === goal)
          return { ok: true, via: m.via.map((t) => t.replace(/#(\d+)$/, ' (choice $1)')) };
        next.push(m);
      }
    level = next;
  }
  return { ok: false, via: [] };
}

/** A run in progress. */
export class Session<S = any, X = any> {
  /** The implementation. */
  readonly machine: Machine<S>;
  /** The spec above, if the model has one. */
  readonly spec: Machine<X> | undefined;
  private readonly init: S;
  private steps: Step<S>[] = [];
  private texts: string[] = [];

  /**
   * Start a run of a model in its first initial state.
   *
   * @param model - the model
   */
  constructor(readonly model: ExplorerModel<S, X>) {
    this.machine = model.machine();
    this.spec = model.spec?.();
    const [first] = [...this.machine.init()];
    if (first === undefined) throw new Error(`explorer: ${this.machine.name} has no initial state`);
    this.init = first;
  }

  /** The current state. */
  get state(): S {
    return this.steps.length ? this.steps[this.steps.length - 1]!.to : this.init;
  }

  /** The run so far. */
  get trace(): Trace<S> {
    return { init: this.init, steps: [...this.steps] };
  }

  /** The run as button texts, for a link. */
  get path(): readonly string[] {
    return [...this.texts];
  }

  /** The steps enabled now. */
  choices(): Choice<S>[] {
    return choicesFrom(this.machine, this.state);
  }

  /**
   * Take the enabled step with this text.
   *
   * @param text - a choice's text (`Deliver(1 -> r2)`, `Allow(7)#2`)
   * @throws Error naming the step and what is enabled, if it is not enabled
   */
  take(text: string): void {
    const cs = this.choices();
    const c = cs.find((x) => x.text === text);
    if (!c)
      throw new Error(
        `explorer: step ${this.steps.length + 1}, ${text}, is not enabled; enabled are ${cs.map((x) => x.text).join(', ') || 'none'}`,
      );
    this.steps.push({ from: this.state, label: c.label, to: c.next });
    this.texts.push(c.text);
  }

  /** Undo the last step (nothing if there is none). */
  undo(): void {
    this.steps.pop();
    this.texts.pop();
  }

  /** Back to the initial state. */
  reset(): void {
    this.steps = [];
    this.texts = [];
  }

  /**
   * Replay a run from its path (as a link carries it). A path of plain label
   * texts is replayed with the library's {@link replay}; one with `#k`
   * choices step by step.
   *
   * @param path - the button texts, in order
   * @throws Error naming the first step that is not enabled
   */
  restore(path: readonly string[]): void {
    this.reset();
    if (path.every((t) => !/#\d+$/.test(t))) {
      const t = replay(this.machine, path);
      this.steps = [...t.steps];
      this.texts = [...path];
      return;
    }
    for (const t of path) this.take(t);
  }

  /** The image of the current state under the abstraction function, if there is one. */
  image(): X | undefined {
    return this.model.abstraction ? this.model.abstraction(this.state) : undefined;
  }

  /**
   * Whether step i (0-based) keeps the abstraction's obligation.
   *
   * @param i - the step's index
   * @returns the verdict, or undefined if the model has no spec above
   */
  obligation(i: number): Obligation | undefined {
    const f = this.model.abstraction;
    const st = this.steps[i];
    if (!this.spec || !f || !st) return undefined;
    const lab = st.label.external ? (this.model.observe?.(st.label) ?? st.label) : undefined;
    return matchStep(this.spec, f(st.from), f(st.to), lab);
  }

  /** The run as a sequence diagram. */
  diagram(): SequenceDiagram {
    return diagramOf(this.machine, this.trace, this.model.diagram);
  }
}
