/** Helpers for the tests about the repository itself. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoPath, repoRoot } from '../../src/cli/repo';

export { repoPath, repoRoot };

/** Every file below a folder of the repository, as paths relative to the root. */
export function filesUnder(dir: string, ext?: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (!ext || p.endsWith(ext)) out.push(relative(repoRoot, p));
    }
  };
  walk(repoPath(dir));
  return out.sort();
}

/** A file's text. */
export const read = (rel: string) => readFileSync(repoPath(rel), 'utf8');

/** The chapter prose files, `chapters/NN-slug.md`, in order. */
export function chapterFiles(): string[] {
  return readdirSync(repoPath('chapters'))
    .filter((f) => /^(?:\d\d|[A-Z])-[a-z0-9-]+\.md$/.test(f))
    .sort()
    .map((f) => `chapters/${f}`);
}

/** The `{@includeCode file#region}` and `{@includeCode file}` references in a markdown file. */
export function includes(mdRel: string): { file: string; region?: string; line: number }[] {
  const text = read(mdRel);
  const out: { file: string; region?: string; line: number }[] = [];
  const re = /\{@include(?:Code)?\s+([^}#\s]+)(?:#([^}\s]+))?\s*\}/g;
  for (const m of text.matchAll(re)) {
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ file: m[1]!, ...(m[2] ? { region: m[2] } : {}), line });
  }
  return out;
}

/** The `// #region name` ... `// #endregion name` pairs in a source file. */
export function regionsIn(rel: string): { name: string; start: number; end: number }[] {
  const lines = read(rel).split('\n');
  const open = new Map<string, number>();
  const out: { name: string; start: number; end: number }[] = [];
  lines.forEach((l, i) => {
    const a = l.match(/^\s*\/\/ #region (\S+)\s*$/);
    const b = l.match(/^\s*\/\/ #endregion (\S+)\s*$/);
    if (a) {
      if (open.size)
        throw new Error(`${rel}:${i + 1}: region ${a[1]} is nested in ${[...open.keys()][0]}`);
      if (open.has(a[1]!) || out.some((r) => r.name === a[1]))
        throw new Error(`${rel}:${i + 1}: region ${a[1]} opened twice`);
      open.set(a[1]!, i + 1);
    }
    if (b) {
      const start = open.get(b[1]!);
      if (start === undefined)
        throw new Error(`${rel}:${i + 1}: #endregion ${b[1]} without #region`);
      open.delete(b[1]!);
      out.push({ name: b[1]!, start, end: i + 1 });
    }
  });
  if (open.size) throw new Error(`${rel}: region ${[...open.keys()][0]} is never closed`);
  return out;
}
