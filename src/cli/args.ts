/**
 * Turning what the user typed into chapters and exercises, with one-line
 * errors that say what is accepted.
 *
 * @module
 */

import { chapters } from '../chapters';
import type { BenchGroup, Chapter, Exercise } from '../chapters/chapter';
import { chapterArg } from '../chapters/chapter';

/** Bad input on the command line: printed as one line, exit status 2. */
export class UsageError extends Error {}

/**
 * Find a chapter by number (`1`, `01`) or name (`01-replicated-state-machines`,
 * `replicated-state-machines`).
 *
 * @param arg - what the user typed
 * @param all - the chapters to look in
 * @returns the chapter
 * @throws UsageError naming what is accepted
 */
export function resolveChapter(arg: string, all: readonly Chapter[] = chapters): Chapter {
  const a = arg.trim().toLowerCase();
  const found = /^\d+$/.test(a)
    ? all.find((c) => /^\d+$/.test(c.id) && Number(c.id) === Number(a))
    : all.find(
        (c) =>
          c.id.toLowerCase() === a || c.slug === a || c.slug.slice(c.slug.indexOf('-') + 1) === a,
      );
  if (found) return found;
  throw new UsageError(
    `unknown chapter '${arg}': accepted are ${all.map(chapterArg).join(', ')}, a chapter's name such as ${all[0]?.slug}, or 'all' (for check)`,
  );
}

/**
 * Find an exercise by its id (`1.1`).
 *
 * @param all - the chapters
 * @param id - what the user typed
 * @returns the chapter and the exercise
 * @throws UsageError naming the ids that exist
 */
export function resolveExercise(
  all: readonly Chapter[],
  id: string,
): { chapter: Chapter; exercise: Exercise } {
  for (const chapter of all) {
    const exercise = chapter.exercises.find((e) => e.id === id.trim());
    if (exercise) return { chapter, exercise };
  }
  throw new UsageError(
    `unknown exercise '${id}': accepted are ${all.flatMap((c) => c.exercises.map((e) => e.id)).join(', ')}`,
  );
}

/**
 * The benchmark groups to run: the one named, or all.
 *
 * @param all - every group (the explorer's and the chapters')
 * @param name - what the user typed, or undefined for all
 * @returns the groups
 * @throws UsageError naming the groups that exist
 */
export function resolveBenchGroups(
  all: readonly BenchGroup[],
  name: string | undefined,
): readonly BenchGroup[] {
  if (name === undefined) return all;
  const found = all.find((g) => g.name === name.trim());
  if (found) return [found];
  throw new UsageError(
    `unknown benchmark group '${name}': accepted are ${all.map((g) => g.name).join(', ')}, or none for all of them`,
  );
}
