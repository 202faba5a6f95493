/**
 * Figures are made at build time by running the models: for every named run
 * of every registered chapter, a sequence diagram (`NN-run-<name>`, drawn by
 * {@link sequenceSvg}) and a table of its states; every chapter's plots
 * (`NN-plot-<name>`, drawn by {@link plotSvg}); every chapter's
 * timelines (`NN-timeline-<name>`, drawn by {@link timelineSvg}); and every
 * chapter's checked histories (`NN-history-<name>`, drawn by
 * {@link historySvg}). Chapters
 * place them by name with a marker line (see `docs/ARCHITECTURE.md`, "The
 * site"). Nothing here is drawn by hand, and
 * nothing is committed: the build writes the figures into the site.
 *
 * @module
 */
import type {
  Chapter,
  NamedHistory,
  NamedPlot,
  NamedRun,
  NamedTimeline,
} from '../chapters/chapter';
import type { Machine, SequenceDiagram, Trace } from '../index';
import { diagramOf } from './diagrams';
import { historyFigure, historySvg } from './history';
import { notationCaption, notationDiagram } from './notation';
import { plotSvg } from './plot';
import { sequenceSvg } from './sequenceSvg';
import { stateTableHtml } from './stateTable';
import { timelineSvg } from './timeline';

/** The kinds of figure a marker can place. */
export type FigureKind = 'figure' | 'states' | 'plot';

