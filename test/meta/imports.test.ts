/**
 * Dependencies point one way: the library knows nothing of chapters, the
 * command line or the site; a chapter imports the library and earlier
 * chapters only; the tools (the command, the benchmarks, the site and
 * their tests) know the chapters only through the registry.
 */
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, read, repoPath, repoRoot } from './repo';

/** The repository paths (without extension) a source file imports, relative imports only. */
function imports(rel: string): string[] {
  const text = read(rel);
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g))
    out.push(m[1]!);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out
    .filter((p) => p.startsWith('.'))
    .map((p) => relative(repoRoot, join(dirname(repoPath(rel)), p)).replace(/\.[cm]?[jt]s$/, ''));
}

/** What the tools may import of `src/chapters`: the registry and the contract's types. */
const REGISTRY = new Set(['src/chapters', 'src/chapters/index', 'src/chapters/chapter']);

/** Is this import target a chapter's internals (anything under src/chapters but the registry)? */
const chapterInternal = (target: string) =>
  (target === 'src/chapters' || target.startsWith('src/chapters/')) && !REGISTRY.has(target);

/** The folders whose files know the chapters only through the registry. */
const TOOLS = ['src/cli', 'src/bench', 'src/site', 'test/meta', 'test/site'];

/** A chapter's folder: two digits, or a letter for an appendix (read after every numbered chapter). */
const CHAPTER = /^(?:\d\d|[A-Z])-/;
const order = (folder: string) =>
  /^\d/.test(folder) ? Number(folder.slice(0, 2)) : 1000 + folder.charCodeAt(0);

describe('import direction', () => {
  it('the library imports nothing outside src/lib but the public entry of itself', () => {
    for (const f of filesUnder('src/lib', '.ts'))
      for (const target of imports(f))
        expect(target.startsWith('src/lib'), `${f} imports ${target}`).toBe(true);
  });

  it('chapters import the library, their own folder, the chapter types and earlier chapters only', () => {
    for (const f of filesUnder('src/chapters', '.ts')) {
      const own = f.split('/')[2]!;
      if (!CHAPTER.test(own)) continue; // the registry and the types
      const nn = order(own);
      for (const target of imports(f)) {
        if (target === 'src/index' || target === 'src/chapters/chapter') continue;
        const folder = target.split('/')[2] ?? '';
        const ok =
          target.startsWith('src/chapters/') &&
          CHAPTER.test(folder) &&
          (folder === own || order(folder) < nn);
        expect(ok, `${f} imports ${target}`).toBe(true);
      }
    }
  });

  it.each(TOOLS)(
    '%s imports nothing under src/chapters but the registry (index.ts) and the contract (chapter.ts)',
    (dir) => {
      const bad = filesUnder(dir)
        .filter((f) => /\.[cm]?[jt]s$/.test(f))
        .flatMap((f) =>
          imports(f)
            .filter(chapterInternal)
            .map((t) => `${f} imports ${t}`),
        );
      expect(bad).toEqual([]);
    },
  );

  it('the import checker itself sees a violation', () => {
    // A check that cannot fail is no check: the lib really does import itself,
    // and a chapter's file is not the registry.
    expect(imports('src/lib/explore.ts')).toContain('src/lib/property');
    expect(imports('test/meta/imports.test.ts')).toContain('test/meta/repo');
    expect(chapterInternal('src/chapters/08-paxos-messages/system')).toBe(true);
    expect(chapterInternal('src/chapters/index')).toBe(false);
    expect(chapterInternal('src/chapters')).toBe(false);
    expect(chapterInternal('src/site/figures')).toBe(false);
  });
});
