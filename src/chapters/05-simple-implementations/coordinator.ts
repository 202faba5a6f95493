/**
 * The first simple implementation (§3): a fixed coordinator gets every
 * Allow, chooses, and tells everyone, over a network that loses and
 * reorders messages; any process may crash. This is the shape of
 * two-phase commit.
 *
 * @module
 */
import type { ActorState, ActorSystem, Nil, ProcessAction, Role } from '../../index';
import { actors, layout, nil, processAction, role } from '../../index';
import type { DState, Value } from '../03-consensus-specs/specs';
import type { CoordinatorConfig } from './config';
import { coordinatorConfig } from './config';
import { addValue, pname, range } from './processes';

/** The coordinator is p1 (index 0). */
export const C = 0;

// #region coordinator-state
/** A process of the coordinator implementation; only the coordinator p1 uses `allowed`. */
export interface CoordinatorProcess {
  /** The values the coordinator has been allowed (it gets every Allow). */
  readonly allowed: readonly Value[];
  /** The outcome this process knows, or nil; the coordinator's is its choice. */
  readonly outcome: Value | Nil;
}

/**
 * outcome(v) for one process. It names its receiver so that the
 * coordinator can tell whose copy is still in flight.
 */
export interface OutcomeMsg {
  readonly v: Value;
  readonly to: number;
}
// #endregion coordinator-state

/** The parts of the coordinator a mutant (or exercise 5.2) may change. */
export interface CoordinatorRules {
  /** May the coordinator, in state s, choose v now? */
  readonly mayChoose: (s: CoordinatorProcess, v: Value) => boolean;
  /** What the process with this index, in state s, answers to Outcome. */
  readonly answer: (s: CoordinatorProcess, index: number) => Value | Nil;
  /** Does the coordinator retransmit outcome messages (Tell)? */
  readonly retransmit: boolean;
}

// #region coordinator-code
/** The correct coordinator. */
export const coordinatorRules: CoordinatorRules = {
  // Choose once, an allowed value.
  mayChoose: (s, v) => s.outcome === nil && s.allowed.includes(v),
  // A process answers with what it knows; nil if it has not heard yet.
  answer: (s) => s.outcome,
  // Keep telling: a lost message is sent again while the coordinator is up.
  retransmit: true,
};
// #endregion coordinator-code

/** The coordinator implementation's roles: one, `processes`. */
export type CoordinatorRoles = { readonly processes: Role<CoordinatorProcess, OutcomeMsg> };

/** The coordinator implementation's whole state: its processes, the network, who is up. */
export type CoordinatorState = ActorState<CoordinatorRoles, OutcomeMsg>;

/** The coordinator implementation: an actor system, with its processes' own steps at hand. */
export interface CoordinatorSystem extends ActorSystem<CoordinatorRoles, OutcomeMsg> {
  /** A client allows v at the coordinator (external). */
  readonly Allow: ProcessAction<CoordinatorProcess, OutcomeMsg, Value>;
  /** The coordinator chooses v and tells everyone. */
  readonly Choose: ProcessAction<CoordinatorProcess, OutcomeMsg, Value>;
  /** The coordinator sends outcome(v) to process i again. */
  readonly Tell: ProcessAction<CoordinatorProcess, OutcomeMsg, number>;
  /** A client asks a process for the outcome (external). */
  readonly Outcome: ProcessAction<CoordinatorProcess, OutcomeMsg>;
}

/**
 * The coordinator implementation as an actor system.
 *
 * @param cfg - processes, values, crashes
 * @param rules - the coordinator's rules (a mutant changes one part)
 * @returns the system
 */
export function coordinator(
  cfg: CoordinatorConfig = coordinatorConfig,
  rules: CoordinatorRules = coordinatorRules,
): CoordinatorSystem {
  const others = range(cfg.n).filter((i) => i !== C);
  // The arguments of a step only the coordinator takes: these at p1, none elsewhere.
  const atCoordinator =
    <T>(xs: readonly T[]) =>
    (_s: unknown, ctx: { index: number }) =>
      ctx.index === C ? xs : [];
  // #region coordinator-actions
  const Allow = processAction<CoordinatorProcess, OutcomeMsg, Value>({
    name: 'Allow',
    external: true,
    params: atCoordinator(cfg.values),
    effect: (s, v) => ({ state: { ...s, allowed: addValue(s.allowed, v) } }),
  });
  const Choose = processAction<CoordinatorProcess, OutcomeMsg, Value>({
    name: 'Choose',
    params: atCoordinator(cfg.values),
    guard: (s, v) => rules.mayChoose(s, v),
    effect: (s, v) => ({
      state: { ...s, outcome: v },
      send: others.map((i) => ({ to: i, msg: { v, to: i } })),
    }),
  });
  const Tell = processAction<CoordinatorProcess, OutcomeMsg, number>({
    name: 'Tell',
    params: atCoordinator(others),
    showParam: pname,
    // Send again only once the copy for i is gone (delivered or lost).
    guard: (s, i, ctx) =>
      rules.retransmit && s.outcome !== nil && !ctx.inFlight({ v: s.outcome, to: i }),
    effect: (s, i) => ({ state: s, send: [{ to: i, msg: { v: s.outcome!, to: i } }] }),
  });
  const Outcome = processAction<CoordinatorProcess, OutcomeMsg>({
    name: 'Outcome',
    external: true,
    effect: (s, _p, { index }) => ({ state: s, output: rules.answer(s, index) }),
  });
  const processes = role<CoordinatorProcess, OutcomeMsg>({
    name: pname,
    init: () => ({ allowed: [], outcome: nil }),
    crash: 'stop',
    // A delivered outcome(v) is what the process knows from now on.
    receive: (s, m) => ({ state: s.outcome === m.v ? s : { ...s, outcome: m.v } }),
    actions: [Allow, Choose, Tell, Outcome],
    key: (s) => `${s.allowed.join(',')}:${s.outcome ?? '-'}`,
  });
  const sys = actors({
    name: `Coordinator(${cfg.n})`,
    ids: layout({ processes: cfg.n }),
    roles: { processes },
    network: 'multiset',
    messageKey: (m: OutcomeMsg) => `${m.to}:${m.v}`,
    showMessage: (m: OutcomeMsg) => `outcome(${m.v})`,
    faults: { lose: Number.POSITIVE_INFINITY, crash: { processes: cfg.crashes } },
    view: coordinatorView,
  });
  // #endregion coordinator-actions
  return { ...sys, Allow, Choose, Tell, Outcome };
}

/**
 * The coordinator's variables by name: allowed, outcome[p1] .., net, crashed.
 *
 * @param s - a state
 * @returns the variables
 */
export function coordinatorView(s: CoordinatorState): Record<string, unknown> {
  const v: Record<string, unknown> = { allowed: new Set(s.processes[C]!.allowed) };
  s.processes.forEach((p, i) => {
    v[`outcome[${pname(i)}]`] = p.outcome;
  });
  v.net = s.net.map((e) => `outcome(${e.msg.v}) → ${pname(e.msg.to)}`).join(', ') || '-';
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
export function coordinatorToD(y: CoordinatorState): DState {
  return {
    allowed: y.processes[C]!.allowed,
    outcome: y.processes[C]!.outcome,
    done: y.processes.every((p) => p.outcome !== nil),
  };
}
// #endregion coordinator-af
