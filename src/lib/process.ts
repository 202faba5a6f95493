/**
 * Processes as pure step functions: a process's state, and what it does
 * when a message arrives, when one of its timers runs out, or when it takes
 * a step of its own (an input from outside, such as `Allow(v)`, or a move,
 * such as starting a round). Each returns the new state and the messages
 * to send. Nothing here knows about networks, the model checker or real
 * time, so the same functions can be driven by {@link actors} in a check
 * and by sockets, timers and a disk in a real process.
 *
 * @module
 */
import type { Label } from './label';
import type { Nil } from './value';

/**
 * A message to send: to one process, or to several (their ids).
 *
 * @category Actors
 */
export interface Send<M> {
  /** The receiver, or the receivers of a broadcast. */
  readonly to: number | readonly number[];
  /** The message. */
  readonly msg: M;
}

/**
 * What a process does in one step: its new state, the messages it sends,
 * and, for a step from outside, what it returns to the caller.
 *
 * @category Actors
 */
export interface Reaction<S, M> {
  /** The state after the step (the same object if nothing changed). */
  readonly state: S;
  /**
   * The messages it sends.
   *
   * @defaultValue none
   */
  readonly send?: readonly Send<M>[];
  /**
   * What an external step returns (`Outcome -> 7`).
   *
   * @defaultValue nothing
   */
  readonly output?: unknown;
}

/**
 * What a process knows about where it runs, passed to each of its steps.
 *
 * @category Actors
 */
export interface ProcessContext<M> {
  /** Its id in the system (ids are global: every process of every role). */
  readonly self: number;
  /** Its place among the processes of its role (0 for the first). */
  readonly index: number;
  /** What its own clock reads (a timed system), or 0 (an untimed one). */
  readonly clock: number;
  /** For a delivery: the id of the sender. */
  readonly from?: number;
  /**
   * Is a copy of a message it sent still in flight? Only for models: a
   * process sends again only once its message is gone, which explores the
   * same states as retransmitting on a timer, with far fewer. A driver over
   * a real network answers false: the process then always sends again.
   * With `to`, only a copy on its way to that process counts.
   */
  readonly inFlight: (msg: M, to?: number) => boolean;
}

/**
 * The parameter of a process's own step in a system's label: the process
 * (its id) and the step's own argument.
 *
 * @category Actors
 */
export interface ProcessParam<P> {
  /** The process that takes the step. */
  readonly p: number;
  /** The step's argument (`7` in `Allow(l1, 7)`), or undefined. */
  readonly arg: P;
}

/**
 * What {@link processAction} takes: a step a process takes on its own,
 * with a name, an argument family, a guard and an effect, like a machine's
 * action but over the process's state.
 *
 * @category Actors
 */
export interface ProcessActionDefinition<S, M, P = void> {
  /** The step's name (`Allow`, `NewRound`, `Broadcast`). */
  readonly name: string;
  /**
   * An input from outside the system (the paper's `*`), part of the traces.
   *
   * @defaultValue false
   */
  readonly external?: boolean;
  /**
   * The arguments it can take in state `s`, in a fixed order.
   *
   * @defaultValue one step with no argument
   */
  readonly params?: (s: S, ctx: ProcessContext<M>) => Iterable<P>;
  /**
   * May it happen now?
   *
   * @defaultValue always true
   */
  readonly guard?: (s: S, p: P, ctx: ProcessContext<M>) => boolean;
  /** What it does. */
  readonly effect: (s: S, p: P, ctx: ProcessContext<M>) => Reaction<S, M>;
  /**
   * How to write the argument in a label.
   *
   * @defaultValue {@link show} of the argument
   */
  readonly showParam?: (p: P) => string;
  /**
   * Makes the step a timer: when it is due, on the process's own clock
   * (nil: not set). In a timed system the step happens once the clock
   * reaches it, and time cannot pass it by; in an untimed one, at any
   * moment while it is set.
   *
   * @defaultValue not a timer
   */
  readonly due?: (s: S) => number | Nil;
}

