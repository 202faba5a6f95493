/**
 * Chapter 13's demo: a driven run of the highly available system, step by
 * step, with real time, every process's clock, the log as the primaries
 * have seen it decided, who holds a lease until when on its own clock, and
 * the clients' calls and replies. l1 queries, takes its lease by
 * consensus, and serves c1's write and a read from its own copy; then l2
 * starts a later round, learns l1's lease from its query, waits until its
 * own clock is past that lease's t + ε, commands again what the query
 * found, takes its own lease, and serves c2's calls.
 *
 * @module
 */
import type { Trace } from '../../index';
import { labelText, nil, show, textTable } from '../../index';
import { showInput } from '../01-replicated-state-machines/storage';
import type { Writer } from '../chapter';
import { demoConfig, epsilon } from './config';
import { changeCostOf, drivenRun } from './counting';
import { clientName, inputOf, leaderName, showEntry } from './service';
import type { HaState, HaSystem } from './system';

/** The demo's run: driven, deterministic (every message takes one tick). */
export const demoRun = () => {
  const { sys, trace } = drivenRun(demoConfig);
  return { machine: sys, trace };
};

/**
 * What leader l is and holds, in words: `(1,l1) primary, lease < 9`,
 * `lease < 11, over` (its clock is past t), `waits for clock > 11`,
 * `querying`, `idle`.
 *
 * @param sys - the system
 * @param y - the state
 * @param l - the leader
 * @returns its role and lease
 */
export function primacy(sys: HaSystem, y: HaState, l: number): string {
  const ls = y.leaders[l]!;
  if (!y.up[sys.ids.leaders[l]!]) return 'down';
  if (ls.n === nil) return 'idle';
  if (ls.phase === 'query') return 'querying';
  if (ls.phase !== 'primary') return ls.phase;
  if (!ls.working) return `waits for clock > ${ls.wait}`;
  if (ls.lease === nil) return 'primary, no lease';
  const clock = y.now + y.clocks[sys.ids.leaders[l]!]!;
  return clock < ls.lease ? `lease < ${ls.lease}` : `lease < ${ls.lease}, over`;
}

/**
 * Client i's current call and its reply, in words: `#1 Write(x, 1) ...`,
 * `#1 Write(x, 1) -> ok`, `idle`.
 *
 * @param sys - the system
 * @param y - the state
 * @param i - the client
 * @returns its call
 */
export function calling(sys: HaSystem, y: HaState, i: number): string {
  const cl = y.clients[i]!;
  if (cl.seq === 0) return '-';
  const call = `#${cl.seq} ${showInput(inputOf(sys.config, i, cl.seq))}`;
  if (cl.phase === 'waiting') return `${call} ...`;
  return `${call} -> ${show(cl.out)}`;
}

/**
 * A run as a table: the step; real time; every process's clock; the log
 * as primaries have seen it decided (its last entry and its length); each
 * leader's role and lease; each client's call.
 *
 * @param sys - the system
 * @param t - the run
 * @returns the table
 */
export function clockTable(sys: HaSystem, t: Trace<HaState>): string {
  const c = sys.config;
  const ls = c.skew.map((_, l) => l);
  const cs = c.scripts.map((_, i) => i);
  const row = (k: string, step: string, y: HaState) => {
    const log = y.history.log;
    return [
      k,
      step,
      String(y.now),
      y.clocks.map((o) => String(y.now + o)).join(' '),
      log.length === 0 ? '-' : `${log.length}: ${showEntry(c, log[log.length - 1]!)}`,
      ...ls.map((l) => primacy(sys, y, l)),
      ...cs.map((i) => calling(sys, y, i)),
    ];
  };
  const rows = [row('', '(start)', t.init)];
  t.steps.forEach((s, k) => {
    const mark = s.label.fault ? '! ' : s.label.external ? '* ' : '  ';
    rows.push(row(String(k + 1), mark + labelText(s.label), s.to));
  });
  return textTable(
    [
      '#',
      'step',
      'now',
      `clocks ${sys.names.join(' ')}`,
      'log (length: last entry)',
      ...ls.map(leaderName),
      ...cs.map(clientName),
    ],
    rows,
  );
}

/**
 * The demo.
 *
 * @param out - where to print
 */
export function demo(out: Writer): void {
  const c = demoConfig;
  const { machine: sys, trace } = demoRun();
  const change = changeCostOf(sys, trace);
  const last = trace.steps.at(-1)!.to;
  out(
    `The highly available storage: ${c.agents} agents keep the log by multi-Paxos, leaders l1 and l2 own rounds (1,l1) < (1,l2), and a primary's lease is an entry of the log, lease(l, t), with t = its clock + L, L = ${c.lease}. Every clock is within b = ${c.clockBound} of real time (ε = ${epsilon(c)}): l1's starts ${-c.skew[0]!} behind, l2's ${c.skew[1]!} ahead; every message takes one tick.`,
  );
  out(
    'A primary serves a read from its own copy while its clock is below its lease’s t; a new primary waits until its clock is past the latest lease its query found, plus ε.',
  );
  out('');
  out(clockTable(sys, trace));
  out('');
  out(
    `The log: ${last.history.log.map((v) => showEntry(c, v)).join('; ')}. l2 waited ${change.waited} tick${change.waited === 1 ? '' : 's'} after its query for l1's lease to end, and commanded ${change.again} entries again that its query found.`,
  );
  out('');
  out(
    '* an external step (a client’s call or return). log: how many entries primaries have seen decided, and the last. lN: its role, and its lease’s t on its own clock (it serves reads while its clock is below t).',
  );
}
