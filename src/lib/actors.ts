/**
 * Message-passing systems as machines: processes (see {@link role}) wired
 * to a network (see {@link network}), with faults as ordinary actions that
 * have budgets, and, as an option, real time with a clock per process. The
 * result is a {@link Machine}, so every check works on it unchanged.
 *
 * | action            | kind     | when                                                      |
 * |-------------------|----------|-----------------------------------------------------------|
 * | a process's own   | as given | the process is up and the step's guard holds (a timer: it is due) |
 * | Deliver(m → p)    | internal | m is in flight to p, p is up (and, timed, m was sent before now) |
 * | Tick(t)           | internal | timed: t = now + 1, no timer is due, and no deadline of a message that can arrive passes (one that cannot is lost) |
 * | !Lose(m)          | fault    | m is in flight, within the loss budget                    |
 * | !Duplicate(m)     | fault    | `multiset` or `ordered`: m is in flight, within the budget |
 * | !Crash(p)         | fault    | p is up, within its role's crash budget                   |
 * | Recover(p)        | internal | p is down and its role recovers                           |
 * | !Partition(side)  | fault    | no partition now, within the budget: messages across the sides wait |
 * | Heal              | internal | a partition is in place                                   |
 * | !Drift(p, ±1)     | fault    | timed, with a drift bound: p's clock moves one tick, staying within the bound |
 *
 * @module
 */

import { H, hashValue } from './_internal/hash';
import { oncePerObject } from './_internal/memo';
import type { Label } from './label';
import { labelText } from './label';
import type { Action, Machine } from './machine';
import { action, to } from './machine';
import type { Delivery, Envelope, Network, NetworkKind } from './network';
import { network } from './network';
import type { ProcessAction, ProcessContext, ProcessParam, Reaction, Role } from './process';
import { afterCrash } from './process';
import type { Step } from './trace';
import type { Nil } from './value';
import { canonical, nil, show } from './value';

/**
 * A role of any state type, for a system's table of roles.
 *
 * @category Actors
 */
export type AnyRole<M> = Role<any, M>;

/**
 * The state of each process, role by role: `s.agents[i]` is agent i's.
 *
 * @category Actors
 */
export type RoleStates<R> = {
  readonly [K in keyof R]: R[K] extends Role<infer S, any> ? readonly S[] : never;
};

/**
 * Faults used so far, against their budgets.
 *
 * @category Actors
 */
export interface FaultsUsed {
  /** Messages lost. */
  readonly lost: number;
  /** Messages duplicated. */
  readonly duplicated: number;
  /** Crashes so far, by role, in the roles' order. */
  readonly crashed: readonly number[];
  /** Partitions. */
  readonly partitions: number;
  /** Clock drifts. */
  readonly drifts: number;
}

/**
 * What every system's state has besides its processes.
 *
 * @category Actors
 */
export interface SystemState<M, H> {
  /** The messages in flight, in the network's canonical order. */
  readonly net: readonly Envelope<M>[];
  /** Which processes are up, by id. */
  readonly up: readonly boolean[];
  /** The history variables (§5.1), if the system records any. */
  readonly history: H;
  /** Faults used so far (counted only where the budget is finite). */
  readonly faults: FaultsUsed;
  /** Real time (timed systems), else 0. */
  readonly now: number;
  /** Each process's clock offset: its clock reads now + offset (timed systems). */
  readonly clocks: readonly number[];
  /** During a partition, the ids on one side of it (the side with process 0); else nil. */
  readonly partition: readonly number[] | Nil;
}

/**
 * A system's whole state: its processes by role, and the network, history,
 * faults and time.
 *
 * @category Actors
 */
export type ActorState<R, M, H = undefined> = RoleStates<R> & SystemState<M, H>;

/**
 * A history variable (§5.1): a part of the state that records what has
 * happened and never steers.
 *
 * @category Actors
 */
export interface ActorHistory<H, S> {
  /** Its value in every initial state. */
  readonly init: H;
  /** Its value after a step (`step.to` still holds the value before). */
  readonly record: (h: H, step: Step<S>) => H;
  /**
   * A compact key of a value, if the default is slow.
   *
   * @defaultValue {@link canonical} of the value
   */
  readonly key?: (h: H) => string;
}

/**
 * Which faults may happen, and how often in one run (Infinity: no budget).
 *
 * @category Actors
 */
export interface FaultBudgets<K extends string> {
  /**
   * Messages lost.
   *
   * @defaultValue 0
   */
  readonly lose?: number;
  /**
   * Messages duplicated (always 0 on a `set` network, which duplicates by itself).
   *
   * @defaultValue 0
   */
  readonly duplicate?: number;
  /**
   * Crashes, by role.
   *
   * @defaultValue 0 for every role
   */
  readonly crash?: Partial<Record<K, number>>;
  /**
   * Partitions of the network into two sides (each healed before the next).
   *
   * @defaultValue 0
   */
  readonly partition?: number;
}

/**
 * Real time: time passes by `Tick`, every process has a clock, and every
 * message arrives within `maxDelay` of its send, unless it cannot (its
 * receiver is down, or across a partition, at its deadline): then it is
 * lost. A finite `maxDelay` needs a `multiset` or `ordered` network.
 *
 * @category Actors
 */
export interface TimeOptions {
  /** How long a message may take, in ticks (at least 1), or Infinity (an untimely network). */
  readonly maxDelay: number;
  /** A bound of the check: time does not pass beyond it. */
  readonly horizon: number;
  /**
   * Each process's clock offset at the start: its clock reads now + offset.
   *
   * @defaultValue 0 for every process
   */
  readonly skew?: (p: number) => number;
  /**
   * If given, `Drift(p, ±1)` faults move p's offset by one tick, never
   * beyond `bound` either way, at most `budget` times in a run.
   *
   * @defaultValue no drift
   */
  readonly drift?: DriftBound;
}

/**
 * How far clocks may drift, for {@link TimeOptions.drift}.
 *
 * @category Actors
 */
