/**
 * The registry's chapters with each named run and each timeline made once
 * per test process: the site's build and the tests in the same file that
 * draw a run's figure, compare its transcript or measure a timeline use
 * what was made once, not once for each. Both are deterministic (a run is
 * made from its context, the seed and the bounds; a timeline from a
 * replayed run or a seeded check), so what is made once is what would be
 * made again.
 */
import { chapters } from '../../src/chapters';
import type { Chapter, CheckContext, NamedRun, NamedTimeline } from '../../src/chapters/chapter';

function onceEach(run: NamedRun['run']): NamedRun['run'] {
  const made = new Map<string, ReturnType<NamedRun['run']>>();
  return (ctx: CheckContext) => {
    const key = JSON.stringify([ctx.seed, ctx.depth, ctx.path, ctx.deep]);
    let r = made.get(key);
    if (!r) {
      r = run(ctx);
      made.set(key, r);
    }
    return r;
  };
}

function once(make: NamedTimeline['make']): NamedTimeline['make'] {
  let made: ReturnType<NamedTimeline['make']> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

/** The registry, each chapter's named runs made at most once per context, its timelines once. */
export const onceChapters: readonly Chapter[] = chapters.map((c) => ({
  ...c,
  runs: c.runs.map((r) => ({ ...r, run: onceEach(r.run) })),
  ...(c.timelines ? { timelines: c.timelines.map((t) => ({ ...t, make: once(t.make) })) } : {}),
}));
