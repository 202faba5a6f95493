/**
 * The second simple implementation (§3): every process chooses a value and
 * tells the others; a value chosen by a majority is the outcome. The
 * network loses and reorders messages; any process may crash.
 *
 * @module
 */
import { action, type Machine, machine, type Nil, nil, returns, to } from '../../index';
import type { DState, Value } from '../03-consensus-specs/specs';
import { addValue, crashAction, pname, put, range, showV, VALUES5 } from './processes';

// #region majority-state
/** A choice message in flight: choice(from, v), which every other process may receive. */
export interface ChoiceMsg {
  readonly from: number;
  readonly v: Value;
}

/** The majority implementation's state. */
export interface MajState {
  /** allowed[i]: the values clients have allowed at process i. */
  readonly allowed: readonly (readonly Value[])[];
  /** choice[i]: the value process i chose, or nil. */
  readonly choice: readonly (Value | Nil)[];
  /** heard[i][j]: the choice process i has received from process j, or nil. */
  readonly heard: readonly (readonly (Value | Nil)[])[];
  /** Choice messages sent and not yet lost: a set, read by whoever receives them, in any order. */
  readonly net: readonly ChoiceMsg[];
  /** up[i]: false once process i has crashed (it never recovers). */
  readonly up: readonly boolean[];
}
// #endregion majority-state

/** The checking constants: processes, the size of a "majority", values, crashes. */
export interface MajConfig {
  readonly n: number;
  /** How many processes form a majority: more than half of n (a mutant makes it half). */
  readonly quorum: number;
  readonly values: readonly Value[];
  /** How many processes may crash in one run (0: none). */
  readonly crashes: number;
}

/** Three processes, majorities of two, values {1, 2}, at most one crash. */
export const majConfig: MajConfig = { n: 3, quorum: 2, values: VALUES5, crashes: 1 };

/** The parts of a process a mutant may change. */
export interface MajorityCode {
  /** May process i choose v now? */
  readonly mayChoose: (s: MajState, i: number, v: Value) => boolean;
  /** Process i receives choice(m.from, m.v). */
  readonly receive: (s: MajState, i: number, m: ChoiceMsg) => MajState;
}

// #region majority-code
/** The correct process: it chooses once, an allowed value, while up, and never changes its choice. */
export const majorityCode: MajorityCode = {
  mayChoose: (s, i, v) => s.up[i]! && s.choice[i] === nil && s.allowed[i]!.includes(v),
  // Receiving only records what the sender chose: heard[i][from] := v.
  receive: (s, i, m) => ({ ...s, heard: put(s.heard, i, put(s.heard[i]!, m.from, m.v)) }),
};

/**
 * What process i knows: a value that it has seen a majority choose,
 * counting its own choice and the choices it has heard; nil if none.
 */
export function known(s: MajState, i: number, quorum: number): Value | Nil {
  const heard = s.heard[i]!;
  for (let j = -1; j < heard.length; j++) {
    const v = j < 0 ? s.choice[i]! : heard[j]!; // a candidate: one of the values i has seen
    if (v === nil) continue;
    let votes = s.choice[i] === v ? 1 : 0;
    for (let k = 0; k < heard.length; k++) if (k !== i && heard[k] === v) votes++;
    if (votes >= quorum) return v;
  }
  return nil;
}
// #endregion majority-code

const addMsg = (net: readonly ChoiceMsg[], m: ChoiceMsg) =>
  net.some((x) => x.from === m.from && x.v === m.v)
    ? net
    : [...net, m].sort((a, b) => a.from - b.from || a.v - b.v);
const showMsg = (m: ChoiceMsg) => `choice(${pname(m.from)}, ${m.v})`;

/**
 * The majority implementation as a machine.
 *
 * @param cfg - processes, quorum, values, crashes
 * @param code - the processes' code (a mutant changes it)
 * @returns the machine
 */
