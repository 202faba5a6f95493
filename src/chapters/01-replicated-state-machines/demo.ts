/**
 * Chapter 01's demo: three replicas apply a numbered log delivered in three
 * different orders, and end equal.
 *
 * @module
 */
import { renderTrace, replay } from '../../index';
import type { Writer } from '../chapter';
import { demoConfig } from './config';
import { logOf, replicaName, replication } from './replication';
import { showInput, showState } from './storage';

/** The demo's schedule: r1 gets the log in order, r2 pairwise swapped, r3 backwards. */
export const demoPath = [
  'Request(Write(x, 3))',
  'Request(Read(x))',
  'Deliver(1 → r1)',
  'Deliver(2 → r2)',
  'Deliver(2 → r1)',
  'Deliver(1 → r2)',
  'Request(Write(y, 5))',
  'Request(Read(y))',
  'Deliver(4 → r3)',
  'Deliver(3 → r3)',
  'Deliver(4 → r2)',
  'Deliver(3 → r1)',
  'Deliver(2 → r3)',
  'Deliver(4 → r1)',
  'Deliver(3 → r2)',
  'Deliver(1 → r3)',
];

/**
 * The demo's run.
 *
 * @returns the system and the run
 */
export function demoRun() {
  const machine = replication(demoConfig);
  return { machine, trace: replay(machine, demoPath) };
}

/**
 * Print the demo.
 *
 * @param out - where the lines go
 */
export function demo(out: Writer): void {
  const { machine, trace } = demoRun();
  out('Three replicas of the storage service apply a numbered log (§2.1).');
  out('The primary numbers each request 1, 2, 3, ...; the network delivers the');
  out('numbered entries to each replica in a different order; each replica');
  out('applies entry n only after entries 1 .. n-1.');
  out('');
  out(renderTrace(machine, trace));
  out('');
  const last = trace.steps.at(-1)!.to;
  out(
    `The log: ${logOf(last)
      .map((e) => `${e.n}:${showInput(e.input)}`)
      .join(' ')}`,
  );
  last.replicas.forEach((r, i) => {
    const outputs = r.outputs.map((o) => o ?? 'nil').join(' ');
    out(`  ${replicaName(i)}: state ${showState(r.state)}, outputs [${outputs}]`);
  });
  out('Same inputs, same order: the same state and the same outputs on every replica.');
}
