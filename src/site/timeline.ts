/**
 * Draw a {@link TimelineSpec} as SVG: real time across, one column per tick
 * (numbered at the top), and one lane per process below, each with its
 * clock's reading over each stretch of time (small numbers), its intervals
 * as bars (stacked where they overlap), and its marks as glyphs on the
 * lane's line with their labels below; arrows for messages between lanes,
 * bands across every lane (in red, labelled above the lanes), and a key.
 *
 * Every text has a place of its own: a row of the axis, of the bands'
 * labels, of a lane's clock, inside a bar (only if it fits there and no
 * mark sits on it), of a lane's labels (packed into as many rows as it
 * takes), or of the key; {@link textWidth} measures them as DejaVu Sans
 * sets them, so none is drawn over another or past the edge.
 *
 * Pure string building with no Node or DOM imports, like the sequence
 * diagrams and the plots.
 *
 * @module
 */
import type {
  TimelineLegendEntry,
  TimelineMark,
  TimelineSpec,
  TimelineStyle,
} from '../chapters/chapter';
import { escapeXml as x } from './escape';
import { textWidth } from './textWidth';

/** How to draw a timeline. */
export interface TimelineSvgOptions {
  /** Prefix for the ids inside the SVG, so that several timelines can share a page. */
  readonly idPrefix?: string;
  /**
   * The width to fit, in pixels: the columns share it, each between 40 and
   * 110 pixels wide (a long run is wider, and the page scales it down).
   *
   * @defaultValue 760, the chapter column
   */
  readonly width?: number;
}

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const RED = '#c0392b';
const GREEN = '#2e7d32';
const PURPLE = '#6a3d9a';
const GREY = '#6b7280';
const INK = '#1b2a41';
/** Group colours, in order of first use; red is the bands'. */
const COLORS = ['#1f4e8c', '#1b7a5a', '#8e5b00', '#6a3d9a', '#0e6f8a', '#7a3b52'];

/** Text sizes. */
const SMALL = 10;
const CLOCK = 9.5;

const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Check a timeline: a whole number of ticks, lanes with distinct names,
 * and every time inside 0..end.
 *
 * @param t - the timeline
 * @throws Error naming the first thing out of place and what is accepted (one line)
 */
export function validateTimeline(t: TimelineSpec): void {
  const what = `timeline '${t.title}'`;
  if (!(Number.isInteger(t.end) && t.end >= 1))
    throw new Error(`${what}: end must be a whole number of ticks from 1, got ${t.end}`);
  if (!t.lanes.length) throw new Error(`${what}: no lanes (give at least one)`);
  const names = t.lanes.map((l) => l.name);
  if (new Set(names).size !== names.length)
    throw new Error(`${what}: lane names repeat (${names.join(', ')})`);
  const inside = (v: number) => Number.isFinite(v) && v >= 0 && v <= t.end;
  const span = (where: string, from: number, to: number) => {
    if (!inside(from) || !inside(to) || from > to)
      throw new Error(
        `${what}: ${where} runs from ${from} to ${to}; times must be within 0..${t.end}, from before to`,
      );
  };
  for (const l of t.lanes) {
    for (const c of l.clock ?? [])
      span(`lane ${l.name}'s clock reading ${c.reading}`, c.from, c.to);
    for (const i of l.intervals) span(`lane ${l.name}'s interval '${i.label}'`, i.from, i.to);
    for (const m of l.marks)
      if (!inside(m.at))
        throw new Error(
          `${what}: lane ${l.name}'s mark '${m.label}' is at ${m.at}; times must be within 0..${t.end}`,
        );
  }
  for (const b of t.bands ?? []) span(`the band '${b.label}'`, b.from, b.to);
  for (const a of t.arrows ?? []) {
    for (const lane of [a.fromLane, a.toLane])
      if (!names.includes(lane))
        throw new Error(
          `${what}: an arrow names lane '${lane}', which is not one of ${names.join(', ')}`,
        );
    span(`the arrow from ${a.fromLane} to ${a.toLane}`, a.from, a.to);
  }
}

