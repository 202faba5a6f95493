/**
 * Draw a {@link SequenceDiagram} as an SVG sequence diagram: one vertical
 * lane per process, one row per step, one arrow per copy of a message (from
 * the step that sent it to the step that received it), lost messages drawn
 * as a dashed arrow ending in a cross, messages still in flight as a dashed
 * arrow that reaches no one, crashes marked on the lane (which stays dashed
 * until the process recovers), timers as a small clock, and local and
 * external steps as marks with a note.
 *
 * Every text is placed where no other text is: a label that would overlap
 * one already placed moves down, a row grows to hold what its step writes,
 * and the width is that of the widest text ({@link textWidth} measures it
 * as DejaVu Sans sets it, the widest of the usual fonts), so no label is
 * drawn over another, over a step note or past the edge.
 *
 * Pure string building with no Node or DOM imports, so the site build, the
 * `workbook trace --svg` command and the in-browser explorer share it.
 *
 * @module
 */
import type { SequenceDiagram, SequenceEvent } from '../index';
import { clip, escapeXml as x } from './escape';
import { textWidth } from './textWidth';

/** How to draw a diagram. */
export interface SequenceSvgOptions {
  /** Prefix for the ids inside the SVG, so that several diagrams can share a page. */
  readonly idPrefix?: string;
  /** Width of one lane's column, in pixels (default: from the longest lane name, 120 to 200). */
  readonly laneWidth?: number;
  /** Height of one step's row, in pixels (default 34). */
  readonly rowHeight?: number;
}

/** One copy of a message on its way from one lane to another. */
interface Copy {
  readonly from: string;
  readonly to: string;
  readonly row: number;
  readonly message: string;
  readonly id: string | number | undefined;
  readonly duplicate: boolean;
  /** Whether this copy carries the label of its send (the first copy does). */
  readonly labelled: boolean;
  fate?: { readonly kind: 'receive' | 'drop'; readonly row: number; readonly note?: string };
}

const BLUE = '#1f4e8c';
const RED = '#c0392b';
const GREEN = '#2e7d32';
const GREY = '#777';
const PURPLE = '#6a3d9a';
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

/**
 * Check that every event names known lanes and a step of 1 or more.
 *
 * @param d - the diagram
 * @throws Error naming the first bad event and what is accepted
 */
export function validateDiagram(d: SequenceDiagram): void {
  if (!d.lanes.length) throw new Error('sequence diagram: no lanes (give at least one)');
  const lanes = new Set(d.lanes);
  if (lanes.size !== d.lanes.length)
    throw new Error(`sequence diagram: lane names repeat (${d.lanes.join(', ')})`);
  for (const e of d.events) {
    const named = [e.lane, ...(e.to ?? [])];
    for (const l of named)
      if (!lanes.has(l))
        throw new Error(
          `sequence diagram: the ${e.kind} at step ${e.step} is on lane '${l}', which is not one of ${d.lanes.join(', ')}`,
        );
    if (!Number.isInteger(e.step) || e.step < 0)
      throw new Error(
        `sequence diagram: a ${e.kind} has step ${e.step}; steps are whole numbers from 0`,
      );
  }
}

/** A text of the diagram, placed by {@link placeLabels}. */
interface Label {
  /** The row whose y its baseline is given from. */
  readonly row: number;
  readonly x: number;
  readonly anchor: 'start' | 'end';
  /** Where its baseline should be, below the row's y. */
  readonly dy: number;
  readonly text: string;
  readonly size: number;
  readonly bold: boolean;
  readonly fill: string;
  /** Drawn in a box (an external step). */
  readonly boxed?: { readonly fill: string; readonly stroke: string };
  /** Which is placed first among a row's labels (lower first). */
  readonly order: number;
  /** Where its baseline ended up, below the row's y. */
  placed?: number;
}

