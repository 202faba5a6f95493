/**
 * What a chapter gives the `workbook` command, the tests and the site: its
 * demo, its checks (each with pinned state counts), its mutants (seeded bugs
 * the checks must catch), its named runs, and its exercises.
 *
 * @module
 */
import type {
  CheckResult,
  Invariant,
  Label,
  LinearizabilityResult,
  Machine,
  Observed,
  Operation,
  Progress,
  SequenceDiagram,
  SequentialSpec,
  Trace,
} from '../index';

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

/**
 * What a check finds with given bounds, pinned: the tests assert it, the
 * prose quotes it (`{{08/channel invariants/states}}`), progress bars use
 * it. A field left out is not pinned.
 */
export interface Pins {
  /** Distinct states (see the library's `Stats`). */
  readonly states?: number;
  /** Steps examined. */
  readonly transitions?: number;
  /** Runs, samples or generated values, for a sampled check. */
  readonly runs?: number;
  /** The longest run. */
  readonly depth?: number;
}

/**
 * One claim of a chapter, as a check that can fail. `V` is what a mutant
 * changes: the check runs on the correct model when it is not given one,
 * and on a mutant's variant when it is.
 */
export interface ChapterCheck<V = any> {
  /** Short name, unique in the chapter (`equal logs, equal replicas`). */
  readonly name: string;
  /** The claim in a sentence, as the chapter states it. */
  readonly claim: string;
  /** What it finds with the default bounds. */
  readonly pinned?: Pins;
  /** What it finds with the deep bounds (`--deep`), if it has them. */
  readonly deepPinned?: Pins;
  /** Run the check: on the correct model, or on a variant of it. */
  readonly run: (ctx: CheckContext, variant?: V) => CheckResult<any> | Promise<CheckResult<any>>;
}

/**
 * A seeded bug: a minimal change to correct code, run through the check
 * that must catch it.
 */
export interface Mutant<V = any> {
  /** Short name (`replicas apply in arrival order`). */
  readonly name: string;
  /** What was changed, in a sentence. */
  readonly bug: string;
  /** The check that catches it. */
  readonly caughtBy: ChapterCheck<V>;
  /** The variant of the model it runs that check on. */
  readonly variant: V;
}

/**
 * Declare a check; the identity, there to let TypeScript infer the variant type.
 *
 * @param c - the check
 * @returns the same check
 */
export function check<V>(c: ChapterCheck<V>): ChapterCheck<V> {
  return c;
}

/**
 * Declare a mutant of a check: the compiler checks that the variant is one
 * the check can run on.
 *
 * @param caughtBy - the check that catches it
 * @param m - its name, what was changed, and the variant
 * @returns the mutant
 */
export function mutant<V>(
  caughtBy: ChapterCheck<V>,
  m: { readonly name: string; readonly bug: string; readonly variant: V },
): Mutant<V> {
  return { ...m, caughtBy };
}

/**
 * Run a mutant through its check, at the default bounds (a mutant is caught
 * at the default bounds, whatever the context says).
 *
 * @param m - the mutant
 * @param ctx - the seed, path and progress
 * @returns the check's result: caught means it does not hold
 */
export function runMutant(
  m: Mutant,
  ctx: CheckContext,
): CheckResult<any> | Promise<CheckResult<any>> {
  return m.caughtBy.run({ ...ctx, deep: false }, m.variant);
}

/**
 * The bounds every exhaustive check takes from the command line: `--depth`
 * and a progress bar.
 *
 * @param ctx - the context
 * @returns the options to spread into `explore`, `refines` and the like
 */
export function boundsOf(ctx: CheckContext): {
  readonly maxDepth?: number;
  readonly onProgress?: (p: Progress) => void;
} {
  return {
    ...(ctx.depth !== undefined ? { maxDepth: ctx.depth } : {}),
    ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}),
  };
}

/**
 * A machine a chapter's checks explore, at its default configuration: the
 * tools and the tests find the chapter's models here (a test checks that a
 * hand-written state key gives the same counts as the canonical one).
 */
