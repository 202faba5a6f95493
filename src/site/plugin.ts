/**
 * The site's TypeDoc plugin: what TypeDoc does not do by itself.
 *
 * - Stable addresses: chapter `chapters/NN-slug.md` is the page
 *   `chapters/NN-slug.html`; `docs/explorer.md` is `explorer.html`; other
 *   hand-written docs are `<name>.html` in lower case.
 * - On every registered chapter's page, a box under the title with the
 *   commands that run its demo, its checks, its tests, its named runs and its
 *   exercises (from the registry, so they are always the real ones), links to
 *   the library exports the chapter's code uses, and to its models in the
 *   explorer; at the foot, the previous and next chapters.
 * - On every library export's page, "Used in chapters" with links back.
 * - Figure markers that name no figure fail the build, naming the page.
 * - A chapter's number placeholders (`{{08/channel invariants/states}}`,
 *   `{{08/facts/deep runs}}`) become the registry's numbers; one that names
 *   nothing fails the build, naming the page (see {@link renderNumbers}).
 *
 * @module
 */
import { basename, posix, relative } from 'node:path';
import type { Application, CommentDisplayPart, Reflection } from 'typedoc';
import {
  Comment,
  CommentTag,
  Converter,
  DocumentReflection,
  KindRouter,
  MarkdownEvent,
  ReflectionKind,
} from 'typedoc';
import type { Chapter } from '../chapters/chapter';
import { chapterArg } from '../chapters/chapter';
import { repoPath, repoRoot } from '../cli/repo';
import type { Figure } from './figures';
import { libraryImports } from './libraryUse';
import { figureMarkers, markerProblem, ROOT } from './markdown';
import { renderNumbers } from './numbers';

/** What the plugin needs to know about the workbook. */
export interface SitePluginOptions {
  /** The registered chapters, in reading order. */
  readonly chapters: readonly Chapter[];
  /** The figures, by name. */
  readonly figures: ReadonlyMap<string, Figure>;
}

/** The name the library's module gets in the site. */
export const LIBRARY = 'API reference';

/** A chapter's prose file name: `NN-slug.md`. */
const CHAPTER_FILE = /^(?:\d\d|[A-Z])-[a-z0-9-]+\.md$/;

/** The name of the router the plugin defines. */
export const ROUTER = 'workbook';

/** The page (without `.html`) of a hand-written document, from its path in the repository. */
export function documentPage(file: string): string | undefined {
  const rel = relative(repoRoot, file).split('\\').join('/');
  const ch = rel.match(/^chapters\/((?:\d\d|[A-Z])-[a-z0-9-]+)\.md$/);
  if (ch) return `chapters/${ch[1]}`;
  if (/^docs\/[^/]+\.md$/.test(rel)) return basename(rel, '.md').toLowerCase();
  return undefined;
}

const text = (t: string): CommentDisplayPart => ({ kind: 'text', text: t });
const link = (label: string, target: Reflection | string): CommentDisplayPart => ({
  kind: 'inline-tag',
  tag: '@link',
  text: label,
  target,
});

/**
 * The commands of one chapter, as a shell block: each runs as shown, with
 * the registry's names for its runs, exercises and benchmarks.
 *
 * @param ch - the chapter
 * @returns one command a line, each with a comment saying what it does
 */
export function chapterCommands(ch: Chapter): string {
  const n = chapterArg(ch);
  const nn = ch.id;
  const lines: [string, string][] = [
    [`npm run workbook -- run ${n}`, 'the demo'],
    [`npm run workbook -- check ${n}`, 'its checks and mutants'],
  ];
  if (ch.checks.some((c) => c.deepPinned))
    lines.push([`npm run workbook -- check ${n} --deep`, 'the checks with deeper bounds']);
  lines.push([`npm test -- ${nn}`, 'its tests']);
  for (const r of ch.runs) lines.push([`npm run workbook -- trace ${n} ${r.name}`, 'a named run']);
  for (const e of ch.exercises) lines.push([`npm run workbook -- exercise ${e.id}`, 'an exercise']);
  for (const b of ch.benchmarks ?? [])
    lines.push([`npm run workbook -- bench ${b.name}`, 'a benchmark']);
  const w = Math.max(...lines.map(([c]) => c.length));
  return lines.map(([c, why]) => `${c.padEnd(w)}  # ${why}`).join('\n');
}

