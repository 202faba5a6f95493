/**
 * The explorer's models are the registry's: every chapter's `explorer`
 * entries, each with its chapter's id, a unique id and the chapter's mutants
 * it can run. Every one, and every mutant of it, opens, offers steps, maps
 * its initial state to an initial state of the spec above, and reports the
 * obligation of a step. (The explorer in a browser is tested on the built
 * site, by site.test.ts: see explorerBrowser.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { Chapter, ExplorerModel } from '../../src/chapters/chapter';
import { check, mutant, mutantsOf } from '../../src/chapters/chapter';
import { machine } from '../../src/index';
import {
  explorerModelProblem,
  explorerModels,
  explorerModelsOf,
} from '../../src/site/explorer/models';
import { Session } from '../../src/site/explorer/session';

const still = machine<number>({ name: 'still', init: [0], actions: [] });
const model = (id: string): ExplorerModel => ({ id, title: id, about: id, machine: () => still });
const chapterWith = (id: string, explorer: ExplorerModel[]) =>
  ({ id, explorer }) as Partial<Chapter> as Chapter;

describe('the explorer models', () => {
  it('come from the registry, with their chapter ids and unique ids', () => {
    expect(explorerModels.length).toBeGreaterThan(0);
    expect(explorerModelProblem(explorerModels)).toBeUndefined();
    for (const m of explorerModels) expect(m.id.startsWith(`${m.chapter}-`)).toBe(true);
  });

  it('must have unique ids that start with their chapter', () => {
    const two = explorerModelsOf([
      chapterWith('09', [model('09-a')]),
      chapterWith('A', [model('09-b')]),
    ]);
    expect(two.map((m) => m.chapter)).toEqual(['09', 'A']);
    expect(explorerModelProblem(two)).toBe(
      "explorer model '09-b' of chapter A: its id must start with 'A-'",
    );
    expect(
      explorerModelProblem(explorerModelsOf([chapterWith('09', [model('09-a'), model('09-a')])])),
    ).toBe("two explorer models have the id '09-a'");
    expect(explorerModelsOf([chapterWith('03', [])])).toEqual([]);
  });

  it('run the mutants of the checks they name, unless the variant gives no model', () => {
    const runs = check<number>({ name: 'runs', claim: 'c', run: () => ({}) as never });
    const other = check<string>({ name: 'other', claim: 'c', run: () => ({}) as never });
    const counts = (n: number) => machine<number>({ name: `count ${n}`, init: [n], actions: [] });
    const ch = {
      id: '09',
      mutants: [
        mutant(runs, { name: 'from 5', bug: 'Starts at 5.', variant: 5 }),
        mutant(other, { name: 'a word', bug: 'Not a machine.', variant: 'x' }),
        mutant(runs, { name: 'none', bug: 'No model.', variant: -1 }),
      ],
      explorer: [
        {
          ...model('09-a'),
          mutants: [
            mutantsOf(runs, (n: number) => (n < 0 ? undefined : { machine: () => counts(n) })),
          ],
        },
      ],
    } as Partial<Chapter> as Chapter;
    const [m] = explorerModelsOf([ch]);
    expect(m!.mutantModels.map((x) => [x.name, x.bug])).toEqual([['from 5', 'Starts at 5.']]);
    const s = new Session(m!.mutantModels[0]!.model);
    expect(s.state).toBe(5);
    expect(s.model.title).toBe('09-a');
    expect(
      explorerModelProblem([{ ...m!, mutantModels: [m!.mutantModels[0]!, m!.mutantModels[0]!] }]),
    ).toBe("explorer model '09-a' has two mutants named 'from 5'");
  });

  const everyModel = explorerModels.flatMap((m) => [
    [m.id, m, false] as const,
    ...m.mutantModels.map((mu) => [`${m.id} with the mutant ${mu.name}`, mu.model, true] as const),
  ]);
  it.each(everyModel)(
    '%s opens, offers steps, maps its initial state into the spec, and reports a step’s obligation',
    (_id, m, isMutant) => {
      const s = new Session(m);
      expect(s.choices().length).toBeGreaterThan(0);
      // A mutant may break the first obligation (the token is the lock); a correct model may not.
      if (s.spec && m.abstraction) {
        if (isMutant) expect(s.initialOk()).toBeTypeOf('boolean');
        else expect(s.initialOk()).toBe(true);
      } else expect(s.initialOk()).toBeUndefined();
      s.take(s.choices()[0]!.text);
      expect(s.trace.steps).toHaveLength(1);
      if (s.spec && m.abstraction) expect(s.obligation(0)?.ok).toBeTypeOf('boolean');
      else expect(s.obligation(0)).toBeUndefined();
      expect(s.diagram().lanes.length).toBeGreaterThan(0);
      expect(s.groups().flatMap((g) => g.steps).length).toBe(s.choices().length);
    },
  );
});