/**
 * A process's own step, as {@link processAction} makes it: its definition,
 * and a test of a system's labels with the compiler's help.
 *
 * @category Actors
 */
export interface ProcessAction<S, M, P = void> extends ProcessActionDefinition<S, M, P> {
  /**
   * Is this system step this process action? If so its parameter says which
   * process took it, and with which argument.
   *
   * @param l - a step's label
   * @returns true if the label names this action
   */
  readonly is: (l: Pick<Label, 'action'>) => l is Label<ProcessParam<P>>;
}

/**
 * Define a step a process takes on its own.
 *
 * @param a - its name, arguments, guard and effect (and `due`, for a timer)
 * @returns the step
 * @example
 * ```ts
 * const NewRound = processAction({
 *   name: 'NewRound',
 *   guard: (ls: LeaderState) => ls.j < maxJ,
 *   effect: (ls: LeaderState, _p: void, { index }) => startRound(ls, index),
 * });
 * ```
 * @category Actors
 */
export function processAction<S, M, P = void>(
  a: ProcessActionDefinition<S, M, P>,
): ProcessAction<S, M, P> {
  const name = a.name;
  return { ...a, is: (l: Pick<Label, 'action'>): l is Label<ProcessParam<P>> => l.action === name };
}

/**
 * How a process fails. `stop`: it crashes for good. `recover`: it crashes,
 * is down for a while (it takes no step and receives nothing), and comes
 * back with what survived. `restart`: it crashes and comes back at once
 * with what survived.
 *
 * @category Actors
 */
export type CrashMode = 'stop' | 'recover' | 'restart';

/**
 * The code of one kind of process (a role: agent, leader, replica): how
 * its processes are named and start, what survives a crash, and what they
 * do on a message and on their own.
 *
 * @category Actors
 */
export interface Role<S, M> {
  /** The name of the i-th process of the role (`a`, `l1`, `r2`): its lane in diagrams. */
  readonly name: (i: number) => string;
  /** The state the i-th process starts in. */
  readonly init: (i: number) => S;
  /**
   * The fields of its state that survive a crash (its stable storage); the
   * others start again as `init` has them. A process that stops for good
   * keeps its last state, for the abstraction function to read.
   *
   * @defaultValue none: a crash forgets everything
   */
  readonly persistent?: readonly (keyof S & string)[];
  /**
   * How it fails, if a system's faults let it crash.
   *
   * @defaultValue `'recover'`
   */
  readonly crash?: CrashMode;
  /**
   * A message arrives.
   *
   * @defaultValue the message is ignored
   */
  readonly receive?: (s: S, m: M, ctx: ProcessContext<M>) => Reaction<S, M>;
  /**
   * Its own steps: inputs from outside, moves, and timers.
   *
   * @defaultValue none
   */
  readonly actions?: readonly ProcessAction<S, M, any>[];
  /**
   * A compact key of its state, if the default is slow.
   *
   * @defaultValue {@link canonical} of the state
   */
  readonly key?: (s: S) => string;
}

/**
 * Define a role; the identity, there to let TypeScript infer `S` and `M`.
 *
 * @param r - the role's names, initial state, persistent fields and code
 * @returns the same role
 * @category Actors
 */
export function role<S, M>(r: Role<S, M>): Role<S, M> {
  return r;
}

/**
 * The state a process restarts in after a crash: `init`'s, with the
 * persistent fields of the state it had.
 *
 * @param r - the role
 * @param i - the process's place in its role
 * @param s - its state when it crashed
 * @returns its state after the crash
 * @category Actors
 */
export function afterCrash<S>(
  r: Pick<Role<S, unknown>, 'init' | 'persistent'>,
  i: number,
  s: S,
): S {
  const fresh = { ...r.init(i) } as Record<string, unknown>;
  for (const f of r.persistent ?? []) fresh[f] = (s as Record<string, unknown>)[f];
  return fresh as S;
}
