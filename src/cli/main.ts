#!/usr/bin/env node
/**
 * The `workbook` command: list the chapters, run a demo, check a chapter's
 * claims and mutants, print a named run, check an exercise, benchmark.
 *
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { benchGroups, runBench } from '../bench/run';
import { chapters } from '../chapters';
import type { Chapter, CheckContext, ExerciseVerdict } from '../chapters/chapter';
import { chapterArg } from '../chapters/chapter';
import type { LinearizabilityResult, Operation, ParsedHistory, SequentialSpec } from '../index';
import {
  checkHistory,
  HistoryFormatError,
  parseHistory,
  renderTrace,
  showOperation,
  textTable,
} from '../index';
import { diagramOf } from '../site/diagrams';
import { historyFigure, historySvg } from '../site/history';
import { sequenceSvg } from '../site/sequenceSvg';
import { resolveBenchGroups, resolveChapter, resolveExercise, UsageError } from './args';
import { progressHooks } from './progress';
import { repoPath } from './repo';
import { passed, renderReport, runChapter } from './report';
import { freezingArguments, loadError, staticErrors, thrownByReader } from './studentErrors';
import { fitter, outputWidth, wrapText } from './width';

/** Parse a whole number within bounds, or explain what is accepted. */
function wholeNumber(name: string, min: number, max: number) {
  return (v: string): number => {
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
      throw new InvalidArgumentError(
        `expected a whole number from ${min} to ${max} for ${name}, got '${v}'`,
      );
    return Number(v);
  };
}

const seedOption = () =>
  new Option('--seed <n>', 'seed for random runs')
    .argParser(wholeNumber('--seed', 0, 2 ** 31 - 1))
    .default(1);

function ctxOf(o: { seed: number; depth?: number; deep?: boolean; path?: string }): CheckContext {
  return {
    seed: o.seed,
    ...(o.depth !== undefined ? { depth: o.depth } : {}),
    ...(o.deep ? { deep: true } : {}),
    ...(o.path !== undefined ? { path: o.path } : {}),
  };
}

/** Parse a fast-check replay path (`12:3:0`), or explain what is accepted. */
function replayPath(v: string): string {
  if (!/^\d+(:\d+)*$/.test(v))
    throw new InvalidArgumentError(
      `expected a replay path of whole numbers separated by colons, such as 12:3:0, got '${v}'`,
    );
  return v;
}

/** What a fitted printer holds back, printed before anything else is. */
let flushFitted = () => {};

/** Print as it is: JSON, and what {@link sayer} fits. */
const out = (line: string) => {
  flushFitted();
  process.stdout.write(`${line}\n`);
};

/** Print text for a reader: tables and long lines fitted to the terminal (see `./width`), unless `--wide`. */
type Say = (text: string) => void;
function sayer(o: { wide?: boolean }): Say {
  const width = outputWidth(o.wide === true);
  if (width === undefined) return out;
  flushFitted();
  const f = fitter(width, (text) => process.stdout.write(`${text}\n`));
  flushFitted = f.flush;
  return f.say;
}

const wideOption = () =>
  new Option(
    '--wide',
    'print tables whole, however wide (else they are fitted to the terminal, or to COLUMNS)',
  );
// A reader piping into `head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

async function check(
  which: string,
  o: {
    json?: boolean;
    seed: number;
    depth?: number;
    deep?: boolean;
    path?: string;
    only?: string;
    wide?: boolean;
  },
) {
  const say = sayer(o);
  const list: readonly Chapter[] = which === 'all' ? chapters : [resolveChapter(which)];
  if (o.only !== undefined) {
    const names = list.length === 1 ? list[0]!.checks.map((c) => c.name) : [];
    if (!names.includes(o.only))
      throw new UsageError(
        list.length === 1
          ? `unknown check '${o.only}' in chapter ${list[0]!.slug}: accepted are ${names.map((n) => `'${n}'`).join(', ')}`
          : `--only needs one chapter, not 'all'`,
      );
  }
  if (o.path !== undefined && o.only === undefined)
    throw new UsageError(
      `--path replays one check's run: name the check with --only (the failure prints both)`,
    );
  const hooks = progressHooks(!o.json && process.stderr.isTTY === true);
  const reports = [];
  let ok = true;
  for (const ch of list) {
    const r = await runChapter(ch, ctxOf(o), hooks, o.only);
    reports.push(r);
    ok &&= passed(r);
    if (!o.json) {
      say(renderReport(ch, r, { timings: true }));
      out('');
    }
  }
  if (o.json) out(JSON.stringify(which === 'all' ? reports : reports[0], null, 2));
  process.exitCode = ok ? 0 : 1;
}

