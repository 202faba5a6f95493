/**
 * What a chapter gives the `workbook` command, the tests and the site: its
 * demo, its checks (each with pinned state counts), its mutants (seeded bugs
 * the checks must catch), its named runs, and its exercises.
 *
 * @module
 */
import type { CheckResult, Machine, Progress, SequenceDiagram, Trace } from '../index';

/** Where a demo or a check writes its lines. */
export type Writer = (line: string) => void;

/** Options every check and mutant receives from the command line or a test. */
export interface CheckContext {
  /** Seed for random runs (`--seed`); a run prints it so it can be replayed. */
  readonly seed: number;
  /** Optional depth override (`--depth`): bounds a search or a run. */
  readonly depth?: number;
  /**
   * fast-check's replay path, printed with the failure of a random check
   * (`--path`): with the same seed it replays just the shrunk failing run.
   */
  readonly path?: string;
  /** Deeper, slower bounds (the benchmark's, or `--deep`). */
  readonly deep?: boolean;
  /** Progress while a check runs. */
  readonly onProgress?: (p: Progress) => void;
}

/** One claim of a chapter, as a check that can fail. */
export interface ChapterCheck {
  /** Short name, unique in the chapter (`equal logs, equal replicas`). */
  readonly name: string;
  /** The claim in a sentence, as the chapter states it. */
  readonly claim: string;
  /**
   * The pinned number of distinct states (or runs, for sampled checks) with
   * the default bounds; the tests assert it, and progress bars use it.
   */
  readonly states?: number;
  /** The pinned number with the deep bounds (`--deep`), if the check has them. */
  readonly deepStates?: number;
  /** Run the check. */
  readonly run: (ctx: CheckContext) => CheckResult<any> | Promise<CheckResult<any>>;
}

/** A seeded bug: a minimal change to correct code that a check must catch. */
export interface Mutant {
  /** Short name (`replicas apply in arrival order`). */
  readonly name: string;
  /** What was changed, in a sentence. */
  readonly bug: string;
  /** The check (by name) that should catch it. */
  readonly caughtBy: string;
  /** Run that check against the mutant; caught means the result does not hold. */
  readonly run: (ctx: CheckContext) => CheckResult<any> | Promise<CheckResult<any>>;
}

/** A run worth showing: an example or a counterexample. */
export interface NamedRun {
  /** Its name, for `workbook trace <chapter> <name>`. */
  readonly name: string;
  /** What it shows. */
  readonly description: string;
  /** Produce the run (deterministically) and the machine that made it. */
  readonly run: (ctx: CheckContext) => {
    readonly machine: Machine<any>;
    readonly trace: Trace<any>;
  };
  /** Optional: the run as a sequence diagram (lanes per process, arrows per message), for figures. */
  readonly diagram?: (trace: Trace<any>) => SequenceDiagram;
}

/** The verdict on a reader's answer to an exercise. */
export interface ExerciseVerdict {
  /** True if the answer passes the chapter's checks. */
  readonly passed: boolean;
  /** What was checked and, if it failed, what went wrong and how to see it. */
  readonly explanation: string;
}

/** An exercise: a file to edit, a check of it, and a hint. */
export interface Exercise {
  /** `1.1`: chapter, then number. */
  readonly id: string;
  /** A short title. */
  readonly title: string;
  /** What to do, in a few sentences. */
  readonly task: string;
  /** A hint for the stuck. */
  readonly hint: string;
  /** The starter file the reader edits, relative to the repository root. */
  readonly file: string;
  /** The reference solution, relative to the repository root. */
  readonly solution: string;
  /** Check a loaded module (the starter, or the solution). */
  readonly check: (module: Record<string, unknown>) => ExerciseVerdict | Promise<ExerciseVerdict>;
}

/** A chapter, as the tools see it. */
export interface Chapter {
  /** Its number (1 for `01-replicated-state-machines`). */
  readonly number: number;
  /** Its file name without extension, shared by prose, code and test. */
  readonly slug: string;
  /** Its title. */
  readonly title: string;
  /** The sections of the paper it covers (`§2.1`). */
  readonly paper: string;
  /** One sentence: what the chapter shows. */
  readonly summary: string;
  /** The demo: prints a readable run. */
  readonly demo: (out: Writer, ctx: CheckContext) => void | Promise<void>;
  /** The chapter's claims, as checks. */
  readonly checks: readonly ChapterCheck[];
  /** Seeded bugs, each caught by a check. */
  readonly mutants: readonly Mutant[];
  /** Named runs for `workbook trace`. */
  readonly runs: readonly NamedRun[];
  /** Exercises. */
  readonly exercises: readonly Exercise[];
}

/**
 * The function a reader's exercise file exports under `name`, or a verdict
 * saying that it does not export one.
 *
 * @param mod - the loaded module
 * @param name - the export the exercise asks for
 * @returns the function, or a failing verdict
 */
export function exportedFunction<T>(
  mod: Record<string, unknown>,
  name: string,
): T | ExerciseVerdict {
  const f = mod[name];
  if (typeof f !== 'function')
    return { passed: false, explanation: `The file does not export a function named ${name}.` };
  return f as T;
}

/**
 * Is this a verdict (rather than what was asked for)?
 *
 * @param x - what {@link exportedFunction} or a helper returned
 * @returns true if it is an {@link ExerciseVerdict}
 */
export const isVerdict = (x: unknown): x is ExerciseVerdict =>
  typeof x === 'object' && x !== null && 'passed' in x;