export interface DriftBound {
  /** The largest offset either way, in ticks. */
  readonly bound: number;
  /** The most `Drift` steps in a run (Infinity: no budget). */
  readonly budget: number;
}

/**
 * The parameter of a `Drift` step.
 *
 * @category Actors
 */
export interface ClockDrift {
  /** The process whose clock moves. */
  readonly p: number;
  /** One tick ahead, or one behind. */
  readonly by: 1 | -1;
}

/**
 * Interchangeable processes: the states that differ only by a permutation
 * of the role's processes count once. Messages and states that name
 * processes of the role must say how they rename.
 *
 * @category Actors
 */
export interface Symmetry<M> {
  /** The role whose processes are interchangeable. */
  readonly role: string;
  /**
   * A message with every index of the role renamed by `perm` (index -> new index).
   *
   * @defaultValue the message as it is: it names no process of the role
   */
  readonly message?: (m: M, perm: readonly number[]) => M;
  /**
   * A process state (of any role) with every index of the role renamed by `perm`.
   *
   * @defaultValue the state as it is: it names no process of the role
   */
  readonly state?: (role: string, s: any, perm: readonly number[]) => any;
}

/**
 * What {@link actors} takes.
 *
 * @category Actors
 */
export interface ActorsDefinition<R extends Record<string, AnyRole<M>>, M, H = undefined> {
  /** A name for reports. */
  readonly name: string;
  /** The ids of each role's processes, from {@link layout}: the roles in this order. */
  readonly ids: { readonly [K in keyof R]: readonly number[] };
  /** Each role's code. */
  readonly roles: R;
  /** The network's semantics: see {@link network}. */
  readonly network: NetworkKind;
  /**
   * A canonical key of a message.
   *
   * @defaultValue {@link canonical}
   */
  readonly messageKey?: (m: M) => string;
  /**
   * How a message is written in labels and diagrams.
   *
   * @defaultValue {@link show}
   */
  readonly showMessage?: (m: M) => string;
  /**
   * Which faults may happen, with their budgets.
   *
   * @defaultValue no faults
   */
  readonly faults?: FaultBudgets<keyof R & string>;
  /**
   * Real time, with a clock per process.
   *
   * @defaultValue untimed: no clock, and timers may run out at any moment
   */
  readonly time?: TimeOptions;
  /**
   * History variables, recorded on every step.
   *
   * @defaultValue no history (`undefined`)
   */
  readonly history?: ActorHistory<H, ActorState<R, M, H>>;
  /**
   * A constraint of the check on steps (TLC's ACTION_CONSTRAINT): a step it
   * refuses is not taken.
   *
   * @defaultValue every step is allowed
   */
  readonly constraint?: (s: ActorState<R, M, H>, label: Label) => boolean;
  /**
   * Interchangeable processes of one role.
   *
   * @defaultValue no symmetry
   */
  readonly symmetry?: Symmetry<M>;
  /**
   * Several initial states: each entry replaces the `init` of some roles.
   *
   * @defaultValue one initial state, every process as its role's `init` has it
   */
  readonly starts?: () => Iterable<{ readonly [K in keyof R]?: readonly unknown[] }>;
  /**
   * The state's variables by name, for tables.
   *
   * @defaultValue each process's state under its name, then the network
   */
  readonly view?: (s: ActorState<R, M, H>) => Readonly<Record<string, unknown>>;
}

/**
 * A message-passing system as a machine, with its actions at hand for
 * telling steps apart (`sys.Deliver.is(label)`) and what a diagram needs.
 *
 * @category Actors
 */
export interface ActorSystem<R extends Record<string, AnyRole<M>>, M, H = undefined>
  extends Machine<ActorState<R, M, H>> {
  /** The processes' names, by id. */
  readonly names: readonly string[];
  /** Each role's ids. */
  readonly ids: { readonly [K in keyof R]: readonly number[] };
  /** The network. */
  readonly network: Network<M>;
  /** How a message is written. */
  readonly showMessage: (m: M) => string;
  /** Whether time passes in this system. */
  readonly timed: boolean;
  /** The role of process p. */
  readonly roleOf: (p: number) => keyof R & string;
  /** The process that takes a step, if one does (a delivery's receiver, a process's own step, a crash). */
  readonly actor: (label: Label) => number | undefined;
  /** The state of process p in s. */
  readonly process: (s: ActorState<R, M, H>, p: number) => unknown;
  /** A process's own step as the process sees it, without its name: `Allow(7)`, `Outcome -> 7`. */
  readonly localText: (label: Label) => string;
  /** Is the step a timer running out? */
  readonly isTimer: (label: Pick<Label, 'action'>) => boolean;
  /**
   * The real time at which the next timer falls due: the earliest, over the
   * processes that are up, at which a process's clock reaches a timer it has
   * set (Infinity if none is set). A discrete-event driver ticks up to it.
   */
  readonly nextTimer: (s: ActorState<R, M, H>) => number;
  /** A message arrives. */
  readonly Deliver: Action<ActorState<R, M, H>, Delivery<M>>;
  /** A message is lost. */
  readonly Lose: Action<ActorState<R, M, H>, Envelope<M>>;
  /** A message is duplicated. */
  readonly Duplicate: Action<ActorState<R, M, H>, Envelope<M>>;
  /** A process crashes. */
  readonly Crash: Action<ActorState<R, M, H>, number>;
  /** A process recovers. */
  readonly Recover: Action<ActorState<R, M, H>, number>;
  /** The network splits: the parameter is the side with process 0. */
  readonly Partition: Action<ActorState<R, M, H>, readonly number[]>;
  /** The partition heals. */
  readonly Heal: Action<ActorState<R, M, H>, undefined>;
  /** Time passes to t. */
  readonly Tick: Action<ActorState<R, M, H>, number>;
  /** A process's clock moves by one tick. */
  readonly Drift: Action<ActorState<R, M, H>, ClockDrift>;
}