function list(o: { wide?: boolean }) {
  sayer(o)(
    textTable(
      ['chapter', 'title', 'paper', 'checks', 'mutants', 'runs', 'exercises', 'bench'],
      chapters.map((c) => [
        c.slug,
        c.title,
        c.paper,
        String(c.checks.length),
        String(c.mutants.length),
        String(c.runs.length),
        c.exercises.map((e) => e.id).join(' '),
        (c.benchmarks ?? []).map((g) => g.name).join(' '),
      ]),
    ),
  );
}

async function trace(
  which: string,
  name: string | undefined,
  o: { seed: number; svg?: string; wide?: boolean },
) {
  const say = sayer(o);
  const ch = resolveChapter(which);
  if (name === undefined) {
    // No name: the runs there are, to choose from.
    say(`Named runs of chapter ${ch.slug} (npm run workbook -- trace ${chapterArg(ch)} <name>):`);
    out('');
    say(
      textTable(
        ['name', 'what it shows'],
        ch.runs.map((r) => [r.name, r.description]),
      ),
    );
    return;
  }
  const run = ch.runs.find((r) => r.name === name);
  if (!run)
    throw new UsageError(
      `unknown run '${name}' in chapter ${ch.slug}: accepted are ${ch.runs.map((r) => r.name).join(', ') || '(none)'}`,
    );
  const { machine, trace: t } = run.run(ctxOf(o));
  say(`${run.name}: ${run.description}`);
  out('');
  say(renderTrace(machine, t));
  if (o.svg === undefined) return;
  // The site's drawing: the run's own diagram, an actor system's lanes, or a lane per variable.
  const d = diagramOf(machine, t, run.diagram);
  const svg = sequenceSvg({ ...d, title: d.title ?? run.description });
  try {
    writeFileSync(o.svg, svg);
  } catch (e) {
    throw new UsageError(`cannot write the diagram to '${o.svg}': ${(e as Error).message}`);
  }
  out('');
  say(`sequence diagram written to ${o.svg}`);
}

async function exercise(id: string, o: { solution?: boolean; file?: string; wide?: boolean }) {
  const say = sayer(o);
  const { exercise: ex } = resolveExercise(chapters, id);
  const file = repoPath(o.file ?? (o.solution ? ex.solution : ex.file));
  say(`Exercise ${ex.id}: ${ex.title}`);
  say(`  file: ${file}`);
  const notYet = (why: string, todo: string) => {
    say('');
    say(why);
    say('');
    say(`NOT YET. ${todo}`);
    process.exitCode = 1;
  };
  if (!existsSync(file))
    return notYet(
      `There is no file ${file}.`,
      'Check the path, or leave --file out for the starter.',
    );
  const wrong = staticErrors(file);
  if (wrong)
    return notYet(
      `Your file ${wrong.kind === 'syntax' ? 'does not parse' : 'does not typecheck'}:\n${wrong.errors.map((t) => `  ${t}`).join('\n')}`,
      wrong.kind === 'syntax'
        ? 'Fix the syntax at the first place named (the later ones often follow from it), and run again.'
        : 'Fix these type errors; the checks run once the file typechecks.',
    );
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (e) {
    return notYet(
      `Your file cannot be loaded: ${loadError(e)}`,
      'Fix what the message names (a syntax error, or an import), and run again.',
    );
  }
  let v: ExerciseVerdict;
  try {
    v = await ex.check(freezingArguments(mod));
  } catch (e) {
    return notYet(thrownByReader(e, file), `Hint: ${ex.hint}`);
  }
  say('');
  say(v.explanation);
  say('');
  say(v.passed ? 'PASSED' : `NOT YET. Hint: ${ex.hint}`);
  process.exitCode = v.passed ? 0 : 1;
}

