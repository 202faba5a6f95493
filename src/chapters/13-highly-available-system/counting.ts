/**
 * Counting what the system costs (§7, §8): driven runs (the library's
 * `drive`, every message taking one tick) in which l1 becomes primary and
 * takes its lease, c1 writes and reads one call at a time, l2 takes over,
 * and c2 writes and reads under l2. From the run: the messages each call
 * sends, by kind, from its call to its return, and those of the primary
 * change, from l2's new round to its own lease.
 *
 * @module
 */
import type { DriveStep, Trace } from '../../index';
import { drive, nil, processStep } from '../../index';
import { showInput } from '../01-replicated-state-machines/storage';
import type { HaConfig } from './config';
import { countConfig } from './config';
import { clientName, entryOf, inputOf } from './service';
import type { HaMsg, HaState, HaSystem } from './system';
import { haSystem } from './system';

/** Messages by kind: request, reply, query, report, command, accepted (and poll, next). */
export type Messages = Readonly<Record<string, number>>;

/**
 * A message's kind, as the counts name it.
 *
 * @param m - the message
 * @returns its kind
 */
export const kindOf = (m: HaMsg): string => (m.k === 'status' ? 'report' : m.k);

/** What one call cost: its messages by kind, and the ticks from its call to its return. */
export interface CallCost {
  /** The client and its input: `c1 Write(x, 1)`. */
  readonly call: string;
  readonly messages: Messages;
  /** Messages between the agents and the primary (consensus), requests and replies left out. */
  readonly consensus: number;
  readonly ticks: number;
}

/** What the primary change cost. */
export interface ChangeCost {
  readonly messages: Messages;
  /** Entries the new primary commanded again (what its query found). */
  readonly again: number;
  /** Ticks from its query's end to its going to work: the wait for the old lease. */
  readonly waited: number;
  /** Ticks from its new round to its own lease. */
  readonly ticks: number;
}

/**
 * The driven run: l1 starts its round at once; once it holds its lease, c1
 * makes its calls one at a time, each when nothing is in flight; then l2
 * starts its round; once it holds its lease, c2 makes its calls.
 *
 * @param c - the configuration (two leaders, two clients)
 * @param seed - the seed (every message takes one tick, so it changes nothing here)
 * @returns the system and the run
 * @throws Error if the run ends before every call has returned
 */
export function drivenRun(
  c: HaConfig = countConfig,
  seed = 1,
): { readonly sys: HaSystem; readonly trace: Trace<HaState> } {
  const sys = haSystem(c);
  const [l1, l2] = sys.ids.leaders as [number, number];
  const ready = (s: HaState, l: number) => {
    const ls = s.leaders[l]!;
    return ls.lease !== nil && ls.applied === ls.decided.length && s.net.length === 0;
  };
  const next = (s: HaState, i: number): DriveStep<HaState>[] => {
    const cl = s.clients[i]!;
    if (cl.phase !== 'idle' || cl.seq >= c.scripts[i]!.length) return [];
    // A DriveStep of its own: processStep's argument type does not take a union of inputs.
    return [
      { action: sys.Call, param: { p: sys.ids.clients[i]!, arg: inputOf(c, i, cl.seq + 1) } },
    ];
  };
  const done = (s: HaState, i: number) =>
    s.clients[i]!.phase === 'idle' && s.clients[i]!.seq === c.scripts[i]!.length;
  const d = drive(sys, {
    seed,
    horizon: c.horizon,
    delay: () => 1,
    trace: true,
    until: (s) => done(s, 0) && done(s, 1),
    workload: (s) => {
      if (s.leaders[0]!.n === nil) return { steps: [processStep(sys.NewRound, l1)] };
      if (!done(s, 0)) return ready(s, 0) ? { steps: next(s, 0) } : {};
      if (s.leaders[1]!.n === nil) return { steps: [processStep(sys.NewRound, l2)] };
      return ready(s, 1) ? { steps: next(s, 1) } : {};
    },
  });
  if (d.ended !== 'until')
    throw new Error(`drivenRun: the run ended (${d.ended}) before every call returned`);
  return { sys, trace: d.trace! };
}

