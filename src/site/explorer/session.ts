/**
 * One reader's run in the explorer, without the page: the model, the steps
 * taken so far, the steps enabled now, undo and reset, the run as a path of
 * label texts for a shareable link, and, for a model with a spec above and an
 * abstraction function, whether each step keeps the §5.1 obligation (some
 * sequence of spec steps, the same externally, takes f(y) to f(y'), as the
 * library's {@link matchSteps} finds it). The steps are the library's
 * {@link stepsFrom}.
 *
 * What the page says of each step is made here too: what it changes (a
 * message network as the messages it adds and removes), the group it is
 * shown in (the process that takes it, or external, or a fault), whether
 * the last step enabled it, whether it delivers a message its receiver has
 * had before (a duplicate), and, where one action can turn out in several
 * ways, which way this one is.
 *
 * @module
 */
import type { ExplorerModel } from '../../chapters/chapter';
import type {
  ActorSystem,
  Envelope,
  Invariant,
  Label,
  Machine,
  SequenceDiagram,
  Step,
  Trace,
} from '../../index';
import {
  compareText,
  isActorSystem,
  labelText,
  matchSteps,
  replay,
  show,
  stepsFrom,
} from '../../index';
import { diagramOf } from '../diagrams';

/** A step the reader may take now. */
export interface Choice<S> {
  /** Its text in a link: the label text, with `#k` if k steps share it. */
  readonly text: string;
  /** The step's label. */
  readonly label: Label;
  /** The state it leads to. */
  readonly next: S;
}

/** An enabled step as the page shows it. */
export interface EnabledStep<S> extends Choice<S> {
  /** The group it is shown in: a process's name, or {@link EXTERNAL}, {@link FAULTS}, {@link OTHER}. */
  readonly group: string;
  /** Enabled now but not before the last step: the last step enabled it. */
  readonly fresh: boolean;
  /** It delivers a message its receiver has had before in this run: a duplicate. */
  readonly again: boolean;
  /** What it changes, as {@link changeOf} writes it ('' for nothing). */
  readonly change: string;
  /**
   * If other enabled steps have the same label (one action whose effect
   * can turn out in several ways, the paper's `choose ... or ...`): this
   * one's way, by what it changes (`outcome := 1`, `no change`).
   */
  readonly way?: string;
}

/** The name of the group of external steps (a client's requests and questions). */
export const EXTERNAL = 'external';
/** The name of the group of faults. */
export const FAULTS = 'faults';
/** The name of the group of internal steps that no one process takes. */
export const OTHER = 'other';

/** The enabled steps of one group. */
export interface StepGroup<S> {
  /** The process's name, or {@link EXTERNAL}, {@link FAULTS}, {@link OTHER}. */
  readonly name: string;
  /** Its steps, in the machine's order. */
  readonly steps: readonly EnabledStep<S>[];
}

/** A step of the run so far, as the page lists it. */
export interface TakenStep {
  /** Its label. */
  readonly label: Label;
  /** What it changed, as {@link changeOf} writes it ('' for nothing). */
  readonly change: string;
  /** It delivered a message its receiver had had before: a duplicate. */
  readonly again: boolean;
}

/** Whether a step of the implementation keeps the abstraction's obligation. */
export interface Obligation {
  /** True if some spec steps take f(y) to f(y'). */
  readonly ok: boolean;
  /** The spec steps found (empty for a stutter), as the spec's buttons name them. */
  readonly via: readonly string[];
}