/**
 * Give each role's processes their ids: the roles in order, each role's
 * processes one after another (`{ agents: 3, leaders: 2 }` gives agents 0,
 * 1, 2 and leaders 3, 4).
 *
 * @param counts - how many processes each role has
 * @returns each role's ids
 * @category Actors
 */
export function layout<K extends string>(
  counts: Readonly<Record<K, number>>,
): { readonly [P in K]: readonly number[] } {
  let next = 0;
  const out = {} as Record<K, number[]>;
  for (const k of Object.keys(counts) as K[]) {
    const n = counts[k];
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`layout: ${k} must be a whole number of processes from 0, got ${n}`);
    out[k] = Array.from({ length: n }, (_, i) => next + i);
    next += n;
  }
  return out;
}

const RESERVED = new Set(['net', 'up', 'history', 'faults', 'now', 'clocks', 'partition']);

function budget(name: string, v: number | undefined): number {
  const b = v ?? 0;
  if (b !== Number.POSITIVE_INFINITY && !(Number.isInteger(b) && b >= 0))
    throw new Error(
      `actors: the ${name} budget must be a whole number from 0, or Infinity (no budget), got ${v}`,
    );
  return b;
}

const put = <T>(xs: readonly T[], k: number, x: T): readonly T[] =>
  xs[k] === x ? xs : xs.map((y, i) => (i === k ? x : y));

/**
 * Compose processes and a network into a machine.
 *
 * @param def - the roles and their ids, the network, the faults, time, history and symmetry
 * @returns the system, a machine whose every check works unchanged
 * @throws Error naming what is wrong with the definition, and what is accepted
 * @example
 * ```ts
 * const ids = layout({ clients: 2, server: 1 });
 * const sys = actors({ name: 'echo', ids, roles: { clients, server }, network: 'multiset',
 *                      faults: { lose: 1 } });
 * explore(sys, { invariants: [...] });
 * ```
 * @category Actors
 */
