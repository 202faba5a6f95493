/**
 * The markdown the chapters may use beyond CommonMark, as markdown-it
 * plugins that TypeDoc loads through its `markdownItLoader`:
 *
 * - a figure marker, one line: `::: figure 01-run-demo` (a run's sequence
 *   diagram), `::: states 01-run-demo` (its states as a table) or
 *   `::: plot 09-plot-rounds` (a plot); the figure is made at build time by
 *   running the model (see {@link figuresOf});
 * - boxes, opened by `::: note`, `::: erratum` or `::: exercise 1.1` (each
 *   may be followed by a title) and closed by a line `:::`.
 *
 * Links inside figures start with {@link ROOT}, which the site plugin
 * replaces with the path from the page to the site's root.
 *
 * @module
 */
import type { MarkdownIt, StateBlock } from 'markdown-it';
import container from 'markdown-it-container';
import { escapeXml as x } from './escape';
import type { Figure, FigureKind } from './figures';

/** Stands for the relative path from a page to the site root, in rendered HTML. */
export const ROOT = '@@WORKBOOK_ROOT@@/';

/** The marker line of a figure: kind and name. */
export const FIGURE_LINE = /^::: *(figure|states|plot) +([A-Za-z0-9][A-Za-z0-9._-]*) *$/;

/** The box kinds, and their titles. */
export const BOXES = { note: 'Note', erratum: 'Erratum', exercise: 'Exercise' } as const;

/**
 * Every figure marker in a markdown text.
 *
 * @param text - the markdown
 * @returns kind, name and line (1-based) of each marker
 */
export function figureMarkers(text: string): { kind: FigureKind; name: string; line: number }[] {
  const out: { kind: FigureKind; name: string; line: number }[] = [];
  text.split('\n').forEach((l, i) => {
    const m = l.match(FIGURE_LINE);
    if (m) out.push({ kind: m[1] as FigureKind, name: m[2]!, line: i + 1 });
  });
  return out;
}

/**
 * Why a marker cannot be placed, or undefined if it can.
 *
 * @param figures - the figures by name
 * @param kind - the marker's kind
 * @param name - the figure it names
 * @returns an explanation naming the accepted figures, or undefined
 */
export function markerProblem(
  figures: ReadonlyMap<string, Figure>,
  kind: FigureKind,
  name: string,
): string | undefined {
  const f = figures.get(name);
  if (!f) {
    const same = [...figures.values()].filter((g) => g.kinds.includes(kind)).map((g) => g.name);
    return `'::: ${kind} ${name}' names no figure; the names '::: ${kind}' accepts are ${same.join(', ') || '(none)'}`;
  }
  if (!f.kinds.includes(kind))
    return `'::: ${kind} ${name}': ${name} is not a ${kind} figure (use ${f.kinds.map((k) => `'::: ${k}'`).join(' or ')})`;
  return undefined;
}

/**
 * The HTML of a placed figure.
 *
 * @param f - the figure
 * @param kind - how to show it
 * @returns a `<figure>` element
 */
export function figureHtml(f: Figure, kind: FigureKind): string {
  const body = kind === 'states' ? f.states!() : f.svg();
  const file =
    kind === 'states' ? '' : ` · <a href="${ROOT}figures/${x(f.name)}.svg">open full size</a>`;
  const how = kind !== 'plot' && f.command ? ` · <code>${x(f.command)}</code>` : '';
  const note = kind === 'figure' && f.note ? ` ${x(f.note())}` : '';
  return `<figure class="wb-figure wb-kind-${kind}" id="${kind}-${x(f.name)}" data-figure="${x(f.name)}"><div class="wb-figure-body">${body}</div><figcaption><strong>${kind === 'states' ? 'States' : 'Figure'} ${x(f.name)}.</strong> ${x(f.caption)}${note}${how}${file}</figcaption></figure>\n`;
}

/**
 * Install the figure marker and the boxes on a markdown-it parser.
 *
 * @param md - the parser TypeDoc uses
 * @param figures - the figures, by name
 * @param problems - where markers that name no figure are recorded
 * @param placed - where the names of the figures placed as drawings (not as state tables) are recorded
 */
export function workbookMarkdown(
  md: MarkdownIt,
  figures: ReadonlyMap<string, Figure>,
  problems: string[] = [],
  placed: Set<string> = new Set(),
): void {
  md.block.ruler.before(
    'fence',
    'workbook_figure',
    (state: StateBlock, startLine: number, _endLine: number, silent: boolean) => {
      const start = state.bMarks[startLine]! + state.tShift[startLine]!;
      const line = state.src.slice(start, state.eMarks[startLine]);
      const m = line.match(FIGURE_LINE);
      if (!m) return false;
      if (silent) return true;
      const kind = m[1] as FigureKind;
      const name = m[2]!;
      const problem = markerProblem(figures, kind, name);
      const token = state.push('html_block', '', 0);
      token.map = [startLine, startLine + 1];
      if (problem) {
        problems.push(problem);
        token.content = `<p class="wb-missing-figure">${x(problem)}</p>\n`;
      } else {
        token.content = figureHtml(figures.get(name)!, kind);
        if (kind !== 'states') placed.add(name);
      }
      state.line = startLine + 1;
      return true;
    },
    { alt: ['paragraph'] },
  );

  for (const [kind, title] of Object.entries(BOXES)) {
    md.use(container, kind, {
      validate: (params: string) => new RegExp(`^${kind}(\\s|$)`).test(params.trim()),
      render: (tokens: { nesting: number; info: string }[], idx: number) => {
        const t = tokens[idx]!;
        if (t.nesting !== 1) return '</aside>\n';
        const rest = t.info.trim().slice(kind.length).trim();
        let head = title as string;
        let extra = '';
        if (kind === 'exercise') {
          const id = rest.match(/^(\d+\.\d+)\b/)?.[1];
          head = `${title}${rest ? ` ${x(rest)}` : ''}`;
          if (id)
            extra = ` <span class="wb-box-cmd">check it: <code>npm run workbook -- exercise ${id}</code></span>`;
        } else if (rest) head = `${title}: ${x(rest)}`;
        return `<aside class="wb-box wb-${kind}"><p class="wb-box-title">${head}${extra}</p>\n`;
      },
    });
  }
}