/** One figure, computed on first use. */
export interface Figure {
  /** Its name: `NN-run-<run>`, `NN-plot-<name>`, `NN-timeline-<name>` or `NN-history-<name>`. */
  readonly name: string;
  /** The chapter's two digits. */
  readonly chapter: string;
  /** A caption: the run's or the plot's description. */
  readonly caption: string;
  /** The kinds of marker that may place it. */
  readonly kinds: readonly FigureKind[];
  /** The figure as SVG (a sequence diagram, a plot, a timeline or a history). */
  readonly svg: () => string;
  /** The run's states as an HTML table (runs only). */
  readonly states?: () => string;
  /** The command that prints the run (runs only). */
  readonly command?: string;
  /** A sentence after the caption, made with the figure: which steps have no row. */
  readonly note?: () => string;
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
 * A diagram without the lanes that take no part in the run: a process that
 * sends, receives and does nothing is left out of a figure (the explorer
 * keeps every lane, since a later step may use it).
 *
 * @param d - the diagram
 * @returns the same diagram with only the lanes some event names
 */
export function activeLanes(d: SequenceDiagram): SequenceDiagram {
  const used = new Set<string>();
  for (const e of d.events) {
    used.add(e.lane);
    for (const t of e.to ?? []) used.add(t);
  }
  const lanes = d.lanes.filter((l) => used.has(l));
  return lanes.length === d.lanes.length || lanes.length === 0 ? d : { ...d, lanes };
}

/**
 * The figure of one named run.
 *
 * @param ch - the chapter
 * @param r - the run
 * @returns the figure (computed when first asked for)
 */
export function runFigure(ch: Chapter, r: NamedRun): Figure {
  const nn = twoDigits(ch);
  const name = `${nn}-run-${r.name}`;
  const made = once(() => {
    const { machine, trace } = r.run({ seed: 1 }) as { machine: Machine<any>; trace: Trace<any> };
    return { machine, trace };
  });
  const diagram = once(() => activeLanes(diagramOf(made().machine, made().trace, r.diagram)));
  return {
    name,
    chapter: nn,
    caption: `${r.name}: ${r.description}`,
    kinds: ['figure', 'states'],
    command: `npm run workbook -- trace ${nn.replace(/^0+(?=\d)/, '')} ${r.name}`,
    svg: once(() =>
      sequenceSvg({ ...diagram(), title: diagram().title ?? r.description }, { idPrefix: name }),
    ),
    states: once(() => stateTableHtml(made().machine, made().trace)),
    note: once(() => rowlessSteps(made().trace, diagram())),
  };
}

/**
 * What a run's figure leaves out: the steps that draw nothing on any lane
 * (a clock's tick, say), which is where its row numbers skip.
 *
 * @param t - the run
 * @param d - its diagram
 * @returns a sentence naming them by action, or '' when every step has a row
 */
export function rowlessSteps(t: Trace<any>, d: SequenceDiagram): string {
  const drawn = new Set(d.events.map((e) => e.step));
  const by = new Map<string, number[]>();
  t.steps.forEach((s, i) => {
    if (drawn.has(i + 1)) return;
    const l = by.get(s.label.action) ?? [];
    l.push(i + 1);
    by.set(s.label.action, l);
  });
  if (!by.size) return '';
  const list = (ns: number[]) =>
    ns.length <= 4 ? ns.join(', ') : `${ns.slice(0, 3).join(', ')}, … ${ns[ns.length - 1]}`;
  const n = [...by.values()].reduce((a, l) => a + l.length, 0);
  const parts = [...by].map(([a, ns]) => `${a} (step${ns.length === 1 ? '' : 's'} ${list(ns)})`);
  return `Rows are numbered by step; ${n === 1 ? 'one step draws' : `${n} steps draw`} nothing on any lane and ${n === 1 ? 'has' : 'have'} no row: ${parts.join('; ')}.`;
}

/**
 * The figure of one of a chapter's plots.
 *
 * @param ch - the chapter that places it
 * @param p - the plot
 * @returns the figure
 * @throws Error if the plot's name is not `NN-plot-<name>` with the chapter's digits
 */
export function plotFigure(ch: Chapter, p: NamedPlot): Figure {
  const nn = namedFor(ch, 'plot', p.name);
  return {
    name: p.name,
    chapter: nn,
    caption: p.title,
    kinds: ['plot'],
    svg: once(() => plotSvg(p.make())),
  };
}

/**
 * The figure of one of a chapter's timelines, placed with `::: figure`.
 *
 * @param ch - the chapter that places it
 * @param t - the timeline
 * @returns the figure
 * @throws Error if the timeline's name is not `NN-timeline-<name>` with the chapter's digits
 */
export function timelineFigure(ch: Chapter, t: NamedTimeline): Figure {
  const nn = namedFor(ch, 'timeline', t.name);
  return {
    name: t.name,
    chapter: nn,
    caption: t.title,
    kinds: ['figure'],
    svg: once(() => timelineSvg(t.make(), { idPrefix: t.name })),
  };
}

/**
 * The figure of one of a chapter's checked histories, placed with
 * `::: figure`: the failing window of a history that is not linearizable.
 *
 * @param ch - the chapter that places it
 * @param h - the history
 * @returns the figure
 * @throws Error if the history's name is not `NN-history-<name>` with the chapter's digits
 */
export function historyFigureOf(ch: Chapter, h: NamedHistory): Figure {
  const nn = namedFor(ch, 'history', h.name);
  return {
    name: h.name,
    chapter: nn,
    caption: h.title,
    kinds: ['figure'],
    svg: once(() => {
      const c = h.make();
      return historySvg(historyFigure(c.spec, c.history, c.result, { timeLabel: c.timeLabel }));
    }),
  };
}

/** The key to the diagrams' notation, a figure of its own (`::: figure notation`). */
export const notationFigure: Figure = {
  name: 'notation',
  chapter: '01',
  caption: notationCaption,
  kinds: ['figure'],
  svg: once(() => sequenceSvg(notationDiagram, { idPrefix: 'notation', laneWidth: 170 })),
};

/**
 * A chapter's figure of some kind must be named after the chapter:
 * `NN-<kind>-<name>`.
 *
 * @param ch - the chapter
 * @param kind - the kind (`plot`, `timeline`, `history`)
 * @param name - the figure's name
 * @returns the chapter's digits
 * @throws Error naming the figure and the names accepted
 */
function namedFor(ch: Chapter, kind: string, name: string): string {
  const nn = twoDigits(ch);
  if (!new RegExp(`^${nn}-${kind}-[A-Za-z0-9][A-Za-z0-9._-]*$`).test(name))
    throw new Error(
      `chapter ${nn}'s ${kind} '${name}' must be named ${nn}-${kind}-<name> (letters, digits, '.', '_', '-')`,
    );
  return nn;
}

/** A chapter's number as two digits: `01`. */
const twoDigits = (ch: Chapter) => ch.id;

/**
 * Every figure of these chapters, by name: their named runs, their plots,
 * their timelines and their histories, and the key to the notation.
 *
 * @param chs - the chapters (the registry's, in reading order)
 * @returns the figures, by name
 * @throws Error if two figures share a name, or a plot, a timeline or a history is misnamed
 */
export function figuresOf(chs: readonly Chapter[]): Map<string, Figure> {
  const out = new Map<string, Figure>();
  const add = (f: Figure) => {
    if (out.has(f.name)) throw new Error(`two figures are named ${f.name}`);
    out.set(f.name, f);
  };
  add(notationFigure);
  for (const ch of chs) {
    for (const r of ch.runs) add(runFigure(ch, r));
    for (const p of ch.plots ?? []) add(plotFigure(ch, p));
    for (const t of ch.timelines ?? []) add(timelineFigure(ch, t));
    for (const h of ch.histories ?? []) add(historyFigureOf(ch, h));
  }
  return out;
}

/**
 * A run's sequence diagram as SVG: the chapter's own diagram, else the actor
 * system's lanes, else one lane per state variable. This is what
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
  const d = activeLanes(diagramOf(machine, trace, own));
  return sequenceSvg({ ...d, title: d.title ?? title ?? machine.name });
}
