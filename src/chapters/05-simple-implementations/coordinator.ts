/**
 * The first simple implementation (§3): a fixed coordinator gets every
 * Allow, chooses, and tells everyone, over a network that loses and
 * reorders messages; any process may crash. This is the shape of
 * two-phase commit.
 *
 * @module
 */
import { action, type Machine, machine, type Nil, nil, returns, to } from '../../index';
import type { DState, Value } from '../03-consensus-specs/specs';
import { addValue, crashAction, pname, put, range, showV, VALUES5 } from './processes';

/** The coordinator is p1. */
export const C = 0;

// #region coordinator-state
/** An outcome message in flight: outcome(v) to process `to`. */
export interface OutcomeMsg {
  readonly to: number;
  readonly v: Value;
}

/** The coordinator implementation's state. */
export interface CoordState {
  /** The values the coordinator has been allowed (it gets every Allow). */
  readonly allowed: readonly Value[];
  /** outcome[i]: the outcome process i knows, or nil. outcome[p1] is the coordinator's choice. */
  readonly outcome: readonly (Value | Nil)[];
  /** Messages sent and not yet delivered or lost: a set, so delivery may be in any order. */
  readonly net: readonly OutcomeMsg[];
  /** up[i]: false once process i has crashed (it never recovers). */
  readonly up: readonly boolean[];
}
// #endregion coordinator-state

/** The parts of the coordinator a mutant (or exercise 5.2) may change. */
export interface CoordinatorCode {
  /** May the coordinator choose v now? */
  readonly mayChoose: (s: CoordState, v: Value) => boolean;
  /** What process i answers to Outcome. */
  readonly answer: (s: CoordState, i: number) => Value | Nil;
  /** Does the coordinator retransmit outcome messages (Tell)? */
  readonly retransmit: boolean;
}

// #region coordinator-code
/** The correct coordinator. */
export const coordinatorCode: CoordinatorCode = {
  // Choose once, an allowed value, while up.
  mayChoose: (s, v) => s.up[C]! && s.outcome[C] === nil && s.allowed.includes(v),
  // A process answers with what it knows; nil if it has not heard yet.
  answer: (s, i) => s.outcome[i]!,
  // Keep telling: a lost message is sent again while the coordinator is up.
  retransmit: true,
};
// #endregion coordinator-code

/** The checking constants: processes, values, and how many crashes a run may have. */
export interface CoordConfig {
  readonly n: number;
  readonly values: readonly Value[];
  /** How many processes may crash in one run (0: none). */
  readonly crashes: number;
}

/** Three processes, values {1, 2}, at most one crash. */
export const coordConfig: CoordConfig = { n: 3, values: VALUES5, crashes: 1 };

const sendTo = (net: readonly OutcomeMsg[], m: OutcomeMsg) =>
  net.some((x) => x.to === m.to && x.v === m.v)
    ? net
    : [...net, m].sort((a, b) => a.to - b.to || a.v - b.v);
const without = (net: readonly OutcomeMsg[], m: OutcomeMsg) =>
  net.filter((x) => x.to !== m.to || x.v !== m.v);

/**
 * The coordinator implementation as a machine.
 *
 * @param cfg - processes, values, crashes
 * @param code - the coordinator's code (a mutant changes one part)
 * @returns the machine
 */
export function coordinator(
  cfg: CoordConfig = coordConfig,
  code: CoordinatorCode = coordinatorCode,
): Machine<CoordState> {
  const procs = range(cfg.n);
  const others = procs.filter((i) => i !== C);
  // #region coordinator-actions
  const Allow = action({
    name: 'Allow',
    external: true,
    params: () => cfg.values,
    guard: (s: CoordState) => s.up[C]!,
    effect: (s, v: Value) => to({ ...s, allowed: addValue(s.allowed, v) }),
  });
  const Choose = action({
    name: 'Choose',
    external: false,
    params: () => cfg.values,
    guard: (s: CoordState, v: Value) => code.mayChoose(s, v),
    effect: (s, v) =>
      to({
        ...s,
        outcome: put(s.outcome, C, v),
        net: others.reduce((net, i) => sendTo(net, { to: i, v }), s.net),
      }),
  });
  const Tell = action({
    name: 'Tell',
    external: false,
    params: () => others,
    showParam: pname,
    guard: (s: CoordState, i: number) =>
      code.retransmit &&
      s.up[C]! &&
      s.outcome[C] !== nil &&
      !s.net.some((m) => m.to === i && m.v === s.outcome[C]),
    effect: (s, i) => to({ ...s, net: sendTo(s.net, { to: i, v: s.outcome[C]! }) }),
  });
  const Deliver = action({
    name: 'Deliver',
    external: false,
    params: (s: CoordState) => s.net,
    showParam: (m: OutcomeMsg) => `outcome(${m.v}) -> ${pname(m.to)}`,
    guard: (s: CoordState, m: OutcomeMsg) => s.up[m.to]!,
    effect: (s, m) => to({ ...s, outcome: put(s.outcome, m.to, m.v), net: without(s.net, m) }),
  });
  const Outcome = action({
    name: 'Outcome',
    external: true,
    params: () => procs,
    showParam: pname,
    guard: (s: CoordState, i: number) => s.up[i]!,
    effect: (s, i) => returns(s, code.answer(s, i)),
  });
  const Lose = action({
    name: 'Lose',
    external: false,
    fault: true,
    params: (s: CoordState) => s.net,
    showParam: (m: OutcomeMsg) => `outcome(${m.v}) -> ${pname(m.to)}`,
    effect: (s, m) => to({ ...s, net: without(s.net, m) }),
  });
  const Crash = crashAction<CoordState>(procs, cfg.crashes);
  // #endregion coordinator-actions
  return machine<CoordState>({
    name: `Coordinator(${cfg.n})`,
    init: [
      {
        allowed: [],
        outcome: procs.map(() => nil),
        net: [],
        up: procs.map(() => true),
      },
    ],
    actions: [Allow, Choose, Tell, Deliver, Outcome, Lose, Crash],
    key: (s) =>
      `${s.allowed.join('')}|${s.outcome.map(showV).join(',')}|${s.net.map((m) => `${m.to}${m.v}`).join(',')}|${s.up.map(Number).join('')}`,
    view: coordView,
  });
}

/**
 * The coordinator's variables by name: allowed, outcome[p1] .., net, crashed.
 *
 * @param s - a state
 * @returns the variables
 */
export function coordView(s: CoordState): Record<string, unknown> {
  const v: Record<string, unknown> = { allowed: new Set(s.allowed) };
  s.outcome.forEach((o, i) => {
    v[`outcome[${pname(i)}]`] = o;
  });
  v.net = s.net.map((m) => `outcome(${m.v})->${pname(m.to)}`).join(' ') || '-';
  v.crashed =
    s.up
      .map((u, i) => (u ? '' : pname(i)))
      .filter(Boolean)
      .join(' ') || '-';
  return v;
}

// #region coordinator-af
/**
 * The abstraction function to D (§5.2): allowed is the coordinator's
 * allowed; outcome is the coordinator's outcome; done is "everyone has
 * gotten the outcome".
 */
export function coordAF(y: CoordState): DState {
  return {
    allowed: y.allowed,
    outcome: y.outcome[C]!,
    done: y.outcome.every((o) => o !== nil),
  };
}
// #endregion coordinator-af
