/**
 * Labels are typed: outside a model's own folder no file compares action
 * names as strings (it asks the action, `Deliver.is(label)`), and no
 * chapter casts a label's parameter (`is` narrows it).
 */
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import type { Chapter } from '../../src/chapters/chapter';
import type { Machine } from '../../src/index';
import { filesUnder, read } from './repo';

/**
 * Every action name of every machine the registry names: its models and its
 * explorer models (building a machine is cheap; running the named runs is not).
 */
function actionNames(chs: readonly Chapter[]): Set<string> {
  const machines: Machine<any>[] = [];
  for (const ch of chs) {
    for (const m of ch.models ?? []) machines.push(m.machine());
    for (const e of ch.explorer ?? []) {
      machines.push(e.machine());
      if (e.spec) machines.push(e.spec());
    }
  }
  return new Set(machines.flatMap((m) => m.actions.map((a) => a.name)));
}

const literally = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The string comparisons of action names in a file's text, one line each.
 *
 * @param text - the file's text
 * @param names - the action names of the registered machines
 * @returns `line: text` for each comparison
 */
function nameComparisons(text: string, names: ReadonlySet<string>): string[] {
  const named = [...names].map(literally).join('|') || '(?!)';
  const patterns = [
    // `label.action === 'X'`, whatever X is: an action is asked, not named
    /\.action\s*[!=]==?\s*['"`]/,
    /['"`][^'"`\n]*['"`]\s*[!=]==?\s*[\w.?!]*\.action\b/,
    // `a.name === 'Deliver'` and `case 'Deliver':`, for the names of registered actions
    new RegExp(`\\.name\\s*[!=]==?\\s*(['"\`])(${named})\\1`),
    new RegExp(`(['"\`])(${named})\\1\\s*[!=]==?\\s*[\\w.?!]*\\.name\\b`),
    new RegExp(`\\bcase\\s+(['"\`])(${named})\\1\\s*:`),
  ];
  return text
    .split('\n')
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => patterns.some((p) => p.test(l)))
    .map(([l, n]) => `${n}: ${l.trim()}`);
}

/**
 * The casts of a label's parameter in a file's text, one line each.
 *
 * @param text - the file's text
 * @returns `line: text` for each `param as`
 */
function paramCasts(text: string): string[] {
  return text
    .split('\n')
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => /\bparam\s*\)?\s+as\b/.test(l))
    .map(([l, n]) => `${n}: ${l.trim()}`);
}

/**
 * The files that are no model's own folder: everything but a chapter's
 * folder (its models' names are its own), the library and its tests (the
 * actor layer's actions and the toy models are theirs), and this file.
 */
const outside = [
  ...filesUnder('src', '.ts'),
  ...filesUnder('test', '.ts'),
  ...filesUnder('exercises', '.ts'),
  ...filesUnder('solutions', '.ts'),
].filter(
  (f) =>
    !/^src\/chapters\/(?:\d\d|[A-Z])-/.test(f) &&
    !f.startsWith('src/lib/') &&
    !f.startsWith('test/lib/') &&
    f !== 'test/meta/labels.test.ts',
);

describe('typed labels', () => {
  const names = actionNames(chapters);

  it('the registry names the actions of its machines', () => {
    expect(names.size).toBeGreaterThan(0);
  });

  it.each(outside)('%s compares no action name as a string', (f) => {
    expect(nameComparisons(read(f), names), `${f}: use X.is(label)`).toEqual([]);
  });

  it.each(filesUnder('src/chapters', '.ts'))('%s casts no label parameter', (f) => {
    expect(paramCasts(read(f)), `${f}: X.is(label) narrows label.param`).toEqual([]);
  });

  it('the checkers see a violation', () => {
    const q = "'";
    const some = new Set(['Deliver', 'Allow']);
    const text = [
      `if (s.label.action === ${q}Deliver${q}) return 1;`,
      `const lost = l.action !== ${q}Lose${q};`,
      `  case ${q}Allow${q}:`,
      `actions.find((a) => a.name === ${q}Deliver${q});`,
      `checks.find((c) => c.name === ${q}replicas agree${q});`,
      `  case ${q}send${q}:`,
      'if (Deliver.is(label)) return label.param.to;',
    ].join('\n');
    expect(nameComparisons(text, some).map((l) => l.split(':')[0])).toEqual(['1', '2', '3', '4']);
    expect(
      paramCasts('const m = s.label.param as Message;\nconst n = (l.param) as X;'),
    ).toHaveLength(2);
    expect(paramCasts('const m = Deliver.is(l) ? l.param : undefined;')).toEqual([]);
  });
});
