/**
 * The second simple implementation (§3): every process chooses a value and
 * tells the others; a value chosen by a majority is the outcome. The
 * network loses and reorders messages; any process may crash.
 *
 * @module
 */
import type { ActorState, ActorSystem, Nil, ProcessAction, Role } from '../../index';
import { actors, layout, nil, processAction, role } from '../../index';
import type { DState, Value } from '../03-consensus-specs/specs';
import type { MajorityConfig } from './config';
import { majorityConfig } from './config';
import { addValue, pname, put, range } from './processes';

// #region majority-state
/** A process of the majority implementation. */
export interface MajorityProcess {
  /** The values clients have allowed at this process. */
  readonly allowed: readonly Value[];
  /** The value it chose, or nil. */
  readonly choice: Value | Nil;
  /** heard[j]: the choice it has received from process j, or nil. */
  readonly heard: readonly (Value | Nil)[];
}

/**
 * choice(from, v): process `from` chose v. One message, sent to every
 * other process, which each may read any number of times until it is lost.
 */
export interface ChoiceMsg {
  readonly from: number;
  readonly v: Value;
}
// #endregion majority-state

/** The parts of a process a mutant may change. */
export interface MajorityRules {
  /** May a process in state s choose v now? */
  readonly mayChoose: (s: MajorityProcess, v: Value) => boolean;
  /** A process in state s receives choice(m.from, m.v), which it has not heard before. */
  readonly receive: (s: MajorityProcess, m: ChoiceMsg) => MajorityProcess;
}

// #region majority-code
/** The correct process: it chooses once, an allowed value, and never changes its choice. */
export const majorityRules: MajorityRules = {
  mayChoose: (s, v) => s.choice === nil && s.allowed.includes(v),
  // Receiving only records what the sender chose: heard[from] := v.
  receive: (s, m) => ({ ...s, heard: put(s.heard, m.from, m.v) }),
};

/**
 * What process i knows: a value that it has seen a majority choose,
 * counting its own choice and the choices it has heard; nil if none.
 */
export function known(s: MajorityProcess, i: number, quorum: number): Value | Nil {
  const heard = s.heard;
  for (let j = -1; j < heard.length; j++) {
    const v = j < 0 ? s.choice : heard[j]!; // a candidate: one of the values i has seen
    if (v === nil) continue;
    let votes = s.choice === v ? 1 : 0;
    for (let k = 0; k < heard.length; k++) if (k !== i && heard[k] === v) votes++;
    if (votes >= quorum) return v;
  }
  return nil;
}
// #endregion majority-code

/** The majority implementation's roles: one, `processes`. */
export type MajorityRoles = { readonly processes: Role<MajorityProcess, ChoiceMsg> };

/** The majority implementation's whole state: its processes, the network, who is up. */
export type MajorityState = ActorState<MajorityRoles, ChoiceMsg>;

/** The majority implementation: an actor system, with its processes' own steps at hand. */
export interface MajoritySystem extends ActorSystem<MajorityRoles, ChoiceMsg> {
  /** A client allows v at a process (external). */
  readonly Allow: ProcessAction<MajorityProcess, ChoiceMsg, Value>;
  /** A process chooses v and tells the others. */
  readonly Choose: ProcessAction<MajorityProcess, ChoiceMsg, Value>;
  /** A process sends its choice again. */
  readonly Send: ProcessAction<MajorityProcess, ChoiceMsg>;
  /** A client asks a process for the outcome (external). */
  readonly Outcome: ProcessAction<MajorityProcess, ChoiceMsg>;
}

/** How a choice message is written: `choice(p1, 1)`. */
export const showChoice = (m: ChoiceMsg) => `choice(${pname(m.from)}, ${m.v})`;

/**
 * The majority implementation as an actor system.
 *
 * @param cfg - processes, quorum, values, crashes
 * @param rules - the processes' rules (a mutant changes them)
 * @returns the system
 */