interface Box {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The box a label covers with its baseline at `y`. */
function boxOf(l: Label, y: number): Box {
  const w = textWidth(l.text, l.size, l.bold);
  const x0 = l.anchor === 'start' ? l.x : l.x - w;
  if (l.boxed) return { x0: x0 - 6, x1: x0 + w + 6, y0: y - 13, y1: y + 5 };
  return { x0, x1: x0 + w, y0: y - 0.93 * l.size, y1: y + 0.24 * l.size };
}

const overlaps = (a: Box, b: Box) =>
  a.x0 < b.x1 + 1 && b.x0 < a.x1 + 1 && a.y0 < b.y1 + 1 && b.y0 < a.y1 + 1;

/**
 * Place the labels row by row: each at its own spot, or as little below it
 * as it takes to clear every label placed before; a row starts below the
 * previous one's lowest label. Returns each row's y and the boxes taken.
 */
function placeLabels(
  labels: Label[],
  rows: number,
  firstY: number,
  rowH: number,
): { readonly Y: number[]; readonly boxes: Box[] } {
  const byRow: Label[][] = Array.from({ length: rows }, () => []);
  for (const l of labels) byRow[l.row]!.push(l);
  const Y: number[] = [];
  const boxes: Box[] = [];
  let lowest = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < rows; r++) {
    const y = r === 0 ? firstY : Math.max(Y[r - 1]! + rowH, lowest + 16);
    Y.push(y);
    for (const l of byRow[r]!.sort((a, b) => a.order - b.order)) {
      const step = l.size + 3;
      let dy = l.dy;
      let b = boxOf(l, y + dy);
      for (let k = 0; k < 40 && boxes.some((o) => overlaps(o, b)); k++) {
        dy += step;
        b = boxOf(l, y + dy);
      }
      l.placed = dy;
      boxes.push(b);
      lowest = Math.max(lowest, b.y1);
    }
  }
  return { Y, boxes };
}