/** An invariant in the current state. */
export interface InvariantNow {
  /** Its name. */
  readonly name: string;
  /** Does it hold? */
  readonly holds: boolean;
  /** If it does not, why not. */
  readonly why?: string;
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

/** An envelope as the actor system's labels write it: `query(1,l1) → a1 a2 a3`. */
function envelopeText(sys: ActorSystem<any, any, any>, e: Envelope<unknown>): string {
  return `${sys.showMessage(e.msg)} → ${e.to.map((p) => sys.names[p]).join(' ')}`;
}

/** The messages in `b` and not in `a`, counting copies, as texts. */
function added(
  sys: ActorSystem<any, any, any>,
  a: readonly Envelope<unknown>[],
  b: readonly Envelope<unknown>[],
): string[] {
  const had = new Map<string, number>();
  for (const e of a) had.set(sys.network.key(e), (had.get(sys.network.key(e)) ?? 0) + 1);
  const out: string[] = [];
  for (const e of b) {
    const k = sys.network.key(e);
    const c = had.get(k) ?? 0;
    if (c > 0) had.set(k, c - 1);
    else out.push(envelopeText(sys, e));
  }
  return out;
}

/**
 * What a step changes, for a line of text: each variable of the view that
 * changed, as `x := 1`, and, in an actor system, the network as the
 * messages the step added and removed (`network: + 1 → r2; − 1 → r1`)
 * rather than its whole new value.
 *
 * @param m - the machine
 * @param from - the state before
 * @param to - the state after
 * @returns the changes, separated by `; `, or '' if the view shows none
 */
export function changeOf<S>(m: Machine<S>, from: S, to: S): string {
  const a = m.view(from);
  const b = m.view(to);
  const out: string[] = [];
  // In an actor system, the variables that show the network: those that a
  // change of the network alone changes.
  let netKeys = new Set<string>();
  let netText = '';
  if (isActorSystem(m)) {
    const x = from as { readonly net: readonly Envelope<unknown>[] };
    const y = to as { readonly net: readonly Envelope<unknown>[] };
    if (x.net !== y.net) {
      const swapped = m.view({ ...y, net: x.net } as S);
      netKeys = new Set(Object.keys(b).filter((k) => show(b[k]) !== show(swapped[k])));
      const plus = added(m, x.net, y.net).map((t) => `+ ${t}`);
      const minus = added(m, y.net, x.net).map((t) => `− ${t}`);
      if (plus.length || minus.length)
        netText = `network: ${[plus.join(', '), minus.join(', ')].filter(Boolean).join('; ')}`;
    }
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (netKeys.has(k)) continue;
    const v = show(b[k]);
    if (show(a[k]) !== v) out.push(`${k} := ${v || '-'}`);
  }
  if (netText) out.push(netText);
  return out.join('; ');
}

/**
 * The ways of the choices that share a label: what each changes, or, if
 * two of them change alike, which of the ways it is.
 */
function waysOf<S>(m: Machine<S>, s: S, cs: readonly Choice<S>[]): Map<Choice<S>, string> {
  const byLabel = new Map<string, Choice<S>[]>();
  for (const c of cs) {
    const t = labelText(c.label);
    byLabel.set(t, [...(byLabel.get(t) ?? []), c]);
  }
  const out = new Map<Choice<S>, string>();
  for (const group of byLabel.values()) {
    if (group.length < 2) continue;
    const texts = group.map((c) => changeOf(m, s, c.next) || 'no change');
    group.forEach((c, i) => {
      const t = texts[i]!;
      out.set(c, texts.indexOf(t) === texts.lastIndexOf(t) ? t : `${t}, way ${i + 1}`);
    });
  }
  return out;
}

/**
 * A spec step as the reader would name it: its label, and, if the spec
 * could have taken the same action another way from that state, the way
 * it took (`Allow(1) with no change`).
 */
function stepText<X>(spec: Machine<X>, st: Step<X>): string {
  const t = labelText(st.label);
  const to = spec.key(st.to);
  const cs = choicesFrom(spec, st.from);
  const c = cs.find((x) => labelText(x.label) === t && spec.key(x.next) === to);
  const way = c ? waysOf(spec, st.from, cs).get(c) : undefined;
  return way ? `${t} with ${way}` : t;
}

/** A run in progress. */
export class Session<S = any, X = any> {
  /** The implementation. */
  readonly machine: Machine<S>;
  /** The spec above, if the model has one. */
  readonly spec: Machine<X> | undefined;
  private readonly init: S;
  private readonly invs: readonly Invariant<S>[];
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
    this.invs = model.invariants?.() ?? [];
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

  /** The process that takes a step, by name, if one does. */
  private actorOf(l: Label): string | undefined {
    if (this.model.actor) return this.model.actor(l);
    const m = this.machine;
    if (!isActorSystem(m)) return undefined;
    const p = m.actor(l);
    return p === undefined ? undefined : m.names[p];
  }

