/**
 * `workbook bench`'s table fits the terminal like the others (see
 * cli-width.test.ts), run in this process with a made-up group in place of
 * the registry's, which take too long and measure time: at COLUMNS=60, and
 * at a 60-column terminal, no line is longer than 60 and every figure is
 * there whole; to a pipe, the table is what it always was; `--json` is
 * never fitted.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BenchGroup, BenchRow } from '../../src/chapters/chapter';

const rows: BenchRow[] = [
  { name: 'grid-objects-6x10', metric: 'states', value: 1771561, unit: 'states' },
  {
    name: 'grid-objects-6x10',
    metric: 'statesPerSecond',
    value: 412345,
    unit: 'states/s',
    reference: 'our goal',
    referenceValue: 1000000,
    ratio: 0.41,
  },
  {
    name: 'multi-paxos, three agents and two primaries',
    metric: 'messagesPerCommand',
    value: 7,
    unit: 'messages',
    reference: 'paper: a command and a report per agent',
    referenceValue: 6,
    ratio: 0.86,
  },
  { name: 'tla Paxos.tla, 3 acceptors', metric: 'seconds', value: 12.75, unit: 's' },
];
const fake: BenchGroup = { name: 'fake', about: 'made-up figures', rows: () => rows };

vi.mock('../../src/bench/run', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/bench/run')>();
  return { ...real, benchGroups: () => [fake] };
});

const { main } = await import('../../src/cli/main');
const { runBench } = await import('../../src/bench/run');

/** What `workbook <args>` prints on standard output, with stdout as given. */
async function printed(
  args: string[],
  env: { COLUMNS?: string },
  stdout: { isTTY: boolean; columns?: number },
) {
  let text = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
    text += String(s);
    return true;
  });
  const tty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  const cols = Object.getOwnPropertyDescriptor(process.stdout, 'columns');
  Object.defineProperty(process.stdout, 'isTTY', { value: stdout.isTTY, configurable: true });
  Object.defineProperty(process.stdout, 'columns', { value: stdout.columns, configurable: true });
  if (env.COLUMNS === undefined) delete process.env.COLUMNS;
  else process.env.COLUMNS = env.COLUMNS;
  try {
    await main(args);
  } finally {
    write.mockRestore();
    for (const [k, d] of [
      ['isTTY', tty],
      ['columns', cols],
    ] as const) {
      if (d) Object.defineProperty(process.stdout, k, d);
      else delete (process.stdout as unknown as Record<string, unknown>)[k];
    }
  }
  expect(process.exitCode ?? 0).toBe(0);
  return text;
}

/** The table as `runBench` lays it out, unfitted. */
async function whole(): Promise<string> {
  const lines: string[] = [];
  await runBench([fake], false, (l) => lines.push(l));
  return `${lines.join('\n')}\n`;
}

const numbers = (text: string): string[] => [...(text.match(/-?\d+(?:\.\d+)*/g) ?? [])].sort();

describe('workbook bench', () => {
  const saved = process.env.COLUMNS;
  beforeEach(() => {
    process.exitCode = undefined;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = saved;
  });

  it('fits 60 columns, given by COLUMNS or by the terminal, with every figure whole', async () => {
    const table = await whole();
    expect(Math.max(...table.split('\n').map((l) => l.length))).toBeGreaterThan(60);
    for (const text of [
      await printed(['bench'], { COLUMNS: '60' }, { isTTY: false }),
      await printed(['bench'], {}, { isTTY: true, columns: 60 }),
    ]) {
      expect(text.split('\n').filter((l) => l.length > 60)).toEqual([]);
      const have = numbers(text);
      for (const n of numbers(table)) {
        expect(have, `${n} is printed whole`).toContain(n);
        have.splice(have.indexOf(n), 1);
      }
    }
  });

  it('prints to a pipe as it always has, and with --wide as a pipe would', async () => {
    const table = await whole();
    expect(await printed(['bench'], {}, { isTTY: false })).toBe(table);
    expect(
      await printed(['bench', '--wide'], { COLUMNS: '60' }, { isTTY: true, columns: 60 }),
    ).toBe(table);
  });

  it('never fits --json', async () => {
    const text = await printed(
      ['bench', '--json'],
      { COLUMNS: '40' },
      { isTTY: true, columns: 40 },
    );
    expect(JSON.parse(text)).toEqual(rows);
    expect(text).toBe(`${JSON.stringify(rows, null, 2)}\n`);
  });
});
