/**
 * Chapter 09's demo: a timely run that meets both bounds exactly, the
 * duel, and the measurements.
 *
 * @module
 */
import { renderTrace, textTable } from '../../index';
import type { Writer } from '../chapter';
import { demoSweepsConfig, duelConfig, measuredConfig, slowConfig } from './config';
import type { DelayPolicy, Drive } from './driver';
import { drive } from './driver';
import { duel, roundsOf } from './duel';
import type { Point } from './measure';
import { sweepDelta, sweepLate, sweepTimeout } from './measure';
import { decisionBound, leaderBound, safety } from './properties';
import { paxosWithElection } from './system';

/** Every copy takes exactly δ: the slowest a timely network may be. */
export const slowest: DelayPolicy = (c) => c.delta;

/** The timely run that takes as long as the bounds allow: l2 starts last and every message takes δ. */
export function slowRun(): Drive {
  return drive({
    config: slowConfig,
    seed: 1,
    delay: slowest,
    invariants: safety(slowConfig),
    trace: true,
  });
}

/** A table of measured points. */
export function pointsTable(head: string, points: readonly Point[]): string {
  return textTable(
    [head, 'mean time', 'max time', 'T + 7δ', 'mean steps', 'max steps', 'rounds', '2 leaders'],
    points.map((p) => [
      String(p.x),
      String(p.meanTime),
      String(p.maxTime),
      String(p.bound),
      String(p.meanSteps),
      String(p.maxSteps),
      String(p.meanRounds),
      `${p.twoLeaders}/${p.runs}`,
    ]),
  );
}

/**
 * Print the demo.
 *
 * @param out - where to write
 */
export function demo(out: Writer): void {
  const c = slowConfig;
  const { runs, seed } = demoSweepsConfig;
  const d = slowRun();
  out('The sloppy election of §6.5 with Paxos (§6.4) on a timely network: 3 agents,');
  out(
    `2 potential leaders (l1 < l2), δ = ${c.delta} tick, T = ${c.timeout} ticks. l1's timer runs out`,
  );
  out(`at 0, l2's at T = ${c.timeout}; every message takes the full δ.`);
  out('');
  out(renderTrace(paxosWithElection(c), d.trace!));
  out('');
  out(
    `l2 leads at ${d.leaderAt} = T + 2δ (bound ${leaderBound(c)}); every agent has the outcome at ${d.decidedAt} = T + 7δ (bound ${decisionBound(c)}).`,
  );
  out('');
  const duelRun = duel();
  out('The same system on an untimely network (names never arrive, commands take 3δ):');
  out('two leaders, each round killed by the next query before its command lands.');
  out('');
  out(
    textTable(
      ['round', 'started at', 'command', 'fate'],
      roundsOf(paxosWithElection(duelConfig), duelRun).map((r) => [
        r.round,
        String(r.started),
        r.command,
        r.fate,
      ]),
    ),
  );
  out('');
  out(
    `No agent has an outcome at the horizon (time ${duelRun.end.now}); safety held on every step.`,
  );
  out('(npm run workbook -- trace 9 duel shows every step.)');
  out('');
  out(
    `Measured: ${measuredConfig.paxos.agents} agents, ${measuredConfig.paxos.leaders} potential leaders, a tick is a millisecond, ${demoSweepsConfig.runs} seeded runs per row,`,
  );
  out(
    'delays drawn from 1 .. δ, first timers from 0 .. T. Time and steps are to the moment every agent has the outcome.',
  );
  out('');
  out(`Against the election timeout T (δ = ${measuredConfig.delta} ms):`);
  out(pointsTable('T (ms)', sweepTimeout(demoSweepsConfig.timeouts, runs, seed)));
  out('');
  out(`Against the message delay δ (T = ${measuredConfig.timeout} ms):`);
  out(pointsTable('δ (ms)', sweepDelta(demoSweepsConfig.deltas, runs, seed)));
  out('');
  out(
    `Against the share of late messages (a late one takes up to 10δ; δ = ${measuredConfig.delta} ms, T = ${measuredConfig.timeout} ms):`,
  );
  out(pointsTable('late (%)', sweepLate(demoSweepsConfig.late, runs, seed)));
}
