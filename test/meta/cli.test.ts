/**
 * The `workbook` command, run as a reader runs it: exit statuses, one-line
 * errors for bad input, and the JSON document.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import { read, repoRoot } from './repo';

function workbook(...args: string[]) {
  // Output to a pipe, not fitted to any width (COLUMNS would fit it: test/lib/cli-width.test.ts).
  const env = { ...process.env };
  delete env.COLUMNS;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('workbook command', () => {
  it('rejects an unknown chapter with one line and status 2', () => {
    const r = workbook('check', '99');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown chapter '99': accepted are 1, 2, .*, 9/);
  });

  it('rejects a malformed number and an unknown option the same way', () => {
    const bad = workbook('check', '1', '--depth', 'ten');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(
      "expected a whole number from 1 to 1000000 for --depth, got 'ten'",
    );
    const opt = workbook('check', '1', '--fast');
    expect(opt.status).toBe(2);
    expect(opt.stderr.trim().split('\n')).toHaveLength(1);
    expect(opt.stderr).toContain("unknown option '--fast'");
    const path = workbook('check', '1', '--path', 'x:1');
    expect(path.status).toBe(2);
    expect(path.stderr).toContain('expected a replay path of whole numbers separated by colons');
    const cmd = workbook('chek', '1');
    expect(cmd.status).toBe(2);
    expect(cmd.stderr).toContain("unknown command 'chek'");
  });

  it('prints the check document as JSON and exits 0 when everything holds', () => {
    const r = workbook('check', '1', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.chapter).toBe('01-replicated-state-machines');
    expect(doc.checks.length).toBeGreaterThan(0);
    for (const c of doc.checks) {
      expect(Object.keys(c)).toEqual(
        expect.arrayContaining(['name', 'kind', 'holds', 'states', 'transitions', 'ms']),
      );
      // a sampled check says how many runs it made; an exhaustive one has none
      if (['simulate', 'property'].includes(c.kind)) expect(c.runs).toBeGreaterThan(0);
      else expect(c.runs).toBeUndefined();
    }
    expect(doc.checks.some((c: { runs?: number }) => c.runs !== undefined)).toBe(true);
    const names = doc.checks.map((c: { name: string }) => c.name);
    for (const m of doc.mutants) {
      expect(Object.keys(m)).toEqual(expect.arrayContaining(['name', 'caught', 'traceLength']));
      expect(names, `${m.name} is caught by a check of the chapter`).toContain(m.caughtBy);
    }
    expect(doc.mutants.every((m: { caught: boolean }) => m.caught)).toBe(true);
  });

  it('accepts the replay path a failing random check prints', () => {
    // What the path replays is tested where the failure is (test/lib/simulate,
    // test/chapters/01); here, that the command passes it on and still passes.
    const only = 'equal logs, equal replicas';
    const r = workbook('check', '1', '--only', only, '--seed', '1', '--path', '0', '--json');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.checks.map((c: { name: string }) => c.name)).toEqual([only]);
    expect(doc.checks[0].seed).toBe(1);
    expect(doc.mutants).toEqual([]);
    const lone = workbook('check', '1', '--path', '0');
    expect(lone.status).toBe(2);
    expect(lone.stderr).toContain('name the check with --only');
    const unknown = workbook('check', '1', '--only', 'nope');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(
      "unknown check 'nope' in chapter 01-replicated-state-machines: accepted are 'replicas agree'",
    );
  });

  it('lists the chapters and prints a named run', () => {
    expect(workbook('list').stdout).toContain('01-replicated-state-machines');
    const t = workbook('trace', '1', 'two-orders');
    expect(t.status).toBe(0);
    expect(t.stdout).toContain('Apply(B)');
    const bad = workbook('trace', '1', 'nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown run 'nope'");
  });

  it('lists a chapter’s named runs when trace is given no name', () => {
    const r = workbook('trace', '8');
    expect(r.status, r.stderr).toBe(0);
    const ch = chapters.find((c) => c.id === '08')!;
    expect(ch.runs.length).toBeGreaterThan(1);
    for (const run of ch.runs) expect(r.stdout).toContain(run.name);
    expect(r.stdout).toContain('npm run workbook -- trace 8 <name>');
  });

  it('checks an exercise: the starter fails with status 1, the solution passes', () => {
    expect(workbook('exercise', '1.2').status).toBe(1);
    expect(workbook('exercise', '1.2', '--solution').status).toBe(0);
    const bad = workbook('exercise', '9.9');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/unknown exercise '9\.9': accepted are 1\.1, /);
  });

  it('gives a NOT YET with the cause and the place when the reader’s code throws, mutates, does not parse or does not typecheck', () => {
    // Wrong answers to exercise 1.2, written where a reader might keep a copy.
    const dir = mkdtempSync(join(tmpdir(), 'workbook-exercise-'));
    // ES modules, as the repository's files are (strict mode: a frozen value cannot be changed quietly).
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const storage = join(repoRoot, 'src/chapters/01-replicated-state-machines/storage');
    const head = `import type { StorageInput } from '${storage}';\n\nexport function commute(a: StorageInput, b: StorageInput): boolean {\n`;
    const answers: Record<string, string> = {
      throws: `${head}  void b;\n  if (a.op === 'Read') throw new RangeError('not done yet');\n  return true;\n}\n`,
      mutates: `${head}  (a as { op: string }).op = 'Read';\n  void b;\n  return true;\n}\n`,
      syntax: `${head}  return (a.op === 'Read';\n}\n`,
      types: `${head}  void b;\n  return a.op === 'read';\n}\n`,
    };
    const run = (name: string) => {
      const file = join(dir, `${name}.ts`);
      writeFileSync(file, answers[name]!);
      const r = workbook('exercise', '1.2', '--file', file);
      expect(r.status, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toContain('NOT YET.');
      // No stack trace: no line that looks like a frame.
      expect(r.stdout).not.toMatch(/^\s+at /m);
      return r.stdout;
    };
    try {
      expect(run('throws')).toMatch(
        /Your code threw RangeError: not done yet at .*throws\.ts:5:\d+\. To try: find the input/,
      );
      expect(run('mutates')).toMatch(
        /Your code threw TypeError: Cannot assign to read only property 'op'.* at .*mutates\.ts:4:\d+\. To try: it changed a value it was given in place/,
      );
      expect(run('syntax')).toMatch(/Your file does not parse:\n {2}.*syntax\.ts:4:\d+: /);
      const types = run('types');
      expect(types).toMatch(
        /Your file does not typecheck:\n {2}.*types\.ts:5:\d+: This comparison/,
      );
      expect(types).toContain('Fix these type errors');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the benchmark groups it accepts: the explorer and the chapters', () => {
    const r = workbook('bench', 'nope');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain("unknown benchmark group 'nope': accepted are explorer");
    const accepted = r.stderr.slice(r.stderr.indexOf('accepted are'));
    for (const g of chapters.flatMap((c) => c.benchmarks ?? [])) expect(accepted).toContain(g.name);
  });

  it('runs as package.json names it (bin/workbook.js)', () => {
    const bin = JSON.parse(read('package.json')).bin.workbook as string;
    expect(bin).toBe('./bin/workbook.js');
    const r = spawnSync(process.execPath, [bin, 'list'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    for (const c of chapters) expect(r.stdout).toContain(c.slug);
  });
});
