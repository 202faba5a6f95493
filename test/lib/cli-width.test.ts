/**
 * The command's tables and text fit the terminal: at COLUMNS=60 no line is
 * longer than 60 and every number is still there, whole; printed to a
 * pipe without COLUMNS, the output is what it always was (the transcripts,
 * which are made without the command, are the reference).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import { chapterArg } from '../../src/chapters/chapter';
import { program } from '../../src/cli/main';
import { repoRoot } from '../../src/cli/repo';
import { fitTable, fitText, outputWidth, rowByRowNote, wrapText } from '../../src/cli/width';
import { textTable } from '../../src/index';

/** What each invocation printed: the same command with the same COLUMNS runs once in this file. */
const runs = new Map<string, Promise<{ status: number; stdout: string; stderr: string }>>();

/** Run the command with stdout a pipe, COLUMNS as given (or unset). */
function workbook(
  columns: number | undefined,
  ...args: string[]
): Promise<{ status: number; stdout: string; stderr: string }> {
  const key = JSON.stringify([columns ?? null, args]);
  let r = runs.get(key);
  if (!r) {
    r = spawnWorkbook(columns, args);
    runs.set(key, r);
  }
  return r;
}

function spawnWorkbook(
  columns: number | undefined,
  args: readonly string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.COLUMNS;
  if (columns !== undefined) env.COLUMNS = String(columns);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      { cwd: repoRoot, env, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 26 },
      (e, stdout, stderr) =>
        resolve({ status: e ? Number((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const transcript = (name: string) =>
  readFileSync(join(repoRoot, 'chapters/transcripts', name), 'utf8');

/** Each number in a text (a sign, digits, decimals), with how often it occurs. */
function numbers(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const n of text.match(/-?\d+(?:\.\d+)*/g) ?? []) m.set(n, (m.get(n) ?? 0) + 1);
  return m;
}

/** Every line at most `width` long, and every number of `whole` still in `fitted`, as often. */
function expectFitted(fitted: string, whole: string, width: number) {
  const long = fitted.split('\n').filter((l) => l.length > width);
  expect(long, `lines longer than ${width}`).toEqual([]);
  const have = numbers(fitted);
  const missing = [...numbers(whole)].filter(([n, k]) => (have.get(n) ?? 0) < k).map(([n]) => n);
  expect(missing, 'numbers cut or lost').toEqual([]);
  // The test means something only if the whole text is too wide.
  expect(Math.max(...whole.split('\n').map((l) => l.length))).toBeGreaterThan(width);
}

const longest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));

describe('the width to fit', () => {
  it('is COLUMNS if set, else the terminal’s, else none (a pipe or a file)', () => {
    expect(outputWidth(false, { COLUMNS: '60' }, { isTTY: false })).toBe(60);
    expect(outputWidth(false, { COLUMNS: '60' }, { isTTY: true, columns: 120 })).toBe(60);
    expect(outputWidth(false, {}, { isTTY: true, columns: 120 })).toBe(120);
    expect(outputWidth(false, {}, { isTTY: false, columns: 120 })).toBeUndefined();
    expect(outputWidth(false, {}, {})).toBeUndefined();
    expect(outputWidth(false, { COLUMNS: 'wide' }, { isTTY: false })).toBeUndefined();
    expect(outputWidth(false, { COLUMNS: '0' }, { isTTY: true, columns: 90 })).toBe(90);
    expect(outputWidth(true, { COLUMNS: '60' }, { isTTY: true, columns: 120 })).toBeUndefined();
  });

  it('leaves text as it is when there is none, and a table that fits as it is', () => {
    const t = textTable(['a', 'b'], [['1', 'some words here']]);
    expect(fitText(`${t}\n${'x '.repeat(80)}`, undefined)).toBe(`${t}\n${'x '.repeat(80)}`);
    expect(fitText(t, 40)).toBe(t);
    expect(fitTable(['a', 'b'], [['1', 'some words here']], 40)).toBeUndefined();
  });
});

describe('wrapping', () => {
  it('never breaks a number, and keeps lines within the width', () => {
    // Words longer than a line, numbers inside them: the words must break, the numbers never.
    const piece = fc.oneof(
      fc.integer({ min: -99_999, max: 9_999_999 }).map(String),
      fc.double({ min: 0, max: 1000, noNaN: true }).map((x) => x.toFixed(2)),
      fc.stringMatching(/^[a-zA-Z{}(),:;=-]{1,12}$/),
    );
    const word = fc.array(piece, { minLength: 1, maxLength: 8 }).map((ps) => ps.join('x'));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.integer({ min: 12, max: 80 }), (ws, w) => {
        const text = ws.join(' ');
        const lines = wrapText(text, w);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(w);
        const have = numbers(lines.join('\n'));
        for (const [n, k] of numbers(text)) expect(have.get(n) ?? 0).toBeGreaterThanOrEqual(k);
      }),
    );
  });

  it('wraps the widest text column first and keeps numeric columns whole', () => {
    const rows = [
      ['1', 'short', 'a long description of what the first row shows, in words'],
      ['22', 'also short', 'another long one'],
    ];
    const lines = fitTable(['#', 'name', 'what it shows'], rows, 40)!;
    expect(lines[0]).toMatch(/^# {3}name {8}what it shows$/);
    expect(lines[2]).toMatch(/^1 {3}short {7}a long description of$/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
  });

  it('shows a table that cannot fit row by row, after one line that says how to see it whole', () => {
    const head = ['name', 'states', 'transitions', 'depth', 'runs', 'seconds', 'bytes', 'ms'];
    const rows = [['a check with a name', '81981', '704196', '12', '300', '1.25', '32.5', '7']];
    const whole = textTable(head, rows);
    expect(fitText(whole, longest(whole))).toBe(whole);
    const lines = fitTable(head, rows, 60)!;
    expect(lines[0]).toBe(rowByRowNote(longest(whole)));
    expect(lines.slice(1)).toEqual([
      '',
      'name         a check with a name',
      'states       81981',
      'transitions  704196',
      'depth        12',
      'runs         300',
      'seconds      1.25',
      'bytes        32.5',
      'ms           7',
    ]);
  });
});

describe('at COLUMNS=60, every table fits with its numbers whole', () => {
  it('list: row by row, said in one line; at 100, a table', async () => {
    const [whole, narrow, hundred] = await Promise.all([
      workbook(undefined, 'list'),
      workbook(60, 'list'),
      workbook(100, 'list'),
    ]);
    expectFitted(narrow.stdout, whole.stdout, 60);
    const notes = narrow.stdout.split('\n').filter((l) => l.includes('--wide'));
    expect(notes).toEqual([rowByRowNote(longest(whole.stdout))]);
    for (const c of chapters) expect(narrow.stdout).toContain(c.slug);
    expectFitted(hundred.stdout, whole.stdout, 100);
    expect(hundred.stdout).not.toContain('row by row');
    expect(hundred.stdout.split('\n')[0]).toMatch(/^chapter +title +paper +checks +mutants/);
  });

  it('check: the checks and the mutants', async () => {
    const r = await workbook(60, 'check', '1');
    expect(r.status, r.stderr).toBe(0);
    expectFitted(r.stdout, transcript('01-check.txt'), 60);
    expect(r.stdout).toContain('4 of 4 checks hold; 4 of 4 mutants caught.');
  });

  it('trace: a run’s steps, and the list of runs', async () => {
    const [run, runs, whole] = await Promise.all([
      workbook(60, 'trace', 'A', 'demo'),
      workbook(60, 'trace', '8'),
      workbook(undefined, 'trace', '8'),
    ]);
    expectFitted(run.stdout, transcript('A-run-demo.txt'), 60);
    expectFitted(runs.stdout, whole.stdout, 60);
    for (const r of chapters.find((c) => c.id === '08')!.runs)
      expect(runs.stdout).toMatch(new RegExp(`^${r.name} `, 'm'));
  });

  it('run: a demo’s tables and prose', async () => {
    const r = await workbook(60, 'run', '8');
    expect(r.status, r.stderr).toBe(0);
    expectFitted(r.stdout, transcript('08-demo.txt'), 60);
  });

  it('help: every command’s', () => {
    const helps = (columns: string | undefined) => {
      const saved = process.env.COLUMNS;
      if (columns === undefined) delete process.env.COLUMNS;
      else process.env.COLUMNS = columns;
      try {
        const p = program();
        return [p, ...p.commands].map((c) => {
          let text = '';
          c.configureOutput({
            writeOut: (t) => {
              text += t;
            },
          });
          c.outputHelp();
          return { name: c.name(), text };
        });
      } finally {
        if (saved === undefined) delete process.env.COLUMNS;
        else process.env.COLUMNS = saved;
      }
    };
    const [narrow, whole] = [helps('60'), helps(undefined)];
    expect(narrow.map((h) => h.name)).toEqual(whole.map((h) => h.name));
    narrow.forEach((h, i) => {
      expect(
        h.text.split('\n').filter((l) => l.length > 60),
        `${h.name} --help`,
      ).toEqual([]);
      expect(numbers(h.text), `${h.name} --help`).toEqual(numbers(whole[i]!.text));
    });
    // Some help is wider than 60 unfitted: else this test tests nothing.
    expect(Math.max(...whole.map((h) => longest(h.text)))).toBeGreaterThan(60);
  });
});

describe('printed to a pipe without COLUMNS, the output is unchanged', () => {
  it('trace and run: byte for byte their transcripts', async () => {
    const [run, demo] = await Promise.all([
      workbook(undefined, 'trace', 'A', 'demo'),
      workbook(undefined, 'run', '8'),
    ]);
    expect(run.stdout).toBe(transcript('A-run-demo.txt'));
    expect(demo.stdout).toBe(transcript('08-demo.txt'));
  });

  it('check: its transcript, with the milliseconds besides', async () => {
    const r = await workbook(undefined, 'check', '1');
    expect(r.status, r.stderr).toBe(0);
    // Take the ms column out (the transcript is made without timings).
    const lines = r.stdout.split('\n');
    const h = lines.findIndex((l) => /^check .* ms +verdict$/.test(l));
    expect(h).toBeGreaterThan(0);
    const start = lines[h]!.indexOf(' ms ') + 1;
    const width = /-+/.exec(lines[h + 1]!.slice(start))![0].length + 2;
    for (let k = h; k < lines.length && lines[k] !== '' && !lines[k]!.startsWith('refines ≤k'); k++)
      lines[k] = (lines[k]!.slice(0, start) + lines[k]!.slice(start + width)).trimEnd();
    expect(lines.join('\n')).toBe(`${transcript('01-check.txt')}\n`);
  });

  it('list and the list of runs: as textTable lays them out, however wide', async () => {
    const [list, wide, runs] = await Promise.all([
      workbook(undefined, 'list'),
      workbook(60, 'list', '--wide'),
      workbook(undefined, 'trace', '8'),
    ]);
    expect(list.stdout).toBe(wide.stdout);
    expect(longest(list.stdout)).toBeGreaterThan(100);
    const ch = chapters.find((c) => c.id === '08')!;
    expect(runs.stdout).toBe(
      `Named runs of chapter ${ch.slug} (npm run workbook -- trace ${chapterArg(ch)} <name>):\n\n${textTable(
        ['name', 'what it shows'],
        ch.runs.map((r) => [r.name, r.description]),
      )}\n`,
    );
  });

  it('help: wrapped at 80, as before', async () => {
    const [pipe, eighty, sixty] = await Promise.all([
      workbook(undefined, 'check', '--help'),
      workbook(80, 'check', '--help'),
      workbook(60, 'check', '--help'),
    ]);
    expect(pipe.stdout).toBe(eighty.stdout);
    expect(pipe.stdout).not.toBe(sixty.stdout);
    expect(longest(pipe.stdout)).toBeGreaterThan(60);
    expect(longest(pipe.stdout)).toBeLessThanOrEqual(80);
  });
});
