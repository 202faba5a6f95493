/**
 * One sequence-diagram builder for every actor system: a lane per process,
 * an arrow per copy of a message from the step that sent it to the step
 * that delivered it, losses, duplicates, crashes, recoveries, timers, and
 * the external steps as boxes.
 *
 * @module
 */
import type { ActorState, ActorSystem, AnyRole } from './actors';
import type { SequenceDiagram, SequenceEvent } from './diagram';
import { labelText } from './label';
import type { Envelope } from './network';
import type { ProcessParam } from './process';
import type { Step, Trace } from './trace';
import { show } from './value';

/**
 * How to draw an actor system's run.
 *
 * @category Actors
 */
export interface ActorDiagramOptions {
  /**
   * The note beside a process's step: what the step did to it.
   *
   * @defaultValue the fields of its state that changed, as `field := value`
   */
  readonly note?: (
    p: number,
    before: unknown,
    after: unknown,
    step: Step<any>,
  ) => string | undefined;
  /**
   * The figure's title.
   *
   * @defaultValue the system's name
   */
  readonly title?: string;
}

/** What changed in a process's state, field by field: `outcome := 7`. */
function fieldChanges(before: unknown, after: unknown): string | undefined {
  if (before === after) return undefined;
  if (typeof before !== 'object' || typeof after !== 'object' || !before || !after)
    return `:= ${show(after)}`;
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const out: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = show(a[k]);
    const y = show(b[k]);
    if (x !== y) out.push(`${k} := ${y || '-'}`);
  }
  return out.join(', ') || undefined;
}

/**
 * A run of an actor system as lanes and events.
 *
 * @param sys - the system that made the run
 * @param t - the run
 * @param o - notes and title
 * @returns the diagram
 * @category Actors
 */
