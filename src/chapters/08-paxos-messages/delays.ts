/**
 * Counting message delays (§6.1: "2½ round trips"): every message carries
 * the number of message delays on the longest causal chain that leads to
 * it, as a Lamport clock counts them. A process's count is the largest it
 * has received; what it sends is one more. The machine here wraps
 * message-level Paxos with these counts, so that a check can say of every
 * reachable state that no agent learns the outcome in fewer than five
 * delays.
 *
 * @module
 */
import {
  type Action,
  action,
  type Invariant,
  invariant,
  type Label,
  type Machine,
  machine,
  type Nil,
  nil,
  type Outcome,
  type Reachable,
  reachable,
  type Trace,
} from '../../index';
import { agentName, leaderName } from '../06-paxos-state/state';
import { type Msg, showMsg, toAgents } from './messages';
import type { Rules } from './rules';
import { messagePaxos, type NetConfig, type NetState } from './system';

/** Message-level Paxos with each message's delay count, each process's, and when agents learned. */
export interface TimedState {
  readonly y: NetState;
  /** Delay counts of the messages ever sent, by message key. */
  readonly stamps: Readonly<Record<string, number>>;
  /** Each process's count: the leaders first, then the agents. */
  readonly clocks: readonly number[];
  /** For each agent, the delay count of the outcome message it learned from, or nil. */
  readonly learned: readonly (number | Nil)[];
}

/**
 * The process that takes a step, as an index into `clocks` (leaders first),
 * or -1 for a step that sends nothing.
 */
function actor(nc: NetConfig, label: Pick<Label, 'action' | 'param'>): number {
  const L = nc.paxos.leaders;
  const p = label.param as { l?: number; m?: Msg; to?: number } | number;
  switch (label.action) {
    case 'NewRound':
    case 'Retransmit':
      return p as number;
    case 'Command':
      return (p as { l: number }).l;
    case 'Deliver': {
      const { m, to } = p as { m: Msg; to: number };
      return toAgents(m) ? L + to : to;
    }
    default:
      return -1;
  }
}

// #region timed
/**
 * One step with delay counts: the receiver of a message takes the larger of
 * its count and the message's; every message the step puts into the
 * network for the first time gets the actor's count plus one.
 */
function timedStep(
  nc: NetConfig,
  t: TimedState,
  label: Pick<Label, 'action' | 'param'>,
  y2: NetState,
): TimedState {
  const p = actor(nc, label);
  if (p < 0) return { ...t, y: y2 };
  const clocks = [...t.clocks];
  let learned = t.learned;
  if (label.action === 'Deliver') {
    const { m, to } = label.param as { m: Msg; to: number };
    clocks[p] = Math.max(clocks[p]!, t.stamps[m.key]!);
    if (m.k === 'outcome' && t.y.agents[to]!.outcome === nil)
      learned = learned.map((x, i) => (i === to ? t.stamps[m.key]! : x));
  }
  const stamps = { ...t.stamps };
  for (const m of y2.net) if (stamps[m.key] === undefined) stamps[m.key] = clocks[p]! + 1;
  return { y: y2, stamps, clocks, learned };
}
// #endregion timed

/**
 * Message-level Paxos with delay counts: the same steps, and the counts
 * beside them.
 *
 * @param nc - the configuration
 * @param r - the rules (a mutant may replace one)
 * @returns the machine
 */
export function timedPaxos(nc: NetConfig, r?: Rules): Machine<TimedState> {
  const base = messagePaxos(nc, r);
  const wrap = (a: Action<NetState, any>): Action<TimedState, any> =>
    action<TimedState, any>({
      name: a.name,
      external: a.external,
      ...(a.fault ? { fault: true } : {}),
      ...(a.params ? { params: (t: TimedState) => a.params!(t.y) } : {}),
      ...(a.guard ? { guard: (t: TimedState, p: unknown) => a.guard!(t.y, p) } : {}),
      ...(a.showParam ? { showParam: a.showParam } : {}),
      effect: (t: TimedState, p: unknown) => {
        const e = a.effect(t.y, p);
        const outs = (Array.isArray(e) ? e : [e]) as Outcome<NetState>[];
        return outs.map((o) => ({
          next: o.next === t.y ? t : timedStep(nc, t, { action: a.name, param: p }, o.next),
          ...(o.ret !== undefined ? { ret: o.ret } : {}),
        }));
      },
    });
  const init = [...base.init()][0]!;
  return machine<TimedState>({
    name: `${base.name}, with delay counts`,
    init: [
      {
        y: init,
        stamps: {},
        clocks: Array.from({ length: nc.paxos.leaders + nc.paxos.agents }, () => 0),
        learned: init.agents.map(() => nil),
      },
    ],
    actions: base.actions.map(wrap),
    key: (t) =>
      `${base.key(t.y)}#${Object.keys(t.stamps)
        .sort()
        .map((k) => `${k}=${t.stamps[k]}`)
        .join(',')}#${t.clocks.join(',')}#${t.learned.map((x) => x ?? '_').join(',')}`,
    view: (t) => ({
      ...base.view(t.y),
      delays: Object.entries(t.stamps)
        .map(([k, d]) => `${k}:${d}`)
        .join(' '),
    }),
  });
}

/** The fewest message delays after which an agent can learn the outcome (§6.1, §6.4). */
export const DELAYS = 5;

// #region delay-checks
/** No agent learns the outcome in fewer than five message delays. */
export const noSoonerThanFive: Invariant<TimedState> = invariant(
  `no agent learns the outcome in fewer than ${DELAYS} message delays`,
  (t) => t.learned.every((d) => d === nil || d >= DELAYS),
  (t) =>
    t.learned
      .map((d, i) => (d !== nil && d < DELAYS ? `${agentName(i)} learned it after ${d}` : ''))
      .filter(Boolean)
      .join(', '),
);

/** Some agent learns the outcome after exactly five. */
export const exactlyFive: Reachable<TimedState> = reachable(
  `an agent learns the outcome after exactly ${DELAYS} message delays`,
  (t) => t.learned.some((d) => d === DELAYS),
);
// #endregion delay-checks

/** One delivery of a run with its delay count: which message, to whom, after how many delays. */
export interface Hop {
  readonly step: number;
  readonly message: string;
  readonly to: string;
  readonly delays: number;
}

/**
 * The deliveries of a timed run, each with the delay count of its message.
 *
 * @param nc - the configuration (it names rounds)
 * @param t - a run of {@link timedPaxos}
 * @returns the deliveries in order
 */
export function hops(nc: NetConfig, t: Trace<TimedState>): Hop[] {
  const out: Hop[] = [];
  t.steps.forEach((st, k) => {
    if (st.label.action !== 'Deliver') return;
    const { m, to } = st.label.param as { m: Msg; to: number };
    out.push({
      step: k + 1,
      message: showMsg(nc.paxos, m),
      to: toAgents(m) ? agentName(to) : leaderName(to),
      delays: st.from.stamps[m.key]!,
    });
  });
  return out;
}
