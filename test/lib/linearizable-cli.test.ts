/**
 * `workbook linearizable FILE`, run as a reader runs it: exit 0 for a
 * linearizable history, 1 with the failing window for one that is not
 * (and the figure with --svg), 2 with one line for a file it cannot read.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../meta/repo';

const DATA = resolve(repoRoot, '../shared/data/linearizability');
const tmp = mkdtempSync(join(tmpdir(), 'workbook-linearizable-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function workbook(...args: string[]) {
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

describe('workbook linearizable', () => {
  it('exits 0 for a linearizable history', () => {
    const r = workbook('linearizable', join(DATA, 'cas-register/etcd_002.log'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'etcd_002.log: a Jepsen log of a cas-register, 77 operations (19 of unknown outcome), 1 part',
    );
    expect(r.stdout).toMatch(/^LINEARIZABLE \(/m);
  });

  it('exits 1 for one that is not, printing the failing window and drawing it', () => {
    const svg = join(tmp, 'etcd_000.svg');
    const r = workbook('linearizable', join(DATA, 'cas-register/etcd_000.log'), '--svg', svg);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^NOT LINEARIZABLE \(/m);
    expect(r.stdout).toContain('read() → 2 by client 11, called at 85 and returned at 86');
    expect(r.stdout).toContain('The failing window');
    expect(r.stdout).toMatch(/11 +line 85 +line 86 +read\(\) → 2 +<- culprit/);
    expect(r.stdout).toContain('The longest linearizable prefix');
    expect(r.stdout).toContain(`figure written to ${svg}`);
    const drawn = readFileSync(svg, 'utf8');
    expect(drawn.startsWith('<svg')).toBe(true);
    expect(drawn.match(/class="wb-op wb-op-culprit"/g)).toHaveLength(1);
    expect(drawn).toContain('client 11: read() → 2 (called at 85, returned at 86)');
  });

  it('prints one JSON document with --json', () => {
    const r = workbook('linearizable', join(DATA, 'kv/c10-bad.txt'), '--json');
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ format: 'edn', object: 'kv', verdict: 'not linearizable' });
    expect(doc.failure.culprit.text).toMatch(/^get\(/);
    expect(doc.failure.window.map((o: { mark: string }) => o.mark)).toContain('culprit');
    expect(doc.parts.length).toBe(10);
  });

  it('reads the JSON history', () => {
    const file = join(tmp, 'h.json');
    writeFileSync(
      file,
      JSON.stringify({
        operations: [
          { client: 1, call: 0, return: 2, op: { f: 'write', value: 1 }, output: null },
          { client: 2, call: 1, return: null, op: { f: 'cas', value: [1, 2] } },
          { client: 3, call: 3, return: 4, op: { f: 'read' }, output: 2 },
        ],
      }),
    );
    const r = workbook('linearizable', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('a JSON history of a cas-register, 3 operations');
  });

  it('exits 2 with one line for a malformed, a missing or an unknown file', () => {
    const bad = join(tmp, 'bad.log');
    writeFileSync(
      bad,
      'INFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:cas\t[1 2]\n',
    );
    const cases: [string, RegExp][] = [
      [bad, /bad\.log:2: process 0 returns cas \(:ok\) but called read at line 1; accepted: /],
      [join(tmp, 'none.log'), /cannot read the history '.*none\.log': ENOENT/],
    ];
    const odd = join(tmp, 'notes.dat');
    writeFileSync(odd, 'hello\n');
    cases.push([odd, /notes\.dat:1: unknown history format; accepted: a Jepsen log/]);
    for (const [file, want] of cases) {
      const r = workbook('linearizable', file);
      expect(r.status, file).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(want);
    }
  });
});