export interface ChapterModel {
  /** What it is (`replication, 3 replicas`). */
  readonly name: string;
  /** The machine. */
  readonly machine: () => Machine<any>;
  /** The state constraint its checks explore it with, if any. */
  readonly within?: (s: any) => boolean;
  /**
   * Why its key merges states that the canonical key tells apart, if it
   * does on purpose (a quotient that no step can tell apart).
   *
   * @defaultValue none: its key must give the canonical key's counts
   */
  readonly quotient?: string;
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
  /**
   * The run as a sequence diagram. An actor system's runs are drawn lane by
   * lane without it; a machine that is not one gets a lane per variable.
   */
  readonly diagram?: (trace: Trace<any>) => SequenceDiagram;
}

/** A model a reader can step through in the explorer. */
export interface ExplorerModel<S = any, X = any> {
  /** Short id for links: `NN-name`. */
  readonly id: string;
  /** What the menu says. */
  readonly title: string;
  /** One or two sentences: what to try. */
  readonly about: string;
  /** The implementation the reader steps through. */
  readonly machine: () => Machine<S>;
  /** The spec above it, if there is one. */
  readonly spec?: () => Machine<X>;
  /** The abstraction function to the spec above. */
  readonly abstraction?: (s: S) => X;
  /** How the implementation's external steps look in the spec, if named differently. */
  readonly observe?: (l: Label) => Observed;
  /** The run as a sequence diagram (default: an actor system's lanes, else one lane per state variable). */
  readonly diagram?: (t: Trace<S>) => SequenceDiagram;
  /**
   * The process that takes a step, by name, for grouping the enabled steps
   * (`p1`, `l2`). An actor system knows its own; give it for a machine
   * that is not one.
   *
   * @defaultValue an actor system's process; otherwise none (one group of internal steps)
   */
  readonly actor?: (l: Label) => string | undefined;
  /** Invariants to show as holding or failing in each state, if any. */
  readonly invariants?: () => readonly Invariant<S>[];
  /**
   * How the explorer runs the chapter's mutants on this model: for the
   * mutants of some checks, what a mutant's variant changes in the model.
   * A mutant of a check not named here is not offered (its variant is not
   * a machine the explorer can run: an invariant, a bound).
   */
  readonly mutants?: readonly ExplorerMutants<S, X>[];
}

/**
 * What a mutant's variant changes in an explorer model: its machine, and as
 * the variant needs, the spec, the abstraction function and the rest. What
 * it leaves out stays as the correct model has it.
 */
export type ExplorerVariant<S = any, X = any> = Partial<
  Pick<
    ExplorerModel<S, X>,
    'machine' | 'spec' | 'abstraction' | 'observe' | 'diagram' | 'actor' | 'invariants'
  >
>;

/** How an explorer model runs the mutants of some checks. */
export interface ExplorerMutants<S = any, X = any, V = any> {
  /** The checks whose mutants it runs (each mutant names its check). */
  readonly checks: readonly ChapterCheck<V>[];
  /**
   * The model with a mutant's variant in it, or undefined to leave that
   * mutant out. Called when the menu is made, so it should only make
   * functions (`machine: () => ...`), not machines.
   */
  readonly apply: (variant: V) => ExplorerVariant<S, X> | undefined;
}

/**
 * Declare how an explorer model runs the mutants of some checks; the
 * compiler checks the variant against the checks and the model.
 *
 * @param checks - the check, or checks, whose mutants the model runs
 * @param apply - what a mutant's variant changes in the model
 * @returns the declaration, for the model's `mutants`
 */
export function mutantsOf<S, X, V>(
  checks: ChapterCheck<V> | readonly ChapterCheck<V>[],
  apply: (variant: V) => ExplorerVariant<S, X> | undefined,
): ExplorerMutants<S, X, V> {
  return { checks: 'run' in checks ? [checks] : checks, apply };
}

/**
 * Declare an explorer model; the identity, there to let TypeScript check the
 * machine, the spec and the abstraction function against each other.
 *
 * @param m - the model
 * @returns the same model
 */