export function actors<R extends Record<string, AnyRole<M>>, M, H = undefined>(
  def: ActorsDefinition<R, M, H>,
): ActorSystem<R, M, H> {
  type S = ActorState<R, M, H>;
  const roleNames = Object.keys(def.roles) as (keyof R & string)[];
  for (const k of roleNames) {
    if (RESERVED.has(k))
      throw new Error(
        `actors: a role may not be called '${k}' (reserved: ${[...RESERVED].join(', ')})`,
      );
    if (!def.ids[k]) throw new Error(`actors: the role '${k}' has no ids in the layout`);
  }
  for (const k of Object.keys(def.ids))
    if (!(k in def.roles))
      throw new Error(
        `actors: the layout names '${k}', which is not a role (${roleNames.join(', ')})`,
      );
  const n = roleNames.reduce((acc, k) => acc + def.ids[k].length, 0);
  const roleOfId: (keyof R & string)[] = [];
  const indexOfId: number[] = [];
  for (const k of roleNames)
    def.ids[k].forEach((p, i) => {
      if (p !== roleOfId.length)
        throw new Error('actors: ids must be numbered from 0, role after role (use layout)');
      roleOfId.push(k);
      indexOfId.push(i);
    });
  const roleAt = (p: number) => def.roles[roleOfId[p]!]!;
  const names = roleOfId.map((k, p) => def.roles[k]!.name(indexOfId[p]!));
  if (new Set(names).size !== names.length)
    throw new Error(`actors: process names repeat (${names.join(', ')})`);
  const net = network<M>(def.network, def.messageKey);
  const showMessage = def.showMessage ?? ((m: M) => show(m));
  const f = def.faults ?? {};
  const loseBudget = budget('lose', f.lose);
  const dupGiven = budget('duplicate', f.duplicate);
  const dupBudget = def.network === 'set' ? 0 : dupGiven;
  for (const k of Object.keys(f.crash ?? {}))
    if (!(k in def.roles))
      throw new Error(
        `actors: the crash budgets name '${k}', which is not a role (${roleNames.join(', ')})`,
      );
  const crashBudget = roleNames.map((k) => budget(`${k} crash`, f.crash?.[k]));
  const partitionBudget = budget('partition', f.partition);
  const time = def.time;
  if (time) {
    if (
      time.maxDelay !== Number.POSITIVE_INFINITY &&
      !(Number.isInteger(time.maxDelay) && time.maxDelay >= 1)
    )
      throw new Error(
        `actors: maxDelay must be a whole number of ticks from 1, or Infinity, got ${time.maxDelay}`,
      );
    if (!(Number.isInteger(time.horizon) && time.horizon >= 0))
      throw new Error(
        `actors: horizon must be a whole number of ticks from 0, got ${time.horizon}`,
      );
    if (time.drift && !(Number.isInteger(time.drift.bound) && time.drift.bound >= 0))
      throw new Error(
        `actors: the drift bound must be a whole number of ticks from 0, got ${time.drift.bound}`,
      );
    // A delivered message stays in a set network, so its deadline would stop time for good.
    if (def.network === 'set' && time.maxDelay !== Number.POSITIVE_INFINITY)
      throw new Error(
        'actors: a set network keeps a delivered message, so it cannot bound delays; use multiset or ordered with a finite maxDelay',
      );
  }
  const driftBudget = time?.drift ? budget('drift', time.drift.budget) : 0;
  const bounded = time !== undefined && time.maxDelay !== Number.POSITIVE_INFINITY;
  const history = def.history;
  const constraint = def.constraint;

  const stateOf = (s: S, p: number): unknown =>
    (s[roleOfId[p]!] as readonly unknown[])[indexOfId[p]!];
  const withProcess = (s: S, p: number, x: unknown): S => {
    const k = roleOfId[p]!;
    const xs = s[k] as readonly unknown[];
    const i = indexOfId[p]!;
    if (xs[i] === x) return s;
    return { ...s, [k]: put(xs, i, x) } as S;
  };
  const clockOf = (s: S, p: number) => (time ? s.now + s.clocks[p]! : 0);
  // One context object per process, reset for each call: a step function
  // reads it during the call and never keeps it.
  class Context implements ProcessContext<M> {
    s!: S;
    from?: number;
    constructor(readonly self: number) {}
    get index() {
      return indexOfId[this.self]!;
    }
    get clock() {
      return clockOf(this.s, this.self);
    }
    inFlight(msg: M, to?: number) {
      return net.inFlight(this.s.net, this.self, msg, to);
    }
  }
  const contexts = Array.from({ length: n }, (_, p) => new Context(p));
  const ctxOf = (s: S, p: number, from?: number): ProcessContext<M> => {
    const c = contexts[p]!;
    c.s = s;
    c.from = from;
    return c;
  };
  const record = (from: S, label: Label, next: S): S => {
    if (!history) return next;
    const h = history.record(from.history, { from, label, to: next });
    return h === next.history ? next : { ...next, history: h };
  };
  /** Apply a process's reaction: its new state and its sends. */
  const react = (s: S, p: number, r: Reaction<unknown, M>): S => {
    let next = withProcess(s, p, r.state);
    if (r.send?.length) {
      const n2 = net.send(next.net, p, r.send, time ? s.now : undefined);
      if (n2 !== next.net) next = { ...next, net: n2 };
    }
    return next;
  };
  const bump = (s: S, field: 'lost' | 'duplicated' | 'partitions' | 'drifts', b: number): S =>
    b === Number.POSITIVE_INFINITY
      ? s
      : { ...s, faults: { ...s.faults, [field]: s.faults[field] + 1 } };
  const allowed = (s: S, name: string, param: unknown, external: boolean, fault: boolean) =>
    constraint === undefined ||
    constraint(s, { action: name, param, external, fault, ret: undefined });
  const sameSide = (s: S, a: number, b: number) =>
    s.partition === nil || s.partition.includes(a) === s.partition.includes(b);
  /**
   * Timed, with bounded delays: the deadline of a message binds time only
   * while it can arrive, its receiver up and on its sender's side. A
   * message that cannot arrive by its deadline is lost when time passes it
   * (it reached a process that was down, or was dropped at the partition).
   */
  const canArrive = (s: S, e: Envelope<M>) => s.up[e.to[0]!]! && sameSide(s, e.from, e.to[0]!);
  const overdueTo = (s: S, p: number) =>
    bounded &&
    s.net.some((e) => e.to[0] === p && e.sent! + time!.maxDelay <= s.now && sameSide(s, e.from, p));

  // The processes' own steps, one machine action per process action.
  const timers: { roleIndex: number; act: ProcessAction<unknown, M, unknown> }[] = [];
  const argTexts = new Map<string, (arg: unknown) => string>();
  const seenNames = new Set<string>();
  const own: Action<S, ProcessParam<unknown>>[] = [];
  roleNames.forEach((k, ri) => {
    const r = def.roles[k]!;
    const single = def.ids[k].length === 1;
    for (const a of (r.actions ?? []) as ProcessAction<unknown, M, unknown>[]) {
      if (seenNames.has(a.name))
        throw new Error(`actors: two process actions are named ${a.name}; names must be unique`);
      seenNames.add(a.name);
      if (a.due) timers.push({ roleIndex: ri, act: a });
      const external = a.external === true;
      const showArg = a.showParam ?? ((x: unknown) => show(x));
      argTexts.set(a.name, showArg);
      const procs = def.ids[k];
      // One parameter object per (process, argument), so that equal steps share it.
      const cache = procs.map(() => new Map<unknown, ProcessParam<unknown>>());
      const paramOf = (p: number, arg: unknown): ProcessParam<unknown> => {
        if (typeof arg === 'object' && arg !== null) return { p, arg };
        const m = cache[indexOfId[p]!]!;
        let x = m.get(arg);
        if (!x) {
          x = { p, arg };
          m.set(arg, x);
        }
        return x;
      };
      own.push(
        action<S, ProcessParam<unknown>>({
          name: a.name,
          external,
          params: (s) => {
            const out: ProcessParam<unknown>[] = [];
            for (const p of procs) {
              if (!s.up[p]) continue;
              const ps = stateOf(s, p);
              if (a.due) {
                const d = a.due(ps);
                if (d === nil) continue;
                if (time && (clockOf(s, p) < d || overdueTo(s, p))) continue;
              }
              if (a.params) for (const arg of a.params(ps, ctxOf(s, p))) out.push(paramOf(p, arg));
              else out.push(paramOf(p, undefined));
            }
            return out;
          },
          guard: (s, { p, arg }) =>
            (!a.guard || a.guard(stateOf(s, p), arg, ctxOf(s, p))) &&
            allowed(s, a.name, { p, arg }, external, false),
          effect: (s, param) => {
            const r = a.effect(stateOf(s, param.p), param.arg, ctxOf(s, param.p));
            const next = react(s, param.p, r);
            const label: Label = {
              action: a.name,
              external,
              fault: false,
              param,
              ret: r.output,
            };
            const out = record(s, label, next);
            return r.output !== undefined ? { next: out, ret: r.output } : to(out);
          },
          showParam: ({ p, arg }) => {
            const argText = arg === undefined ? '' : showArg(arg);
            if (single) return argText;
            return argText ? `${names[p]}, ${argText}` : names[p]!;
          },
        }),
      );
    }
  });

  const showEnv = (e: Envelope<M>) =>
    `${showMessage(e.msg)} → ${e.to.map((t) => names[t]).join(' ')}`;

  const deliveriesOf = oncePerObject((ns: readonly Envelope<M>[]) => net.deliveries(ns));
  const Deliver = action<S, Delivery<M>>({
    name: 'Deliver',
    external: false,
    params: (s) =>
      deliveriesOf(s.net).filter(
        (d) =>
          s.up[d.to] &&
          (!time || s.now > d.env.sent!) &&
          sameSide(s, d.env.from, d.to) &&
          allowed(s, 'Deliver', d, false, false),
      ),
    showParam: (d) => `${showMessage(d.env.msg)} → ${names[d.to]}`,
    effect: (s, d) => {
      const r = roleAt(d.to);
      const after = net.afterDelivery(s.net, d);
      const s1 = after === s.net ? s : ({ ...s, net: after } as S);
      if (!r.receive) return to(record(s, deliverLabel(d), s1));
      const reaction = r.receive(stateOf(s, d.to), d.env.msg, ctxOf(s, d.to, d.env.from));
      return to(record(s, deliverLabel(d), react(s1, d.to, reaction)));
    },
  });
  const deliverLabel = (d: Delivery<M>): Label => ({
    action: 'Deliver',
    external: false,
    fault: false,
    param: d,
    ret: undefined,
  });
  const faultLabel = (name: string, param: unknown): Label => ({
    action: name,
    external: false,
    fault: true,
    param,
    ret: undefined,
  });

  /** A fault that changes one envelope in flight, within its budget. */
  const envelopeFault = (
    name: 'Lose' | 'Duplicate',
    used: 'lost' | 'duplicated',
    b: number,
    change: (ns: readonly Envelope<M>[], e: Envelope<M>) => readonly Envelope<M>[],
  ) =>
    action<S, Envelope<M>>({
      name,
      external: false,
      fault: true,
      params: (s) =>
        s.faults[used] < b
          ? net.distinct(s.net).filter((e) => allowed(s, name, e, false, true))
          : [],
      showParam: showEnv,
      effect: (s, e) =>
        to(record(s, faultLabel(name, e), bump({ ...s, net: change(s.net, e) }, used, b))),
    });
  const Lose = envelopeFault('Lose', 'lost', loseBudget, net.lose);
  const Duplicate = envelopeFault('Duplicate', 'duplicated', dupBudget, net.duplicate);
  const modeOf = (p: number) => roleAt(p).crash ?? 'recover';
  const crashable = roleNames.flatMap((k, ri) => (crashBudget[ri]! > 0 ? [...def.ids[k]] : []));
  const roleIndexOf = (p: number) => roleNames.indexOf(roleOfId[p]!);
  const procKey = (p: number, x: unknown) => {
    const r = roleAt(p);
    return r.key ? r.key(x) : canonical(x);
  };
  const Crash = action<S, number>({
    name: 'Crash',
    external: false,
    fault: true,
    params: () => crashable,
    showParam: (p) => names[p]!,
    guard: (s, p) => {
      if (!s.up[p]) return false;
      const ri = roleIndexOf(p);
      if (s.faults.crashed[ri]! >= crashBudget[ri]!) return false;
      if (modeOf(p) === 'restart') {
        const x = stateOf(s, p);
        if (procKey(p, afterCrash(roleAt(p), indexOfId[p]!, x)) === procKey(p, x)) return false;
      }
      return allowed(s, 'Crash', p, false, true);
    },
    effect: (s, p) => {
      const ri = roleIndexOf(p);
      const mode = modeOf(p);
      let next = s;
      if (mode !== 'stop')
        next = withProcess(next, p, afterCrash(roleAt(p), indexOfId[p]!, stateOf(s, p)));
      if (mode !== 'restart') next = { ...next, up: put(next.up, p, false) };
      if (crashBudget[ri] !== Number.POSITIVE_INFINITY)
        next = {
          ...next,
          faults: {
            ...next.faults,
            crashed: put(next.faults.crashed, ri, next.faults.crashed[ri]! + 1),
          },
        };
      return to(record(s, faultLabel('Crash', p), next));
    },
  });
  const recoverable = crashable.filter((p) => modeOf(p) === 'recover');
  const Recover = action<S, number>({
    name: 'Recover',
    external: false,
    params: () => recoverable,
    showParam: (p) => names[p]!,
    guard: (s, p) => !s.up[p] && allowed(s, 'Recover', p, false, false),
    effect: (s, p) =>
      to(
        record(
          s,
          { action: 'Recover', external: false, fault: false, param: p, ret: undefined },
          { ...s, up: put(s.up, p, true) },
        ),
      ),
  });
  const sides: (readonly number[])[] = [];
  if (partitionBudget > 0 && n > 1)
    for (let mask = 1; mask < 2 ** (n - 1); mask++) {
      // process 0 always on the first side; the other side is never empty
      const side = [0];
      for (let p = 1; p < n; p++) if (!(mask & (1 << (p - 1)))) side.push(p);
      if (side.length < n) sides.push(side);
    }
  const Partition = action<S, readonly number[]>({
    name: 'Partition',
    external: false,
    fault: true,
    params: (s) => (s.partition === nil && s.faults.partitions < partitionBudget ? sides : []),
    showParam: (side) =>
      `${side.map((p) => names[p]).join(' ')} | ${names.filter((_, p) => !side.includes(p)).join(' ')}`,
    guard: (s, side) => allowed(s, 'Partition', side, false, true),
    effect: (s, side) =>
      to(
        record(
          s,
          faultLabel('Partition', side),
          bump({ ...s, partition: side }, 'partitions', partitionBudget),
        ),
      ),
  });
  const Heal = action<S, undefined>({
    name: 'Heal',
    external: false,
    guard: (s) => s.partition !== nil && allowed(s, 'Heal', undefined, false, false),
    effect: (s) =>
      to(
        record(
          s,
          { action: 'Heal', external: false, fault: false, param: undefined, ret: undefined },
          { ...s, partition: nil },
        ),
      ),
  });

  /** Timed: the real time of each timer that is set, for the time limit. */
  const timeLimit = (s: S): number => {
    let limit = time!.horizon;
    for (const { roleIndex, act } of timers)
      for (const p of def.ids[roleNames[roleIndex]!]) {
        if (!s.up[p]) continue;
        const d = act.due!(stateOf(s, p));
        if (d !== nil) limit = Math.min(limit, d - s.clocks[p]!);
      }
    if (bounded)
      for (const e of s.net) if (canArrive(s, e)) limit = Math.min(limit, e.sent! + time!.maxDelay);
    return limit;
  };
  const nextTimer = (s: S): number => {
    let at = Number.POSITIVE_INFINITY;
    for (const { roleIndex, act } of timers)
      for (const p of def.ids[roleNames[roleIndex]!]) {
        if (!s.up[p]) continue;
        const d = act.due!(stateOf(s, p));
        if (d !== nil) at = Math.min(at, d - s.clocks[p]!);
      }
    return at;
  };
  const timerDue = (s: S): boolean =>
    timers.some(({ roleIndex, act }) =>
      def.ids[roleNames[roleIndex]!].some((p) => {
        if (!s.up[p]) return false;
        const d = act.due!(stateOf(s, p));
        return d !== nil && clockOf(s, p) >= d;
      }),
    );
  const Tick = action<S, number>({
    name: 'Tick',
    external: false,
    params: (s) => (time && timeLimit(s) > s.now && !timerDue(s) ? [s.now + 1] : []),
    showParam: String,
    guard: (s, t) => allowed(s, 'Tick', t, false, false),
    effect: (s, t) => {
      // Messages whose deadline time now passes could not arrive: they are gone.
      const late = bounded && s.net.some((e) => e.sent! + time!.maxDelay < t);
      const net = late ? s.net.filter((e) => e.sent! + time!.maxDelay >= t) : s.net;
      return to(
        record(
          s,
          { action: 'Tick', external: false, fault: false, param: t, ret: undefined },
          { ...s, now: t, net },
        ),
      );
    },
  });
  const drifts = time?.drift
    ? Array.from({ length: n }, (_, p) => p).flatMap((p) => [
        { p, by: 1 as const },
        { p, by: -1 as const },
      ])
    : [];
  const Drift = action<S, ClockDrift>({
    name: 'Drift',
    external: false,
    fault: true,
    params: (s) => (s.faults.drifts < driftBudget ? drifts : []),
    showParam: ({ p, by }) => `${names[p]}, ${by > 0 ? '+1' : '-1'}`,
    guard: (s, { p, by }) =>
      Math.abs(s.clocks[p]! + by) <= time!.drift!.bound &&
      allowed(s, 'Drift', { p, by }, false, true),
    effect: (s, d) =>
      to(
        record(
          s,
          faultLabel('Drift', d),
          bump({ ...s, clocks: put(s.clocks, d.p, s.clocks[d.p]! + d.by) }, 'drifts', driftBudget),
        ),
      ),
  });

  const actionsList: Action<S, any>[] = [...own, Deliver];
  if (time) actionsList.push(Tick);
  if (loseBudget > 0) actionsList.push(Lose);
  if (dupBudget > 0) actionsList.push(Duplicate);
  if (crashable.length) actionsList.push(Crash);
  if (recoverable.length) actionsList.push(Recover);
  if (partitionBudget > 0) actionsList.push(Partition, Heal);
  if (driftBudget > 0) actionsList.push(Drift);

  // Initial states.
  const initialProcesses = (over: { readonly [K in keyof R]?: readonly unknown[] }) => {
    const out: Record<string, readonly unknown[]> = {};
    for (const k of roleNames) {
      const given = over[k];
      const r = def.roles[k]!;
      out[k] = given ?? def.ids[k].map((_, i) => r.init(i));
      if (out[k]!.length !== def.ids[k].length)
        throw new Error(
          `actors: a start gives ${out[k]!.length} states for ${k}, which has ${def.ids[k].length} processes`,
        );
    }
    return out;
  };
  const base = (): SystemState<M, H> => ({
    net: [],
    up: Array.from({ length: n }, () => true),
    history: (history ? history.init : undefined) as H,
    faults: { lost: 0, duplicated: 0, crashed: roleNames.map(() => 0), partitions: 0, drifts: 0 },
    now: 0,
    clocks: Array.from({ length: n }, (_, p) => (time?.skew ? time.skew(p) : 0)),
    partition: nil,
  });
  const init = (): S[] => {
    const starts = def.starts ? [...def.starts()] : [{}];
    return starts.map((st) => ({ ...base(), ...initialProcesses(st) }) as unknown as S);
  };

  // The key: each part once per object, since a step shares the parts it does not change.
  const stateKeys = roleNames.map((k) => oncePerObject(def.roles[k]!.key ?? canonical));
  const historyKey = oncePerObject((history?.key ?? canonical) as (h: unknown) => string);
  const envKey = (s: S, e: Envelope<M>): string => {
    const k = net.key(e);
    if (!time || bounded) return k;
    // With unbounded delays, when a message was sent matters only as: may it arrive now?
    return k.replace(/@\d+\|/, e.sent! < s.now ? '@<|' : '@=|');
  };
  const flightKey = oncePerObject((ns: readonly Envelope<M>[]) => {
    let k = '';
    for (const e of ns) k += `${net.key(e)}\u0001`;
    return k;
  });
  const netKey = (s: S): string => {
    if (time && !bounded) {
      // Sorted again, for the order by send time is gone (a channel's order stays).
      const ks = s.net.map((e) => envKey(s, e));
      if (net.kind !== 'ordered') ks.sort();
      let k = '';
      for (const e of ks) k += `${e}\u0001`;
      return k;
    }
    return flightKey(s.net);
  };
  // A role's part of the key, once per array of its states: a step makes a
  // new array only for the role whose process changed.
  const roleKeys = stateKeys.map((stateKey) =>
    oncePerObject((xs: readonly unknown[]) => {
      let k = '';
      for (const x of xs) k += `${stateKey(x)};`;
      return k;
    }),
  );
  const upKey = oncePerObject((up: readonly boolean[]) => {
    let k = '';
    for (const u of up) k += u ? '+' : '!';
    return k;
  });
  const plainKey = (s: S): string => {
    let k = '';
    for (let ri = 0; ri < roleNames.length; ri++)
      k += `${roleKeys[ri]!(s[roleNames[ri]!] as readonly unknown[])}|`;
    k += `${upKey(s.up)}|${netKey(s)}`;
    k += `|${history ? historyKey(s.history) : ''}|${s.faults.lost},${s.faults.duplicated},${s.faults.crashed.join(',')},${s.faults.partitions},${s.faults.drifts}`;
    if (time) k += `|${s.now}|${s.clocks.join(',')}`;
    if (s.partition !== nil) k += `|${s.partition.join(',')}`;
    return k;
  };
  const sym = def.symmetry;
  let key: (s: S) => string = plainKey;
  if (sym) {
    const symIds = def.ids[sym.role as keyof R];
    if (!symIds)
      throw new Error(
        `actors: symmetry names the role '${sym.role}', which is not one of ${roleNames.join(', ')}`,
      );
    const k0 = symIds[0] ?? 0;
    const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    const channelOf = (e: Envelope<M>) => `${e.from}>${e.to[0]}`;
    // The network's own order: by key; or, ordered, by channel, each channel's order kept.
    const inNetworkOrder = (envs: Envelope<M>[]) =>
      net.kind === 'ordered'
        ? envs.sort((a, b) => byText(channelOf(a), channelOf(b)))
        : envs.sort((a, b) => byText(net.key(a), net.key(b)));
    // A partition is named by the side with process 0, which renaming may move.
    const sideWithZero = (side: number[]) =>
      side.includes(0)
        ? side.sort((a, b) => a - b)
        : Array.from({ length: n }, (_, p) => p).filter((p) => !side.includes(p));
    const perms = permutations(symIds.length);
    const renameId = (perm: readonly number[]) => (p: number) =>
      p >= k0 && p < k0 + symIds.length ? k0 + perm[p - k0]! : p;
    key = (s: S): string => {
      let best: string | undefined;
      for (const perm of perms) {
        const r = renameId(perm);
        const permuted = {} as Record<string, unknown>;
        for (const rk of roleNames) {
          const xs = s[rk] as readonly unknown[];
          const renamed = sym.state ? xs.map((x) => sym.state!(rk, x, perm)) : xs;
          if (rk === sym.role) {
            const out = new Array(renamed.length);
            renamed.forEach((x, i) => {
              out[perm[i]!] = x;
            });
            permuted[rk] = out;
          } else permuted[rk] = renamed;
        }
        const up = new Array(n);
        s.up.forEach((u, p) => {
          up[r(p)] = u;
        });
        const clocks = new Array(s.clocks.length);
        s.clocks.forEach((c, p) => {
          clocks[r(p)] = c;
        });
        const renamed = s.net.map((e) => ({
          ...e,
          from: r(e.from),
          to: e.to.map(r).sort((a, b) => a - b),
          msg: sym.message ? sym.message(e.msg, perm) : e.msg,
        }));
        // The network's own order: by key, or (ordered) by channel, each channel's order kept.
        const envs = inNetworkOrder(renamed);
        const t = {
          ...s,
          ...permuted,
          up,
          clocks,
          net: envs,
          partition: s.partition === nil ? nil : sideWithZero(s.partition.map(r)),
        } as S;
        const k = plainKey(t);
        if (best === undefined || k < best) best = k;
      }
      return best!;
    };
  }

  // The fingerprint (see Machine.fingerprint): the key's equivalence, hashed
  // part by part, with no string built per state. A process's state is hashed
  // by its role's key, or structurally (as canonical writes it); an envelope
  // by the network's key; the history by its key, or structurally. Process
  // states and envelopes, which many states share, are hashed once per
  // object; the envelopes' hashes are added up, as the key sorts them (an
  // ordered network's combine in their order, which its key keeps). Under
  // symmetry the least key over the renamings is the equivalence, and the
  // search hashes the key itself.
  const pair = (lo: number): Hash2 => [lo, H.hi];
  const roleFps = roleNames.map((k) => {
    const rk = def.roles[k]!.key;
    const one = oncePerObject((x: unknown) => pair(hashValue(rk ? rk(x) : x)));
    // Per position, the process states met there last: a step changes one process.
    const count = def.ids[k].length;
    const seen = Array.from({ length: count }, () => recently(one));
    const parts = new Array<number>(2 * count).fill(0);
    return recently((xs: readonly unknown[]) => {
      for (let i = 0; i < count; i++) {
        const h = seen[i]!(xs[i]);
        parts[2 * i] = h[0];
        parts[2 * i + 1] = h[1];
      }
      return pair(hashValue(parts));
    });
  });
  const envFps = new WeakMap<Envelope<M>, Hash2>();
  const envFp = (e: Envelope<M>): Hash2 => {
    let h = envFps.get(e);
    if (h === undefined) {
      h = pair(hashValue(net.key(e)));
      envFps.set(e, h);
    }
    return h;
  };
  // With unbounded delays: the two hashes of envKey, a copy that may arrive now and one that may not.
  const lateFps = new WeakMap<Envelope<M>, readonly [Hash2, Hash2]>();
  const lateFp = (s: S, e: Envelope<M>): Hash2 => {
    let h = lateFps.get(e);
    if (h === undefined) {
      const k = net.key(e);
      h = [
        pair(hashValue(k.replace(/@\d+\|/, '@<|'))),
        pair(hashValue(k.replace(/@\d+\|/, '@=|'))),
      ];
      lateFps.set(e, h);
    }
    return e.sent! < s.now ? h[0] : h[1];
  };
  // The envelopes' hashes: added up (a set or a multiset), or in order (ordered).
  const combine = (ns: readonly Envelope<M>[], hashOf: (e: Envelope<M>) => Hash2): Hash2 => {
    if (net.kind === 'ordered') {
      const parts = new Array<number>(2 * ns.length);
      for (let i = 0; i < ns.length; i++) {
        const h = hashOf(ns[i]!);
        parts[2 * i] = h[0]!;
        parts[2 * i + 1] = h[1]!;
      }
      return pair(hashValue(parts));
    }
    let lo = 0;
    let hi = 0;
    for (const e of ns) {
      const h = hashOf(e);
      lo = (lo + h[0]!) | 0;
      hi = (hi + h[1]!) | 0;
    }
    return [lo, hi] as const;
  };
  const flightFp = recently((ns: readonly Envelope<M>[]) => combine(ns, envFp));
  const netFp = (s: S): Hash2 =>
    time && !bounded ? combine(s.net, (e) => lateFp(s, e)) : flightFp(s.net);
  const historyFp = recently(
    oncePerObject((h: unknown) => pair(hashValue(history?.key ? history.key(h as H) : h))),
  );
  const upFp = recently((up: readonly boolean[]) => pair(hashValue(up)));
  // The parts of a state's fingerprint, in a fixed layout, hashed as one array.
  const R = roleNames.length;
  const at = {
    up: 2 * R,
    net: 2 * R + 2,
    history: 2 * R + 5,
    faults: 2 * R + 7,
    time: 3 * R + 11,
    partition: 3 * R + 11 + (time ? 1 + n : 0),
  };
  const parts = new Array<number>(at.partition + 3).fill(0);
  const fingerprint = (s: S): number => {
    for (let ri = 0; ri < R; ri++) {
      const h = roleFps[ri]!(s[roleNames[ri]!] as readonly unknown[]);
      parts[2 * ri] = h[0]!;
      parts[2 * ri + 1] = h[1]!;
    }
    const u = upFp(s.up);
    parts[at.up] = u[0]!;
    parts[at.up + 1] = u[1]!;
    const w = netFp(s);
    parts[at.net] = w[0]!;
    parts[at.net + 1] = w[1]!;
    parts[at.net + 2] = s.net.length;
    if (history) {
      const h = historyFp(s.history);
      parts[at.history] = h[0]!;
      parts[at.history + 1] = h[1]!;
    }
    const f = s.faults;
    parts[at.faults] = f.lost;
    parts[at.faults + 1] = f.duplicated;
    for (let ri = 0; ri < R; ri++) parts[at.faults + 2 + ri] = f.crashed[ri]!;
    parts[at.faults + 2 + R] = f.partitions;
    parts[at.faults + 3 + R] = f.drifts;
    if (time) {
      parts[at.time] = s.now;
      for (let p = 0; p < n; p++) parts[at.time + 1 + p] = s.clocks[p]!;
    }
    if (s.partition === nil) {
      parts[at.partition] = 0;
      parts[at.partition + 1] = 0;
      parts[at.partition + 2] = 0;
    } else {
      parts[at.partition] = 1;
      parts[at.partition + 1] = hashValue(s.partition);
      parts[at.partition + 2] = H.hi;
    }
    return hashValue(parts);
  };

  const defaultView = (s: S): Record<string, unknown> => {
    const v: Record<string, unknown> = {};
    for (let p = 0; p < n; p++)
      v[names[p]!] = s.up[p] ? stateOf(s, p) : `down: ${show(stateOf(s, p))}`;
    v.net = s.net.map(showEnv).join('; ') || '-';
    if (time) v.now = s.now;
    if (s.partition !== nil) v.partition = s.partition.map((p) => names[p]).join(' ');
    if (history && typeof s.history === 'object' && s.history !== null)
      Object.assign(v, s.history as Record<string, unknown>);
    return v;
  };

  const ownActors = new Set(own.map((a) => a.name));
  const actor = (l: Label): number | undefined => {
    if (ownActors.has(l.action)) return (l.param as ProcessParam<unknown>).p;
    if (Deliver.is(l)) return l.param.to;
    if (Crash.is(l) || Recover.is(l)) return l.param;
    if (Drift.is(l)) return l.param.p;
    return undefined;
  };

  const localText = (l: Label): string => {
    const showArg = argTexts.get(l.action);
    if (!showArg) return labelText(l);
    const arg = (l.param as ProcessParam<unknown>).arg;
    const a = arg === undefined ? '' : showArg(arg);
    return `${l.action}${a ? `(${a})` : ''}${l.ret !== undefined ? ` -> ${show(l.ret)}` : ''}`;
  };
  const timerNames = new Set(timers.map((x) => x.act.name));

  return {
    name: def.name,
    init,
    localText,
    isTimer: (l) => timerNames.has(l.action),
    nextTimer,
    actions: actionsList,
    key,
    ...(sym ? {} : { fingerprint }),
    view: def.view ?? defaultView,
    names,
    ids: def.ids,
    network: net,
    showMessage,
    timed: time !== undefined,
    roleOf: (p) => roleOfId[p]!,
    actor,
    process: stateOf,
    Deliver,
    Lose,
    Duplicate,
    Crash,
    Recover,
    Partition,
    Heal,
    Tick,
    Drift,
  };
}