/** A text of the drawing, placed. */
interface Text {
  readonly x: number;
  readonly y: number;
  readonly s: string;
  readonly size: number;
  readonly bold?: boolean;
  readonly fill: string;
  readonly anchor?: 'start' | 'middle' | 'end';
  /** A white halo keeps it legible over lines. */
  readonly halo?: boolean;
  readonly cls?: string;
  /** Pieces in colours of their own, making up `s`. */
  readonly parts?: readonly Part[];
}

/** A piece of a text in a colour of its own. */
interface Part {
  readonly s: string;
  readonly fill: string;
  readonly bold: boolean;
}

function textSvg(t: Text): string {
  const anchor = t.anchor && t.anchor !== 'start' ? ` text-anchor="${t.anchor}"` : '';
  const font = `${t.size === 11 ? '' : ` font-size="${t.size}"`}${t.bold ? ' font-weight="600"' : ''}`;
  const halo = t.halo
    ? ' stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
    : '';
  const cls = t.cls ? ` class="${t.cls}"` : '';
  const body = t.parts
    ? t.parts
        .map(
          (p) =>
            `<tspan${p.fill === t.fill ? '' : ` fill="${p.fill}"`}${p.bold ? ' font-weight="600"' : ''}>${x(p.s)}</tspan>`,
        )
        .join('')
    : x(t.s);
  return `<text${cls} x="${r1(t.x)}" y="${r1(t.y)}"${anchor} fill="${t.fill}"${font}${halo}>${body}</text>`;
}

/** The text, shortened with an ellipsis until it is at most `max` pixels wide. */
function fitWidth(s: string, size: number, bold: boolean, max: number): string {
  if (textWidth(s, size, bold) <= max) return s;
  const chars = [...s];
  for (let n = chars.length - 1; n > 0; n--) {
    const c = `${chars.slice(0, n).join('')}…`;
    if (textWidth(c, size, bold) <= max) return c;
  }
  return '…';
}

/** The text in lines at most `max` pixels wide, broken between words; at most `lines` of them, the last shortened if need be. */
function wrap(s: string, size: number, bold: boolean, max: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of s.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > max) {
      out.push(line);
      line = word;
    } else line = next;
  }
  out.push(line);
  if (out.length > lines) out.splice(lines - 1, out.length, out.slice(lines - 1).join(' '));
  return out.map((l) => fitWidth(l, size, bold, max));
}

/**
 * Pack spans into rows: each goes into the first row where it overlaps
 * nothing already there (with `gap` between), a new row if none.
 *
 * @returns each span's row, in the order given, and how many rows
 */
function pack(
  spans: readonly { readonly x0: number; readonly x1: number }[],
  gap: number,
): { readonly row: number[]; readonly rows: number } {
  const rows: { x0: number; x1: number }[][] = [];
  const row = spans.map((s) => {
    let r = rows.findIndex((taken) => taken.every((o) => s.x1 + gap <= o.x0 || o.x1 + gap <= s.x0));
    if (r < 0) {
      r = rows.length;
      rows.push([]);
    }
    rows[r]!.push(s);
    return r;
  });
  return { row, rows: rows.length };
}

/** A label in a lane's rows of labels: where it goes across, and how it is drawn. */
interface LaneLabel {
  readonly x0: number;
  readonly x1: number;
  readonly s: string;
  readonly fill: string;
  readonly bold: boolean;
  readonly cls: string;
  readonly parts?: readonly Part[];
}

/** Marks within this many pixels of the first of them share one label (their labels in order, joined by commas). */
const CLUSTER = 30;

/**
 * Where a label of width w fits inside a bar from x0 to x1 with no mark
 * on it: at the bar's start, or just after one of the marks on the bar.
 */
function freeSpot(x0: number, x1: number, w: number, marks: readonly number[]): number | undefined {
  const starts = [x0 + 4, ...marks.filter((m) => m > x0 && m < x1).map((m) => m + 8)];
  return starts.find((a) => a + w <= x1 - 4 && !marks.some((m) => m > a - 8 && m < a + w + 8));
}