async function tour(o: { wide?: boolean }) {
  const say = sayer(o);
  say("Lampson's 'How to Build a Highly Available System Using Consensus', as a workbook.");
  out('');
  list(o);
  out('');
  say('Chapter 01 demo (npm run workbook -- run 1):');
  out('');
  await chapters[0]!.demo(say, { seed: 1 });
}

/** Read and parse a history file, or explain in one line why it cannot be. */
function readHistory(file: string): ParsedHistory {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the history '${file}': ${(e as Error).message}`);
  }
  try {
    return parseHistory(text, file);
  } catch (e) {
    if (e instanceof HistoryFormatError) throw new UsageError(e.message);
    throw e;
  }
}

/** The text report of a checked history: the verdict, and where it fails. */
function linearizabilityReport<S, I>(
  file: string,
  h: ParsedHistory,
  spec: SequentialSpec<S, I>,
  ops: readonly Operation<I>[],
  r: LinearizabilityResult<S>,
): string[] {
  const at = (t: number | null) =>
    t === null ? 'unknown' : h.time === 'line' ? `line ${t}` : `t=${t}`;
  const formats = { jepsen: 'a Jepsen log', edn: 'EDN lines', json: 'a JSON history' };
  const lines = [
    `${basename(file)}: ${formats[h.format]} of a ${h.object}, ${ops.length} operations${r.stats.unknown ? ` (${r.stats.unknown} of unknown outcome)` : ''}, ${r.parts.length === 1 ? '1 part' : `${r.parts.length} parts (one per key)`}`,
    `${r.verdict.toUpperCase()} (${r.stats.steps} steps, ${r.stats.cached} configurations cached, ${Math.round(r.stats.ms)} ms)`,
  ];
  const undecided = r.parts.filter((p) => p.verdict === 'undecided').length;
  if (undecided)
    lines.push(
      `${undecided} of the ${r.parts.length} parts left undecided: the search stops at the first part that is not linearizable`,
    );
  const f = r.failure;
  if (!f) return lines;
  const concurrent = new Set(f.concurrent);
  const row = (i: number, mark: string) => {
    const o = ops[i]!;
    return [String(o.client), at(o.call), at(o.ret), showOperation(spec, o), mark];
  };
  lines.push(
    '',
    f.message,
    '',
    `The failing window${f.key === undefined ? '' : ` (key ${JSON.stringify(f.key)})`}: the culprit, the operations concurrent with it, and each client's last operation before it.`,
    textTable(
      ['client', 'called', 'returned', 'operation', ''],
      f.window.map((i) =>
        row(i, i === f.culprit ? '<- culprit' : concurrent.has(i) ? 'concurrent' : 'before'),
      ),
    ),
  );
  const shown = f.prefix.slice(-12);
  const show = spec.showState ?? ((s: S) => JSON.stringify(s));
  lines.push(
    '',
    `The longest linearizable prefix (the part's history before ${at(f.at)}), in one order that works${f.prefix.length > shown.length ? ` (its last ${shown.length} of ${f.prefix.length} operations)` : ''}:`,
    textTable(
      ['#', 'client', 'operation', 'state after'],
      shown.map((st, k) => {
        const o = ops[st.op]!;
        const label = showOperation(
          spec,
          o.ret === null ? { ...o, ret: o.call, output: st.output } : o,
        );
        return [
          String(f.prefix.length - shown.length + k + 1),
          String(o.client),
          o.ret === null ? `${label} (outcome unknown: taken to happen)` : label,
          show(st.state),
        ];
      }),
    ),
  );
  return lines;
}

