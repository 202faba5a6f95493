/**
 * Sequence diagrams the site draws for models whose chapter gives none: a
 * match on the machine, and a function from a run to lanes and events. The
 * figures and the explorer both look here before falling back to one lane
 * per state variable ({@link fallbackDiagram}).
 *
 * A chapter that gives its named runs a `diagram` needs nothing here (the
 * chapter's own diagram comes first); this list is for models whose chapter
 * gives none (chapters 01 and 05 so far).
 *
 * @module
 */
import type {
  Message,
  ReplicationState,
} from '../chapters/01-replicated-state-machines/replication';
import { replicaName } from '../chapters/01-replicated-state-machines/replication';
import { showInput, showState } from '../chapters/01-replicated-state-machines/storage';
import type { Value } from '../chapters/03-consensus-specs/specs';
import {
  C,
  type CoordState,
  type OutcomeMsg,
} from '../chapters/05-simple-implementations/coordinator';
import type { ChoiceMsg, MajState } from '../chapters/05-simple-implementations/majority';
import { pname } from '../chapters/05-simple-implementations/processes';
import {
  labelText,
  type Machine,
  type SequenceDiagram,
  type SequenceEvent,
  type Trace,
} from '../index';
import { fallbackDiagram } from './fallbackDiagram';

/** A diagram the site knows how to draw for some machines. */
export interface SiteDiagram {
  /** Which machines it is for. */
  readonly matches: (m: Machine<any>) => boolean;
  /** The run as lanes and events. */
  readonly diagram: (t: Trace<any>) => SequenceDiagram;
}

/**
 * Chapter 01's replication (§2.1) as messages: the primary sends each
 * numbered entry to every replica; `Deliver(n -> r)` is its arrival at r,
 * with what r then applied as the note.
 *
 * @param t - a run of the replication machine
 * @returns the primary and one lane per replica
 */
export function replicationDiagram(t: Trace<ReplicationState>): SequenceDiagram {
  const lanes = ['primary', ...t.init.replicas.map((_, i) => replicaName(i))];
  const events: SequenceEvent[] = [];
  t.steps.forEach((s, i) => {
    const step = i + 1;
    if (s.label.action === 'Request') {
      const entry = s.to.primary.log[s.from.primary.log.length];
      if (!entry) return;
      events.push({
        step,
        kind: 'send',
        lane: 'primary',
        to: lanes.slice(1),
        id: entry.n,
        message: `${entry.n}: ${showInput(entry.input)}`,
      });
    } else if (s.label.action === 'Deliver') {
      const m = s.label.param as Message;
      const r = replicaName(m.to);
      events.push({
        step,
        kind: 'receive',
        lane: r,
        id: m.entry.n,
        message: `${m.entry.n}: ${showInput(m.entry.input)}`,
        note: receiveNote(s.from.replicas[m.to]!, s.to.replicas[m.to]!),
      });
    } else if (s.label.action === 'Drop' || s.label.action === 'Duplicate') {
      const m = s.label.param as Message;
      events.push({
        step,
        kind: s.label.action === 'Drop' ? 'drop' : 'duplicate',
        lane: replicaName(m.to),
        to: [replicaName(m.to)],
        id: m.entry.n,
        message: `${m.entry.n}: ${showInput(m.entry.input)}`,
      });
    } else {
      events.push({ step, kind: 'local', lane: 'primary', message: labelText(s.label) });
    }
  });
  return { title: 'primary-copy replication', lanes, events };
}

type AnyReplica = ReplicationState['replicas'][number];

/** What a delivery did to a replica, in a few words: `applies 1, 2: {x: 3}`, `waits`, `duplicate`. */
function receiveNote(a: AnyReplica, b: AnyReplica): string {
  if (b.next > a.next) {
    const ns = Array.from({ length: b.next - a.next }, (_, k) => a.next + k);
    return `applies ${ns.join(', ')}: ${showState(b.state)}`;
  }
  if (b.waiting.length > a.waiting.length) return `waits for ${a.next}`;
  return 'duplicate, ignored';
}

/**
 * Chapter 05's coordinator (§3, §5.2) as messages: the coordinator p1 chooses
 * and sends `outcome(v)` to the others; deliveries, losses, crashes, and the
 * external `Allow` and `Outcome` steps on the process where they happen.
 *
 * @param t - a run of the coordinator machine
 * @returns one lane per process
 */
