/**
 * Counting message delays (§6.1: "2½ round trips"): every message carries
 * the number of message delays on the longest causal chain that leads to
 * it, as a Lamport clock counts them. A process's count is the largest it
 * has received; what it sends is one more. The counts are a history
 * variable of message-level Paxos (the library's `withHistory`), so a
 * check can say of every reachable state that no agent learns the outcome
 * in fewer than five delays.
 *
 * @module
 */
import type { Invariant, Machine, Nil, Reachable, Step, Trace, WithHistory } from '../../index';
import { invariant, nil, reachable, withHistory } from '../../index';
import { agentName } from '../06-paxos-state/state';
import type { NetConfig } from './config';
import type { Rules } from './rules';
import type { NetState, PaxosSystem } from './system';
import { messagePaxos } from './system';

/** The delay counts: of each message sent, of each process, and when each agent learned. */
export interface DelayCounts {
  /** The delay count of each message ever sent, by its key in the network. */
  readonly stamps: Readonly<Record<string, number>>;
  /** Each process's count, by id. */
  readonly clocks: readonly number[];
  /** For each agent, the delay count of the outcome message it learned from, or nil. */
  readonly learned: readonly (number | Nil)[];
}

/** Message-level Paxos with its delay counts beside the state. */
export type TimedState = WithHistory<NetState, DelayCounts>;

// #region timed
/**
 * The counts after a step: the receiver of a message takes the larger of
 * its count and the message's; every message the step puts into the
 * network for the first time gets the count of the process that sent it
 * plus one.
 */
export function countDelays(sys: PaxosSystem, h: DelayCounts, st: Step<NetState>): DelayCounts {
  const p = sys.actor(st.label);
  // A step that changes nothing (a duplicate its receiver ignores) is no event.
  if (p === undefined || st.to === st.from) return h;
  let { clocks, learned } = h;
  if (sys.Deliver.is(st.label)) {
    const { env, to } = st.label.param;
    const stamp = h.stamps[sys.network.key(env)]!;
    if (stamp > clocks[to]!) clocks = clocks.map((x, q) => (q === to ? stamp : x));
    if (env.msg.k === 'outcome' && st.from.agents[to]!.outcome === nil)
      learned = learned.map((x, i) => (i === to ? stamp : x));
  }
  let stamps = h.stamps;
  if (st.to.net !== st.from.net)
    for (const e of st.to.net) {
      const k = sys.network.key(e);
      if (stamps[k] === undefined) stamps = { ...stamps, [k]: clocks[p]! + 1 };
    }
  return stamps === h.stamps && clocks === h.clocks && learned === h.learned
    ? h
    : { stamps, clocks, learned };
}
// #endregion timed

/**
 * Message-level Paxos with delay counts: the same steps, and the counts
 * beside them.
 *
 * @param nc - the configuration
 * @param r - the rules (a mutant may replace one)
 * @returns the system, and the machine with the counts
 */
export function timedPaxos(
  nc: NetConfig,
  r?: Rules,
): { readonly system: PaxosSystem; readonly machine: Machine<TimedState> } {
  const sys = messagePaxos(nc, r);
  const n = sys.names.length;
  const machine = withHistory<NetState, DelayCounts>(sys, {
    init: {
      stamps: {},
      clocks: Array.from({ length: n }, () => 0),
      learned: sys.ids.agents.map(() => nil),
    },
    record: (h, st) => countDelays(sys, h, st),
    key: (h) =>
      `${Object.keys(h.stamps)
        .sort()
        .map((k) => `${k}=${h.stamps[k]}`)
        .join(',')}#${h.clocks.join(',')}#${h.learned.map((x) => x ?? '_').join(',')}`,
    view: (h) => ({
      delays: Object.values(h.stamps).join(' '),
    }),
  });
  return { system: sys, machine };
}

/** The fewest message delays after which an agent can learn the outcome (§6.1, §6.4). */
export const DELAYS = 5;

// #region delay-checks
/** No agent learns the outcome in fewer than five message delays. */
export const noSoonerThanFive: Invariant<TimedState> = invariant(
  `no agent learns the outcome in fewer than ${DELAYS} message delays`,
  (t) => t.h.learned.every((d) => d === nil || d >= DELAYS),
  (t) =>
    t.h.learned
      .map((d, i) => (d !== nil && d < DELAYS ? `${agentName(i)} learned it after ${d}` : ''))
      .filter(Boolean)
      .join(', '),
);

/** Some agent learns the outcome after exactly five. */
export const exactlyFive: Reachable<TimedState> = reachable(
  `an agent learns the outcome after exactly ${DELAYS} message delays`,
  (t) => t.h.learned.some((d) => d === DELAYS),
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
 * @param sys - the system that made the run
 * @param t - a run of {@link timedPaxos}
 * @returns the deliveries in order
 */
export function hops(sys: PaxosSystem, t: Trace<TimedState>): Hop[] {
  const out: Hop[] = [];
  t.steps.forEach((st, k) => {
    if (!sys.Deliver.is(st.label)) return;
    const { env, to } = st.label.param;
    out.push({
      step: k + 1,
      message: sys.showMessage(env.msg),
      to: sys.names[to]!,
      delays: st.from.h.stamps[sys.network.key(env)]!,
    });
  });
  return out;
}

/**
 * A run of the machine with counts, as a run of the system: the same
 * steps, without the counts.
 *
 * @param t - a run of {@link timedPaxos}'s machine
 * @returns the same run of its system
 */
export const withoutCounts = (t: Trace<TimedState>): Trace<NetState> => ({
  init: t.init.s,
  steps: t.steps.map((st) => ({ from: st.from.s, label: st.label, to: st.to.s })),
});
