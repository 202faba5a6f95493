import fc from 'fast-check';

/**
 * Bounds given to a check, validated: a whole number from `min`, or
 * Infinity (no bound), or absent.
 *
 * @param name - the option's name, for the message
 * @param v - its value
 * @param min - the least value accepted
 * @returns the value
 * @throws Error naming the option, what was given and what is accepted
 */
export function validBound(name: string, v: number | undefined, min: number): number | undefined {
  if (v === undefined || v === Number.POSITIVE_INFINITY) return v;
  if (!Number.isInteger(v) || v < min)
    throw new Error(`${name} must be a whole number from ${min} (or left out), got ${v}`);
  return v;
}

/**
 * The most shrink steps a random check takes by default: on a model whose
 * runs take microseconds, a deterministic bound well inside the time
 * budget; chapter 08's long runs, whose shrink steps take 1 to 20 ms, meet
 * the time budget first.
 */
export const DEFAULT_MAX_SHRINKS = 10_000;

/** How long a random check shrinks a failure by default, in milliseconds. */
export const DEFAULT_SHRINK_TIME_LIMIT = 3000;

/** The budget options shared by the random checks (`simulate`, `forAll`, `exists`). */
export interface BudgetOptions {
  readonly maxShrinks?: number | undefined;
  readonly shrinkTimeLimit?: number | undefined;
  readonly timeLimit?: number | undefined;
  readonly path?: string | undefined;
}

/**
 * The budget of a random check driven by fast-check: how many shrink steps
 * (runs of a smaller candidate once a failure is found) and how long it may
 * shrink, and how long the whole check may take. {@link Budget.before} runs
 * before each execution of the property and, when a budget is spent, throws
 * fast-check's own interruption (a `PreconditionFailure` that interrupts),
 * so fast-check stops and reports the smallest failure found so far with its
 * path. This is what fast-check's `interruptAfterTimeLimit` plugin does
 * between runs; that plugin also sets a timer, which only an asynchronous
 * property needs and which would outlive a check that throws (a wrong replay
 * path), and it counts time from the start, not from the first failure.
 * With no shrinking at all (`maxShrinks: 0`) fast-check's `endOnFailure` is
 * used. A replay (`path`) replays just that run: no shrink steps unless
 * `maxShrinks` is given.
 */
export class Budget {
  /** The most shrink steps. */
  readonly maxShrinks: number;
  /** The most milliseconds of shrinking. */
  readonly shrinkTimeLimit: number;
  /** The most milliseconds for the whole check. */
  readonly timeLimit: number;
  /** Shrink steps taken so far. */
  shrinks = 0;
  /** The budget that stopped the check, if one did. */
  stopped: 'maxShrinks' | 'shrinkTimeLimit' | 'timeLimit' | undefined;
  private readonly t0 = performance.now();
  private failedAt: number | undefined;
  /** Whether the caller turned shrinking off (`maxShrinks: 0`, not a replay). */
  private readonly noShrinking: boolean;

  constructor(opts: BudgetOptions) {
    this.maxShrinks =
      validBound('maxShrinks', opts.maxShrinks, 0) ??
      (opts.path !== undefined ? 0 : DEFAULT_MAX_SHRINKS);
    this.shrinkTimeLimit =
      validBound('shrinkTimeLimit', opts.shrinkTimeLimit, 1) ?? DEFAULT_SHRINK_TIME_LIMIT;
    this.timeLimit = validBound('timeLimit', opts.timeLimit, 1) ?? Number.POSITIVE_INFINITY;
    this.noShrinking = opts.maxShrinks === 0;
  }

  /** Whether a failure has been found (every execution since is a shrink step). */
  get shrinking(): boolean {
    return this.failedAt !== undefined;
  }

  /** fast-check's parameters for this budget. */
  params(): { endOnFailure?: true } {
    return this.maxShrinks === 0 ? { endOnFailure: true } : {};
  }

  /**
   * Call before each execution of the property: counts a shrink step, or
   * throws fast-check's interruption when a budget is spent.
   */
  before(): void {
    const now = performance.now();
    if (now - this.t0 >= this.timeLimit) this.stop('timeLimit');
    if (this.failedAt === undefined) return;
    if (this.shrinks >= this.maxShrinks) this.stop('maxShrinks');
    if (now - this.failedAt >= this.shrinkTimeLimit) this.stop('shrinkTimeLimit');
    this.shrinks++;
  }

  /** Call after an execution that failed. */
  failed(): void {
    this.failedAt ??= performance.now();
  }

  private stop(why: 'maxShrinks' | 'shrinkTimeLimit' | 'timeLimit'): never {
    this.stopped = why;
    throw new fc.PreconditionFailure(true);
  }

  /**
   * What a spent budget cut short, in a sentence: absent if shrinking ran
   * to its end (or a replay did not shrink).
   *
   * @param what - what was shrunk: a failure, or (for `exists`) a witness
   * @returns the sentence, or undefined
   */
  shrinkNote(what: 'failure' | 'witness' = 'failure'): string | undefined {
    const steps = `${this.shrinks} shrink step${this.shrinks === 1 ? '' : 's'}`;
    const sofar = `this is the smallest ${what} found so far`;
    switch (this.stopped) {
      case 'maxShrinks':
        return `shrinking stopped at its budget of ${this.maxShrinks} shrink steps (maxShrinks): ${sofar}`;
      case 'shrinkTimeLimit':
        return `shrinking stopped at its budget of ${this.shrinkTimeLimit} ms (shrinkTimeLimit) after ${steps}: ${sofar}`;
      case 'timeLimit':
        return `shrinking stopped at the check's budget of ${this.timeLimit} ms (timeLimit) after ${steps}: ${sofar}`;
      default:
        return this.noShrinking && this.shrinking ? 'not shrunk (maxShrinks is 0)' : undefined;
    }
  }

  /**
   * What a spent time budget left undone before any failure, as an unmet
   * goal: `100 runs (the check's budget of 60000 ms, timeLimit, ran out after 12)`.
   *
   * @param runs - the runs asked for
   * @param made - the runs made
   * @returns the goal, or undefined if the budget was not spent
   */
  runsNote(runs: number, made: number): string | undefined {
    if (this.stopped !== 'timeLimit' || this.shrinking) return undefined;
    return `${runs} runs (the check's budget of ${this.timeLimit} ms, timeLimit, ran out after ${made})`;
  }
}

/**
 * The first line of what was thrown, for a one-line failure message.
 *
 * @param e - what was thrown
 * @returns its message's first line
 */
export function errorLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0] ?? m;
}
