/**
 * `npm run docs`: build the site into `docs/site/`.
 *
 * TypeDoc does the site: the chapters (`projectDocuments`, in reading order)
 * and the library's API reference, code included by region, shiki
 * highlighting, search, and warnings as errors, so a missing region, a broken
 * link or an undocumented export fails the build. Its options are in
 * `typedoc.json`; what a JSON file cannot hold is added here: the markdown-it
 * plugins (figure markers, boxes), the site plugin (stable addresses, the
 * "Run it" box on each chapter, links between chapters and the API, the
 * registry's numbers in the prose), the browser code bundled by esbuild (the
 * explorer, with the registry's models), and the figures, made by running
 * the models.
 *
 * The site is built into a scratch folder and moved into place at the end,
 * so a failed build leaves the last good site alone.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { build as esbuild } from 'esbuild';
import { Application, LogLevel, PackageJsonReader, TSConfigReader, TypeDocReader } from 'typedoc';
import { chapters as registered } from '../chapters';
import type { Chapter } from '../chapters/chapter';
import { repoPath, repoRoot } from '../cli/repo';
import { explorerModelProblem, explorerModelsOf } from './explorer/models';
import type { Figure } from './figures';
import { figuresOf } from './figures';
import { workbookMarkdown } from './markdown';
import { installSitePlugin } from './plugin';

/** Where `npm run docs` puts the site. */
export const SITE = repoPath('docs/site');

/** What to build, and where. */
export interface BuildOptions {
  /** The output folder (default `docs/site`). */
  readonly out?: string;
  /** Replace `projectDocuments` from `typedoc.json` (the tests build a broken copy this way). */
  readonly projectDocuments?: readonly string[];
  /** The chapters (default: the registry). */
  readonly chapters?: readonly Chapter[];
  /** Print nothing but errors. */
  readonly quiet?: boolean;
}

/** One line TypeDoc or the build logged. */
export interface BuildMessage {
  /** `error`, `warning` or `info`. */
  readonly level: 'error' | 'warning' | 'info';
  /** The text, without colours. */
  readonly text: string;
}

/** The outcome of a build. */
export interface BuildResult {
  /** True if the site was written with no error and no warning. */
  readonly ok: boolean;
  /** What was logged. */
  readonly messages: readonly BuildMessage[];
  /** The output folder. */
  readonly out: string;
  /** Milliseconds taken. */
  readonly ms: number;
  /** How many figures were written. */
  readonly figures: number;
}

/** The files whose change makes a built site stale. */
function inputs(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  for (const d of ['src', 'chapters']) walk(repoPath(d));
  for (const f of readdirSync(repoPath('docs')))
    if (f.endsWith('.md')) out.push(repoPath(`docs/${f}`));
  for (const f of ['README.md', 'typedoc.json', 'package.json', 'tsconfig.json'])
    out.push(repoPath(f));
  return out.sort();
}

/**
 * A fingerprint of every input of the site: paths, sizes and contents.
 *
 * @returns a hex digest
 */
export function inputFingerprint(): string {
  const h = createHash('sha256');
  for (const f of inputs()) {
    h.update(relative(repoRoot, f));
    h.update('\0');
    try {
      h.update(readFileSync(f));
    } catch {}
    h.update('\0');
  }
  return h.digest('hex');
}

const STAMP = '.workbook-build.json';

/**
 * Whether the site in `out` was built from the inputs as they are now.
 *
 * @param out - the site folder (default `docs/site`)
 * @returns true if its stamp matches the current inputs
 */
export function isFresh(out = SITE): boolean {
  try {
    const stamp = JSON.parse(readFileSync(join(out, STAMP), 'utf8')) as { inputs?: string };
    return stamp.inputs === inputFingerprint();
  } catch {
    return false;
  }
}

/**
 * Bundle the browser code: the site script (TypeDoc's `customJs`) and the
 * explorer, with the same model code the tests check.
 *
 * @param dir - where to write `site.js` and `explorer.js`
 */
export async function bundleBrowserCode(dir: string): Promise<void> {
  await esbuild({
    entryPoints: {
      site: repoPath('src/site/browser/site.ts'),
      explorer: repoPath('src/site/explorer/main.ts'),
    },
    outdir: dir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [
      {
        name: 'no-terminal-tables',
        setup(b) {
          b.onResolve({ filter: /^cli-table3$/ }, () => ({
            path: repoPath('src/site/browser/noTable.ts'),
          }));
          b.onResolve({ filter: /^node:(worker_threads|os)$/ }, () => ({
            path: repoPath('src/site/browser/noThreads.ts'),
          }));
        },
      },
    ],
  });
}

const strip = (s: string) => stripVTControlCharacters(s);

/**
 * Build the site.
 *
 * @param o - output folder, documents, chapters, verbosity
 * @returns whether it succeeded, and what was logged
 */