export function coordinatorDiagram(t: Trace<CoordState>): SequenceDiagram {
  const lanes = t.init.outcome.map((_, i) => pname(i));
  const events: SequenceEvent[] = [];
  t.steps.forEach((s, i) => {
    const step = i + 1;
    const a = s.label.action;
    const p = s.label.param;
    if (a === 'Choose') {
      const v = p as Value;
      events.push({
        step,
        kind: 'send',
        lane: lanes[C]!,
        to: lanes.filter((_, k) => k !== C),
        id: `o${v}`,
        message: `outcome(${v})`,
      });
    } else if (a === 'Tell') {
      const v = s.from.outcome[C];
      events.push({
        step,
        kind: 'send',
        lane: lanes[C]!,
        to: [pname(p as number)],
        id: `o${v}`,
        message: `outcome(${v})`,
      });
    } else if (a === 'Deliver' || a === 'Lose') {
      const m = p as OutcomeMsg;
      events.push({
        step,
        kind: a === 'Deliver' ? 'receive' : 'drop',
        lane: pname(m.to),
        id: `o${m.v}`,
        message: `outcome(${m.v})`,
        ...(a === 'Deliver' ? { note: `outcome := ${m.v}` } : {}),
      });
    } else if (a === 'Crash') events.push({ step, kind: 'crash', lane: pname(p as number) });
    else if (a === 'Allow')
      events.push({ step, kind: 'external', lane: lanes[C]!, message: labelText(s.label) });
    else if (a === 'Outcome')
      events.push({
        step,
        kind: 'external',
        lane: pname(p as number),
        message: labelText(s.label),
      });
    else events.push({ step, kind: 'local', lane: lanes[C]!, message: labelText(s.label) });
  });
  return { title: 'the coordinator', lanes, events };
}

/**
 * Chapter 05's majority (§3, §5.2) as messages: each process chooses and
 * sends `choice(p, v)` to the others, who may each read it; a loss loses it
 * for everyone who has not read it yet.
 *
 * @param t - a run of the majority machine
 * @returns one lane per process
 */
export function majorityDiagram(t: Trace<MajState>): SequenceDiagram {
  const lanes = t.init.choice.map((_, i) => pname(i));
  const events: SequenceEvent[] = [];
  const read = new Map<string, Set<number>>();
  const idOf = (m: ChoiceMsg) => `c${m.from}:${m.v}`;
  t.steps.forEach((s, k) => {
    const step = k + 1;
    const a = s.label.action;
    const p = s.label.param;
    const sent = s.to.net.find((m) => !s.from.net.some((x) => x.from === m.from && x.v === m.v));
    if (a === 'Choose' || a === 'Send') {
      const [i, v] =
        a === 'Choose' ? (p as [number, Value]) : [p as number, s.to.choice[p as number]];
      // The message says what was chosen; a choice sent nowhere is a mark on the lane.
      if (a === 'Choose' && !sent)
        events.push({ step, kind: 'local', lane: pname(i), note: `choice := ${v}` });
      if (sent) {
        read.set(idOf(sent), new Set());
        events.push({
          step,
          kind: 'send',
          lane: pname(sent.from),
          to: lanes.filter((_, j) => j !== sent.from),
          id: idOf(sent),
          message: `choice(${pname(sent.from)}, ${sent.v})`,
        });
      }
    } else if (a === 'Receive') {
      const [i, m] = p as [number, ChoiceMsg];
      read.get(idOf(m))?.add(i);
      events.push({
        step,
        kind: 'receive',
        lane: pname(i),
        id: idOf(m),
        message: `choice(${pname(m.from)}, ${m.v})`,
        note: `heard ${pname(m.from)}: ${m.v}`,
      });
    } else if (a === 'Lose') {
      const m = p as ChoiceMsg;
      const got = read.get(idOf(m)) ?? new Set();
      lanes.forEach((l, j) => {
        if (j !== m.from && !got.has(j))
          events.push({
            step,
            kind: 'drop',
            lane: l,
            id: idOf(m),
            message: `choice(${pname(m.from)}, ${m.v})`,
          });
      });
    } else if (a === 'Crash') events.push({ step, kind: 'crash', lane: pname(p as number) });
    else if (a === 'Allow') {
      const [i] = p as [number, Value];
      events.push({ step, kind: 'external', lane: pname(i), message: labelText(s.label) });
    } else if (a === 'Outcome')
      events.push({
        step,
        kind: 'external',
        lane: pname(p as number),
        message: labelText(s.label),
      });
    else events.push({ step, kind: 'local', lane: lanes[0]!, message: labelText(s.label) });
  });
  return { title: 'the majority', lanes, events };
}

/** The diagrams the site knows, tried in order. */
export const siteDiagrams: readonly SiteDiagram[] = [
  {
    matches: (m) => m.name.startsWith('Replication('),
    diagram: replicationDiagram,
  },
  { matches: (m) => m.name.startsWith('Coordinator('), diagram: coordinatorDiagram },
  { matches: (m) => m.name.startsWith('Majority('), diagram: majorityDiagram },
];

/**
 * The best diagram of a run: the chapter's own, else one the site knows for
 * the machine, else one lane per state variable.
 *
 * @param m - the machine that made the run
 * @param t - the run
 * @param own - the chapter's `diagram`, if it gives one
 * @returns the diagram
 */
export function diagramOf<S>(
  m: Machine<S>,
  t: Trace<S>,
  own?: (t: Trace<S>) => SequenceDiagram,
): SequenceDiagram {
  if (own) return own(t);
  const known = siteDiagrams.find((d) => d.matches(m));
  return known ? known.diagram(t) : fallbackDiagram(m, t);
}
