/**
 * Numbers in the prose come from the registry: every `{{NN/<check>/<field>}}`
 * and `{{NN/facts/<name>}}` placeholder names a pin or a fact, and no number
 * a check pins is typed by hand outside transcripts and code.
 */
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import type { Chapter, Pins } from '../../src/chapters/chapter';
import { PLACEHOLDER, resolvePlaceholder } from '../../src/site/numbers';
import { chapterFiles, read } from './repo';

/** Pinned numbers below this are too small to tell from configuration constants. */
const SMALLEST = 100;

/**
 * A chapter's prose with code (fenced blocks, inline code), included files
 * (transcripts and regions), placeholders and link targets blanked out, so
 * that line numbers still hold.
 */
function prose(md: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return md
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank)
    .replace(/(`+)[\s\S]*?\1/g, blank)
    .replace(/\{@include[^}]*\}/g, blank)
    .replace(PLACEHOLDER, blank)
    .replace(/\]\([^)\n]*\)/g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank);
}

/** The same prose, with only code blanked out: where the site replaces placeholders. */
function text(md: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return md
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank)
    .replace(/(`+)[\s\S]*?\1/g, blank);
}

/**
 * The whole numbers written in a text, with or without thousands separators
 * (`81981`, `81,981`, `81 981` with a thin space), and their lines. Digits
 * inside a word, a decimal or a version are not numbers.
 */
function numbersIn(t: string): { value: number; written: string; line: number }[] {
  const re =
    /(?<![\w.,\u00a0\u2009\u202f-])(\d{1,3}(?:[,\u00a0\u2009\u202f]\d{3})+|\d+)(?![\w]|[.,]\d)/g;
  return [...t.matchAll(re)].map((m) => ({
    value: Number(m[1]!.replace(/[,\u00a0\u2009\u202f]/g, '')),
    written: m[1]!,
    line: t.slice(0, m.index).split('\n').length,
  }));
}

/** Every pinned number of these chapters (from 100), with the placeholders that write it. */
function pinnedNumbers(chs: readonly Chapter[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const add = (n: number | undefined, placeholder: string) => {
    if (n === undefined || n < SMALLEST) return;
    out.set(n, [...(out.get(n) ?? []), placeholder]);
  };
  for (const ch of chs) {
    const nn = ch.id;
    for (const c of ch.checks)
      for (const [pins, prefix] of [
        [c.pinned, ''],
        [c.deepPinned, 'deep.'],
      ] as const)
        for (const [k, v] of Object.entries(pins ?? {}) as [keyof Pins, number | undefined][])
          add(v, `{{${nn}/${c.name}/${prefix}${k}}}`);
  }
  return out;
}

const files = chapterFiles();

describe('numbers in the prose', () => {
  it.each(files)('%s: every placeholder names a pin or a fact', (md) => {
    const t = text(read(md));
    const problems = [...t.matchAll(PLACEHOLDER)].flatMap((m) => {
      const r = resolvePlaceholder(chapters, m[1]!);
      return 'problem' in r ? [`line ${t.slice(0, m.index).split('\n').length}: ${r.problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it.each(files)('%s types no pinned number by hand', (md) => {
    const pinned = pinnedNumbers(chapters);
    const nn = md.slice('chapters/'.length, 'chapters/'.length + 2);
    const typed = numbersIn(prose(read(md)))
      .filter((n) => pinned.has(n.value))
      .map((n) => {
        // the chapter's own pins first: those are the likely quotes
        const by = [...pinned.get(n.value)!].sort(
          (a, b) => Number(!a.startsWith(`{{${nn}/`)) - Number(!b.startsWith(`{{${nn}/`)),
        );
        return `line ${n.line}: ${n.written} is pinned by ${by.join(', ')}: write the placeholder, or {{${nn}/facts/<name>}} if it is another number`;
      });
    expect(typed).toEqual([]);
  });

  it('the checks see a number typed by hand and a placeholder that names nothing', () => {
    const md = [
      'Exploring gives 81,981 states and 704196 transitions, in 3 agents.',
      'Quoted: {{08/channel invariants/states}} states, `81981` in code,',
      '```',
      '81981',
      '```',
      'and §6.4, 1.5 s, l100, 08-run-demo, [a](x/81981.html).',
      'Also 81\u202f981 and 12,345,678.',
    ].join('\n');
    expect(numbersIn(prose(md)).map((n) => [n.value, n.line])).toEqual([
      [81981, 1],
      [704196, 1],
      [3, 1],
      [8, 6],
      [81981, 7],
      [12345678, 7],
    ]);
    expect(numbersIn(prose(md)).some((n) => n.line === 6 && n.value >= SMALLEST)).toBe(false);
    const none = resolvePlaceholder(chapters, '99/no such check/states');
    expect('problem' in none).toBe(true);
  });
});
