/**
 * `workbook bench`: measured figures, printed as a table and as JSON rows
 * `{ name, metric, value, unit, reference?, referenceValue?, ratio? }`.
 * Timings are measured here and never asserted in tests.
 *
 * @module
 */
import { explore, type Machine, textTable } from '../index';
import { electionRows } from './election';
import { gridObjects, gridPacked } from './models';
import { paxosBench } from './paxos';

/** One measured figure. */
export interface BenchRow {
  readonly name: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly reference?: string;
  readonly referenceValue?: number;
  /** > 1 means better than the reference. */
  readonly ratio?: number;
}

/** The goals that issue #2 set for the explorer on a scalable toy model. */
export const EXPLORER_GOALS = { statesPerSecond: 1_000_000, bytesPerState: 32 } as const;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Explore a model `repeat` times; the median throughput and the store's bytes per state. */
function measureExplorer(m: Machine<any>, repeat: number): BenchRow[] {
  const rates: number[] = [];
  let states = 0;
  let bytes = 0;
  let seconds = 0;
  for (let i = 0; i < repeat; i++) {
    const r = explore(m);
    states = r.stats.states;
    bytes = r.storeBytes;
    rates.push(r.stats.states / (r.stats.ms / 1000));
    seconds = r.stats.ms / 1000;
  }
  const rate = median(rates);
  const perState = bytes / states;
  return [
    { name: m.name, metric: 'states', value: states, unit: 'states' },
    {
      name: m.name,
      metric: 'statesPerSecond',
      value: Math.round(rate),
      unit: 'states/s',
      reference: 'goal (issue #2)',
      referenceValue: EXPLORER_GOALS.statesPerSecond,
      ratio: round(rate / EXPLORER_GOALS.statesPerSecond),
    },
    {
      name: m.name,
      metric: 'bytesPerState',
      value: round(perState),
      unit: 'bytes',
      reference: 'goal (issue #2)',
      referenceValue: EXPLORER_GOALS.bytesPerState,
      ratio: round(EXPLORER_GOALS.bytesPerState / perState),
    },
    { name: m.name, metric: 'seconds', value: round(seconds), unit: 's' },
  ];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The benchmark groups, by name. */
export const groups: Record<string, () => BenchRow[]> = {
  explorer: () => [
    ...measureExplorer(gridPacked(6, 10), 3),
    ...measureExplorer(gridObjects(6, 10), 3),
    ...measureExplorer(gridPacked(4, 30), 3),
  ],
  election: electionRows,
  paxos: paxosBench,
};

/**
 * Run one group, or all, and print the figures.
 *
 * @param group - a group name, or undefined for all
 * @param json - print JSON instead of a table
 * @param out - where to print
 * @returns the exit status: 0, or 2 for an unknown group
 */
export async function runBench(
  group: string | undefined,
  json: boolean,
  out: (l: string) => void,
): Promise<number> {
  const names = group ? [group] : Object.keys(groups);
  for (const n of names)
    if (!groups[n]) {
      process.stderr.write(
        `workbook: unknown benchmark group '${n}': accepted are ${Object.keys(groups).join(', ')}\n`,
      );
      return 2;
    }
  const rows = names.flatMap((n) => groups[n]!());
  if (json) out(JSON.stringify(rows, null, 2));
  else
    out(
      textTable(
        ['name', 'metric', 'value', 'unit', 'reference', 'ratio'],
        rows.map((r) => [
          r.name,
          r.metric,
          String(r.value),
          r.unit,
          r.reference ? `${r.reference}: ${r.referenceValue}` : '',
          r.ratio !== undefined ? String(r.ratio) : '',
        ]),
      ),
    );
  return 0;
}
