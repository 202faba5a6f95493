/**
 * Dependencies point one way: the library knows nothing of chapters, the
 * command line or the site; a chapter imports the library and earlier
 * chapters only.
 */
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder, read, repoPath, repoRoot } from './repo';

function imports(rel: string): string[] {
  const text = read(rel);
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g))
    out.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out
    .filter((p) => p.startsWith('.'))
    .map((p) => relative(repoRoot, join(dirname(repoPath(rel)), p)));
}

describe('import direction', () => {
  it('the library imports nothing outside src/lib but the public entry of itself', () => {
    for (const f of filesUnder('src/lib', '.ts'))
      for (const target of imports(f))
        expect(target.startsWith('src/lib'), `${f} imports ${target}`).toBe(true);
  });

  it('chapters import the library, their own folder, the chapter types and earlier chapters only', () => {
    for (const f of filesUnder('src/chapters', '.ts')) {
      const own = f.split('/')[2]!;
      const nn = Number(own.slice(0, 2));
      for (const target of imports(f)) {
        if (target === 'src/index' || target.startsWith('src/chapters/chapter')) continue;
        if (!/^\d\d-/.test(own)) continue; // the registry and the types
        const folder = target.split('/')[2] ?? '';
        const ok =
          target.startsWith('src/chapters/') && (folder === own || Number(folder.slice(0, 2)) < nn);
        expect(ok, `${f} imports ${target}`).toBe(true);
      }
    }
  });

  it('the import checker itself sees a violation', () => {
    // A check that cannot fail is no check: the lib really does import itself.
    expect(imports('src/lib/explore.ts')).toContain('src/lib/property');
  });
});
