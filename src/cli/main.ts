#!/usr/bin/env node
/**
 * The `workbook` command: list the chapters, run a demo, check a chapter's
 * claims and mutants, print a named run, check an exercise, benchmark.
 *
 * @module
 */
import { existsSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { benchGroups, runBench } from '../bench/run';
import { chapters } from '../chapters';
import type { Chapter, CheckContext, ExerciseVerdict } from '../chapters/chapter';
import { chapterArg } from '../chapters/chapter';
import { renderTrace, textTable } from '../index';
import { diagramOf } from '../site/diagrams';
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
      await runBench(
        resolveBenchGroups(benchGroups(), g),
        o.json === true,
        o.json ? out : sayer(o),
      );
    });
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
