/**
 * The command's help says what it accepts: the commands the parser
 * dispatches on, every option each command's parser takes, the chapters,
 * exercises and benchmark groups of the registry; and the README's command
 * list names the same commands and groups.
 */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { benchGroups } from '../../src/bench/run';
import { chapters } from '../../src/chapters';
import { chapterArg } from '../../src/chapters/chapter';
import { resolveBenchGroups, resolveChapter, resolveExercise } from '../../src/cli/args';
import { program } from '../../src/cli/main';
import { read } from './repo';

/** A help text with its wrapping undone: one space between words. */
const flat = (help: string) => help.replace(/\s+/g, ' ');

/** The names at the start of each item under a heading of a help text (`Commands:`, `Options:`). */
function items(help: string, heading: string): string[] {
  const lines = help.split('\n');
  const from = lines.indexOf(heading);
  if (from < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(from + 1)) {
    if (l.trim() === '') break;
    const m = /^ {2}(\S.*?)(?: {2,}|$)/.exec(l);
    if (m) out.push(m[1]!);
  }
  return out;
}

/** The part of a flat help text after `prefix`, up to `end`. */
function between(text: string, prefix: string, end: string): string {
  const a = text.indexOf(prefix);
  expect(a, `the help says '${prefix}'`).toBeGreaterThanOrEqual(0);
  const b = text.indexOf(end, a + prefix.length);
  expect(b, `the help says '${end}' after '${prefix}'`).toBeGreaterThan(a);
  return text.slice(a + prefix.length, b);
}

/** All that `--help` prints for a command (its help, and the text added after it). */
function helpOf(c: Command): string {
  let text = '';
  c.configureOutput({
    writeOut: (t) => {
      text += t;
    },
  });
  c.outputHelp();
  return text;
}

const list = (s: string) => s.split(',').map((x) => x.trim());

function command(name: string): Command {
  const c = program().commands.find((x) => x.name() === name);
  expect(c, `a command '${name}'`).toBeDefined();
  return c!;
}

describe('the help', () => {
  it('lists every command the parser dispatches on, and no other', () => {
    const p = program();
    const listed = items(helpOf(p), 'Commands:').map((t) => t.split(' ')[0]);
    expect(listed).toEqual([...p.commands.map((c) => c.name()), 'help']);
    expect(listed).toContain('tour');
  });

  it('lists every option each command accepts, and no other', () => {
    for (const c of program().commands) {
      const listed = items(helpOf(c), 'Options:').map((t) => /--[\w-]+/.exec(t)?.[0] ?? t);
      expect(listed, c.name()).toEqual([...c.options.map((o) => o.long), '--help']);
      for (const a of c.registeredArguments)
        expect(flat(helpOf(c)), c.name()).toContain(` ${a.name()} `);
    }
  });

  it('lists the benchmark groups as the registry has them, each accepted', () => {
    const help = flat(helpOf(command('bench')));
    const names = list(between(help, ' group one of ', ' (all of them if left out)'));
    expect(names).toEqual(benchGroups().map((g) => g.name));
    for (const n of names) expect(resolveBenchGroups(benchGroups(), n)[0]!.name).toBe(n);
  });

  it('lists the chapters and the exercises as the registry has them, each accepted', () => {
    for (const name of ['run', 'check', 'trace']) {
      const help = flat(helpOf(command(name)));
      const ids = list(between(help, ' chapter chapter number (', ') or name'));
      expect(ids, name).toEqual(chapters.map(chapterArg));
      for (const id of ids) expect(chapterArg(resolveChapter(id))).toBe(id);
    }
    expect(flat(helpOf(command('check')))).toContain("or 'all'");
    const help = flat(helpOf(command('exercise')));
    const ids = list(between(help, ' id the exercise: ', ' Options:'));
    expect(ids).toEqual(chapters.flatMap((c) => c.exercises.map((e) => e.id)));
    for (const id of ids) expect(resolveExercise(chapters, id).exercise.id).toBe(id);
  });

  it('says how to set the width and how to see a table whole', () => {
    const top = flat(helpOf(program()));
    expect(top).toContain('Environment: COLUMNS=n fit tables and long lines to n columns');
    for (const c of program().commands)
      expect(
        c.options.map((o) => o.long),
        `${c.name()} prints tables or text for a reader`,
      ).toContain('--wide');
  });
});

describe('the README’s commands', () => {
  const section = read('README.md').split('## One chapter')[1]!.split('\n## ')[0]!;

  it('name every command and every benchmark group', () => {
    for (const c of program().commands) {
      const used =
        section.includes(`npm run workbook -- ${c.name()} `) ||
        (c.name() === 'bench' && section.includes('npm run bench '));
      expect(used, `the README shows '${c.name()}'`).toBe(true);
    }
    const line = section.split('\n').find((l) => l.startsWith('npm run bench '))!;
    const names = list(between(line, '# the benchmarks: ', ' ('));
    expect(names).toEqual(benchGroups().map((g) => g.name));
    expect(section).toContain('COLUMNS');
    expect(section).toContain('--wide');
  });
});