export function majority(
  cfg: MajorityConfig = majorityConfig,
  rules: MajorityRules = majorityRules,
): MajoritySystem {
  const procs = range(cfg.n);
  // #region majority-actions
  const Allow = processAction<MajorityProcess, ChoiceMsg, Value>({
    name: 'Allow',
    external: true,
    params: () => cfg.values,
    // A checking constant: one value at each process, as a participant votes once (or, deep, any until it chooses).
    guard: (s) => (cfg.allowOnce ? s.allowed.length === 0 : s.choice === nil),
    effect: (s, v) => ({ state: { ...s, allowed: addValue(s.allowed, v) } }),
  });
  const Choose = processAction<MajorityProcess, ChoiceMsg, Value>({
    name: 'Choose',
    params: () => cfg.values,
    guard: (s, v) => rules.mayChoose(s, v),
    effect: (s, v, { self }) => ({
      state: { ...s, choice: v },
      send: [{ to: procs.filter((j) => j !== self), msg: { from: self, v } }],
    }),
  });
  const Send = processAction<MajorityProcess, ChoiceMsg>({
    name: 'Send',
    // Send again only once the message is gone: lost for everyone.
    guard: (s, _p, ctx) => s.choice !== nil && !ctx.inFlight({ from: ctx.self, v: s.choice }),
    effect: (s, _p, { self }) => ({
      state: s,
      send: [{ to: procs.filter((j) => j !== self), msg: { from: self, v: s.choice! } }],
    }),
  });
  const Outcome = processAction<MajorityProcess, ChoiceMsg>({
    name: 'Outcome',
    external: true,
    effect: (s, _p, { index }) => ({ state: s, output: known(s, index, cfg.quorum) }),
  });
  const processes = role<MajorityProcess, ChoiceMsg>({
    name: pname,
    init: () => ({ allowed: [], choice: nil, heard: procs.map(() => nil) }),
    crash: 'stop',
    // A choice already heard changes nothing: reading it again is a stutter step.
    receive: (s, m) => ({ state: s.heard[m.from] === m.v ? s : rules.receive(s, m) }),
    actions: [Allow, Choose, Send, Outcome],
    key: (s) =>
      `${s.allowed.join(',')}:${s.choice ?? '-'}:${s.heard.map((v) => v ?? '-').join(',')}`,
  });
  const sys = actors({
    name: `Majority(${cfg.quorum} of ${cfg.n})`,
    ids: layout({ processes: cfg.n }),
    roles: { processes },
    network: 'set',
    messageKey: (m: ChoiceMsg) => `${m.from}:${m.v}`,
    showMessage: showChoice,
    faults: { lose: Number.POSITIVE_INFINITY, crash: { processes: cfg.crashes } },
    view: (s) => majorityView(s, cfg.quorum),
  });
  // #endregion majority-actions
  return { ...sys, Allow, Choose, Send, Outcome };
}

/**
 * The majority implementation's variables by name, each a vector indexed
 * by process (p1, p2, p3): allowed, choice, what each has heard, and what
 * each knows (its outcome); then the messages in flight and who crashed.
 *
 * @param s - a state
 * @param quorum - the size of a majority (to show what each process knows)
 * @returns the variables
 */
export function majorityView(s: MajorityState, quorum: number): Record<string, unknown> {
  const heard = s.processes
    .map((p, i) => {
      const h = p.heard.map((v, j) => (v === nil ? '' : `${pname(j)}=${v}`)).filter(Boolean);
      return h.length ? `${pname(i)}{${h.join(' ')}}` : '';
    })
    .filter(Boolean);
  return {
    allowed: s.processes.map((p) => new Set(p.allowed)),
    choice: s.processes.map((p) => p.choice),
    heard: heard.join(' ') || '-',
    outcome: s.processes.map((p, i) => known(p, i, quorum)),
    net: s.net.map((e) => showChoice(e.msg)).join(' ') || '-',
    crashed:
      s.processes
        .map((_, i) => i)
        .filter((i) => !s.up[i])
        .map(pname)
        .join(' ') || '-',
  };
}

/**
 * Every value allowed at some process: ∪ allowed[i].
 *
 * @param y - a state
 * @returns the union, sorted
 */
export function allAllowed(y: MajorityState): readonly Value[] {
  let all: readonly Value[] = [];
  for (const p of y.processes) for (const v of p.allowed) all = addValue(all, v);
  return all;
}

/**
 * The value chosen by a quorum of processes, nil if none; or, if two
 * values each have one (possible only if two "majorities" need not
 * intersect), a marker that equals no value, since then f is undefined.
 *
 * @param y - a state
 * @param quorum - the size of a majority
 * @returns the majority's choice
 */
export function majorityChoice(y: MajorityState, quorum: number): Value | Nil {
  const choices = y.processes.map((p) => p.choice);
  let winner: Value | Nil = nil;
  for (const v of new Set(choices)) {
    if (v === nil || choices.filter((c) => c === v).length < quorum) continue;
    if (winner !== nil)
      return `undefined: ${Math.min(winner, v)} and ${Math.max(winner, v)} both have a majority` as unknown as Value;
    winner = v;
  }
  return winner;
}

/**
 * What each process knows, by index.
 *
 * @param y - a state
 * @param quorum - the size of a majority
 * @returns known(p_i) for each process i
 */
export const knownBy = (y: MajorityState, quorum: number): (Value | Nil)[] =>
  y.processes.map((p, i) => known(p, i, quorum));

// #region majority-af
/**
 * The abstraction function to D (§5.2): allowed is every value allowed at
 * some process; outcome is the choice of a majority, or nil if there is no
 * majority; done is "everyone has gotten the outcome".
 */
export function majorityToD(y: MajorityState, quorum = majorityConfig.quorum): DState {
  return {
    allowed: allAllowed(y),
    outcome: majorityChoice(y, quorum),
    done: knownBy(y, quorum).every((v) => v !== nil),
  };
}
// #endregion majority-af
