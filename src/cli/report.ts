/**
 * Running a chapter's checks and mutants, and the JSON document that
 * `workbook check --json` prints.
 *
 * @module
 */
import type { Chapter, ChapterCheck, CheckContext, Mutant, Pins } from '../chapters/chapter';
import { runMutant } from '../chapters/chapter';
import type { CheckResult, Stats } from '../index';
import { textTable } from '../index';

/**
 * The seed the registry's pins of random checks hold for: the command's
 * default, and the tests' and the transcripts' seed.
 */
export const PINNED_SEED = 1;

/** One check's row in the report. */
export interface CheckRow {
  readonly name: string;
  readonly kind: string;
  readonly holds: boolean;
  readonly states: number;
  readonly transitions: number;
  /** For a sampled check: how many runs, samples or generated values. */
  readonly runs?: number;
  readonly ms: number;
  /** What the chapter pins for these bounds, if anything. */
  readonly pinned?: Pins;
  /** One line: why it failed (absent when it holds). */
  readonly failure?: string;
  /** For random checks: the seed, which replays the same runs with `--seed`. */
  readonly seed?: number;
  /** For a failed random check: the arguments that replay the shrunk failure. */
  readonly replay?: string;
  /** For a failed random check: what a spent budget cut short (shrinking stopped at its budget). */
  readonly budget?: string;
}

/** One mutant's row in the report. */
export interface MutantRow {
  readonly name: string;
  readonly caught: boolean;
  readonly traceLength: number;
  /** The name of the check that catches it. */
  readonly caughtBy: string;
  readonly property?: string;
  /** If its check threw instead of giving a verdict: the error's first line (the mutant counts as not caught). */
  readonly error?: string;
}

/** What `workbook check <chapter> --json` prints, one per chapter. */
export interface ChapterReport {
  readonly chapter: string;
  readonly checks: CheckRow[];
  readonly mutants: MutantRow[];
}

/** Hooks for progress display while the checks run, and results already at hand. */
export interface ReportHooks {
  /**
   * Where the results come from, if they were computed already (a test that
   * ran every check and mutant compares the report with its transcript).
   *
   * @defaultValue each check and mutant is run
   */
  readonly results?: {
    readonly check: (c: ChapterCheck) => Promise<CheckResult<unknown>>;
    readonly mutant: (m: Mutant) => Promise<CheckResult<unknown>>;
  };
  /** A check begins: its name and, if known, what it is pinned to find. */
  readonly begin?: (what: string, expected?: Pins) => CheckContext['onProgress'];
  readonly end?: () => void;
}

/**
 * The pins that hold for a check run with this context: the default ones,
 * or the deep ones. `--depth` and `--path` (one replayed run) pin nothing,
 * and a random check's pins hold for {@link PINNED_SEED} only.
 *
 * @param c - the check
 * @param ctx - the context it runs with
 * @param random - whether its result is random (it carries a seed)
 * @returns the pins, or undefined
 */
export function pinsFor(c: ChapterCheck, ctx: CheckContext, random: boolean): Pins | undefined {
  if (ctx.depth !== undefined || ctx.path !== undefined) return undefined;
  if (random && ctx.seed !== PINNED_SEED) return undefined;
  return ctx.deep ? c.deepPinned : c.pinned;
}