/** A label as SVG, at its placed row position; a white halo keeps it legible over lines. */
function labelSvg(l: Label, Y: readonly number[]): string {
  const y = Y[l.row]! + (l.placed ?? l.dy);
  const font = `${l.size === 11 ? '' : ` font-size="${l.size}"`}${l.bold ? ' font-weight="600"' : ''}`;
  if (l.boxed) {
    const b = boxOf(l, y);
    return `<rect x="${r1(b.x0)}" y="${r1(b.y0)}" width="${r1(b.x1 - b.x0)}" height="18" rx="3" fill="${l.boxed.fill}" stroke="${l.boxed.stroke}"/><text x="${r1(l.x)}" y="${r1(y)}" fill="${l.fill}"${font}>${x(l.text)}</text>`;
  }
  return `<text x="${r1(l.x)}" y="${r1(y)}"${l.anchor === 'end' ? ' text-anchor="end"' : ''} fill="${l.fill}"${font} stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${x(l.text)}</text>`;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** A mark on a lane for an event that is not one end of an arrow: its glyph and its labels. */
interface Mark {
  readonly row: number;
  readonly cls: string;
  readonly title: string;
  readonly glyph: (cx: number, cy: number) => string;
  readonly lane: string;
  readonly labels: readonly Label[];
}

/**
 * Draw the diagram.
 *
 * @param d - lanes and events (see {@link SequenceDiagram})
 * @param o - ids, lane width and row height
 * @returns a standalone SVG document fragment (`<svg ...>...</svg>`)
 * @throws Error if an event names a lane the diagram does not have
 */
export function sequenceSvg(d: SequenceDiagram, o: SequenceSvgOptions = {}): string {
  validateDiagram(d);
  const id = (o.idPrefix ?? 'seq').replace(/[^A-Za-z0-9_-]/g, '-');
  const longest = Math.max(
    0,
    ...d.events.map((e) => Math.max((e.note ?? '').length, e.to ? 0 : (e.message ?? '').length)),
  );
  const laneW =
    o.laneWidth ??
    Math.min(220, Math.max(120, longest * 6 + 24, ...d.lanes.map((l) => l.length * 8 + 40)));
  const rowH = o.rowHeight ?? 34;
  const gutter = 34;
  const top = 52;
  const steps = [...new Set(d.events.map((e) => e.step))].sort((a, b) => a - b);
  const rowOf = new Map(steps.map((s, i) => [s, i]));
  const rows = Math.max(steps.length, 1);
  const noteChars = Math.floor((laneW - 14) / 6);
  const laneX = new Map(d.lanes.map((l, i) => [l, gutter + laneW * i + laneW / 2]));
  const X = (lane: string) => laneX.get(lane)!;

  // Pair sends (and duplicates) with their receives and drops.
  const copies: Copy[] = [];
  const marks: Mark[] = [];
  const crashes = new Map<string, { from: number; to?: number }[]>();
  const sendsById = new Map<string | number, SequenceEvent>();
  // A send's label is written once, however many copies or events make it up.
  const labelledSends = new Set<string>();
  const firstOf = (from: string, row: number, message: string, duplicate: boolean) => {
    const k = JSON.stringify([from, row, message, duplicate]);
    if (labelledSends.has(k)) return false;
    labelledSends.add(k);
    return true;
  };
  const copyFor = (e: SequenceEvent, preferTo: boolean): Copy | undefined => {
    const open = copies.filter(
      (c) =>
        !c.fate &&
        c.row <= rowOf.get(e.step)! &&
        (e.id !== undefined ? c.id === e.id : c.message === e.message),
    );
    return (
      open.find((c) => c.to === e.lane) ??
      (preferTo ? undefined : open.find((c) => c.from === e.lane))
    );
  };
  const mark = (e: SequenceEvent) =>
    marks.push(pointMark(e, rowOf.get(e.step)!, X(e.lane), noteChars));

  for (const e of d.events) {
    const row = rowOf.get(e.step)!;
    const msg = e.message ?? '';
    switch (e.kind) {
      case 'send': {
        if (e.id !== undefined) sendsById.set(e.id, e);
        for (const t of e.to ?? []) {
          copies.push({
            from: e.lane,
            to: t,
            row,
            message: msg,
            id: e.id,
            duplicate: false,
            labelled: firstOf(e.lane, row, msg, false),
          });
        }
        if (!e.to?.length) mark(e);
        break;
      }
      case 'duplicate': {
        const orig = e.id !== undefined ? sendsById.get(e.id) : undefined;
        const targets = e.to ?? orig?.to ?? [];
        if (!orig || !targets.length) {
          mark(e);
          break;
        }
        const message = e.message ?? orig.message ?? '';
        for (const t of targets) {
          copies.push({
            from: orig.lane,
            to: t,
            row,
            message,
            id: e.id,
            duplicate: true,
            labelled: firstOf(orig.lane, row, message, true),
          });
        }
        break;
      }
      case 'receive': {
        const c = copyFor(e, true);
        if (c) c.fate = { kind: 'receive', row, ...(e.note ? { note: e.note } : {}) };
        else mark(e);
        break;
      }
      case 'drop': {
        const c = copyFor(e, false);
        if (c) c.fate = { kind: 'drop', row, ...(e.note ? { note: e.note } : {}) };
        else mark(e);
        break;
      }
      case 'crash': {
        const l = crashes.get(e.lane) ?? [];
        l.push({ from: row });
        crashes.set(e.lane, l);
        mark(e);
        break;
      }
      case 'recover': {
        const open = crashes.get(e.lane)?.find((c) => c.to === undefined);
        if (open) open.to = row;
        mark(e);
        break;
      }
      default:
        mark(e);
    }
  }

  // Every text, then where each goes.
  const text = (
    row: number,
    x0: number,
    anchor: 'start' | 'end',
    dy: number,
    s: string,
    fill: string,
    order: number,
    size = 11,
    bold = false,
  ): Label => ({ row, x: x0, anchor, dy, text: s, size, bold, fill, order });
  const labels: Label[] = [];
  const stepLabels = steps.map((s, i) => text(i, gutter - 8, 'end', 4, String(s), GREY, 0));
  labels.push(...stepLabels);
  for (const m of marks) labels.push(...m.labels);
  const messageLabels = copies.map((c) => {
    const x1 = X(c.from);
    const dir = X(c.to) >= x1 ? 1 : -1;
    const label = clip((c.duplicate ? 'dup ' : '') + c.message, noteChars + 4);
    const send =
      c.labelled && label
        ? text(c.row, x1 + dir * 6, dir > 0 ? 'start' : 'end', -4, label, BLUE, 2)
        : undefined;
    let fate: Label | undefined;
    if (c.fate?.kind === 'receive' && c.fate.note)
      fate = text(
        c.fate.row,
        X(c.to) + 6,
        'start',
        13,
        clip(c.fate.note, noteChars),
        '#444',
        3,
        10,
      );
    else if (c.fate?.kind === 'drop') {
      const xm = x1 + (X(c.to) - x1) * 0.6;
      fate = text(c.fate.row, xm + dir * 8, dir > 0 ? 'start' : 'end', 4, 'lost', RED, 4, 10);
    }
    for (const l of [send, fate]) if (l) labels.push(l);
    return { send, fate };
  });
  const firstY = top + 14;
  const { Y, boxes } = placeLabels(labels, rows, firstY, rowH);
  const lowest = Math.max(firstY, ...boxes.map((b) => b.y1));
  const lastY = Y[rows - 1] ?? firstY;
  const bottom = Math.max(lastY + rowH - 6, lowest + 8);
  const height = Math.ceil(bottom + 18);
  const width = Math.ceil(
    Math.max(gutter + d.lanes.length * laneW + 8, ...boxes.map((b) => b.x1 + 10)),
  );

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="wb-seq" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="11">`,
  );
  out.push(`<title>${x(d.title ?? 'sequence diagram')}</title>`);
  out.push(
    `<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${BLUE}"/></marker>` +
      `<marker id="${id}-open" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10" fill="none" stroke="${GREY}"/></marker></defs>`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#fff" rx="4"/>`);

  // Lanes: a header box and a vertical line, dashed red while crashed.
  for (const lane of d.lanes) {
    const cx = X(lane);
    out.push(`<g class="wb-lane" data-lane="${x(lane)}">`);
    out.push(
      `<rect x="${cx - laneW / 2 + 8}" y="10" width="${laneW - 16}" height="24" rx="4" fill="#eef2f8" stroke="#9fb1cc"/>`,
    );
    out.push(
      `<text x="${cx}" y="26" text-anchor="middle" font-weight="600" fill="#1b2a41">${x(clip(lane, noteChars))}</text>`,
    );
    const down = (crashes.get(lane) ?? []).map((c) => ({
      a: Y[c.from]!,
      b: c.to === undefined ? bottom : Y[c.to]!,
    }));
    let y = 34;
    for (const seg of down) {
      if (seg.a > y)
        out.push(`<line x1="${cx}" y1="${y}" x2="${cx}" y2="${seg.a}" stroke="#b5bfcc"/>`);
      out.push(
        `<line class="wb-down" x1="${cx}" y1="${seg.a}" x2="${cx}" y2="${seg.b}" stroke="${RED}" stroke-dasharray="3 4"/>`,
      );
      y = seg.b;
    }
    if (y < bottom)
      out.push(`<line x1="${cx}" y1="${y}" x2="${cx}" y2="${bottom}" stroke="#b5bfcc"/>`);
    out.push('</g>');
  }

  // Step numbers in the gutter.
  for (const l of stepLabels)
    out.push(
      `<text class="wb-step" x="${l.x}" y="${r1(Y[l.row]! + (l.placed ?? l.dy))}" text-anchor="end" fill="${GREY}">${x(l.text)}</text>`,
    );

  // Messages: the arrows first, then their labels over them.
  const over: string[] = [];
  copies.forEach((c, i) => {
    const x1 = X(c.from);
    const y1 = Y[c.row]!;
    const x2 = X(c.to);
    const dir = x2 >= x1 ? 1 : -1;
    const label = (c.duplicate ? 'dup ' : '') + c.message;
    const { send, fate } = messageLabels[i]!;
    const texts = [send, fate]
      .filter((l): l is Label => l !== undefined)
      .map((l) => labelSvg(l, Y))
      .join('');
    if (c.fate?.kind === 'receive') {
      const y2 = Y[c.fate.row]!;
      const self = c.from === c.to;
      const path = self
        ? `M${x1},${y1} C${x1 + 40},${y1} ${x1 + 40},${Math.max(y2, y1 + 14)} ${x1 + 2},${Math.max(y2, y1 + 14)}`
        : `M${x1},${y1} L${x2 - dir * 2},${y2}`;
      out.push(
        `<g class="wb-msg wb-received"><title>${x(`${label}: ${c.from} -> ${c.to}`)}</title><path d="${path}" fill="none" stroke="${BLUE}" stroke-width="1.4"${c.duplicate ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#${id}-arrow)"/>`,
      );
    } else if (c.fate?.kind === 'drop') {
      const y2 = Y[c.fate.row]!;
      const xm = x1 + (x2 - x1) * 0.6;
      const ym = c.fate.row === c.row ? y1 : y2;
      out.push(
        `<g class="wb-msg wb-lost"><title>${x(`${label}: ${c.from} -> ${c.to}, lost`)}</title><path d="M${x1},${y1} L${r1(xm)},${ym}" fill="none" stroke="${RED}" stroke-width="1.4" stroke-dasharray="5 3"/>` +
          `<path d="M${r1(xm - 5)},${ym - 5} L${r1(xm + 5)},${ym + 5} M${r1(xm - 5)},${ym + 5} L${r1(xm + 5)},${ym - 5}" stroke="${RED}" stroke-width="2"/>`,
      );
    } else {
      const xm = x1 + (x2 - x1) * 0.5;
      const ym = bottom - 4;
      out.push(
        `<g class="wb-msg wb-inflight"><title>${x(`${label}: ${c.from} -> ${c.to}, still in flight`)}</title><path d="M${x1},${y1} L${r1(xm)},${ym}" fill="none" stroke="${GREY}" stroke-dasharray="2 3" marker-end="url(#${id}-open)"/>`,
      );
    }
    out.push('</g>');
    if (texts) over.push(`<g class="wb-label">${texts}</g>`);
  });
  for (const m of marks)
    out.push(
      `<g class="${m.cls}">${m.title}${m.glyph(X(m.lane), Y[m.row]!)}${m.labels.map((l) => labelSvg(l, Y)).join('')}</g>`,
    );
  out.push(...over);
  out.push('</svg>');
  return out.join('');
}

/** A mark on one lane for an event that is not one end of an arrow. */
function pointMark(e: SequenceEvent, row: number, cx: number, noteChars: number): Mark {
  const note = e.note ? ` ${e.note}` : '';
  const label = (
    s: string,
    fill: string,
    o: { dx?: number; dy?: number; size?: number; bold?: boolean; boxed?: Label['boxed'] } = {},
  ): Label => ({
    row,
    x: cx + (o.dx ?? 9),
    anchor: 'start',
    dy: o.dy ?? 4,
    text: clip(s, noteChars + 4),
    size: o.size ?? 11,
    bold: o.bold ?? false,
    fill,
    order: 1,
    ...(o.boxed ? { boxed: o.boxed } : {}),
  });
  const title = `<title>${x(`step ${e.step}, ${e.lane}: ${e.kind}${e.message ? ` ${e.message}` : ''}${note}`)}</title>`;
  const base = { row, title, lane: e.lane };
  const cross = (cx: number, cy: number, r: number, w: number) =>
    `<path d="M${cx - r},${cy - r} L${cx + r},${cy + r} M${cx - r},${cy + r} L${cx + r},${cy - r}" stroke="${RED}" stroke-width="${w}"/>`;
  switch (e.kind) {
    case 'crash':
      return {
        ...base,
        cls: 'wb-crash',
        glyph: (x0, y0) => cross(x0, y0, 6, 3),
        labels: [label(`crash${note}`, RED, { bold: true })],
      };
    case 'recover':
      return {
        ...base,
        cls: 'wb-recover',
        glyph: (x0, y0) => `<circle cx="${x0}" cy="${y0}" r="5" fill="${GREEN}"/>`,
        labels: [label(`recover${note}`, GREEN, { bold: true })],
      };
    case 'external': {
      const boxed = { fill: '#fff3cd', stroke: '#b8860b' };
      const ls = [label(e.message ?? e.note ?? '', '#5c4300', { dx: 2, bold: true, boxed })];
      if (e.message && e.note)
        ls.push({
          ...label(e.note, '#444', { dx: 2, dy: 20, size: 10 }),
          text: clip(e.note, noteChars),
        });
      return { ...base, cls: 'wb-external', glyph: () => '', labels: ls };
    }
    case 'drop':
      return {
        ...base,
        cls: 'wb-lost',
        glyph: (x0, y0) => cross(x0, y0, 5, 2),
        labels: [label(`lost ${e.message ?? ''}${note}`, RED)],
      };
    case 'timer':
      // A clock face (a ring and two hands), its text below it: a timer's step often also sends.
      return {
        ...base,
        cls: 'wb-timer',
        glyph: (x0, y0) =>
          `<circle cx="${x0}" cy="${y0}" r="6" fill="#fff" stroke="${PURPLE}" stroke-width="1.5"/><path d="M${x0},${y0 - 4} L${x0},${y0} L${x0 + 3},${y0 + 1}" fill="none" stroke="${PURPLE}" stroke-width="1.3" stroke-linecap="round"/>`,
        labels: [label(`${e.message ?? 'timer'}${note}`, PURPLE, { dy: 16, size: 10 })],
      };
    case 'receive':
      return {
        ...base,
        cls: 'wb-msg wb-received',
        glyph: (x0, y0) =>
          `<path d="M${x0 - 28},${y0} L${x0 - 2},${y0}" stroke="${BLUE}" stroke-width="1.4"/><circle cx="${x0}" cy="${y0}" r="3" fill="${BLUE}"/>`,
        labels: [label(`${e.message ?? ''}${note}`, BLUE)],
      };
    default: {
      const s = `${e.message ?? ''}${note}`.trim();
      return {
        ...base,
        cls: `wb-${e.kind}`,
        glyph: (x0, y0) => `<circle cx="${x0}" cy="${y0}" r="4" fill="#555"/>`,
        labels: s ? [label(s, '#333')] : [],
      };
    }
  }
}
