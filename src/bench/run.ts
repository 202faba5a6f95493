/**
 * `workbook bench`: measured figures, printed as a table and as JSON rows
 * `{ name, metric, value, unit, reference?, referenceValue?, ratio? }`.
 * The library's own groups are here (the explorer's, and the
 * linearizability checker's on the conformance histories beside the
 * project); every other group is a chapter's (`benchmarks` in the
 * registry). Timings are measured here and never
 * asserted in tests.
 *
 * @module
 */
import { chapters } from '../chapters';
import type { BenchGroup, BenchRow, Chapter } from '../chapters/chapter';
import type { Machine } from '../index';
import { explore, textTable } from '../index';
import { linearizabilityBench } from './linearizability';
import { gridObjects, gridPacked } from './models';

/** Our goals for the explorer on a scalable toy model: throughput and memory per state. */
export const EXPLORER_GOALS = { statesPerSecond: 1_000_000, bytesPerState: 32 } as const;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
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
      reference: 'our goal',
      referenceValue: EXPLORER_GOALS.statesPerSecond,
      ratio: round(rate / EXPLORER_GOALS.statesPerSecond),
    },
    {
      name: m.name,
      metric: 'bytesPerState',
      value: round(perState),
      unit: 'bytes',
      reference: 'our goal',
      referenceValue: EXPLORER_GOALS.bytesPerState,
      ratio: round(EXPLORER_GOALS.bytesPerState / perState),
    },
    { name: m.name, metric: 'seconds', value: round(seconds), unit: 's' },
  ];
}

/** The explorer's own group: the toy grids of `./models`, packed and as objects. */
export const explorerGroup: BenchGroup = {
  name: 'explorer',
  about:
    'Breadth-first throughput and bytes per stored state on k counters of 0..m, as arrays with string keys and packed into integers.',
  rows: () => [
    ...measureExplorer(gridPacked(6, 10), 3),
    ...measureExplorer(gridObjects(6, 10), 3),
    ...measureExplorer(gridPacked(4, 30), 3),
  ],
};

/**
 * Every benchmark group: the library's (the explorer's, the
 * linearizability checker's), then each chapter's, in reading order.
 *
 * @param chs - the chapters (default: the registry)
 * @returns the groups
 * @throws Error if two groups share a name
 */
export function benchGroups(chs: readonly Chapter[] = chapters): readonly BenchGroup[] {
  const all = [explorerGroup, linearizabilityBench, ...chs.flatMap((c) => c.benchmarks ?? [])];
  const seen = new Set<string>();
  for (const g of all) {
    if (seen.has(g.name)) throw new Error(`two benchmark groups are named '${g.name}'`);
    seen.add(g.name);
  }
  return all;
}

/**
 * Measure the groups and print the figures. A group that cannot run (its
 * data is missing, say) does not stop the others: it is left out of the
 * figures and named in what this returns.
 *
 * @param groups - the groups to run, in order
 * @param json - print one JSON array of rows instead of a table
 * @param out - where to print
 * @returns one line for each group that could not run, naming it and why
 */
export async function runBench(
  groups: readonly BenchGroup[],
  json: boolean,
  out: (l: string) => void,
): Promise<string[]> {
  const rows: BenchRow[] = [];
  const failed: string[] = [];
  for (const g of groups) {
    try {
      rows.push(...(await g.rows()));
    } catch (e) {
      failed.push(`group '${g.name}' did not run: ${(e as Error).message}`);
    }
  }
  if (json) out(JSON.stringify(rows, null, 2));
  else if (rows.length)
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
  return failed;
}