export function explorable<S, X = never>(m: ExplorerModel<S, X>): ExplorerModel<S, X> {
  return m;
}

/** One series of a plot. */
export interface PlotSeries {
  /** Its name, for the legend. */
  readonly name: string;
  /** The points, as [x, y] pairs; lines join them in the order given. */
  readonly points: readonly (readonly [number, number])[];
  /** Draw a line through the points, the points alone, or both (default both). */
  readonly style?: 'line' | 'points' | 'both';
}

/** An axis: its label and, optionally, fixed bounds. */
export interface PlotAxis {
  /** The label, with its unit (`lease length (s)`). */
  readonly label: string;
  /** The smallest value shown (default: from the data, 0 if all values are positive). */
  readonly min?: number;
  /** The largest value shown (default: from the data). */
  readonly max?: number;
  /**
   * Linear (the default), or logarithmic: each power of ten an equal step, for
   * values that span several (every value must then be positive).
   */
  readonly scale?: 'linear' | 'log';
}

/** What to plot. */
export interface PlotSpec {
  /** The title, shown above the plot. */
  readonly title: string;
  /** The horizontal axis. */
  readonly x: PlotAxis;
  /** The vertical axis. */
  readonly y: PlotAxis;
  /** The series, each in its own colour. */
  readonly series: readonly PlotSeries[];
  /** Width in pixels (default 560). */
  readonly width?: number;
  /** Height in pixels (default 320). */
  readonly height?: number;
}

/** A plot the chapter's prose places with `::: plot NN-plot-<name>`. */
export interface NamedPlot {
  /** `NN-plot-<name>`, as the marker names it. */
  readonly name: string;
  /** What it shows, as its caption. */
  readonly title: string;
  /** Compute it, deterministically (fixed seeds, counts rather than timings). */
  readonly make: () => PlotSpec;
}

/**
 * How an interval of a timeline is drawn: `solid`, a filled bar (a lease
 * held and usable); `light`, a pale bar (the margin after it); `outline`, a
 * framed bar (a lease as its grantor counts it); `down`, a dashed red frame
 * (the process is down).
 */
export type TimelineStyle = 'solid' | 'light' | 'outline' | 'down';

/** A stretch of real time on one lane, drawn as a bar with its label. */
export interface TimelineInterval {
  /** Where it starts, in real time (0 to the timeline's end; fractions place it inside a tick). */
  readonly from: number;
  /** Where it ends, in real time (from `from` to the timeline's end). */
  readonly to: number;
  /** What it is (`p1 w, t=5`), inside the bar if it fits, else beside it. */
  readonly label: string;
  /** How it is drawn. */
  readonly style: TimelineStyle;
  /**
   * Intervals of one group share a colour, across lanes (a client's leases,
   * on its own lane and at the home).
   *
   * @defaultValue one colour for every interval without a group
   */
  readonly group?: string;
  /** It goes on past the timeline's end: the run stopped first. */
  readonly open?: boolean;
}

/**
 * The kind of a mark: `event`, a step of the process; `external`, a step
 * the environment sees (a read, a write); `crash` and `recover`; `fault`,
 * something done to the process (a clock drift).
 */
export type TimelineMarkKind = 'event' | 'external' | 'crash' | 'recover' | 'fault';

/** A step at one point of a lane, drawn as a glyph with its label below. */
export interface TimelineMark {
  /** When, in real time. */
  readonly at: number;
  /** What happened (`write p1.1`, `read → v0`). */
  readonly label: string;
  /** Which glyph. */
  readonly kind: TimelineMarkKind;
}

/** A process's clock reading over a stretch of real time. */
export interface TimelineClock {
  /** Where the reading starts, in real time. */
  readonly from: number;
  /** Where it ends, in real time. */
  readonly to: number;
  /** What the process's clock reads meanwhile. */
  readonly reading: number;
}