/** The JSON document of a checked history. */
function linearizabilityJson<S, I>(
  file: string,
  h: ParsedHistory,
  spec: SequentialSpec<S, I>,
  ops: readonly Operation<I>[],
  r: LinearizabilityResult<S>,
) {
  const op = (i: number) => {
    const o = ops[i]!;
    return {
      index: i,
      client: o.client,
      call: o.call,
      return: o.ret,
      op: o.input,
      ...(o.ret === null ? {} : { output: o.output ?? null }),
      text: showOperation(spec, o),
    };
  };
  const f = r.failure;
  return {
    file,
    format: h.format,
    object: h.object,
    time: h.time,
    operations: ops.length,
    unknown: r.stats.unknown,
    verdict: r.verdict,
    parts: r.parts.map((p) => ({
      key: p.key ?? null,
      operations: p.operations.length,
      verdict: p.verdict,
      steps: p.steps,
      cached: p.cached,
    })),
    ...(f
      ? {
          failure: {
            key: f.key ?? null,
            at: f.at,
            message: f.message,
            culprit: op(f.culprit),
            window: f.window.map((i) => ({
              ...op(i),
              mark:
                i === f.culprit ? 'culprit' : f.concurrent.includes(i) ? 'concurrent' : 'before',
            })),
            prefix: f.prefix.map((st) => ({ index: st.op, output: st.output, state: st.state })),
            allowed: f.allowed,
          },
        }
      : {}),
    stats: { steps: r.stats.steps, cached: r.stats.cached, ms: Math.round(r.stats.ms) },
  };
}

async function linearizableCommand(
  file: string,
  o: { json?: boolean; svg?: string; wide?: boolean },
) {
  const h = readHistory(file);
  const r = checkHistory(h);
  const spec = h.spec as SequentialSpec<unknown, unknown>;
  const ops = h.operations as readonly Operation<unknown>[];
  const say = o.json ? out : sayer(o);
  if (o.json) out(JSON.stringify(linearizabilityJson(file, h, spec, ops, r), null, 2));
  else for (const l of linearizabilityReport(file, h, spec, ops, r)) say(l);
  if (o.svg !== undefined) {
    const fig = historyFigure(spec, ops, r, {
      title: `${basename(file)}: ${r.verdict}${r.failure?.key === undefined ? '' : `, key ${r.failure.key}`}`,
      timeLabel: h.time === 'line' ? 'line of the file' : 'time',
    });
    try {
      writeFileSync(o.svg, historySvg(fig));
    } catch (e) {
      throw new UsageError(`cannot write the figure to '${o.svg}': ${(e as Error).message}`);
    }
    if (!o.json) {
      out('');
      say(`figure written to ${o.svg}`);
    }
  }
  process.exitCode = r.verdict === 'linearizable' ? 0 : 1;
}

/** What `workbook bench` accepts, for its help: the groups as the registry has them. */
function benchGroupsHelp(): string {
  return `one of ${benchGroups()
    .map((g) => g.name)
    .join(', ')} (all of them if left out)`;
}

/** What a chapter argument accepts, for the help. */
function chapterHelp(all: boolean): string {
  return `chapter number (${chapters.map(chapterArg).join(', ')}) or name (such as ${chapters[0]!.slug})${all ? ", or 'all'" : ''}`;
}

/** What `workbook exercise` accepts, for its help. */
function exerciseHelp(): string {
  return `the exercise: ${chapters.flatMap((c) => c.exercises.map((e) => e.id)).join(', ')}`;
}

/** The help's closing section: the environment variable that sets the width. */
function environmentHelp(): string {
  const width = outputWidth(false) ?? 80;
  const item = (term: string, text: string) =>
    wrapText(text, Math.max(20, width - 14))
      .map((l, i) => `  ${(i === 0 ? term : '').padEnd(12)}${l}`)
      .join('\n');
  return [
    '',
    'Environment:',
    item(
      'COLUMNS=n',
      "fit tables and long lines to n columns (default: the terminal's width; output to a pipe or a file is printed as it is); --wide prints tables whole",
    ),
  ].join('\n');
}