export async function buildSite(o: BuildOptions = {}): Promise<BuildResult> {
  const t0 = performance.now();
  const out = o.out ?? SITE;
  const chs = o.chapters ?? registered;
  const messages: BuildMessage[] = [];
  const say = (level: BuildMessage['level'], text: string) => {
    messages.push({ level, text: strip(text) });
    if (level === 'error') process.stderr.write(`docs: ${strip(text)}\n`);
    else if (!o.quiet) process.stdout.write(`docs: ${strip(text)}\n`);
  };
  // Build into a scratch folder; move it into place only when all went well.
  const scratch = mkdtempSync(join(tmpdir(), 'workbook-site-'));
  const staging = join(scratch, 'site');
  const js = join(scratch, 'js');
  const fail = (why?: string): BuildResult => {
    if (why) say('error', why);
    rmSync(scratch, { recursive: true, force: true });
    return { ok: false, messages, out, ms: performance.now() - t0, figures: 0 };
  };

  // Figures: run every named run now, so that a broken one fails the build by name.
  say('info', 'running the chapters’ named runs for the figures');
  let figures: Map<string, Figure>;
  try {
    figures = figuresOf(chs);
  } catch (e) {
    return fail((e as Error).message);
  }
  const models = explorerModelsOf(chs);
  const modelProblem = explorerModelProblem(models);
  if (modelProblem) return fail(modelProblem);
  for (const f of figures.values()) {
    try {
      f.svg();
      f.states?.();
    } catch (e) {
      return fail(`figure ${f.name}: ${(e as Error).message.split('\n')[0]}`);
    }
  }

  say('info', `bundling the explorer (${figures.size} figures drawn)`);
  try {
    await bundleBrowserCode(js);
  } catch (e) {
    return fail(`bundling the explorer: ${(e as Error).message}`);
  }

  const problems: string[] = [];
  // The figures some page places: only these become files of the site.
  const placed = new Set<string>();
  const app = await Application.bootstrapWithPlugins(
    {
      out: staging,
      ...(o.projectDocuments ? { projectDocuments: [...o.projectDocuments] } : {}),
    },
    [new TypeDocReader(), new PackageJsonReader(), new TSConfigReader()],
  );
  const log = app.logger.log.bind(app.logger);
  app.logger.log = (message: string, level: LogLevel) => {
    if (level >= LogLevel.Info)
      messages.push({
        level: level === LogLevel.Error ? 'error' : level === LogLevel.Warn ? 'warning' : 'info',
        text: strip(message),
      });
    // TypeDoc's own progress lines name the staging folder; the build prints its own.
    if (level < LogLevel.Warn) return;
    log(message, level);
  };
  app.options.setValue('markdownItLoader', (md: any) =>
    workbookMarkdown(md, figures, problems, placed),
  );
  app.options.setValue('customJs', join(js, 'site.js'));
  installSitePlugin(app, { chapters: chs, figures });
  const strict = app.options.getValue('treatWarningsAsErrors');
  const bad = () => app.logger.hasErrors() || (strict && app.logger.hasWarnings());
  try {
    if (bad()) return fail('TypeDoc options are not valid (see above)');
    say('info', 'TypeDoc: reading the sources and the chapters');
    const project = await app.convert();
    if (!project || bad()) return fail('TypeDoc could not convert the project (see above)');
    app.validate(project);
    if (bad()) return fail('TypeDoc validation failed (see above)');
    say('info', 'TypeDoc: writing the pages');
    await app.generateDocs(project, staging);
    for (const p of problems) app.logger.error(p);
    if (bad()) return fail('TypeDoc could not render the site (see above)');

    // The home page is the README, whose own heading is the page's: TypeDoc's
    // title above it would be a second top heading.
    const home = join(staging, 'index.html');
    writeFileSync(
      home,
      readFileSync(home, 'utf8').replace(
        /<div class="tsd-page-title">\s*<h1>[^<]*<\/h1><\/div>/,
        '',
      ),
    );

    // What TypeDoc does not write: the explorer's code, the figures as files, the stamp.
    mkdirSync(join(staging, 'assets'), { recursive: true });
    writeFileSync(join(staging, 'assets', 'explorer.js'), readFileSync(join(js, 'explorer.js')));
    mkdirSync(join(staging, 'figures'), { recursive: true });
    let count = 0;
    for (const f of figures.values()) {
      if (!placed.has(f.name)) continue;
      writeFileSync(join(staging, 'figures', `${f.name}.svg`), f.svg());
      count++;
    }
    writeFileSync(
      join(staging, STAMP),
      JSON.stringify({
        inputs: inputFingerprint(),
        figures: [...figures.keys()],
        chapters: chs.map((c) => c.slug),
        explorer: models.map((m) => m.id),
      }),
    );
    rmSync(out, { recursive: true, force: true });
    mkdirSync(dirname(out), { recursive: true });
    try {
      renameSync(staging, out);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      cpSync(staging, out, { recursive: true }); // another file system
    }
    const ms = performance.now() - t0;
    say(
      'info',
      `site written to ${relative(process.cwd(), out) || '.'} in ${(ms / 1000).toFixed(1)} s`,
    );
    return { ok: true, messages, out, ms, figures: count };
  } catch (e) {
    return fail(`the build threw: ${(e as Error).stack ?? e}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Exported for the tests: the figures of the registry. */
export function registryFigures(): Map<string, Figure> {
  return figuresOf(registered);
}

if (process.argv[1]?.endsWith('build.ts')) {
  const r = await buildSite();
  process.exitCode = r.ok ? 0 : 1;
}