/** A 64-bit hash as its two 32-bit lanes. */
type Hash2 = readonly [number, number];

/**
 * A function remembered for the last two arguments it was called with, by
 * identity: the successors of a state share most of their parts with it,
 * and so with each other. (A WeakMap would also remember the parts of
 * states the search drops at once, at a cost on every step.)
 */
function recently<K, V>(f: (k: K) => V): (k: K) => V {
  let k1: K | undefined;
  let v1: V | undefined;
  let k2: K | undefined;
  let v2: V | undefined;
  return (k) => {
    if (k === k1) return v1!;
    if (k === k2) {
      const v = v2!;
      k2 = k1;
      v2 = v1;
      k1 = k;
      v1 = v;
      return v;
    }
    const v = f(k);
    k2 = k1;
    v2 = v1;
    k1 = k;
    v1 = v;
    return v;
  };
}

function permutations(k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(k - 1))
    for (let i = 0; i <= p.length; i++) out.push([...p.slice(0, i), k - 1, ...p.slice(i)]);
  return out;
}

/**
 * Is this machine an actor system (so that its runs can be drawn lane by lane)?
 *
 * @param m - a machine
 * @returns true if {@link actors} made it
 * @category Actors
 */
export function isActorSystem(m: Machine<any>): m is ActorSystem<any, any, any> {
  return 'Deliver' in m && 'names' in m && 'network' in m;
}
