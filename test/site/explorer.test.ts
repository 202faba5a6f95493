/**
 * The explorer's models are the registry's: every chapter's `explorer`
 * entries, each with its chapter's id and a unique id. Every one opens,
 * offers steps, maps its initial state to an initial state of the spec
 * above, and reports the obligation of a step.
 */
import { describe, expect, it } from 'vitest';
import type { Chapter, ExplorerModel } from '../../src/chapters/chapter';
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

  it.each(explorerModels.map((m) => [m.id, m] as const))(
    '%s opens, offers steps, maps its initial state into the spec, and reports a step’s obligation',
    (_id, m) => {
      const s = new Session(m);
      expect(s.choices().length).toBeGreaterThan(0);
      if (s.spec && m.abstraction) {
        const inits = [...s.spec.init()].map((x) => s.spec!.key(x));
        expect(inits).toContain(s.spec.key(s.image()));
      }
      s.take(s.choices()[0]!.text);
      expect(s.trace.steps).toHaveLength(1);
      if (s.spec && m.abstraction) expect(s.obligation(0)?.ok).toBeTypeOf('boolean');
      else expect(s.obligation(0)).toBeUndefined();
      expect(s.diagram().lanes.length).toBeGreaterThan(0);
    },
  );
});