/**
 * Install the plugin.
 *
 * @param app - the TypeDoc application (before conversion)
 * @param o - the chapters and the figures
 */
export function installSitePlugin(app: Application, o: SitePluginOptions): void {
  const files = () => app.files;

  class WorkbookRouter extends KindRouter {
    protected override getIdealBaseName(r: Reflection): string {
      if (r instanceof DocumentReflection) {
        const f = files().getReflectionPath(r);
        const page = f && documentPage(f);
        if (page) return page;
      }
      // The library is one module: its page is api.html, its members have no module prefix.
      if (r.kindOf(ReflectionKind.Module) && r.name === LIBRARY) return 'api';
      const names: string[] = [];
      let x: Reflection | undefined = r;
      while (x && !x.isProject() && !(x.kindOf(ReflectionKind.Module) && x.name === LIBRARY)) {
        names.unshift(this.getUrlSafeName(x.name));
        x = x.parent;
      }
      const dir = this.directories.get(r.kind);
      if (!x || !dir || !names.length) return super.getIdealBaseName(r);
      return `${dir}/${names.join('.')}`;
    }
  }
  app.renderer.defineRouter(ROUTER, WorkbookRouter);
  app.options.setValue('router', ROUTER);

  // A document without a `title` in its front matter is named by its first heading.
  app.converter.on(Converter.EVENT_CREATE_DOCUMENT, (_context, doc: DocumentReflection) => {
    if (typeof doc.frontmatter.title === 'string') return;
    const h1 = doc.content
      .map((p) => (p.kind === 'text' ? p.text : ''))
      .join('')
      .match(/^# +(.+)$/m);
    if (h1) doc.name = h1[1]!.trim();
  });

  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;
    // The library's entry is one module: call it what it is.
    const library = project.children?.find((c) => c.kindOf(ReflectionKind.Module)) ?? project;
    if (library !== project) library.name = LIBRARY;
    const docs = project.getReflectionsByKind(ReflectionKind.Document) as DocumentReflection[];
    const pageOf = new Map<DocumentReflection, string>();
    for (const d of docs) {
      const f = files().getReflectionPath(d);
      const page = f && documentPage(f);
      if (page) pageOf.set(d, page);
      // Figure markers must name figures.
      const md = d.content.map((p) => p.text).join('');
      for (const m of figureMarkers(md)) {
        const problem = markerProblem(o.figures, m.kind, m.name);
        if (problem) app.logger.error(`${f ?? d.name}: ${problem}`);
      }
      // A chapter's numbers come from the registry; its code is shown as written.
      if (f && CHAPTER_FILE.test(basename(f)))
        d.content = joinText(d.content).map((p) => {
          if (p.kind !== 'text') return p;
          const r = renderNumbers(p.text, o.chapters);
          for (const problem of r.problems) app.logger.error(`${f}: ${problem}`);
          return r.text === p.text ? p : { ...p, text: r.text };
        });
    }
    const chapterDocs = o.chapters
      .map((ch) => ({
        ch,
        doc: docs.find((d) => pageOf.get(d) === `chapters/${ch.slug}`),
      }))
      .filter((c): c is { ch: Chapter; doc: DocumentReflection } => c.doc !== undefined);
    const explorer = docs.find((d) => pageOf.get(d) === 'explorer');

    const usedBy = new Map<string, Chapter[]>();
    chapterDocs.forEach(({ ch, doc }, i) => {
      const names = libraryImports(repoPath(`src/chapters/${ch.slug}`)).filter(
        (n) => library.getChildByName(n) !== undefined,
      );
      for (const n of names) usedBy.set(n, [...(usedBy.get(n) ?? []), ch]);
      const models = ch.explorer ?? [];
      const box: CommentDisplayPart[] = [
        text(
          `\n\n<div class="wb-run-box">\n\n**Commands for this chapter** (paper ${ch.paper}; from a clone, after \`npm ci\`)\n\n\`\`\`sh\n${chapterCommands(ch)}\n\`\`\`\n\n`,
        ),
      ];
      if (names.length) {
        box.push(text('The library in this chapter: '));
        names.forEach((n, k) => {
          if (k) box.push(text(', '));
          box.push(link(n, library.getChildByName(n)!));
        });
        box.push(text('.'));
      }
      if (models.length && explorer) {
        box.push(text(' Step through it in the explorer: '));
        models.forEach((m, k) => {
          if (k) box.push(text(', '));
          box.push(link(m.title, `${ROOT}explorer.html#model=${encodeURIComponent(m.id)}`));
        });
        box.push(text('.'));
      }
      box.push(text('\n\n</div>\n\n'));
      insertAfterTitle(doc, box);

      const prev = chapterDocs[i - 1];
      const next = chapterDocs[i + 1];
      const foot: CommentDisplayPart[] = [text('\n\n<nav class="wb-chapter-nav">\n\n')];
      if (prev) foot.push(text('Previous: '), link(prev.doc.name, prev.doc));
      if (prev && next) foot.push(text(' · '));
      if (next) foot.push(text('Next: '), link(next.doc.name, next.doc));
      foot.push(text('\n\n</nav>\n'));
      if (prev || next) doc.content.push(...foot);
    });

    for (const [name, chs] of usedBy) {
      const r = library.getChildByName(name)!;
      const parts: CommentDisplayPart[] = [];
      chs.forEach((ch, k) => {
        if (k) parts.push(text(', '));
        parts.push(
          link(
            chapterDocs.find((c) => c.ch === ch)!.doc.name,
            chapterDocs.find((c) => c.ch === ch)!.doc,
          ),
        );
      });
      const target = r.isDeclaration() && r.signatures?.length ? r.signatures[0]! : r;
      target.comment ??= new Comment();
      target.comment.blockTags.push(new CommentTag('@usedInChapters', parts));
    }
  });

  // Links in figures are written from the root; make them relative to each page.
  app.renderer.on(
    MarkdownEvent.PARSE,
    (e: MarkdownEvent) => {
      if (!e.parsedText.includes(ROOT)) return;
      const up = posix.relative(posix.dirname(`/${e.page.url}`), '/') || '.';
      e.parsedText = e.parsedText.replaceAll(ROOT, `${up}/`);
    },
    -100,
  );
}

/**
 * The same parts with each run of text parts joined into one (TypeDoc
 * splits a document's text at braces and links), so that a placeholder is
 * in one part.
 */
function joinText(parts: readonly CommentDisplayPart[]): CommentDisplayPart[] {
  const out: CommentDisplayPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'text' && last?.kind === 'text')
      out[out.length - 1] = { kind: 'text', text: last.text + p.text };
    else out.push(p);
  }
  return out;
}

/** Put parts after the document's first level-1 heading (or first, if it has none). */
function insertAfterTitle(doc: DocumentReflection, parts: CommentDisplayPart[]): void {
  for (let i = 0; i < doc.content.length; i++) {
    const p = doc.content[i]!;
    if (p.kind !== 'text') continue;
    const m = p.text.match(/^# .*$/m);
    if (!m) continue;
    const at = m.index! + m[0].length;
    doc.content.splice(i, 1, text(p.text.slice(0, at)), ...parts, text(p.text.slice(at)));
    return;
  }
  doc.content.unshift(...parts);
}