export function majority(
  cfg: MajConfig = majConfig,
  code: MajorityCode = majorityCode,
): Machine<MajState> {
  const procs = range(cfg.n);
  const allowParams = procs.flatMap((i) => cfg.values.map((v) => [i, v] as const));
  // #region majority-actions
  const Allow = action({
    name: 'Allow',
    external: true,
    params: () => allowParams,
    showParam: ([i, v]) => `${pname(i)}, ${v}`,
    // A checking constant: a client allows one value at each process, as a participant votes once.
    guard: (s: MajState, [i]: readonly [number, Value]) => s.up[i]! && s.allowed[i]!.length === 0,
    effect: (s, [i, v]) => to({ ...s, allowed: put(s.allowed, i, addValue(s.allowed[i]!, v)) }),
  });
  const Choose = action({
    name: 'Choose',
    external: false,
    params: () => allowParams,
    showParam: ([i, v]) => `${pname(i)}, ${v}`,
    guard: (s: MajState, [i, v]: readonly [number, Value]) => code.mayChoose(s, i, v),
    effect: (s, [i, v]) =>
      to({ ...s, choice: put(s.choice, i, v), net: addMsg(s.net, { from: i, v }) }),
  });
  const Send = action({
    name: 'Send',
    external: false,
    params: () => procs,
    showParam: pname,
    guard: (s: MajState, i: number) =>
      s.up[i]! && s.choice[i] !== nil && !s.net.some((m) => m.from === i && m.v === s.choice[i]),
    effect: (s, i) => to({ ...s, net: addMsg(s.net, { from: i, v: s.choice[i]! }) }),
  });
  const Receive = action({
    name: 'Receive',
    external: false,
    params: (s: MajState) => s.net.flatMap((m) => procs.map((i) => [i, m] as const)),
    showParam: ([i, m]) => `${showMsg(m)} -> ${pname(i)}`,
    guard: (s: MajState, [i, m]: readonly [number, ChoiceMsg]) =>
      i !== m.from && s.up[i]! && s.heard[i]![m.from] !== m.v,
    effect: (s, [i, m]) => to(code.receive(s, i, m)),
  });
  const Outcome = action({
    name: 'Outcome',
    external: true,
    params: () => procs,
    showParam: pname,
    guard: (s: MajState, i: number) => s.up[i]!,
    effect: (s, i) => returns(s, known(s, i, cfg.quorum)),
  });
  const Lose = action({
    name: 'Lose',
    external: false,
    fault: true,
    params: (s: MajState) => s.net,
    showParam: showMsg,
    effect: (s, m) => to({ ...s, net: s.net.filter((x) => x.from !== m.from || x.v !== m.v) }),
  });
  const Crash = crashAction<MajState>(procs, cfg.crashes);
  // #endregion majority-actions
  return machine<MajState>({
    name: `Majority(${cfg.quorum} of ${cfg.n})`,
    init: [
      {
        allowed: procs.map(() => []),
        choice: procs.map(() => nil),
        heard: procs.map(() => procs.map(() => nil)),
        net: [],
        up: procs.map(() => true),
      },
    ],
    actions: [Allow, Choose, Send, Receive, Outcome, Lose, Crash],
    key: cfg.n <= 4 && cfg.values.length <= 3 ? packKey : stringKey,
    view: (s) => majView(s, cfg.quorum),
  });
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
export function majView(s: MajState, quorum: number): Record<string, unknown> {
  const procs = range(s.choice.length);
  const heard = procs
    .map((i) => {
      const h = s.heard[i]!.map((v, j) => (v === nil ? '' : `${pname(j)}=${v}`)).filter(Boolean);
      return h.length ? `${pname(i)}{${h.join(' ')}}` : '';
    })
    .filter(Boolean);
  return {
    allowed: s.allowed.map((a) => new Set(a)),
    choice: s.choice,
    heard: heard.join(' ') || '-',
    outcome: procs.map((i) => known(s, i, quorum)),
    net: s.net.map(showMsg).join(' ') || '-',
    crashed:
      procs
        .filter((i) => !s.up[i])
        .map(pname)
        .join(' ') || '-',
  };
}

/** A value or nil as a small number: 0 for nil, else 1 + its place among the values seen. */
const code = (v: Value | Nil) => (v === nil ? 0 : v);

/**
 * The state packed into one integer below 2^53 (a key that is its own
 * fingerprint), for up to 4 processes and values 1 .. 3: per process its
 * allowed set, choice, heard and up; then the messages in flight.
 */
function packKey(s: MajState): number {
  let k = 0;
  const n = s.choice.length;
  for (let i = 0; i < n; i++) {
    let a = 0;
    for (const v of s.allowed[i]!) a |= 1 << (v - 1);
    k = k * 8 + a;
    k = k * 4 + code(s.choice[i]!);
    for (let j = 0; j < n; j++) if (j !== i) k = k * 4 + code(s.heard[i]![j]!);
    k = k * 2 + (s.up[i] ? 1 : 0);
  }
  let net = 0;
  for (const m of s.net) net |= 1 << (m.from * 3 + m.v - 1);
  return k * 2 ** (3 * n) + net;
}

function stringKey(s: MajState): string {
  return `${s.allowed.map((a) => a.join('')).join(',')}|${s.choice.map(showV).join('')}|${s.heard
    .map((h) => h.map(showV).join(''))
    .join(',')}|${s.net.map((m) => `${m.from}${m.v}`).join(',')}|${s.up.map(Number).join('')}`;
}

/**
 * Every value allowed at some process: ∪ allowed[i].
 *
 * @param y - a state
 * @returns the union, sorted
 */
export function allAllowed(y: MajState): readonly Value[] {
  let all: readonly Value[] = [];
  for (const a of y.allowed) for (const v of a) all = addValue(all, v);
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
export function majorityChoice(y: MajState, quorum: number): Value | Nil {
  let winner: Value | Nil = nil;
  for (const v of new Set(y.choice)) {
    if (v === nil || y.choice.filter((c) => c === v).length < quorum) continue;
    if (winner !== nil)
      return `undefined: ${Math.min(winner, v)} and ${Math.max(winner, v)} both have a majority` as unknown as Value;
    winner = v;
  }
  return winner;
}

// #region majority-af
/**
 * The abstraction function to D (§5.2): allowed is every value allowed at
 * some process; outcome is the choice of a majority, or nil if there is no
 * majority; done is "everyone has gotten the outcome".
 */
export function majAF(y: MajState, quorum = majConfig.quorum): DState {
  return {
    allowed: allAllowed(y),
    outcome: majorityChoice(y, quorum),
    done: y.choice.every((_, i) => known(y, i, quorum) !== nil),
  };
}
// #endregion majority-af
