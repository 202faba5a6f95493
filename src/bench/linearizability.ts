/**
 * The `linearizability` benchmark group: how long the checker takes to
 * decide the conformance histories in `../shared/data/linearizability`
 * (Jepsen's etcd logs, Porcupine's kv histories of 1, 10 and 50 clients),
 * histories and operations per second, and the verdicts it reaches, beside
 * the verdicts the data lists. Parsing is not timed; each group is decided
 * three times and the median kept. Timings are measured here and never
 * asserted in tests.
 *
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchGroup, BenchRow } from '../chapters/chapter';
import { repoRoot } from '../cli/repo';
import type { ParsedHistory } from '../index';
import { checkHistory, parseHistory } from '../index';

/** Where the conformance histories are: beside the project, never copied into it. */
export const LINEARIZABILITY_DATA = resolve(repoRoot, '../shared/data/linearizability');

/** One data set: a name and the files in it (relative to {@link LINEARIZABILITY_DATA}). */
interface DataSet {
  readonly name: string;
  readonly files: readonly string[];
}

function dataSets(dir: string): DataSet[] {
  let etcd: string[];
  let kv: string[];
  try {
    etcd = readdirSync(join(dir, 'cas-register')).filter((f) => f.endsWith('.log'));
    kv = readdirSync(join(dir, 'kv')).filter((f) => f.endsWith('.txt'));
  } catch (e) {
    throw new Error(
      `the linearizability data is not at ${dir} (${(e as Error).message}); it holds cas-register/ and kv/`,
    );
  }
  const sorted = (xs: string[]) => xs.sort();
  return [
    { name: 'etcd all', files: sorted(etcd).map((f) => `cas-register/${f}`) },
    ...['c01', 'c10', 'c50'].map((c) => ({
      name: `kv ${c}`,
      files: sorted(kv.filter((f) => f.startsWith(`${c}-`))).map((f) => `kv/${f}`),
    })),
  ];
}

/** The verdicts the data lists, by file (`cas-register/etcd_000.log`). */
function listedVerdicts(dir: string): Map<string, boolean> {
  const doc = JSON.parse(readFileSync(join(dir, 'verdicts.json'), 'utf8')) as Record<
    string,
    Record<string, boolean>
  >;
  const out = new Map<string, boolean>();
  for (const [sub, files] of Object.entries(doc))
    for (const [f, v] of Object.entries(files)) out.set(`${sub}/${f}`, v);
  return out;
}

const round = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places;

/** Decide one data set three times: the rows of its median time, its rates and its verdicts. */
function measure(set: DataSet, dir: string, listed: Map<string, boolean>): BenchRow[] {
  const histories: [string, ParsedHistory][] = set.files.map((f) => [
    f,
    parseHistory(readFileSync(join(dir, f), 'utf8'), f),
  ]);
  const ops = histories.reduce((n, [, h]) => n + h.operations.length, 0);
  const times: number[] = [];
  let verdicts: [string, string][] = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    verdicts = histories.map(([f, h]) => [f, checkHistory(h, { window: false }).verdict]);
    times.push(performance.now() - t0);
  }
  const ms = times.sort((a, b) => a - b)[1]!;
  const name = `linearizability ${set.name}`;
  const count = (v: string) => verdicts.filter(([, x]) => x === v).length;
  const withListed = verdicts.filter(([f]) => listed.has(f));
  const agree = withListed.filter(([f, v]) => (v === 'linearizable') === listed.get(f)).length;
  return [
    { name, metric: 'histories', value: histories.length, unit: 'histories' },
    { name, metric: 'operations', value: ops, unit: 'operations' },
    { name, metric: 'seconds', value: round(ms / 1000), unit: 's (median of 3)' },
    {
      name,
      metric: 'historiesPerSecond',
      value: round(histories.length / (ms / 1000), 1),
      unit: 'histories/s',
    },
    {
      name,
      metric: 'operationsPerSecond',
      value: Math.round(ops / (ms / 1000)),
      unit: 'operations/s',
    },
    { name, metric: 'linearizable', value: count('linearizable'), unit: 'histories' },
    { name, metric: 'notLinearizable', value: count('not linearizable'), unit: 'histories' },
    {
      name,
      metric: 'agreeWithListed',
      value: agree,
      unit: 'histories',
      reference: 'verdicts listed in verdicts.json',
      referenceValue: withListed.length,
      // None listed (the c50 pair): nothing to agree with, so no ratio.
      ...(withListed.length ? { ratio: round(agree / withListed.length, 2) } : {}),
    },
  ];
}

/**
 * Measure every data set under a directory.
 *
 * @param dir - the directory (it holds `cas-register/`, `kv/` and `verdicts.json`)
 * @returns each data set's rows
 * @throws Error in one line if the directory does not hold the data
 */
export function linearizabilityRows(dir: string): BenchRow[] {
  // The sets first: a missing directory is reported in one line, naming what it holds.
  const sets = dataSets(dir);
  const listed = listedVerdicts(dir);
  return sets.flatMap((set) => measure(set, dir, listed));
}

/** The linearizability group: each data set's time, rates and verdicts. */
export const linearizabilityBench: BenchGroup = {
  name: 'linearizability',
  about:
    'Time to decide the conformance histories (Jepsen etcd logs; Porcupine kv with 1, 10, 50 clients), histories and operations per second, and the verdicts beside those listed.',
  rows: () => linearizabilityRows(LINEARIZABILITY_DATA),
};
