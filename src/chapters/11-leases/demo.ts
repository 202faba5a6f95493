/**
 * Chapter 11's demo: two scripted runs of the lease system, step by step,
 * with real time, every process's clock, the lease each client holds and
 * until when its own clock lets it use it, and the image f(y) in spec
 * Lease. The first hands the lease over on demand (a renewal, a revoke, a
 * release); in the second the holder crashes and the other client waits
 * for the lease to expire.
 *
 * @module
 */
import type { Trace } from '../../index';
import { labelText, nil, replay, textTable } from '../../index';
import type { Writer } from '../chapter';
import { leaseAbstraction } from './abstraction';
import { demoConfig, epsilon } from './config';
import type { LeaseState, LeaseSystem } from './system';
import { clientName, leaseSystem } from './system';

// #region scripts
/**
 * A hand-over: p1 gets the exclusive lease, writes, and renews it; p2's
 * clock drifts a tick; p2 asks, is told no, and the home revokes p1's
 * lease; p1 releases it, p2 asks again, gets it with p1's value, and reads.
 */
export const handOverScript: readonly string[] = [
  'Ask(p1, w)',
  'Tick(1)',
  'Deliver(req(w, #1) → home)',
  'Tick(2)',
  'Deliver(grant(w, t=8, #1, v0) → p1)',
  'Write(p1, p1.1)',
  'Tick(3)',
  'Deliver(write(p1.1) → home)',
  'Tick(4)',
  'Deliver(ack(p1.1) → p1)',
  'Ask(p1, w)',
  'Drift(p2, +1)',
  'Tick(5)',
  'Deliver(req(w, #2) → home)',
  'Tick(6)',
  'Deliver(grant(w, t=12, #2, p1.1) → p1)',
  'Ask(p2, w)',
  'Tick(7)',
  'Deliver(req(w, #1) → home)',
  'Tick(8)',
  'Deliver(deny(#1) → p2)',
  'Deliver(revoke(#2) → p1)',
  'Release(p1)',
  'Ask(p2, w)',
  'Tick(9)',
  'Deliver(release(#2) → home)',
  'Deliver(req(w, #2) → home)',
  'Tick(10)',
  'Deliver(grant(w, t=16, #2, p1.1) → p2)',
  'Read(p2) -> p1.1',
];

/**
 * A holder that crashes: p1 gets the lease and writes, then crashes; p2
 * asks and is told no, and must wait until the home's clock is past the
 * lease's t before it is granted the resource.
 */
export const crashScript: readonly string[] = [
  'Ask(p1, w)',
  'Tick(1)',
  'Deliver(req(w, #1) → home)',
  'Tick(2)',
  'Deliver(grant(w, t=8, #1, v0) → p1)',
  'Write(p1, p1.1)',
  'Tick(3)',
  'Deliver(write(p1.1) → home)',
  'Crash(p1)',
  'Ask(p2, w)',
  'Tick(4)',
  'Deliver(req(w, #1) → home)',
  'Tick(5)',
  'Deliver(deny(#1) → p2)',
  'Tick(6)',
  'Tick(7)',
  'Ask(p2, w)',
  'Tick(8)',
  'Deliver(req(w, #2) → home)',
  'Tick(9)',
  'Deliver(grant(w, t=15, #2, p1.1) → p2)',
  'Read(p2) -> p1.1',
];
// #endregion scripts

/** The demo's system. */
export const demoSystem = (): LeaseSystem => leaseSystem(demoConfig);

/**
 * One of the demo's scripts, run.
 *
 * @param script - the label texts, in order
 * @returns the system and the run
 */
export function scripted(script: readonly string[]): {
  readonly machine: LeaseSystem;
  readonly trace: Trace<LeaseState>;
} {
  const machine = demoSystem();
  return { machine, trace: replay(machine, script) };
}

/**
 * What a client holds, as its own clock sees it: the lease's mode, its
 * expiry t on the home's clock, and the last tick of its own clock on which
 * it may still use it (t − ε − 1, since it stops when its clock reaches t − ε).
 *
 * @param sys - the system
 * @param y - the state
 * @param i - the client
 * @returns `w, t=8, use to 5`, `down`, or `-`
 */
export function holding(sys: LeaseSystem, y: LeaseState, i: number): string {
  const p = sys.ids.clients[i]!;
  if (!y.up[p]) return 'down';
  const l = y.clients[i]!.lease;
  if (l === nil) return '-';
  return `${l.mode}, t=${l.t}, use to ${l.t - epsilon(sys.config) - 1}`;
}

/**
 * A run as a table: the step; real time; each process's clock; what each
 * client holds; and f(y)'s master and value in spec Lease.
 *
 * @param sys - the system
 * @param t - the run
 * @returns the table
 */
export function clockTable(sys: LeaseSystem, t: Trace<LeaseState>): string {
  const f = leaseAbstraction(sys);
  const names = sys.names;
  const clients = Array.from({ length: sys.config.clients }, (_, i) => i);
  const row = (k: string, step: string, y: LeaseState) => {
    const image = f(y);
    return [
      k,
      step,
      String(y.now),
      y.clocks.map((o) => String(y.now + o)).join(' '),
      ...clients.map((i) => holding(sys, y, i)),
      `${image.master === nil ? '-' : image.master} ${image.value}`,
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
      `clocks ${names.join(' ')}`,
      ...clients.map((i) => clientName(i)),
      'f: master value',
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
  const sys = demoSystem();
  out(
    `Leases on one resource: L = ${c.lease} ticks on the home's clock, every clock within b = ${c.clockBound} of real time (ε = ${epsilon(c)}), messages and writes within δ = ${c.delta}.`,
  );
  out(
    `A client uses its lease while its own clock is below t − ε, and starts a write only if it lands by then (clock + δ ≤ t − ε). Clocks start at offsets ${c.skew.join(', ')} (home, p1, p2).`,
  );
  out('');
  out('A hand-over on demand: a renewal, then a revoke and a release.');
  out(clockTable(sys, scripted(handOverScript).trace));
  out('');
  out('The holder crashes: p2 waits until the home’s clock is past t.');
  out(clockTable(sys, scripted(crashScript).trace));
  out('');
  out('* an external step (a client’s Write or Read), ! a fault or a drift of a clock.');
}