/** The messages a step sends, by kind: the copies in flight after it that were not before. */
function sentBy(step: Trace<HaState>['steps'][number], into: Record<string, number>): void {
  if (step.to.net === step.from.net) return;
  for (const e of step.to.net)
    if (!step.from.net.includes(e)) into[kindOf(e.msg)] = (into[kindOf(e.msg)] ?? 0) + 1;
}

const consensusOf = (m: Messages) =>
  Object.entries(m).reduce((n, [k, v]) => (k === 'request' || k === 'reply' ? n : n + v), 0);

// #region count
/**
 * What each call of a run cost, from its `Call` to its `Return`.
 *
 * @param sys - the system
 * @param t - the run
 * @returns one cost per call, in the order of the calls
 */
export function callCosts(sys: HaSystem, t: Trace<HaState>): CallCost[] {
  const out: CallCost[] = [];
  const first = sys.ids.clients[0]!;
  t.steps.forEach((s, k) => {
    if (!sys.Call.is(s.label)) return;
    const i = s.label.param.p - first;
    const messages: Record<string, number> = {};
    let end = k;
    for (let j = k; j < t.steps.length; j++) {
      const x = t.steps[j]!;
      sentBy(x, messages);
      end = j;
      if (sys.Return.is(x.label) && x.label.param.p === s.label.param.p) break;
    }
    const seq = s.to.clients[i]!.seq;
    out.push({
      call: `${clientName(i)} ${showInput(inputOf(sys.config, i, seq))}`,
      messages,
      consensus: consensusOf(messages),
      ticks: t.steps[end]!.to.now - s.from.now,
    });
  });
  return out;
}

/**
 * What the primary change of a run cost: from the new round of the leader
 * of the run's second round to the step where it holds its own lease.
 *
 * @param sys - the system
 * @param t - the run
 * @returns the cost
 * @throws Error if the run has no such change
 */
export function changeCostOf(sys: HaSystem, t: Trace<HaState>): ChangeCost {
  const l = sys.config.rounds[1]!;
  const p = sys.ids.leaders[l]!;
  const from = t.steps.findIndex((s) => sys.NewRound.is(s.label) && s.label.param.p === p);
  if (from < 0) throw new Error('changeCostOf: the run has no new round of a second leader');
  const messages: Record<string, number> = {};
  let queried = -1;
  let working = -1;
  for (let j = from; j < t.steps.length; j++) {
    const s = t.steps[j]!;
    sentBy(s, messages);
    const ls = s.to.leaders[l]!;
    if (queried < 0 && ls.phase === 'primary') queried = s.to.now;
    if (working < 0 && ls.working) working = s.to.now;
    if (ls.lease !== nil) {
      const again = ls.decided.filter((v) => {
        const e = entryOf(sys.config, v);
        return !(e.k === 'lease' && e.l === l);
      }).length;
      return {
        messages,
        again,
        waited: working - queried,
        ticks: s.to.now - t.steps[from]!.from.now,
      };
    }
  }
  throw new Error('changeCostOf: the new primary never holds its lease in the run');
}
// #endregion count

/** The costs the bench prints: per write and per read in steady state, and the primary change. */
export interface Costs {
  /** c1's first write, under l1. */
  readonly write: CallCost;
  /** c1's first read, under l1's lease. */
  readonly read: CallCost;
  /** Every call of the run. */
  readonly calls: readonly CallCost[];
  /** l2 taking over. */
  readonly change: ChangeCost;
  /** Does each command after a primary's first carry the outcome of the instance before? */
  readonly piggybacked: boolean;
}

/**
 * The costs of the driven run of a configuration.
 *
 * @param c - the configuration
 * @returns the costs
 */
export function costs(c: HaConfig = countConfig): Costs {
  const { sys, trace } = drivenRun(c);
  const calls = callCosts(sys, trace);
  const firstOf = (op: 'Write' | 'Read') => calls.find((x) => x.call.startsWith(`c1 ${op}`))!;
  // Every command for instance p > 0 carries the outcome of p - 1: no message of its own.
  const piggybacked = trace.steps.every((s) =>
    s.to.net.every((e) => e.msg.k !== 'command' || e.msg.p === 0 || e.msg.out !== nil),
  );
  return {
    write: firstOf('Write'),
    read: firstOf('Read'),
    calls,
    change: changeCostOf(sys, trace),
    piggybacked,
  };
}
