/**
 * `workbook trace N NAME --svg FILE` draws the named run as a sequence
 * diagram, the same drawing as the site's figure; a file it cannot write is
 * a one-line error with status 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/cli/repo';
import { registryFigures } from '../../src/site/build';

const tmp = mkdtempSync(join(tmpdir(), 'workbook-svg-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function workbook(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('workbook trace --svg', () => {
  it('writes the run as the site draws it', () => {
    const file = join(tmp, 'demo.svg');
    const r = workbook('trace', '1', 'demo', '--svg', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`sequence diagram written to ${file}`);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="wb-seq"/);
    const site = registryFigures().get('01-run-demo')!.svg();
    // the same lanes and arrows (the site's copy only has ids of its own)
    expect(svg.split('class="wb-msg').length).toBe(site.split('class="wb-msg').length);
  });

  it('says in one line when it cannot write the file', () => {
    const r = workbook('trace', '1', 'demo', '--svg', join(tmp, 'no', 'such', 'dir.svg'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('cannot write the diagram to');
  });
});