/** One process's lane: its clock, its intervals and its marks. */
export interface TimelineLane {
  /** The process's name (`home`, `p1`), unique in the timeline. */
  readonly name: string;
  /** Its clock readings, left to right (none: the lane shows no clock). */
  readonly clock?: readonly TimelineClock[];
  /** Its intervals; ones that overlap in time are stacked. */
  readonly intervals: readonly TimelineInterval[];
  /** Its marks. */
  readonly marks: readonly TimelineMark[];
}

/** A message from one lane to another, as an arrow (its marks carry the words). */
export interface TimelineArrow {
  /** The sender's lane. */
  readonly fromLane: string;
  /** When it was sent, in real time. */
  readonly from: number;
  /** The receiver's lane. */
  readonly toLane: string;
  /** When it arrived, in real time (the timeline's end, if it is still on its way). */
  readonly to: number;
  /** It had not arrived when the run stopped: drawn dashed, to the end. */
  readonly open?: boolean;
}

/** A stretch of real time marked across every lane, with a label above them (two masters at once). */
export interface TimelineBand {
  /** Where it starts, in real time. */
  readonly from: number;
  /** Where it ends, in real time. */
  readonly to: number;
  /** What is wrong meanwhile. */
  readonly label: string;
}

/** One line of a timeline's key: a swatch (an interval style, a band, or a clock reading) and what it means. */
export interface TimelineLegendEntry {
  /** What the swatch shows. */
  readonly swatch: TimelineStyle | 'band' | 'clock';
  /** What it means. */
  readonly label: string;
}

/**
 * What a timeline shows: real time across, one column per tick from 0 to
 * `end`, and one lane per process with its clock readings, intervals and
 * marks; arrows between lanes, and bands across them. Drawn by the site's
 * `timelineSvg`.
 */
export interface TimelineSpec {
  /** The title, shown above it. */
  readonly title: string;
  /** How many ticks of real time it shows: columns 0 to end − 1 (a whole number from 1). */
  readonly end: number;
  /** The lanes, top to bottom. */
  readonly lanes: readonly TimelineLane[];
  /** Messages between lanes, if any. */
  readonly arrows?: readonly TimelineArrow[];
  /** Stretches marked across the lanes, if any. */
  readonly bands?: readonly TimelineBand[];
  /** The key below it, if any. */
  readonly legend?: readonly TimelineLegendEntry[];
}

/** A timeline the chapter's prose places with `::: figure NN-timeline-<name>`. */
export interface NamedTimeline {
  /** `NN-timeline-<name>`, as the marker names it. */
  readonly name: string;
  /** What it shows, as its caption. */
  readonly title: string;
  /** Compute it, deterministically (from a replayed run or a seeded check). */
  readonly make: () => TimelineSpec;
}

/** A checked history of client calls and returns, as the site draws it. */
export interface CheckedHistory {
  /** The sequential spec the history was checked against (it shows the operations). */
  readonly spec: Pick<SequentialSpec<any, any>, 'showOp'>;
  /** The operations. */
  readonly history: readonly Operation<any>[];
  /** The checker's verdict, with the failing window if it is not linearizable. */
  readonly result: LinearizabilityResult<any>;
  /** What the times are: the axis's label. */
  readonly timeLabel: string;
}

/**
 * A history the chapter's prose places with `::: figure NN-history-<name>`:
 * its failing window if it is not linearizable, else the whole of it.
 */
export interface NamedHistory {
  /** `NN-history-<name>`, as the marker names it. */
  readonly name: string;
  /** What it shows, as its caption. */
  readonly title: string;
  /** Compute it, deterministically (from a replayed run or a seeded check). */
  readonly make: () => CheckedHistory;
}

/** One measured figure of `workbook bench`. */
export interface BenchRow {
  readonly name: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  readonly reference?: string;
  readonly referenceValue?: number;
  /** > 1 means better than the reference. */
  readonly ratio?: number;
}

/**
 * The rows of a check's throughput: how much it did, how fast, and how long.
 *
 * @param name - the row's name
 * @param count - what it counted: `states` (distinct states) or `steps` (steps of runs)
 * @param value - how many
 * @param ms - how long it took, in milliseconds
 * @returns the three rows
 */
