/**
 * Which library exports each chapter's code uses: the names it imports from
 * the library's entry (`../../index`). The site links each chapter to these
 * pages of the API reference, and each API page back to the chapters that
 * use it.
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The names a chapter folder imports from the library, sorted.
 *
 * @param dir - the chapter's code folder (`src/chapters/NN-slug`)
 * @returns the imported names (types and values), without duplicates
 */
export function libraryImports(dir: string): string[] {
  const names = new Set<string>();
  const walk = (d: string) => {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts'))
        for (const n of importsFromIndex(readFileSync(p, 'utf8'))) names.add(n);
    }
  };
  walk(dir);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/**
 * The names one source file imports from the library's entry.
 *
 * @param source - TypeScript source
 * @returns the imported names, as exported (before any `as`)
 */
export function importsFromIndex(source: string): string[] {
  const out: string[] = [];
  const re = /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"](?:\.\.\/)+index['"]/g;
  for (const m of source.matchAll(re))
    for (const part of m[1]!.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]!
        .trim();
      if (name) out.push(name);
    }
  return out;
}
