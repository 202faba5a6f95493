/**
 * Running a chapter's checks and mutants, and the JSON document that
 * `workbook check --json` prints.
 *
 * @module
 */
import type { Chapter, CheckContext } from '../chapters/chapter';
import { textTable } from '../index';

/** One check's row in the report. */
export interface CheckRow {
  readonly name: string;
  readonly kind: string;
  readonly holds: boolean;
  readonly states: number;
  readonly transitions: number;
  readonly ms: number;
  /** Pinned count from the chapter, if any. */
  readonly expectedStates?: number;
  /** One line: why it failed (absent when it holds). */
  readonly failure?: string;
  /** For random checks: the seed, which replays the same runs with `--seed`. */
  readonly seed?: number;
  /** For a failed random check: the arguments that replay the shrunk failure. */
  readonly replay?: string;
}

/** One mutant's row in the report. */
export interface MutantRow {
  readonly name: string;
  readonly caught: boolean;
  readonly traceLength: number;
  readonly caughtBy: string;
  readonly property?: string;
}

/** What `workbook check <chapter> --json` prints, one per chapter. */
export interface ChapterReport {
  readonly chapter: string;
  readonly checks: CheckRow[];
  readonly mutants: MutantRow[];
}

/** Hooks for progress display while the checks run. */
export interface ReportHooks {
  readonly begin?: (what: string, expected?: number) => CheckContext['onProgress'];
  readonly end?: () => void;
}

/**
 * Run every check and every mutant of a chapter.
 *
 * @param ch - the chapter
 * @param ctx - seed and bounds
 * @param hooks - progress display
 * @param only - run just the check with this name, and no mutants
 * @returns the report
 */
export async function runChapter(
  ch: Chapter,
  ctx: CheckContext,
  hooks: ReportHooks = {},
  only?: string,
): Promise<ChapterReport> {
  const checks: CheckRow[] = [];
  for (const c of ch.checks) {
    if (only !== undefined && c.name !== only) continue;
    const onProgress = hooks.begin?.(c.name, c.states);
    const r = await c.run({ ...ctx, ...(onProgress ? { onProgress } : {}) });
    hooks.end?.();
    // A pinned count holds for the bounds it was pinned with: the default
    // ones, or the deep ones; --depth and --path (one replayed run) pin nothing.
    const pinned =
      ctx.depth !== undefined || ctx.path !== undefined
        ? undefined
        : ctx.deep
          ? c.deepStates
          : c.states;
    checks.push({
      name: c.name,
      kind: r.check,
      holds: r.holds,
      states: r.stats.states,
      transitions: r.stats.transitions,
      ms: Math.round(r.stats.ms),
      ...(pinned !== undefined ? { expectedStates: pinned } : {}),
      ...randomness(r, c.name),
      ...(r.holds
        ? {}
        : {
            failure: r.counterexample
              ? `${r.counterexample.property}: ${r.counterexample.message}`
              : `never reached: ${r.unreached.join('; ')}`,
          }),
    });
  }
  const mutants: MutantRow[] = [];
  for (const m of only === undefined ? ch.mutants : []) {
    const onProgress = hooks.begin?.(`mutant: ${m.name}`);
    const r = await m.run({ ...ctx, ...(onProgress ? { onProgress } : {}) });
    hooks.end?.();
    mutants.push({
      name: m.name,
      caught: !r.holds,
      traceLength: r.counterexample?.trace.steps.length ?? 0,
      caughtBy: m.caughtBy,
      ...(r.counterexample ? { property: r.counterexample.property } : {}),
    });
  }
  return { chapter: ch.slug, checks, mutants };
}

/**
 * The seed (and replay arguments) of a random check's result, if it has
 * them. A replay path belongs to one check, so the arguments name it.
 */
function randomness(r: object, name: string): { seed?: number; replay?: string } {
  const x = r as { seed?: unknown; replay?: unknown };
  return {
    ...(typeof x.seed === 'number' ? { seed: x.seed } : {}),
    ...(typeof x.replay === 'string' ? { replay: `--only '${name}' ${x.replay}` } : {}),
  };
}

/**
 * Did the chapter pass: every check holds (with its pinned count, if any) and every mutant is caught?
 *
 * @param r - the report
 * @returns the verdict
 */
export function passed(r: ChapterReport): boolean {
  return (
    r.checks.every(
      (c) => c.holds && (c.expectedStates === undefined || c.expectedStates === c.states),
    ) && r.mutants.every((m) => m.caught)
  );
}

/**
 * The report as text: a table of checks, a table of mutants, and a verdict.
 *
 * @param ch - the chapter
 * @param r - its report
 * @param opts - `timings: false` leaves out milliseconds (for transcripts, which must not change between runs)
 * @returns the text
 */
export function renderReport(ch: Chapter, r: ChapterReport, opts: { timings: boolean }): string {
  const lines: string[] = [`Chapter ${ch.slug.slice(0, 2)}: ${ch.title} (${ch.paper})`, ''];
  const verdict = (c: CheckRow) =>
    c.holds
      ? c.expectedStates === undefined || c.expectedStates === c.states
        ? `holds${c.seed !== undefined ? ` (seed ${c.seed})` : ''}`
        : `FAILS: ${c.states} states where ${c.expectedStates} are pinned`
      : `FAILS: ${c.failure}${c.replay ? ` (replay: ${c.replay})` : c.seed !== undefined ? ` (seed ${c.seed})` : ''}`;
  lines.push(
    textTable(
      ['check', 'kind', 'states', 'transitions', ...(opts.timings ? ['ms'] : []), 'verdict'],
      r.checks.map((c) => [
        c.name,
        c.kind,
        String(c.states),
        String(c.transitions),
        ...(opts.timings ? [String(c.ms)] : []),
        verdict(c),
      ]),
    ),
  );
  lines.push('');
  lines.push(
    textTable(
      ['mutant', 'caught by', 'trace', 'verdict'],
      r.mutants.map((m) => [
        m.name,
        m.caughtBy,
        String(m.traceLength),
        m.caught ? `caught${m.property ? ` (${m.property})` : ''}` : 'NOT CAUGHT',
      ]),
    ),
  );
  lines.push('');
  const held = r.checks.filter((c) => verdict(c).startsWith('holds')).length;
  const caught = r.mutants.filter((m) => m.caught).length;
  lines.push(
    `${held} of ${r.checks.length} checks hold; ${caught} of ${r.mutants.length} mutants caught.`,
  );
  return lines.join('\n');
}
