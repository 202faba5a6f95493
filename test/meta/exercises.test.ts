/**
 * Every exercise has its starter and its reference solution where
 * `exercise(slug, ...)` puts them; every reference solution passes its
 * exercise's check, and every untouched starter fails it. A solution or a
 * starter that a chapter's own test file already runs through its check
 * (asserting more: what the explanation says) is not run a second time
 * here; the test names that file instead.
 */

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import { chapterArg } from '../../src/chapters/chapter';
import { filesUnder, includes, read, regionsIn, repoPath } from './repo';

const all = chapters.flatMap((c) => c.exercises.map((e) => ({ chapter: c, ...e })));

const HERE = 'test/meta/exercises.test.ts';
const chapterTests = filesUnder('test/chapters', '.test.ts').map((f) => ({ f, text: read(f) }));

/** What a chapter's test of a solution or a starter is called, and what it must assert. */
const OWN_TEST = {
  solution: { title: 'passes the reference solution', verdict: /\.passed\b[^;]*\)\.toBe\(true\)/ },
  starter: { title: 'fails the untouched starter', verdict: /\.passed\b[^;]*\)\.toBe\(false\)/ },
};

/**
 * The chapter test file that runs this module (a solution or a starter)
 * through its exercise's check, if one does: it imports the module whole,
 * and a test of it by the usual name passes it to `check` as it is and
 * asserts the verdict. Otherwise this file.
 *
 * @param module - the module's path in the repository
 * @param kind - whether it is the solution or the starter
 */
function checkedIn(module: string, kind: keyof typeof OWN_TEST): string {
  const spec = `../../${module.replace(/\.ts$/, '')}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const { title, verdict } = OWN_TEST[kind];
  for (const { f, text } of chapterTests) {
    const binding = text.match(new RegExp(`^import \\* as (\\w+) from '${spec}';$`, 'm'))?.[1];
    if (!binding) continue;
    const starts = [...text.matchAll(/\bit\(\s*'([^']*)'/g)];
    const ok = starts.some(
      (m, i) =>
        m[1]!.startsWith(title) &&
        ((body) => body.includes(`.check(${binding})`) && verdict.test(body))(
          text.slice(m.index, starts[i + 1]?.index),
        ),
    );
    if (ok) return f;
  }
  return HERE;
}

describe('exercises', () => {
  it.each(all.map((e) => [e.id, e] as const))(
    '%s: the starter and the solution are exercises/<slug>/<id>-<name>.ts and its twin in solutions/',
    (id, ex) => {
      const slug = ex.chapter.slug;
      expect(id).toMatch(new RegExp(`^${chapterArg(ex.chapter)}\\.\\d+$`));
      const m = ex.file.match(/^exercises\/([^/]+)\/([^/]+)\.ts$/);
      expect(m, ex.file).not.toBeNull();
      expect(m![1]).toBe(slug);
      expect(m![2]!.startsWith(`${id}-`), `${ex.file} starts with ${id}-`).toBe(true);
      expect(ex.solution).toBe(`solutions/${slug}/${m![2]}.ts`);
      expect(existsSync(repoPath(ex.file)), ex.file).toBe(true);
      expect(existsSync(repoPath(ex.solution)), ex.solution).toBe(true);
    },
  );

  it.each(all.map((e) => [e.id, e] as const))(
    '%s: the chapter does not print the answer (no included region defines what the exercise asks for)',
    (_id, ex) => {
      // What the exercise asks for: the functions its solution exports.
      const asked = [...read(ex.solution).matchAll(/^export function (\w+)/gm)].map((m) => m[1]!);
      const md = `chapters/${ex.chapter.slug}.md`;
      const shown: string[] = [];
      for (const inc of includes(md)) {
        if (!inc.region || !inc.file.startsWith('../src/')) continue;
        const rel = inc.file.replace(/^\.\.\//, '');
        const r = regionsIn(rel).find((x) => x.name === inc.region);
        if (!r) continue;
        const text = read(rel)
          .split('\n')
          .slice(r.start, r.end - 1)
          .join('\n');
        for (const name of asked)
          if (new RegExp(`function ${name}\\b|const ${name}\\s*=`).test(text))
            shown.push(`${name} in ${rel}#${inc.region} (line ${inc.line} of ${md})`);
      }
      expect(shown).toEqual([]);
    },
  );

  it('has no two exercises with one id, and no starter or solution that is no exercise’s', () => {
    const ids = all.map((e) => e.id);
    expect(new Set(ids).size, ids.join(' ')).toBe(ids.length);
    const known = new Set(all.flatMap((e) => [e.file, e.solution]));
    const orphans = [...filesUnder('exercises'), ...filesUnder('solutions')].filter(
      (f) => f.endsWith('.ts') && !known.has(f),
    );
    expect(orphans).toEqual([]);
  });

  it.each(all.map((e) => [e.id, checkedIn(e.solution, 'solution'), e] as const))(
    '%s: the reference solution passes (checked in %s)',
    async (_id, where, ex) => {
      if (where !== HERE) return;
      const mod = await import(pathToFileURL(repoPath(ex.solution)).href);
      const v = await ex.check(mod);
      expect(v.passed, v.explanation).toBe(true);
    },
  );

  it.each(all.map((e) => [e.id, checkedIn(e.file, 'starter'), e] as const))(
    '%s: the untouched starter fails, with an explanation (checked in %s)',
    async (_id, where, ex) => {
      if (where !== HERE) return;
      const mod = await import(pathToFileURL(repoPath(ex.file)).href);
      const v = await ex.check(mod);
      expect(v.passed).toBe(false);
      expect(v.explanation.length).toBeGreaterThan(20);
    },
  );
});
