/**
 * The one contract every chapter's tests share: each registered check holds
 * with the pins the registry gives it, and each mutant fails the very check
 * that names it (with a counterexample, or a goal it never reaches). A
 * chapter's test file calls {@link describeChapter} once, then tests what is
 * particular to it, reading results through {@link ChapterResults.result}
 * so that no check runs twice.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Chapter, ChapterCheck, CheckContext, Mutant, Pins } from '../src/chapters/chapter';
import { runMutant } from '../src/chapters/chapter';
import { repoPath } from '../src/cli/repo';
import { renderReport, runChapter } from '../src/cli/report';
import type { CheckResult } from '../src/index';

/**
 * Whether the deep tier runs (`npm run test:deep`, which sets
 * WORKBOOK_DEEP=1): the tests that run a check at its `--deep` bounds, a
 * larger exploration of a property the default tier checks at the default
 * bounds (and whose mutants it catches there).
 */
export const DEEP = process.env.WORKBOOK_DEEP === '1';

/** The context every test runs checks with: seed 1, default bounds. */
export const testContext: CheckContext = { seed: 1 };

/** The results of a chapter's checks, each computed once. */
export interface ChapterResults {
  /** The result of the check with this name, at the default bounds. */
  readonly result: (name: string) => Promise<CheckResult<any>>;
  /** The result of the mutant with this name, through its check. */
  readonly mutantResult: (name: string) => Promise<CheckResult<any>>;
}

/** What a result shows of the pinned fields. */
export function pinsOf(r: CheckResult<unknown>, pins: Pins): Pins {
  const out: Record<string, number | undefined> = {};
  for (const k of Object.keys(pins) as (keyof Pins)[]) out[k] = r.stats[k];
  return out;
}

/** What a chapter's test file may say about its checks. */
export interface ChapterOptions {
  /**
   * The checks of the deep tier (run by `npm run test:deep`): each a larger
   * exploration of a property that another check of the chapter explores at
   * smaller bounds by default. Their mutants still run by default: a mutant
   * a deep check names fails it there, long before the exploration is whole.
   */
  readonly deep?: readonly string[];
}

/**
 * A check transcript without the rows of the checks named and without the
 * summary line, its tables' padding and rules made one width: what the
 * default tier can compare when some checks are the deep tier's (a table's
 * columns are as wide as its widest cell, which may be in a row left out).
 */
function withoutRows(transcript: string, checks: ReadonlySet<string>): string {
  return transcript
    .split('\n')
    .filter((l) => ![...checks].some((name) => l.startsWith(`${name}  `)))
    .filter((l) => !/^\d+ of \d+ checks hold; /.test(l))
    .map((l) => (/^[- ]+$/.test(l) ? l.replace(/-+/g, '-') : l).replace(/ {2,}/g, '  ').trimEnd())
    .join('\n');
}

/**
 * Register the contract tests of a chapter.
 *
 * @param chapter - the chapter, as the registry has it
 * @param options - which of its checks are the deep tier's
 * @returns its results, computed once each
 */
export function describeChapter(chapter: Chapter, options: ChapterOptions = {}): ChapterResults {
  const results = new Map<ChapterCheck, Promise<CheckResult<any>>>();
  const mutants = new Map<Mutant, Promise<CheckResult<any>>>();
  const find = (name: string) => {
    const c = chapter.checks.find((k) => k.name === name);
    if (!c) throw new Error(`chapter ${chapter.id} has no check named '${name}'`);
    return c;
  };
  const result = (name: string) => {
    const c = find(name);
    let r = results.get(c);
    if (!r) {
      r = Promise.resolve(c.run(testContext));
      results.set(c, r);
    }
    return r;
  };
  const mutantResult = (name: string) => {
    const m = chapter.mutants.find((x) => x.name === name);
    if (!m) throw new Error(`chapter ${chapter.id} has no mutant named '${name}'`);
    let r = mutants.get(m);
    if (!r) {
      r = Promise.resolve(runMutant(m, testContext));
      mutants.set(m, r);
    }
    return r;
  };
  const deep = new Set(options.deep ?? []);
  for (const name of deep) find(name);
  const holds = async (c: ChapterCheck) => {
    const r = await result(c.name);
    expect(r.holds, r.counterexample?.message ?? r.unreached.join('; ')).toBe(true);
    if (c.pinned) expect(pinsOf(r, c.pinned)).toEqual(c.pinned);
  };
  const label = `${chapter.id} ${chapter.title}: the contract`;
  describe(label, () => {
    it.each(chapter.checks.filter((c) => !deep.has(c.name)).map((c) => [c.name, c] as const))(
      '%s holds, as pinned',
      (_n, c) => holds(c),
    );
    describe.skipIf(!DEEP || deep.size === 0)('the deep tier (WORKBOOK_DEEP=1)', () => {
      it.each(chapter.checks.filter((c) => deep.has(c.name)).map((c) => [c.name, c] as const))(
        '%s holds, as pinned',
        (_n, c) => holds(c),
      );
    });
    it.each(chapter.mutants.map((m) => [m.name, m] as const))(
      'the mutant %s fails the check that names it',
      async (_n, m) => {
        expect(chapter.checks, `${m.name}: its check is registered`).toContain(m.caughtBy);
        const r = await mutantResult(m.name);
        expect(r.holds, `${m.name} is caught by ${m.caughtBy.name}`).toBe(false);
        expect(
          r.counterexample !== undefined || r.unreached.length > 0,
          'a failure shows a counterexample or a goal never reached',
        ).toBe(true);
      },
    );
    // The check transcript is made of these very results, so it is compared
    // here rather than by running every check again (test/meta/transcripts).
    // Without the deep tier, its checks' rows (and the summary, which counts
    // them) are left out: every other line is compared, padding aside.
    const nn = chapter.id;
    const whole = DEEP || deep.size === 0;
    it(`${nn}-check.txt is what the checks print${whole ? '' : ', but for the rows of the deep tier’s checks'} (npm run transcripts)`, async () => {
      const ran = whole
        ? chapter
        : { ...chapter, checks: chapter.checks.filter((c) => !deep.has(c.name)) };
      const report = await runChapter(ran, testContext, {
        results: {
          check: (c) => result(c.name),
          mutant: (m) => mutantResult(m.name),
        },
      });
      const file = readFileSync(repoPath(`chapters/transcripts/${nn}-check.txt`), 'utf8');
      const printed = `${renderReport(chapter, report, { timings: false })}\n`;
      if (whole) expect(file).toBe(printed);
      else expect(withoutRows(file, deep)).toBe(withoutRows(printed, deep));
    });
    it('every check pins what it finds', () => {
      for (const c of chapter.checks)
        expect(c.pinned, `${c.name} pins what it finds`).toBeDefined();
    });
  });
  return { result, mutantResult };
}
