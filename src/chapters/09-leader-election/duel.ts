/**
 * Duelling leaders: a concrete run of an untimely network in which two
 * potential leaders both lead and keep starting bigger rounds, each killing
 * the other's round with its query before the other's command lands. Made
 * by the driver with a delay policy that plays the adversary.
 *
 * @module
 */
import { type CheckResult, nil } from '../../index';
import { dead, successfulRounds } from '../06-paxos-state/predicates';
import { roundName } from '../06-paxos-state/state';
import { toAbstract } from '../08-paxos-messages/abstraction';
import type { TimedConfig } from './config';
import { type DelayPolicy, type Drive, drive } from './driver';
import { safety } from './properties';
import { asNet, correct, decided, type ElectionState, type TimedRules } from './system';

// #region duel
/**
 * Two potential leaders, three agents, three rounds each, δ = 1 and T = 2;
 * l1's first timer runs out at 0 and l2's at 2. The network is untimely:
 * nothing bounds a delay.
 */
export const duelConfig: TimedConfig = {
  paxos: { agents: 3, leaders: 2, maxJ: 3, values: [7, 8] },
  allowed: [[7], [8]],
  delta: 1,
  timeout: 2,
  maxDelay: Number.POSITIVE_INFINITY,
  loss: false,
  skew: [0, 0],
  firstTimers: [[0, 2]],
  horizon: 13,
};

/**
 * The adversary: names never arrive, so each potential leader thinks it is
 * the biggest one up; queries and reports take δ; a command takes 3δ, long
 * enough for the other leader's next query to land first.
 */
export const duelDelays: DelayPolicy = (c, k) =>
  k.m.k === 'name' ? Number.POSITIVE_INFINITY : k.m.k === 'command' ? 3 * c.delta : c.delta;
// #endregion duel

/**
 * The duel, driven to the horizon with safety checked on every step.
 *
 * @param r - the rules (default: the correct ones)
 * @param seed - breaks ties between steps due at the same time
 * @returns the run
 */
export function duel(r: TimedRules = correct, seed = 1): Drive {
  return drive({
    config: duelConfig,
    rules: r,
    seed,
    delay: duelDelays,
    invariants: safety(duelConfig),
    trace: true,
  });
}

/** One round of a run: when it started, its command, and what became of it. */
export interface RoundRow {
  readonly round: string;
  readonly started: number;
  readonly command: string;
  readonly fate: string;
}

/**
 * The rounds of a run, in order: who started each one when, what it
 * commanded, and whether it ended dead, successful, or still open.
 *
 * @param c - the configuration
 * @param d - the run, with its trace
 * @returns one row per round started
 */
export function roundsOf(c: TimedConfig, d: Drive): RoundRow[] {
  const started = new Map<number, number>();
  for (const st of d.trace?.steps ?? [])
    if (st.label.action === 'Lead' || st.label.action === 'NewRound') {
      const n = st.to.leaders[st.label.param as number]!.paxos.n;
      if (n !== nil && !started.has(n)) started.set(n, st.to.now);
    }
  const f = toAbstract(asNet(d.end));
  const ok = new Set(successfulRounds(f));
  return [...started.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([n, t]) => ({
      round: roundName(c.paxos, n),
      started: t,
      command: f.command[n] === nil ? '-' : String(f.command[n]),
      fate: ok.has(n) ? 'successful' : dead(f, n) ? 'dead' : 'open',
    }));
}

// #region check-duel
/**
 * The claim that leaders can duel for ever, as a check of the duel: it
 * holds if safety holds on every step, two leaders lead at once, every
 * round is started, no round is successful, every round but the last is
 * dead, and no agent is told an outcome.
 */
export function checkDuel(r: TimedRules = correct): CheckResult<ElectionState> {
  const t0 = performance.now();
  const d = duel(r);
  const rows = roundsOf(duelConfig, d);
  const c = duelConfig.paxos;
  const wrong = d.failure
    ? `${d.failure.property}: ${d.failure.message}`
    : d.mostLeaders < 2
      ? 'there were never two leaders at once'
      : rows.length < c.maxJ * c.leaders
        ? `only ${rows.length} rounds were started`
        : rows.some((x) => x.fate === 'successful') || decided(d.end)
          ? `round ${rows.find((x) => x.fate === 'successful')?.round ?? '?'} succeeded`
          : rows.slice(0, -1).some((x) => x.fate !== 'dead')
            ? `round ${rows.find((x) => x.fate !== 'dead')!.round} is not dead`
            : undefined;
  const steps = d.trace!.steps.length;
  return {
    check: 'simulate',
    subject: `the duel (${duelConfig.paxos.maxJ * duelConfig.paxos.leaders} rounds, horizon ${duelConfig.horizon})`,
    holds: wrong === undefined,
    complete: true,
    stats: { states: steps + 1, transitions: steps, depth: steps, ms: performance.now() - t0 },
    ...(wrong === undefined
      ? {}
      : {
          counterexample: {
            property: 'leaders duel without a decision',
            message: wrong,
            trace: d.trace!,
          },
        }),
    unreached: [],
  };
}
// #endregion check-duel
