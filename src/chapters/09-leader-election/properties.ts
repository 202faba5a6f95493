/**
 * What the chapter claims of the timed model, as properties: one leader at
 * a time, the biggest name leading by T + 2δ, every agent told the outcome
 * by T + 7δ, and safety (chapter 06's invariants read through chapter 08's
 * abstraction, chapter 08's channel invariants, and Agreement) in every
 * state, timely or not.
 *
 * @module
 */
import type { Invariant, Reachable } from '../../index';
import { invariant, nil, reachable } from '../../index';
import { outcome } from '../06-paxos-state/predicates';
import { agentName, leaderName, roundName } from '../06-paxos-state/state';
import { messagesToPaxos } from '../08-paxos-messages/abstraction';
import { channelInvariants, imageInvariants } from '../08-paxos-messages/invariants';
import type { NetState } from '../08-paxos-messages/system';
import type { TimedConfig } from './config';
import type { Times } from './election';
import type { ElectionState } from './system';
import { asNet, decided, leading } from './system';

/**
 * From a start in which every potential leader is a follower whose timer
 * runs out within T, nothing is in flight and nothing fails, in a timely
 * network: the biggest name broadcasts by T, hears no bigger name, and
 * leads one round trip later.
 */
export const leaderBound = (t: Times): number => t.timeout + 2 * t.delta;

/**
 * Its first round then takes query, report, command, report and outcome,
 * each at most δ: two and a half round trips, after which every agent has
 * been told the outcome.
 */
export const decisionBound = (t: Times): number => leaderBound(t) + 5 * t.delta;

const names = (ls: readonly number[]) => ls.map(leaderName).join(' and ');

/** The biggest name: the last potential leader. */
const biggest = (c: TimedConfig) => c.paxos.leaders - 1;

// #region election-properties
/** At most one potential leader leads at any time. */
export const oneLeader = invariant<ElectionState>(
  'at most one leader at a time',
  (s) => leading(s).length <= 1,
  (s) => `${names(leading(s))} both lead at time ${s.now}`,
);

/** An invariant that must hold once time has passed a bound. */
const after = (
  name: string,
  bound: number,
  holds: (s: ElectionState) => boolean,
  why: (s: ElectionState) => string,
) => invariant<ElectionState>(name, (s) => s.now <= bound || holds(s), why);

/** After T + 2δ (or another bound) the biggest name leads. */
export const leaderInTime = (c: TimedConfig, bound = leaderBound, called = 'T + 2δ') =>
  after(
    `the biggest name leads after ${called} = ${bound(c)}`,
    bound(c),
    (s) => s.leaders[biggest(c)]!.role === 'leader',
    (s) =>
      `at time ${s.now}, ${leaderName(biggest(c))} is a ${s.leaders[biggest(c)]!.role}; leading: ${names(leading(s)) || 'nobody'}`,
  );

/** After T + 7δ (or another bound) every agent has been told the outcome. */
export const decidedInTime = (c: TimedConfig, bound = decisionBound, called = 'T + 7δ') =>
  after(
    `every agent knows the outcome after ${called} = ${bound(c)}`,
    bound(c),
    decided,
    (s) =>
      `at time ${s.now}, ${s.agents
        .flatMap((a, i) => (a.outcome === nil ? [agentName(i)] : []))
        .join(', ')} not told; the leaders are on ${s.leaders
        .map(
          (p, l) =>
            `${p.paxos.n === nil ? 'no round' : roundName(c.paxos, p.paxos.n)} (${leaderName(l)})`,
        )
        .join(', ')}`,
  );
// #endregion election-properties

// #region safety
/**
 * Agreement (§3): every agent that has been told an outcome has been told
 * the same one, and it is the outcome of f(y).
 */
export const agreement = invariant<ElectionState>(
  'Agreement: every outcome an agent knows is the outcome',
  (s) => {
    const o = outcome(messagesToPaxos(asNet(s)));
    return s.agents.every((a) => a.outcome === nil || a.outcome === o);
  },
  (s) =>
    `outcome of f(y) is ${outcome(messagesToPaxos(asNet(s))) ?? 'nil'}, but ${s.agents
      .map((a, i) => `${agentName(i)} knows ${a.outcome ?? 'nil'}`)
      .join(', ')}`,
);

/**
 * Safety, timely or not: chapter 06's Invariants 1 and 2 of f(y), chapter
 * 08's channel invariants, and Agreement, each of the state as chapter 08
 * sees it.
 */
export function safety(c: TimedConfig): Invariant<ElectionState>[] {
  const lift = (inv: Invariant<NetState>) =>
    invariant<ElectionState>(
      inv.name,
      (s) => inv.holds(asNet(s)),
      (s) => (inv.why ? inv.why(asNet(s)) : 'violated'),
    );
  return [
    ...imageInvariants(c.paxos).map(lift),
    ...channelInvariants(c.paxos).map(lift),
    agreement,
  ];
}
// #endregion safety

/**
 * What a timely run must show, so the check cannot pass because nothing
 * happens: a leader, a follower that polls the leader and defers, every
 * agent told, and the bounds met exactly (some run is as slow as each
 * bound allows).
 */
export function timelyGoals(
  c: TimedConfig,
  lb: (t: Times) => number = leaderBound,
  db: (t: Times) => number = decisionBound,
): Reachable<ElectionState>[] {
  const b = biggest(c);
  return [
    reachable('a leader emerges', (s) => leading(s).length === 1),
    reachable('a smaller name polls the leader', (s) =>
      s.leaders.some((p, l) => l !== b && p.role === 'candidate' && leading(s)[0] === b),
    ),
    reachable('every agent is told the outcome', decided),
    reachable(
      `at ${lb === leaderBound ? 'T + 2δ' : 'the leader bound'} = ${lb(c)} nobody leads yet`,
      (s) => {
        return s.now === lb(c) && leading(s).length === 0;
      },
    ),
    reachable(
      `at ${db === decisionBound ? 'T + 7δ' : 'the decision bound'} = ${db(c)} some agent has not been told`,
      (s) => {
        return s.now === db(c) && !decided(s);
      },
    ),
  ];
}

// #region two-values
/**
 * A potential leader has chosen u_l from reports that hold two different
 * values. A round has at most one value (Invariant 1), so they are values
 * of two earlier rounds: the situation in which it matters which earlier
 * round the leader's rule takes.
 */
export const choseAfterTwoValues = reachable<ElectionState>(
  'a leader chose a value after two earlier rounds with different values',
  (s) =>
    s.leaders.some(
      ({ paxos: ls }) =>
        ls.u !== nil &&
        new Set(ls.reports.flatMap((r) => r.s.filter((st) => typeof st === 'number'))).size >= 2,
    ),
);
// #endregion two-values

/**
 * What the exhaustive untimely check must find, so that it cannot pass
 * because the election always works: two leaders at once.
 */
export const untimelyGoals: readonly Reachable<ElectionState>[] = [
  reachable('two leaders at once', (s) => leading(s).length >= 2),
];
