/**
 * Duelling leaders: a concrete run of an untimely network in which two
 * potential leaders both lead and keep starting bigger rounds, each killing
 * the other's round with its query before the other's command lands. Made
 * by the driver with a delay policy that plays the adversary.
 *
 * @module
 */
import type { CheckResult } from '../../index';
import { nil } from '../../index';
import { dead, successfulRounds } from '../06-paxos-state/predicates';
import { roundName } from '../06-paxos-state/state';
import { messagesToPaxos } from '../08-paxos-messages/abstraction';
import { duelConfig } from './config';
import type { DelayPolicy, Drive } from './driver';
import { drive } from './driver';
import { safety } from './properties';
import type { ElectionState, ElectionSystem, TimedRules } from './system';
import { asNet, decided, paxosWithElection, rules } from './system';

// #region duel
/**
 * The adversary: names never arrive, so each potential leader thinks it is
 * the biggest one up; queries and reports take δ; a command takes 3δ, long
 * enough for the other leader's next query to land first.
 */
export const duelDelays: DelayPolicy = (c, e) =>
  e.msg.k === 'name' ? Number.POSITIVE_INFINITY : e.msg.k === 'command' ? 3 * c.delta : c.delta;
// #endregion duel

/**
 * The duel, driven to the horizon with safety checked on every step.
 *
 * @param r - the rules (default: the correct ones)
 * @param seed - breaks ties between steps due at the same time
 * @returns the run
 */
export function duel(r: TimedRules = rules, seed = 1): Drive {
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
 * @param sys - the system that made the run
 * @param d - the run, with its trace
 * @returns one row per round started
 */
export function roundsOf(sys: ElectionSystem, d: Drive): RoundRow[] {
  const started = new Map<number, number>();
  for (const { label, to } of d.trace?.steps ?? [])
    if (sys.Lead.is(label) || sys.NewRound.is(label)) {
      const n = to.leaders[sys.ids.leaders.indexOf(label.param.p)]!.paxos.n;
      if (n !== nil && !started.has(n)) started.set(n, to.now);
    }
  const f = messagesToPaxos(asNet(d.end));
  const ok = new Set(successfulRounds(f));
  return [...started.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([n, t]) => ({
      round: roundName(sys.config.paxos, n),
      started: t,
      command: f.command[n] === nil ? '-' : String(f.command[n]),
      fate: ok.has(n) ? 'successful' : dead(f, n) ? 'dead' : 'open',
    }));
}

// #region check-duel
/**
 * The claim that two leaders can kill each other’s rounds while their
 * names are held back, as a check of one run, the duel: it
 * holds if safety holds on every step, two leaders lead at once, every
 * round is started, no round is successful, every round but the last is
 * dead, and no agent is told an outcome.
 */
export function checkDuel(r: TimedRules = rules): CheckResult<ElectionState> {
  const t0 = performance.now();
  const sys = paxosWithElection(duelConfig, r);
  const d = duel(r);
  const rows = roundsOf(sys, d);
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
  const states = new Set([d.trace!.init, ...d.trace!.steps.map((st) => st.to)].map(sys.key)).size;
  return {
    check: 'simulate',
    subject: `the duel (${duelConfig.paxos.maxJ * duelConfig.paxos.leaders} rounds, horizon ${duelConfig.horizon})`,
    holds: wrong === undefined,
    complete: true,
    stats: { states, transitions: steps, depth: steps, runs: 1, ms: performance.now() - t0 },
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