const MARK_FILL: Record<TimelineMark['kind'], string> = {
  event: '#333',
  external: '#6b4f00',
  crash: RED,
  recover: GREEN,
  fault: PURPLE,
};

function markGlyph(kind: TimelineMark['kind'], cx: number, cy: number): string {
  const c = `${r1(cx)}`;
  switch (kind) {
    case 'event':
      return `<circle cx="${c}" cy="${cy}" r="3.5" fill="#333" stroke="#fff"/>`;
    case 'external':
      return `<path d="M${r1(cx)},${cy - 5.5} L${r1(cx + 5.5)},${cy} L${r1(cx)},${cy + 5.5} L${r1(cx - 5.5)},${cy} z" fill="#f2c14e" stroke="#6b4f00"/>`;
    case 'crash':
      return `<path d="M${r1(cx - 5)},${cy - 5} L${r1(cx + 5)},${cy + 5} M${r1(cx - 5)},${cy + 5} L${r1(cx + 5)},${cy - 5}" stroke="${RED}" stroke-width="2.5"/>`;
    case 'recover':
      return `<circle cx="${c}" cy="${cy}" r="4.5" fill="${GREEN}" stroke="#fff"/>`;
    case 'fault':
      return `<circle cx="${c}" cy="${cy}" r="4" fill="#fff" stroke="${PURPLE}" stroke-width="2"/>`;
  }
}

/** A bar of an interval, without its label. */
function barSvg(style: TimelineStyle, color: string, x0: number, y: number, w: number, h: number) {
  const at = `x="${r1(x0)}" y="${y}" width="${r1(Math.max(w, 2))}" height="${h}" rx="2"`;
  switch (style) {
    case 'solid':
      return `<rect ${at} fill="${color}"/>`;
    case 'light':
      return `<rect ${at} fill="${color}" fill-opacity="0.22" stroke="${color}" stroke-opacity="0.35"/>`;
    case 'outline':
      return `<rect ${at} fill="${color}" fill-opacity="0.08" stroke="${color}" stroke-width="1.3"/>`;
    case 'down':
      return `<rect ${at} fill="none" stroke="${RED}" stroke-dasharray="3 3"/>`;
  }
}

const LABEL_INK: Record<TimelineStyle, (color: string) => string> = {
  solid: () => '#fff',
  light: (c) => c,
  outline: (c) => c,
  down: () => RED,
};

/**
 * Draw the timeline.
 *
 * @param t - the timeline (see {@link TimelineSpec})
 * @param o - ids and the width to fit
 * @returns a standalone SVG fragment (`<svg ...>...</svg>`)
 * @throws Error if a time is outside 0..end, a lane name repeats or an arrow names no lane
 */