export function throughputRows(
  name: string,
  count: 'states' | 'steps',
  value: number,
  ms: number,
): BenchRow[] {
  return [
    { name, metric: count, value, unit: count },
    {
      name,
      metric: `${count}PerSecond`,
      value: Math.round(value / (ms / 1000)),
      unit: `${count}/s`,
    },
    { name, metric: 'seconds', value: Math.round(ms / 10) / 100, unit: 's' },
  ];
}

/** A group of `workbook bench` figures (`workbook bench NAME` runs one). */
export interface BenchGroup {
  /** Its name on the command line (`paxos`). */
  readonly name: string;
  /** What it measures, in a sentence. */
  readonly about: string;
  /** Measure (timings are measured here, never asserted in tests). */
  readonly rows: () => BenchRow[] | Promise<BenchRow[]>;
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

/**
 * Declare an exercise whose starter is `exercises/<slug>/<file>.ts` and whose
 * reference solution is `solutions/<slug>/<file>.ts`. A check that asks for
 * an export the file lacks ({@link exportedFunction}) fails with one sentence.
 *
 * @param slug - the chapter's slug
 * @param e - the id, title, task, hint, file name (without folder or `.ts`) and check
 * @returns the exercise
 */
export function exercise(
  slug: string,
  e: Omit<Exercise, 'file' | 'solution'> & { readonly name: string },
): Exercise {
  const { name, check, ...rest } = e;
  return {
    ...rest,
    file: `exercises/${slug}/${name}.ts`,
    solution: `solutions/${slug}/${name}.ts`,
    // A file that lacks what the exercise asks for fails with one sentence.
    check: async (mod) => {
      try {
        return await check(mod);
      } catch (err) {
        if (err instanceof MissingExport) return { passed: false, explanation: err.message };
        throw err;
      }
    },
  };
}

/** A chapter, as the tools see it. */
export interface Chapter {
  /**
   * Its id: two digits for a numbered chapter (`01` for
   * `01-replicated-state-machines`), a letter for an appendix (`A`).
   */
  readonly id: string;
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
  /** The machines its checks explore, at the default configuration. */
  readonly models?: readonly ChapterModel[];
  /** Models a reader can step through in the explorer. */
  readonly explorer?: readonly ExplorerModel[];
  /** The plots its prose places. */
  readonly plots?: readonly NamedPlot[];
  /** The timelines its prose places (runs drawn against real time, one lane per process). */
  readonly timelines?: readonly NamedTimeline[];
  /** The checked histories its prose places (calls and returns, with a failing window). */
  readonly histories?: readonly NamedHistory[];
  /** Its `workbook bench` groups. */
  readonly benchmarks?: readonly BenchGroup[];
  /**
   * Numbers its prose quotes that are not pinned by a check (a
   * configuration's constants, a demo's count), by name: the prose writes
   * `{{08/facts/deep runs}}`.
   */
  readonly facts?: Readonly<Record<string, number>>;
}

/** The reader's file does not export what the exercise asks for. */
export class MissingExport extends Error {}

/**
 * The function a reader's exercise file exports under `name`. If it exports
 * none, the exercise's check stops there and says so (see {@link exercise}).
 *
 * @param mod - the loaded module
 * @param name - the export the exercise asks for
 * @returns the function
 * @throws MissingExport if the file exports no function by that name
 */
export function exportedFunction<T>(mod: Record<string, unknown>, name: string): T {
  const f = mod[name];
  if (typeof f !== 'function')
    throw new MissingExport(`The file does not export a function named ${name}.`);
  return f as T;
}

/**
 * How a reader names a chapter on the command line and in exercise ids:
 * `6` for chapter `06`, `A` for the appendix.
 *
 * @param ch - the chapter
 * @returns its short name
 */
export function chapterArg(ch: Pick<Chapter, 'id'>): string {
  return ch.id.replace(/^0+(?=\d)/, '');
}
