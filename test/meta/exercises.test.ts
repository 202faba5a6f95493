/**
 * Every reference solution passes its exercise's check, and every untouched
 * starter fails it.
 */
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import { repoPath } from './repo';

const all = chapters.flatMap((c) => c.exercises);

describe('exercises', () => {
  it.each(all.map((e) => [e.id, e] as const))(
    '%s: the reference solution passes',
    async (_id, ex) => {
      const mod = await import(pathToFileURL(repoPath(ex.solution)).href);
      const v = await ex.check(mod);
      expect(v.passed, v.explanation).toBe(true);
    },
  );

  it.each(all.map((e) => [e.id, e] as const))(
    '%s: the untouched starter fails, with an explanation',
    async (_id, ex) => {
      const mod = await import(pathToFileURL(repoPath(ex.file)).href);
      const v = await ex.check(mod);
      expect(v.passed).toBe(false);
      expect(v.explanation.length).toBeGreaterThan(20);
    },
  );
});