  /** The receivers and messages delivered in the first n steps, as keys. */
  private delivered(n: number): Set<string> {
    const out = new Set<string>();
    const m = this.machine;
    if (!isActorSystem(m)) return out;
    for (const st of this.steps.slice(0, n)) {
      const k = this.deliveryKey(st.label);
      if (k !== undefined) out.add(k);
    }
    return out;
  }

  /** A delivery's message and receiver, as a key; undefined for any other step. */
  private deliveryKey(l: Label): string | undefined {
    const m = this.machine;
    if (!isActorSystem(m) || !m.Deliver.is(l)) return undefined;
    return `${m.network.key(l.param.env)}\u0000${l.param.to}`;
  }

  /** The group a step is shown in. */
  private groupOf(l: Label): string {
    if (l.fault) return FAULTS;
    if (l.external) return EXTERNAL;
    return this.actorOf(l) ?? OTHER;
  }

  /**
   * The steps enabled now, as the page shows them: each with its group,
   * what it changes, whether the last step enabled it, whether it is a
   * duplicate delivery, and its way if its label is shared.
   *
   * @returns the steps, in the machine's order
   */
  enabled(): EnabledStep<S>[] {
    const s = this.state;
    const cs = this.choices();
    const last = this.steps[this.steps.length - 1];
    const before = last
      ? new Set(choicesFrom(this.machine, last.from).map((c) => c.text))
      : undefined;
    const had = this.delivered(this.steps.length);
    const ways = waysOf(this.machine, s, cs);
    return cs.map((c) => {
      const k = this.deliveryKey(c.label);
      const way = ways.get(c);
      return {
        ...c,
        group: this.groupOf(c.label),
        fresh: before !== undefined && !before.has(c.text),
        again: k !== undefined && had.has(k),
        change: changeOf(this.machine, s, c.next),
        ...(way !== undefined ? { way } : {}),
      };
    });
  }

  /**
   * The enabled steps by group: external steps first, then one group per
   * process in the order the processes first appear, then the internal
   * steps of no one process, then the faults. Empty groups are left out.
   *
   * @returns the groups
   */
  groups(): StepGroup<S>[] {
    const steps = this.enabled();
    const names: string[] = [];
    for (const st of steps)
      if (![EXTERNAL, FAULTS, OTHER].includes(st.group) && !names.includes(st.group))
        names.push(st.group);
    if (isActorSystem(this.machine) && !this.model.actor) {
      const order = this.machine.names;
      names.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    } else names.sort(compareText);
    return [EXTERNAL, ...names, OTHER, FAULTS]
      .map((name) => ({ name, steps: steps.filter((st) => st.group === name) }))
      .filter((g) => g.steps.length > 0);
  }

  /**
   * The run so far, step by step, as the page lists it.
   *
   * @returns each step's label, what it changed, and whether it was a duplicate delivery
   */
  history(): TakenStep[] {
    const seen = new Set<string>();
    return this.steps.map((st) => {
      const k = this.deliveryKey(st.label);
      const again = k !== undefined && seen.has(k);
      if (k !== undefined) seen.add(k);
      return { label: st.label, change: changeOf(this.machine, st.from, st.to), again };
    });
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
   * The model's invariants in the current state.
   *
   * @returns each invariant, whether it holds, and if not why not (empty if the model has none)
   */
  invariants(): InvariantNow[] {
    const s = this.state;
    return this.invs.map((inv) => {
      if (inv.holds(s)) return { name: inv.name, holds: true };
      return { name: inv.name, holds: false, why: inv.why ? inv.why(s) : 'violated' };
    });
  }

  /**
   * Whether the initial state keeps the first obligation of §5.1: its image
   * is an initial state of the spec.
   *
   * @returns the verdict, or undefined if the model has no spec above
   */
  initialOk(): boolean | undefined {
    const f = this.model.abstraction;
    if (!this.spec || !f) return undefined;
    const spec = this.spec;
    const k = spec.key(f(this.init));
    return [...spec.init()].some((x) => spec.key(x) === k);
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
