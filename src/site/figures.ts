/**
 * Figures are made at build time by running the models: for every named run
 * of every registered chapter, a sequence diagram (`NN-run-<name>`, drawn by
 * {@link sequenceSvg}) and a table of its states; and every plot in
 * {@link plots}. Chapters place them by name with a marker line (see
 * `docs/ARCHITECTURE.md`, "The site"). Nothing here is drawn by hand, and
 * nothing is committed: the build writes the figures into the site.
 *
 * @module
 */
import type { Chapter, NamedRun } from '../chapters/chapter';
import type { Machine, SequenceDiagram, Trace } from '../index';
import { diagramOf } from './diagrams';
import { plotSvg } from './plot';
import { plots as allPlots, type NamedPlot } from './plots';
import { sequenceSvg } from './sequenceSvg';
import { stateTableHtml } from './stateTable';

/** The kinds of figure a marker can place. */
export type FigureKind = 'figure' | 'states' | 'plot';

/** One figure, computed on first use. */
export interface Figure {
  /** Its name: `NN-run-<run>` or `NN-plot-<name>`. */
  readonly name: string;
  /** The chapter's two digits. */
  readonly chapter: string;
  /** A caption: the run's or the plot's description. */
  readonly caption: string;
  /** The kinds of marker that may place it. */
  readonly kinds: readonly FigureKind[];
  /** The figure as SVG (a sequence diagram or a plot). */
  readonly svg: () => string;
  /** The run's states as an HTML table (runs only). */
  readonly states?: () => string;
}

function once<T>(f: () => T): () => T {
  let done = false;
  let v: T;
  return () => {
    if (!done) {
      v = f();
      done = true;
    }
    return v;
  };
}

/**
 * The figure of one named run.
 *
 * @param ch - the chapter
 * @param r - the run
 * @returns the figure (computed when first asked for)
 */
export function runFigure(ch: Chapter, r: NamedRun): Figure {
  const nn = ch.slug.slice(0, 2);
  const name = `${nn}-run-${r.name}`;
  const made = once(() => {
    const { machine, trace } = r.run({ seed: 1 }) as { machine: Machine<any>; trace: Trace<any> };
    return { machine, trace };
  });
  return {
    name,
    chapter: nn,
    caption: `${r.name}: ${r.description}`,
    kinds: ['figure', 'states'],
    svg: once(() => {
      const { machine, trace } = made();
      const d = diagramOf(machine, trace, r.diagram);
      return sequenceSvg({ ...d, title: d.title ?? r.description }, { idPrefix: name });
    }),
    states: once(() => stateTableHtml(made().machine, made().trace)),
  };
}

/**
 * The figure of one plot.
 *
 * @param p - the plot
 * @returns the figure
 */
export function plotFigure(p: NamedPlot): Figure {
  return {
    name: p.name,
    chapter: p.name.slice(0, 2),
    caption: p.title,
    kinds: ['plot'],
    svg: once(() => plotSvg(p.make())),
  };
}

/**
 * Every figure of these chapters, by name.
 *
 * @param chs - the chapters (the registry's, in reading order)
 * @param plotList - the plots (default: {@link plots})
 * @returns the figures, by name
 * @throws Error if two figures share a name
 */
export function figuresOf(
  chs: readonly Chapter[],
  plotList: readonly NamedPlot[] = allPlots,
): Map<string, Figure> {
  const out = new Map<string, Figure>();
  const add = (f: Figure) => {
    if (out.has(f.name)) throw new Error(`two figures are named ${f.name}`);
    out.set(f.name, f);
  };
  for (const ch of chs) for (const r of ch.runs) add(runFigure(ch, r));
  for (const p of plotList) add(plotFigure(p));
  return out;
}

/**
 * A run's sequence diagram as SVG: the chapter's own diagram, else one the
 * site knows for the machine, else one lane per state variable. This is what
 * `workbook trace N NAME --svg FILE` writes.
 *
 * @param machine - the machine that made the run
 * @param trace - the run
 * @param own - the named run's `diagram`, if it gives one
 * @param title - the figure's title, if the diagram has none
 * @returns the SVG
 */
export function runSvg<S>(
  machine: Machine<S>,
  trace: Trace<S>,
  own?: (t: Trace<S>) => SequenceDiagram,
  title?: string,
): string {
  const d = diagramOf(machine, trace, own);
  return sequenceSvg({ ...d, title: d.title ?? title ?? machine.name });
}
