/**
 * Every chapter has its prose, its code folder, its test file and its place
 * in the registry; every included region exists and every region is used.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import { chapterFiles, filesUnder, includes, read, regionsIn, repoPath, repoRoot } from './repo';

const slugs = chapterFiles().map((f) => f.slice('chapters/'.length, -3));

describe('chapters', () => {
  it('has at least the first chapters', () => {
    expect(slugs.length).toBeGreaterThanOrEqual(1);
  });

  it.each(slugs)('%s has a code folder, a test file and a registry entry', (slug) => {
    expect(
      existsSync(repoPath(`src/chapters/${slug}/index.ts`)),
      `src/chapters/${slug}/index.ts`,
    ).toBe(true);
    expect(
      existsSync(repoPath(`test/chapters/${slug}.test.ts`)),
      `test/chapters/${slug}.test.ts`,
    ).toBe(true);
    const ch = chapters.find((c) => c.slug === slug);
    expect(ch, `src/chapters/index.ts registers ${slug}`).toBeDefined();
    expect(ch!.id).toBe(slug.slice(0, slug.indexOf('-')));
  });

  it('registers no chapter without prose, in reading order', () => {
    expect(chapters.map((c) => c.slug)).toEqual(slugs);
  });

  it.each(slugs)(
    '%s has at least two mutants and two exercises, and each mutant names its check by reference',
    (slug) => {
      const ch = chapters.find((c) => c.slug === slug)!;
      expect(ch.mutants.length).toBeGreaterThanOrEqual(2);
      expect(ch.exercises.length).toBeGreaterThanOrEqual(2);
      for (const m of ch.mutants)
        expect(ch.checks, `${m.name}: its check is one of the chapter's`).toContain(m.caughtBy);
    },
  );

  it.each(slugs)('%s pins what each check finds, under names unique in the chapter', (slug) => {
    const ch = chapters.find((c) => c.slug === slug)!;
    for (const c of ch.checks) {
      expect(c.pinned, `${c.name} pins what it finds`).toBeDefined();
      expect(Object.keys(c.pinned!).length, `${c.name} pins at least one number`).toBeGreaterThan(
        0,
      );
    }
    const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name);
    for (const list of [ch.checks, ch.mutants, ch.runs])
      expect(new Set(names(list)).size, names(list).join(', ')).toBe(list.length);
  });

  it.each(slugs)('%s starts every box and figure marker at the start of its line', (slug) => {
    // An indented `::: figure` (inside a list item, say) is not seen: the page would not place it.
    const indented = read(`chapters/${slug}.md`)
      .split('\n')
      .flatMap((l, i) => (/^\s+:::/.test(l) ? [`line ${i + 1}: ${l.trim()}`] : []));
    expect(indented).toEqual([]);
  });

  it.each(slugs)('%s shows how to run its demo and its tests', (slug) => {
    const text = read(`chapters/${slug}.md`);
    const id = slug.slice(0, slug.indexOf('-'));
    const n = id.replace(/^0+(?=\d)/, '');
    expect(text).toContain(`npm run workbook -- run ${n}`);
    expect(text).toContain(`npm test -- ${id}`);
    expect(text).toContain(`npm run workbook -- check ${n}`);
  });
});

describe('code in chapters comes from source by region', () => {
  const all = chapterFiles().flatMap((md) => includes(md).map((inc) => ({ md, ...inc })));

  it.each(
    all.map((i) => [`${i.md}:${i.line} ${i.file}${i.region ? `#${i.region}` : ''}`, i] as const),
  )('%s resolves', (_name, inc) => {
    const target = relative(repoRoot, join(dirname(repoPath(inc.md)), inc.file));
    expect(existsSync(repoPath(target)), `${target} exists`).toBe(true);
    if (inc.region)
      expect(
        regionsIn(target).map((r) => r.name),
        `${target} has region ${inc.region}`,
      ).toContain(inc.region);
  });

  it('uses every region defined in src/chapters, and nests none', () => {
    const used = new Set(
      all
        .filter((i) => i.region)
        .map((i) => `${relative(repoRoot, join(dirname(repoPath(i.md)), i.file))}#${i.region}`),
    );
    const defined = filesUnder('src', '.ts').flatMap((f) =>
      regionsIn(f).map((r) => `${f}#${r.name}`),
    );
    const unused = defined.filter((d) => !used.has(d));
    expect(unused, 'regions no chapter includes').toEqual([]);
  });

  it('pastes no TypeScript into the prose', () => {
    for (const md of chapterFiles()) expect(read(md), md).not.toMatch(/```(ts|typescript)\n/);
  });
});