export function timelineSvg(t: TimelineSpec, o: TimelineSvgOptions = {}): string {
  validateTimeline(t);
  const id = (o.idPrefix ?? 'timeline').replace(/[^A-Za-z0-9_-]/g, '-');
  const gutter = Math.ceil(
    8 +
      Math.max(
        textWidth('real time', SMALL),
        textWidth('clock', 9),
        ...t.lanes.map((l) => textWidth(l.name, 11, true)),
      ) +
      10,
  );
  const right = 14;
  const colW = Math.max(40, Math.min(110, ((o.width ?? 760) - gutter - right) / t.end));
  const X = (v: number) => gutter + v * colW;
  const plotR = X(t.end);
  const W = Math.ceil(plotR + right);
  const left = gutter + 1;
  const clampX = (x0: number, w: number) => Math.max(left, Math.min(x0, W - 3 - w));

  const groups = new Map<string, string>();
  const colorOf = (g: string | undefined) => {
    const k = g ?? '';
    if (!groups.has(k)) groups.set(k, COLORS[groups.size % COLORS.length]!);
    return groups.get(k)!;
  };
  for (const l of t.lanes) for (const i of l.intervals) colorOf(i.group);

  const texts: Text[] = [];
  const back: string[] = [];
  const front: string[] = [];

  // The title and the axis.
  const title = wrap(t.title, 13, true, W - 16, 3);
  for (const [i, line] of title.entries())
    texts.push({
      x: 8,
      y: 20 + i * 17,
      s: line,
      size: 13,
      bold: true,
      fill: INK,
      cls: 'wb-tl-title',
    });
  const axisY = 40 + (title.length - 1) * 17;
  texts.push({
    x: gutter - 8,
    y: axisY,
    s: 'real time',
    size: SMALL,
    fill: GREY,
    anchor: 'end',
  });
  for (let k = 0; k < t.end; k++)
    texts.push({
      x: X(k + 0.5),
      y: axisY,
      s: String(k),
      size: SMALL,
      fill: '#444',
      anchor: 'middle',
    });

  // The bands' labels, packed into rows above the lanes.
  const bands = t.bands ?? [];
  const bandLabels = bands.map((b) => {
    const s = fitWidth(b.label, SMALL, true, plotR - left);
    const w = textWidth(s, SMALL, true);
    const x0 = clampX((X(b.from) + X(b.to)) / 2 - w / 2, w);
    return { s, x0, x1: x0 + w };
  });
  const bandRows = pack(bandLabels, 8);
  const bandTop = axisY + 6;
  for (const [i, b] of bandLabels.entries())
    texts.push({
      x: b.x0,
      y: bandTop + bandRows.row[i]! * 14 + 10,
      s: b.s,
      size: SMALL,
      bold: true,
      fill: RED,
      cls: 'wb-tl-band-label',
    });

  // The lanes, top to bottom.
  const lanesTop = bandTop + bandRows.rows * 14 + 6;
  const lineY = new Map<string, number>();
  let y = lanesTop;
  const laneSvgs: string[] = [];
  t.lanes.forEach((lane, li) => {
    const out: string[] = [];
    const top = y;
    const hasClock = (lane.clock ?? []).length > 0;
    const barsTop = top + (hasClock ? 18 : 6);
    const ivs = [...lane.intervals].sort((a, b) => a.from - b.from);
    const sub = pack(
      ivs.map((i) => ({ x0: X(i.from), x1: X(i.to) })),
      -0.01,
    );
    const barH = 14;
    const subH = 18;
    const line = barsTop + barH / 2;
    lineY.set(lane.name, line);
    const labelsTop = barsTop + Math.max(1, sub.rows) * subH + 2;

    // The labels: marks', and intervals' that do not fit inside their bars.
    const markXs = lane.marks.map((m) => X(m.at));
    const labels: LaneLabel[] = [];
    const bars: string[] = [];
    ivs.forEach((iv, k) => {
      const color = colorOf(iv.group);
      const x0 = X(iv.from);
      const x1 = X(iv.to);
      const by = barsTop + sub.row[k]! * subH;
      bars.push(
        `<g class="wb-tl-interval wb-tl-${iv.style}" data-from="${iv.from}" data-to="${iv.to}"><title>${x(`${lane.name}: ${iv.label}${iv.open ? ' (goes on past the end)' : ''}`)}</title>${barSvg(iv.style, color, x0, by, x1 - x0, barH)}` +
          (iv.open
            ? `<path d="M${r1(x1 + 2)},${by + 2} L${r1(x1 + 8)},${by + barH / 2} L${r1(x1 + 2)},${by + barH - 2} z" fill="${iv.style === 'down' ? RED : color}"/>`
            : '') +
          '</g>',
      );
      if (!iv.label) return;
      const w = textWidth(iv.label, SMALL);
      // The marks sit on the first row's bars.
      const lx0 = freeSpot(x0, x1, w, sub.row[k] === 0 ? markXs : []);
      if (lx0 !== undefined)
        texts.push({
          x: lx0,
          y: by + 10.5,
          s: iv.label,
          size: SMALL,
          fill: LABEL_INK[iv.style](color),
          cls: 'wb-tl-interval-label',
        });
      else {
        const s = fitWidth(iv.label, SMALL, false, plotR - left);
        const sw = textWidth(s, SMALL);
        const at = clampX(x0, sw);
        labels.push({
          x0: at,
          x1: at + sw,
          s,
          fill: LABEL_INK[iv.style === 'solid' ? 'light' : iv.style](color),
          bold: false,
          cls: 'wb-tl-interval-label',
        });
      }
    });
    const byX = lane.marks.map((_, k) => k).sort((a, b) => markXs[a]! - markXs[b]!);
    const clusters: number[][] = [];
    for (const k of byX) {
      const last = clusters.at(-1);
      if (last && markXs[k]! - markXs[last[0]!]! < CLUSTER) last.push(k);
      else clusters.push([k]);
    }
    for (const c of clusters) {
      const parts: Part[] = c.flatMap((k, j) => {
        const m = lane.marks[k]!;
        const p = { s: m.label, fill: MARK_FILL[m.kind], bold: m.kind === 'crash' };
        return j === 0 ? [p] : [{ s: ', ', fill: '#333', bold: false }, p];
      });
      const joined = parts.map((p) => p.s).join('');
      const w = parts.reduce((a, p) => a + textWidth(p.s, SMALL, p.bold), 0);
      const fits = w <= plotR - left;
      const s = fits ? joined : fitWidth(joined, SMALL, false, plotR - left);
      const sw = fits ? w : textWidth(s, SMALL);
      const mid = (markXs[c[0]!]! + markXs[c.at(-1)!]!) / 2;
      const at = clampX(mid - sw / 2, sw);
      labels.push({
        x0: at,
        x1: at + sw,
        s,
        fill: parts[0]!.fill,
        bold: c.length === 1 && parts[0]!.bold,
        cls: 'wb-tl-mark-label',
        ...(fits && parts.length > 1 ? { parts } : {}),
      });
    }
    const order = labels.map((_, i) => i).sort((a, b) => labels[a]!.x0 - labels[b]!.x0);
    const packed = pack(
      order.map((i) => labels[i]!),
      6,
    );
    order.forEach((i, k) => {
      const l = labels[i]!;
      texts.push({
        x: l.x0,
        y: labelsTop + packed.row[k]! * 13 + 10,
        s: l.s,
        size: SMALL,
        bold: l.bold,
        fill: l.fill,
        halo: true,
        cls: l.cls,
        ...(l.parts ? { parts: l.parts } : {}),
      });
    });
    const bottom = labelsTop + packed.rows * 13 + 6;

    // The lane: its band of background, its name, its clock, its line, its bars and marks.
    if (li % 2 === 1)
      back.push(`<rect x="0" y="${top}" width="${W}" height="${bottom - top}" fill="#f7f9fc"/>`);
    out.push(`<g class="wb-tl-lane" data-lane="${x(lane.name)}">`);
    out.push(`<line x1="0" y1="${top}" x2="${W}" y2="${top}" stroke="#d0d7de"/>`);
    texts.push({
      x: 8,
      y: line + 4,
      s: lane.name,
      size: 11,
      bold: true,
      fill: INK,
      cls: 'wb-tl-lane-name',
    });
    if (hasClock) {
      texts.push({ x: gutter - 8, y: top + 13, s: 'clock', size: 9, fill: GREY, anchor: 'end' });
      for (const c of lane.clock ?? []) {
        const s = String(c.reading);
        if (textWidth(s, CLOCK) + 3 > X(c.to) - X(c.from)) continue;
        texts.push({
          x: (X(c.from) + X(c.to)) / 2,
          y: top + 13,
          s,
          size: CLOCK,
          fill: GREY,
          anchor: 'middle',
          cls: 'wb-tl-clock',
        });
      }
    }
    out.push(`<line x1="${X(0)}" y1="${line}" x2="${r1(plotR)}" y2="${line}" stroke="#b5bfcc"/>`);
    out.push(...bars);
    for (const [k, m] of lane.marks.entries())
      front.push(
        `<g class="wb-tl-mark wb-tl-${m.kind}"><title>${x(`${lane.name}: ${m.label}`)}</title>${markGlyph(m.kind, markXs[k]!, line)}</g>`,
      );
    out.push('</g>');
    laneSvgs.push(out.join(''));
    y = bottom;
  });
  const lanesBottom = y;

  // The key.
  const legend = t.legend ?? [];
  const entries = legend.map((e) => {
    const s = fitWidth(e.label, SMALL, false, W - 16 - 24);
    return { e, s, w: 24 + textWidth(s, SMALL) };
  });
  const legendTop = lanesBottom + 8;
  let lx = 8;
  let row = 0;
  const legendSvg: string[] = [];
  for (const { e, s, w } of entries) {
    if (lx > 8 && lx + w > W - 8) {
      lx = 8;
      row++;
    }
    const ly = legendTop + row * 16;
    legendSvg.push(swatch(e, lx, ly + 2, texts));
    texts.push({ x: lx + 24, y: ly + 11, s, size: SMALL, fill: '#333', cls: 'wb-tl-legend' });
    lx += w + 16;
  }
  const H = Math.ceil(legend.length ? legendTop + (row + 1) * 16 + 6 : lanesBottom + 8);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="wb-timeline" role="img" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" font-size="11">`,
    `<title>${x(t.title)}</title>`,
    `<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5a6b85"/></marker>` +
      `<marker id="${id}-open" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10" fill="none" stroke="#5a6b85" stroke-width="1.5"/></marker></defs>`,
    `<rect width="${W}" height="${H}" fill="#fff" rx="4"/>`,
    ...back,
  ];
  // The ticks' grid.
  for (let k = 0; k <= t.end; k++)
    out.push(
      `<line x1="${r1(X(k))}" y1="${axisY + 5}" x2="${r1(X(k))}" y2="${lanesBottom}" stroke="#e3e7ee"/>`,
    );
  for (const b of bands) {
    const x0 = X(b.from);
    const w = Math.max(3, X(b.to) - x0);
    out.push(
      `<g class="wb-tl-band" data-from="${b.from}" data-to="${b.to}"><title>${x(b.label)}</title><rect x="${r1(x0)}" y="${lanesTop}" width="${r1(w)}" height="${lanesBottom - lanesTop}" fill="${RED}" fill-opacity="0.13"/>` +
        `<path d="M${r1(x0)},${bandTop} L${r1(x0)},${lanesBottom} M${r1(x0 + w)},${bandTop} L${r1(x0 + w)},${lanesBottom}" stroke="${RED}" stroke-dasharray="3 3"/></g>`,
    );
  }
  out.push(...laneSvgs);
  for (const a of t.arrows ?? []) {
    const x1 = X(a.from);
    const y1 = lineY.get(a.fromLane)!;
    const x2 = X(a.to);
    const y2 = lineY.get(a.toLane)!;
    const dy = y2 > y1 ? -5 : 5;
    out.push(
      `<path class="wb-tl-arrow${a.open ? ' wb-tl-open' : ''}" d="M${r1(x1)},${y1 - dy} L${r1(x2)},${y2 + dy}" fill="none" stroke="#5a6b85" stroke-width="1.2"${a.open ? ' stroke-dasharray="3 3"' : ''} marker-end="url(#${id}-${a.open ? 'open' : 'arrow'})"/>`,
    );
  }
  out.push(...front, ...legendSvg, ...texts.map(textSvg), '</svg>');
  return out.join('');
}

/** A key's swatch, 18 by 10 pixels at (x0, y0); a clock's is a reading, added to the texts. */
function swatch(e: TimelineLegendEntry, x0: number, y0: number, texts: Text[]): string {
  const c = COLORS[0]!;
  switch (e.swatch) {
    case 'band':
      return `<rect x="${x0}" y="${y0}" width="18" height="10" fill="${RED}" fill-opacity="0.13" stroke="${RED}" stroke-dasharray="3 3"/>`;
    case 'clock':
      texts.push({ x: x0 + 9, y: y0 + 9, s: '5', size: CLOCK, fill: GREY, anchor: 'middle' });
      return '';
    default:
      return barSvg(e.swatch, c, x0, y0, 18, 10);
  }
}