/** Build the command-line program. */
export function program(): Command {
  const p = new Command('workbook')
    .description(
      "An executable workbook for Lampson's 'How to Build a Highly Available System Using Consensus'",
    )
    .exitOverride()
    .showSuggestionAfterError(true)
    // The help is wrapped to the width the tables are fitted to (80 when printed to a pipe or a file).
    .configureOutput({ writeErr: () => {}, getOutHelpWidth: () => outputWidth(false) ?? 80 })
    .configureHelp({ minWidthToWrap: 10 })
    .addHelpText('after', environmentHelp);
  p.command('list')
    .description('the chapters, their checks, mutants, named runs, exercises and benchmarks')
    .addOption(wideOption())
    .action(list);
  p.command('run')
    .description("run a chapter's demo")
    .argument('<chapter>', chapterHelp(false))
    .addOption(seedOption())
    .addOption(wideOption())
    .action(async (c: string, o: { seed: number; wide?: boolean }) => {
      const ch = resolveChapter(c);
      await ch.demo(sayer(o), ctxOf(o));
    });
  p.command('check')
    .description("run a chapter's checks and mutants (or 'all')")
    .argument('<chapter>', chapterHelp(true))
    .option('--json', 'print one JSON document')
    .addOption(
      new Option('--depth <n>', 'bound searches and runs by n').argParser(
        wholeNumber('--depth', 1, 1_000_000),
      ),
    )
    .addOption(seedOption())
    .addOption(
      new Option(
        '--path <path>',
        'with --seed, replay one failing random run (printed with the failure)',
      ).argParser(replayPath),
    )
    .option('--only <check>', 'run just this check (by name), and no mutants')
    .option('--deep', 'use the deeper bounds of the benchmark')
    .addOption(wideOption())
    .action(check);
  p.command('trace')
    .description('print a named run (an example or a counterexample); with no name, list them')
    .argument('<chapter>', chapterHelp(false))
    .argument('[name]', 'the run (left out: list the runs)')
    .addOption(seedOption())
    .option('--svg <file>', 'also draw the run as a sequence diagram (SVG) in this file')
    .addOption(wideOption())
    .action(trace);
  p.command('exercise')
    .description('check your answer to an exercise (say 1.1)')
    .argument('<id>', exerciseHelp())
    .option('--solution', 'check the reference solution instead')
    .option('--file <path>', 'check this file instead of the starter')
    .addOption(wideOption())
    .action(exercise);
  p.command('bench')
    .description("measure the explorer and the chapters' models (one group, or all)")
    .argument('[group]', benchGroupsHelp())
    .option('--json', 'print one JSON array, a row per figure')
    .addOption(wideOption())
    .action(async (g: string | undefined, o: { json?: boolean; wide?: boolean }) => {
      const failed = await runBench(
        resolveBenchGroups(benchGroups(), g),
        o.json === true,
        o.json ? out : sayer(o),
      );
      for (const f of failed) process.stderr.write(`workbook bench: ${f}\n`);
      if (failed.length) process.exitCode = 1;
    });
  p.command('linearizable')
    .description(
      'check that a recorded history is linearizable (a Jepsen log, EDN lines, or JSON); exit 0 if it is, 1 if not',
    )
    .argument(
      '<file>',
      "the history: a Jepsen cas-register log, Porcupine's kv EDN lines, or the workbook's JSON history",
    )
    .option('--json', 'print one JSON document')
    .option(
      '--svg <file>',
      'also draw the history (its failing window, if any) as SVG in this file',
    )
    .addOption(wideOption())
    .action(linearizableCommand);
  p.command('tour')
    .description("a first look: the chapters, then chapter 01's demo")
    .addOption(wideOption())
    .action(tour);
  return p;
}

/** Run the program; bad input is one line on standard error and exit status 2. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await program().parseAsync([...argv], { from: 'user' });
    flushFitted();
  } catch (e) {
    flushFitted();
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return; // --help, --version
      process.stderr.write(`workbook: ${e.message.replace(/^error: /, '').split('\n')[0]}\n`);
      process.exitCode = 2;
      return;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`workbook: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await main(process.argv.slice(2));
