/**
 * `npm run docs` fails when it should: a chapter that includes a region its
 * source no longer has, links to an export the library does not have,
 * places a figure that does not exist, or quotes a number the registry does
 * not have, fails the build with a message naming it. (That the real tree
 * builds is shown by the browser tests, which build it or reuse a fresh
 * build.)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import { repoPath } from '../../src/cli/repo';
import { buildSite } from '../../src/site/build';

const SLUG = '01-replicated-state-machines';
const only01 = chapters.filter((c) => c.slug === SLUG);
const tmp = mkdtempSync(join(tmpdir(), 'workbook-docs-'));

/** A copy of chapter 01 (prose, code, transcripts) in a scratch folder, changed by `edit`. */
function brokenCopy(edit: { source?: (s: string) => string; prose?: (s: string) => string }) {
  const dir = mkdtempSync(join(tmp, 'copy-'));
  cpSync(repoPath(`src/chapters/${SLUG}`), join(dir, `src/chapters/${SLUG}`), { recursive: true });
  cpSync(repoPath('chapters/transcripts'), join(dir, 'chapters/transcripts'), { recursive: true });
  const src = join(dir, `src/chapters/${SLUG}/replication.ts`);
  if (edit.source) writeFileSync(src, edit.source(readFileSync(src, 'utf8')));
  const md = join(dir, `chapters/${SLUG}.md`);
  const prose = readFileSync(repoPath(`chapters/${SLUG}.md`), 'utf8');
  writeFileSync(md, edit.prose ? edit.prose(prose) : prose);
  return md;
}

/** The prose with a paragraph put right after its title. */
const afterTitle = (prose: string, paragraph: string) =>
  prose.replace(/^# .*$/m, (title) => `${title}\n\n${paragraph}\n`);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('npm run docs', () => {
  it('fails if an included region is removed, naming the region', async () => {
    const md = brokenCopy({
      source: (s) => s.replace(/^\s*\/\/ #(end)?region actions\n/gm, ''),
    });
    expect(readFileSync(md, 'utf8')).toContain('replication.ts#actions');
    const r = await buildSite({
      out: join(tmp, 'site-region'),
      projectDocuments: [md],
      chapters: only01,
      quiet: true,
    });
    expect(r.ok).toBe(false);
    const errors = r.messages.filter((m) => m.level === 'error').map((m) => m.text);
    expect(errors.join('\n')).toMatch(/region actions|actions.*region/i);
    expect(errors.join('\n')).toContain('replication.ts');
  }, 120_000);

  it('fails on a link to an export the library does not have, naming it', async () => {
    const md = brokenCopy({
      prose: (s) => afterTitle(s, 'See {@link exploreEverything}.'),
    });
    const r = await buildSite({
      out: join(tmp, 'site-link'),
      projectDocuments: [md],
      chapters: only01,
      quiet: true,
    });
    expect(r.ok).toBe(false);
    const problems = r.messages.filter((m) => m.level !== 'info').map((m) => m.text);
    expect(problems.join('\n')).toContain('exploreEverything');
  }, 120_000);

  it('fails if a figure marker names no figure, naming it and the known ones', async () => {
    const md = brokenCopy({
      prose: (s) => s.replace('::: figure 01-run-demo', '::: figure 01-run-no-such-run'),
    });
    const r = await buildSite({
      out: join(tmp, 'site-figure'),
      projectDocuments: [md],
      chapters: only01,
      quiet: true,
    });
    expect(r.ok).toBe(false);
    const errors = r.messages.filter((m) => m.level === 'error').map((m) => m.text);
    expect(errors.join('\n')).toContain("'::: figure 01-run-no-such-run' names no figure");
    expect(errors.join('\n')).toContain('01-run-demo');
  }, 120_000);

  it('fails on a number that names no check, in one line naming it and the checks', async () => {
    const md = brokenCopy({
      prose: (s) => afterTitle(s, 'It finds {{01/no such check/states}} states.'),
    });
    const r = await buildSite({
      out: join(tmp, 'site-number'),
      projectDocuments: [md],
      chapters: only01,
      quiet: true,
    });
    expect(r.ok).toBe(false);
    const line = r.messages.find(
      (m) => m.level === 'error' && m.text.includes('{{01/no such check/states}}'),
    )?.text;
    expect(line).toContain("'{{01/no such check/states}}' names no check of chapter 01");
    expect(line).toContain(`'${only01[0]!.checks[0]!.name}'`);
    expect(line).toContain(`${SLUG}.md`);
    expect(line).not.toContain('\n');
  }, 120_000);
});