export function actorDiagram<R extends Record<string, AnyRole<M>>, M, H>(
  sys: ActorSystem<R, M, H>,
  t: Trace<ActorState<R, M, H>>,
  o: ActorDiagramOptions = {},
): SequenceDiagram {
  const lanes = sys.names;
  const events: SequenceEvent[] = [];
  const net = sys.network;
  const showMsg = sys.showMessage;
  // The copies of each envelope in flight: an id, and the lanes it has not reached yet.
  const live = new Map<string, { id: string; pending: Set<number> }[]>();
  let next = 0;
  const down = new Set<number>();
  const noteOf = o.note ?? ((_p: number, a: unknown, b: unknown) => fieldChanges(a, b));
  const procState = (s: ActorState<R, M, H>, p: number) => sys.process(s, p);
  /** Envelopes in `after` and not in `before` (counting copies), as sends. */
  const sendNew = (step: number, before: readonly Envelope<M>[], after: readonly Envelope<M>[]) => {
    if (before === after) return false;
    const had = new Map<string, number>();
    for (const e of before) had.set(net.key(e), (had.get(net.key(e)) ?? 0) + 1);
    let sent = false;
    for (const e of after) {
      const k = net.key(e);
      const c = had.get(k) ?? 0;
      if (c > 0) {
        had.set(k, c - 1);
        continue;
      }
      const id = `m${++next}`;
      const copies = live.get(k) ?? [];
      copies.push({ id, pending: new Set(e.to) });
      live.set(k, copies);
      events.push({
        step,
        kind: 'send',
        lane: lanes[e.from]!,
        to: e.to.map((p) => lanes[p]!),
        id,
        message: showMsg(e.msg),
      });
      sent = true;
    }
    return sent;
  };
  /** One copy of an envelope lost: a drop on each lane it has not reached. */
  const drop = (step: number, env: Envelope<M>) => {
    const copies = live.get(net.key(env));
    const copy = copies?.[0];
    const targets = copy?.pending.size ? [...copy.pending] : env.to;
    for (const p of targets)
      events.push({
        step,
        kind: 'drop',
        lane: lanes[p]!,
        ...(copy?.pending.size ? { id: copy.id } : {}),
        message: showMsg(env.msg),
      });
    if (copy && copies) copies.splice(0, 1);
  };
  const back = (step: number, p: number) => {
    if (down.delete(p)) events.push({ step, kind: 'recover', lane: lanes[p]! });
  };
  t.steps.forEach((st, k) => {
    const step = k + 1;
    const { label, from, to } = st;
    const s0 = from;
    const s1 = to;
    if (sys.Tick.is(label)) {
      // Time passing the deadline of a message that could not arrive loses it.
      if (s0.net !== s1.net) {
        const left = new Map<string, number>();
        for (const e of s1.net) left.set(net.key(e), (left.get(net.key(e)) ?? 0) + 1);
        for (const e of s0.net) {
          const c = left.get(net.key(e)) ?? 0;
          if (c > 0) left.set(net.key(e), c - 1);
          else drop(step, e);
        }
      }
      return;
    }
    if (sys.Deliver.is(label)) {
      const { env, to: p } = label.param;
      const lane = lanes[p]!;
      back(step, p);
      const copies = live.get(net.key(env));
      const copy = copies?.find((c) => c.pending.has(p)) ?? copies?.[0];
      if (copy && !copy.pending.has(p))
        events.push({
          step,
          kind: 'duplicate',
          lane,
          to: [lane],
          id: copy.id,
          message: showMsg(env.msg),
        });
      copy?.pending.delete(p);
      if (copy && net.kind !== 'set' && copies) copies.splice(copies.indexOf(copy), 1);
      const note = noteOf(p, procState(from, p), procState(to, p), st);
      events.push({
        step,
        kind: 'receive',
        lane,
        ...(copy ? { id: copy.id } : {}),
        message: showMsg(env.msg),
        ...(note ? { note } : {}),
      });
      sendNew(step, s0.net, s1.net);
      return;
    }
    if (sys.Lose.is(label)) {
      drop(step, label.param);
      return;
    }
    if (sys.Duplicate.is(label)) {
      const env = label.param;
      const copies = live.get(net.key(env)) ?? [];
      const orig = copies[0];
      const id = orig?.id ?? `m${++next}`;
      copies.push({ id, pending: new Set(env.to) });
      live.set(net.key(env), copies);
      for (const p of env.to)
        events.push({
          step,
          kind: 'duplicate',
          lane: lanes[p]!,
          to: [lanes[p]!],
          id,
          message: showMsg(env.msg),
        });
      return;
    }
    if (sys.Crash.is(label)) {
      const p = label.param;
      const survives = to.up[p];
      if (survives) down.add(p); // restarts: back when it next acts
      events.push({ step, kind: 'crash', lane: lanes[p]! });
      return;
    }
    if (sys.Recover.is(label)) {
      events.push({ step, kind: 'recover', lane: lanes[label.param]! });
      return;
    }
    if (sys.Partition.is(label) || sys.Heal.is(label)) {
      events.push({ step, kind: 'local', lane: lanes[0]!, message: labelText(label) });
      return;
    }
    if (sys.Drift.is(label)) {
      const { p, by } = label.param;
      events.push({
        step,
        kind: 'local',
        lane: lanes[p]!,
        message: `clock ${by > 0 ? '+1' : '-1'}`,
      });
      return;
    }
    // A process's own step.
    const p = (label.param as ProcessParam<unknown>).p;
    back(step, p);
    const note = noteOf(p, procState(from, p), procState(to, p), st);
    const text = sys.localText(label);
    if (label.external) {
      events.push({
        step,
        kind: 'external',
        lane: lanes[p]!,
        message: text,
        ...(note ? { note } : {}),
      });
      sendNew(step, s0.net, s1.net);
      return;
    }
    const timer = sys.isTimer(label);
    // What it sends says what it did; a mark only for a step that sends nothing new.
    if (!sendNew(step, s0.net, s1.net) || timer)
      events.push({
        step,
        kind: timer ? 'timer' : 'local',
        lane: lanes[p]!,
        message: text,
        ...(note ? { note } : {}),
      });
  });
  return { title: o.title ?? sys.name, lanes, events };
}