/** What a result finds that differs from the pins, one phrase each (`62 states where 63 are pinned`). */
function statMismatches(stats: Stats, pins: Pins | undefined): string[] {
  const out: string[] = [];
  for (const [k, want] of Object.entries(pins ?? {}) as [keyof Pins, number | undefined][])
    if (want !== undefined && stats[k] !== want)
      out.push(
        k === 'depth'
          ? `depth ${stats.depth} where ${want} is pinned`
          : `${stats[k] ?? 'no'} ${k} where ${want} are pinned`,
      );
  return out;
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
    const onProgress = hooks.begin?.(c.name, pinsFor(c, ctx, false));
    const t0 = performance.now();
    let r: CheckResult<unknown>;
    try {
      r = hooks.results
        ? await hooks.results.check(c)
        : await c.run({ ...ctx, ...(onProgress ? { onProgress } : {}) });
    } catch (e) {
      // A check that throws fails with what it threw, and the other checks still run.
      checks.push(thrownRow(c, e, performance.now() - t0));
      continue;
    } finally {
      hooks.end?.();
    }
    const random = randomness(r, c.name);
    const pinned = pinsFor(c, ctx, random.seed !== undefined);
    const mismatched = statMismatches(r.stats, pinned);
    // A refinement says how many spec steps it let simulate one step.
    const depth = (r as { internalDepth?: number }).internalDepth;
    checks.push({
      name: c.name,
      kind: r.check === 'refines' && depth !== undefined ? `refines ≤${depth}` : r.check,
      holds: r.holds,
      states: r.stats.states,
      transitions: r.stats.transitions,
      ...(r.stats.runs !== undefined ? { runs: r.stats.runs } : {}),
      ms: Math.round(r.stats.ms),
      ...(pinned !== undefined ? { pinned } : {}),
      ...random,
      ...(r.holds
        ? mismatched.length
          ? { failure: `found ${mismatched.join(', ')}` }
          : {}
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
    let r: CheckResult<unknown>;
    try {
      r = hooks.results
        ? await hooks.results.mutant(m)
        : await runMutant(m, { ...ctx, ...(onProgress ? { onProgress } : {}) });
    } catch (e) {
      // A check that throws on a mutant gives no verdict: the mutant is not caught.
      mutants.push({
        name: m.name,
        caught: false,
        traceLength: 0,
        caughtBy: m.caughtBy.name,
        error: errorLine(e),
      });
      continue;
    } finally {
      hooks.end?.();
    }
    mutants.push({
      name: m.name,
      caught: !r.holds,
      traceLength: r.counterexample?.trace.steps.length ?? 0,
      caughtBy: m.caughtBy.name,
      ...(r.counterexample ? { property: r.counterexample.property } : {}),
    });
  }
  return { chapter: ch.slug, checks, mutants };
}

/**
 * The seed (and replay arguments) of a random check's result, if it has
 * them, and what a spent budget cut short. A replay path belongs to one
 * check, so the arguments name it.
 */
function randomness(r: object, name: string): { seed?: number; replay?: string; budget?: string } {
  const x = r as { seed?: unknown; replay?: unknown; budget?: unknown };
  return {
    ...(typeof x.seed === 'number' ? { seed: x.seed } : {}),
    ...(typeof x.replay === 'string' ? { replay: `--only '${name}' ${x.replay}` } : {}),
    ...(typeof x.budget === 'string' ? { budget: x.budget } : {}),
  };
}

/** The first line of what was thrown. */
function errorLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0] ?? m;
}

/** The row of a check that threw instead of returning a result: it fails, with the error's first line. */
function thrownRow(c: ChapterCheck, e: unknown, ms: number): CheckRow {
  return {
    name: c.name,
    kind: 'error',
    holds: false,
    states: 0,
    transitions: 0,
    ms: Math.round(ms),
    failure: `the check threw: ${errorLine(e)}`,
  };
}

/**
 * Does a check's row pass: it holds, and finds what is pinned?
 *
 * @param c - the row
 * @returns the verdict
 */
export function rowPasses(c: CheckRow): boolean {
  return c.holds && c.failure === undefined;
}

/**
 * Did the chapter pass: every check holds (with its pinned numbers, if any) and every mutant is caught?
 *
 * @param r - the report
 * @returns the verdict
 */
export function passed(r: ChapterReport): boolean {
  return r.checks.every(rowPasses) && r.mutants.every((m) => m.caught);
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
  const lines: string[] = [`Chapter ${ch.id}: ${ch.title} (${ch.paper})`, ''];
  const seed = (c: CheckRow) => (c.seed !== undefined ? ` (seed ${c.seed})` : '');
  const verdict = (c: CheckRow) =>
    rowPasses(c)
      ? `holds${seed(c)}`
      : `FAILS: ${c.failure}${c.budget ? `; ${c.budget}` : ''}${c.replay ? ` (replay: ${c.replay})` : seed(c)}`;
  const sampled = r.checks.some((c) => c.runs !== undefined);
  lines.push(
    textTable(
      [
        'check',
        'kind',
        ...(sampled ? ['runs'] : []),
        'states',
        'transitions',
        ...(opts.timings ? ['ms'] : []),
        'verdict',
      ],
      r.checks.map((c) => [
        c.name,
        c.kind,
        ...(sampled ? [c.runs !== undefined ? String(c.runs) : ''] : []),
        String(c.states),
        String(c.transitions),
        ...(opts.timings ? [String(c.ms)] : []),
        verdict(c),
      ]),
    ),
  );
  if (r.checks.some((c) => c.kind.startsWith('refines ≤')))
    lines.push(
      'refines ≤k: each step is simulated by at most k internal spec steps before and after its external one (1 is TLA+’s [][Next]_vars).',
    );
  lines.push('');
  lines.push(
    textTable(
      ['mutant', 'caught by', 'trace', 'verdict'],
      r.mutants.map((m) => [
        m.name,
        m.caughtBy,
        String(m.traceLength),
        m.caught
          ? `caught${m.property ? ` (${m.property})` : ''}`
          : `NOT CAUGHT${m.error ? ` (the check threw: ${m.error})` : ''}`,
      ]),
    ),
  );
  lines.push('');
  const held = r.checks.filter(rowPasses).length;
  const caught = r.mutants.filter((m) => m.caught).length;
  lines.push(
    `${held} of ${r.checks.length} checks hold; ${caught} of ${r.mutants.length} mutants caught.`,
  );
  return lines.join('\n');
}
