/**
 * The site knows no chapter's internals: no file under `src/site` imports
 * anything under `src/chapters` but the registry (`src/chapters/index.ts`)
 * and the chapter contract (`src/chapters/chapter.ts`).
 */
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, read, repoPath, repoRoot } from '../meta/repo';

/** What a source file imports, as paths from the repository's root (relative imports only). */
function importsOf(file: string, source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g))
    out.push(m[1]!);
  for (const m of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out
    .filter((p) => p.startsWith('.'))
    .map((p) => relative(repoRoot, join(dirname(repoPath(file)), p)).replace(/\.ts$/, ''));
}

/** The imports of a site file that reach into a chapter's code. */
function chapterInternals(file: string, source: string): string[] {
  const allowed = ['src/chapters', 'src/chapters/index', 'src/chapters/chapter'];
  return importsOf(file, source).filter(
    (t) => t.startsWith('src/chapters') && !allowed.includes(t),
  );
}

describe('the site', () => {
  it.each(filesUnder('src/site', '.ts').map((f) => [f]))(
    '%s imports from the chapters only the registry and the contract',
    (file) => {
      expect(chapterInternals(file, read(file))).toEqual([]);
    },
  );

  it('has an import check that sees a chapter’s internals', () => {
    const source = [
      "import { chapters } from '../../chapters';",
      "import type { ExplorerModel } from '../../chapters/chapter';",
      "import { replication } from '../../chapters/01-replicated-state-machines/replication';",
      "export { specD } from '../../chapters/03-consensus-specs/specs';",
      "const m = await import('../../chapters/09-leader-election/measure');",
    ].join('\n');
    expect(chapterInternals('src/site/explorer/x.ts', source)).toEqual([
      'src/chapters/01-replicated-state-machines/replication',
      'src/chapters/03-consensus-specs/specs',
      'src/chapters/09-leader-election/measure',
    ]);
  });
});
