/**
 * One reader's run in the explorer, without the page: the model, the steps
 * taken so far, the steps enabled now, undo and reset, the run as a path of
 * label texts for a shareable link, and, for a model with a spec above and an
 * abstraction function, whether each step keeps the §5.1 obligation (some
 * sequence of spec steps, the same externally, takes f(y) to f(y'), as the
 * library's {@link matchSteps} finds it). The steps are the library's
 * {@link stepsFrom}.
 *
 * @module
 */
import type { ExplorerModel } from '../../chapters/chapter';
import type { Label, Machine, SequenceDiagram, Step, Trace } from '../../index';
import { labelText, matchSteps, replay, stepsFrom } from '../../index';
import { diagramOf } from '../diagrams';

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
  /** The spec steps found (empty for a stutter), as the spec's buttons name them. */
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
  const same = new Set<string>();
  const seen = new Map<string, number>();
  const out: Choice<S>[] = [];
  for (const st of stepsFrom(m, s)) {
    const t = labelText(st.label);
    const id = `${t}\u0000${m.key(st.to)}`;
    if (same.has(id)) continue;
    same.add(id);
    const k = (seen.get(t) ?? 0) + 1;
    seen.set(t, k);
    out.push({ label: st.label, next: st.to, text: k === 1 ? t : `${t}#${k}` });
  }
  return out;
}

/**
 * A spec step as the reader would name it: its choice text from the state
 * it leaves, `#k` written out as `(choice k)`.
 */
function stepText<X>(spec: Machine<X>, st: Step<X>): string {
  const t = labelText(st.label);
  const to = spec.key(st.to);
  const c = choicesFrom(spec, st.from).find(
    (x) => labelText(x.label) === t && spec.key(x.next) === to,
  );
  return (c?.text ?? t).replace(/#(\d+)$/, ' (choice $1)');
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
    const observed = st.label.external ? [this.model.observe?.(st.label) ?? st.label] : [];
    const run = matchSteps(this.spec, f(st.from), observed, { to: f(st.to) });
    const spec = this.spec;
    return run
      ? { ok: true, via: run.steps.map((x) => stepText(spec, x)) }
      : { ok: false, via: [] };
  }

  /** The run as a sequence diagram. */
  diagram(): SequenceDiagram {
    return diagramOf(this.machine, this.trace, this.model.diagram);
  }
}
