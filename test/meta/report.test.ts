/**
 * What `workbook check` reports, on a toy chapter: a check holds only with
 * the numbers it pins, a mutant runs through the check it names, a random
 * check's pins hold for the pinned seed only, and the text says why.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Chapter } from '../../src/chapters/chapter';
import { check, mutant } from '../../src/chapters/chapter';
import { PINNED_SEED, passed, renderReport, runChapter } from '../../src/cli/report';
import { action, explore, forAll, invariant, machine, to } from '../../src/index';

/** A counter that counts up to `top`. */
const counter = (top: number) =>
  machine<number>({
    name: `counter to ${top}`,
    init: [0],
    actions: [
      action({ name: 'Inc', external: true, guard: (n) => n < top, effect: (n) => to(n + 1) }),
    ],
  });

const belowFour = (top = 3, ctx = {}) =>
  explore(counter(top), { invariants: [invariant('below 4', (n: number) => n < 4)], ...ctx });

const stays = check<number>({
  name: 'stays below 4',
  claim: 'The counter never reaches 4.',
  pinned: { states: 4, transitions: 3, depth: 3 },
  run: (_ctx, top) => belowFour(top),
});

const misPinned = check<number>({
  name: 'pinned wrong',
  claim: 'The same, pinned with one state too many.',
  pinned: { states: 5 },
  run: (_ctx, top) => belowFour(top),
});

const sampled = check<void>({
  name: 'sampled',
  claim: 'Doubling is even, on generated values (pinned one run short).',
  pinned: { runs: 49 },
  run: (ctx) =>
    forAll('double is even', fc.nat(), (n) => (2 * n) % 2 === 0, { runs: 50, seed: ctx.seed }),
});

const toy: Chapter = {
  id: '99',
  slug: '99-toy',
  title: 'A toy',
  paper: '§0',
  summary: 'A counter.',
  demo: () => {},
  checks: [stays, misPinned, sampled],
  mutants: [
    mutant(stays, { name: 'counts to 5', bug: 'The counter goes one further.', variant: 5 }),
  ],
  runs: [],
  exercises: [],
};

describe('the check report', () => {
  it('holds a check only with its pins, and runs each mutant through its check', async () => {
    const r = await runChapter(toy, { seed: PINNED_SEED });
    const row = (n: string) => r.checks.find((c) => c.name === n)!;
    expect(row('stays below 4')).toMatchObject({ holds: true, states: 4, transitions: 3 });
    expect(row('stays below 4').failure).toBeUndefined();
    expect(row('pinned wrong').holds).toBe(true);
    expect(row('pinned wrong').failure).toBe('found 4 states where 5 are pinned');
    expect(row('sampled')).toMatchObject({ runs: 50, seed: PINNED_SEED });
    expect(row('sampled').failure).toBe('found 50 runs where 49 are pinned');
    expect(r.mutants).toEqual([
      expect.objectContaining({ name: 'counts to 5', caught: true, caughtBy: 'stays below 4' }),
    ]);
    expect(r.mutants[0]!.traceLength).toBe(4);
    expect(passed(r)).toBe(false);
    const text = renderReport(toy, r, { timings: false });
    expect(text).toContain('FAILS: found 4 states where 5 are pinned');
    expect(text).toMatch(/^check +kind +runs +states +transitions +verdict$/m);
    expect(text).toContain('1 of 3 checks hold; 1 of 1 mutants caught.');
  });

  it('pins nothing with --depth, and a random check nothing at another seed', async () => {
    const other = await runChapter(toy, { seed: PINNED_SEED + 6 }, {}, 'sampled');
    expect(other.checks[0]!.failure).toBeUndefined();
    expect(other.mutants).toEqual([]);
    const bounded = await runChapter(toy, { seed: PINNED_SEED, depth: 2 }, {}, 'pinned wrong');
    expect(bounded.checks[0]!.pinned).toBeUndefined();
    expect(passed(bounded)).toBe(true);
  });

  it('shows a progress bar the pinned number to count towards', async () => {
    const expected: unknown[] = [];
    await runChapter(toy, { seed: PINNED_SEED }, { begin: (_w, e) => void expected.push(e) });
    expect(expected).toEqual([stays.pinned, misPinned.pinned, sampled.pinned, undefined]);
  });
});
