/**
 * Chapter 10's demo: a steady-state instance and a primary change, step by
 * step, each step beside what it changed in the processes and what the
 * per-instance image f(y) is; then what each consensus cost.
 *
 * @module
 */
import type { Trace } from '../../index';
import { labelText, nil, textTable } from '../../index';
import type { Writer } from '../chapter';
import { multiToD } from './abstraction';
import { countConfig } from './config';
import type { Cost } from './counting';
import { changeCost, changeScript, drive, lostCost, steadyCost, steadyScript } from './counting';
import type { MultiState } from './system';
import { multiPaxos, multiView } from './system';

/**
 * The per-instance image of a state, instance by instance: what was
 * allowed, the outcome (`_` for none), and `done` once an agent was told.
 *
 * @param y - the state
 * @returns one line
 */
export function imageText(y: MultiState): string {
  return multiToD(countConfig)(y)
    .map(
      (d, p) =>
        `p${p}: {${d.allowed.join(',')}} ${d.outcome === nil ? '_' : d.outcome}${d.done ? ' done' : ''}`,
    )
    .join('; ');
}

/**
 * A run as a table: each step, what it changed in the processes (the
 * network left out: the step's label says what moved), and the image.
 *
 * @param t - the run
 * @param from - the first step shown (the ones before are summed up in a line)
 * @returns the table
 */
export function runTable(t: Trace<MultiState>, from = 0): string {
  const rows: string[][] = [];
  let before = t.steps[from - 1]?.to ?? t.init;
  const view = (y: MultiState) => multiView(countConfig, y);
  t.steps.forEach((s, k) => {
    if (k < from) return;
    const v0 = view(before);
    const v1 = view(s.to);
    const changed = Object.keys(v1)
      .filter((x) => x !== 'net' && v1[x] !== v0[x])
      .map((x) => `${x}: ${v1[x]}`);
    const mark = s.label.fault ? '! ' : s.label.external ? '* ' : '  ';
    rows.push([
      String(k + 1),
      mark + labelText(s.label),
      changed.join('\n') || '-',
      imageText(s.to),
    ]);
    before = s.to;
  });
  return textTable(['#', 'step', 'what changed', 'f: the instances of D'], rows);
}

const costLine = (what: string, c: Cost) =>
  `${what}: ${c.messages} messages, ${c.delays} message delays`;

/**
 * Print the demo.
 *
 * @param out - where the lines go
 */
export function demo(out: Writer): void {
  const sys = multiPaxos(countConfig);
  out('Multi-Paxos (§7): 3 agents a, b, c; leaders l1 (proposes 7) and l2 (proposes 8).');
  out('An agent keeps one next for every instance and (v, last) per instance.');
  out('');
  const steady = drive(sys, steadyScript);
  const from = steadyScript.indexOf('Allow(l1, p1');
  out(`Steady state. l1 has queried once and decided instance 0 (steps 1-${from}); instance 1:`);
  out('');
  out(runTable(steady, from));
  out('');
  out(costLine('Instance 1', steadyCost()));
  out('');
  out('A primary change. l1’s command for instance 0 reaches only a; l2 takes over:');
  out('');
  out(runTable(drive(sys, changeScript)));
  out('');
  out(costLine('Instance 0 from NewRound(l2), the query included', changeCost()));
  out(
    costLine(
      'With the command of instance 1 lost on its way to b and c (npm run workbook -- trace 10 lost-command)',
      lostCost(),
    ),
  );
}
