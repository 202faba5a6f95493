/**
 * Draw a concurrent history as SVG: time across, one lane per client, each
 * operation a bar from its call to its return labelled with what it did
 * (`write(3)`, `read → 3`); an operation of unknown outcome runs on to the
 * right edge, dashed. For a history that is not linearizable the figure is
 * the failing window ({@link LinearizabilityFailure}): the culprit in red,
 * the operations concurrent with it in amber, each client's last operation
 * before it in blue, and a red line at the culprit's return, before which
 * the history is linearizable.
 *
 * Pure string building with no Node or DOM imports, like the plots.
 *
 * @module
 */
import type {
  LinearizabilityFailure,
  LinearizabilityResult,
  Operation,
  SequentialSpec,
} from '../index';
import { showOperation } from '../index';
import { clip, escapeXml as x } from './escape';
import { textWidth } from './textWidth';

/** How an operation is highlighted in a {@link HistoryFigure}. */
export type HistoryMark = 'culprit' | 'concurrent' | 'before' | 'other';

/** One operation of a {@link HistoryFigure}: a bar in its client's lane. */
export interface HistoryBar {
  /** The operation's index in the history (`data-op` of its bar). */
  readonly op: number;
  /** Its client: the lane. */
  readonly client: string;
  /** When it was called. */
  readonly call: number;
  /** When it returned; `null` if its outcome is unknown (the bar runs to the right edge). */
  readonly ret: number | null;
  /** What it did, as the spec shows it. */
  readonly label: string;
  /** How it is highlighted. */
  readonly mark: HistoryMark;
}

/** What {@link historySvg} draws: a history's operations over a stretch of time. */
export interface HistoryFigure {
  /** The title above it. */
  readonly title: string;
  /** The operations. */
  readonly bars: readonly HistoryBar[];
  /** The time at the left edge. */
  readonly from: number;
  /** The time at the right edge. */
  readonly to: number;
  /** A time to mark with a red line across the lanes, and its label. */
  readonly line?: { readonly at: number; readonly label: string };
  /** What the times are (the axis label): `line of the log`, `ms`. */
  readonly timeLabel: string;
  /** A line under the figure (the culprit, whole, which its bar has no room for). */
  readonly caption?: string;
}

/** How to draw a history. */
export interface HistorySvgOptions {
  /**
   * The width in pixels.
   *
   * @defaultValue 760, the chapter column
   */
  readonly width?: number;
}

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
const SIZE = 10;
const BAR = 18;
const ROW = 24;
const FILL: Record<HistoryMark, { fill: string; stroke: string; ink: string }> = {
  culprit: { fill: '#c0392b', stroke: '#8e2a1f', ink: '#fff' },
  concurrent: { fill: '#f6c453', stroke: '#a77a00', ink: '#1b2a41' },
  before: { fill: '#b9d7f0', stroke: '#1f4e8c', ink: '#1b2a41' },
  other: { fill: '#eceff3', stroke: '#9aa3ae', ink: '#1b2a41' },
};
const LEGEND: readonly [HistoryMark | 'unknown', string][] = [
  ['culprit', 'its return cannot be linearized'],
  ['concurrent', 'concurrent with it'],
  ['before', "each client's last before it"],
  ['other', 'other operations'],
  ['unknown', 'outcome unknown'],
];

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Compare clients so that numbers sort numerically. */
const byClient = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * The figure of a checked history: its failing window when it is not
 * linearizable, else the whole of it.
 *
 * @param spec - the spec (to show the operations)
 * @param history - the operations
 * @param result - what {@link linearizable} found
 * @param options - the title, and what the times are
 * @returns the figure, for {@link historySvg}
 */
export function historyFigure<S, I>(
  spec: Pick<SequentialSpec<S, I>, 'showOp'>,
  history: readonly Operation<I>[],
  result: LinearizabilityResult<S>,
  options: { readonly title?: string; readonly timeLabel?: string } = {},
): HistoryFigure {
  const f: LinearizabilityFailure<S> | undefined = result.failure;
  const bar = (i: number, mark: HistoryMark): HistoryBar => {
    const o = history[i]!;
    return {
      op: i,
      client: String(o.client),
      call: o.call,
      ret: o.ret,
      label: showOperation(spec, o),
      mark,
    };
  };
  const timeLabel = options.timeLabel ?? 'time';
  if (!f) {
    const bars = history.map((_, i) => bar(i, 'other'));
    const times = history.flatMap((o) => (o.ret === null ? [o.call] : [o.call, o.ret]));
    const from = times.length ? Math.min(...times) : 0;
    const last = times.length ? Math.max(...times) : 1;
    return {
      title: options.title ?? `${result.spec}: ${result.verdict}`,
      bars,
      from,
      to: last > from ? last : from + 1,
      timeLabel,
    };
  }
  // The window: from the earliest call among its operations to the culprit's return.
  const inPart = new Set(result.parts.find((p) => p.key === f.key)?.operations ?? []);
  const concurrent = new Set(f.concurrent);
  const from = Math.min(...f.window.map((i) => history[i]!.call));
  const span = Math.max(1, f.at - from);
  const to = f.at + span * 0.06;
  const bars = [...inPart]
    .filter((i) => {
      const o = history[i]!;
      return o.call <= f.at && (o.ret === null || o.ret >= from);
    })
    .sort((a, b) => history[a]!.call - history[b]!.call || a - b)
    .map((i) =>
      bar(
        i,
        i === f.culprit
          ? 'culprit'
          : concurrent.has(i)
            ? 'concurrent'
            : f.window.includes(i)
              ? 'before'
              : 'other',
      ),
    );
  const part = f.key === undefined ? '' : `, key ${JSON.stringify(f.key)}`;
  return {
    title: options.title ?? `${result.spec}: not linearizable${part}`,
    bars,
    from,
    to,
    line: { at: f.at, label: 'linearizable before this return' },
    timeLabel,
    caption: `culprit: client ${history[f.culprit]!.client}: ${showOperation(spec, history[f.culprit]!)}, called at ${history[f.culprit]!.call}, returned at ${f.at}`,
  };
}

/** The longest start of a text (ending in an ellipsis if cut) that fits the room; empty if none does. */
function fitText(s: string, room: number, bold: boolean): string {
  if (textWidth(s, SIZE, bold) <= room) return s;
  let lo = 0; // fits (the empty text)
  let hi = s.length; // does not
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (textWidth(clip(s, mid + 1), SIZE, bold) <= room) lo = mid;
    else hi = mid;
  }
  return lo >= 1 ? clip(s, lo + 1) : '';
}

/** Pack bars into rows so that none overlaps another in its row. */
function rows(bars: readonly HistoryBar[], end: number): number[] {
  const ends: number[] = [];
  return bars.map((b) => {
    const stop = b.ret ?? end;
    let row = ends.findIndex((e) => e < b.call);
    if (row < 0) row = ends.push(stop) - 1;
    else ends[row] = stop;
    return row;
  });
}

/**
 * Draw a history's operations.
 *
 * @param f - the figure ({@link historyFigure} makes one from a check)
 * @param options - the width
 * @returns a standalone SVG document (`<svg ...>...</svg>`)
 * @throws Error if a time is not a finite number or the figure's span is empty
 */
export function historySvg(f: HistoryFigure, options: HistorySvgOptions = {}): string {
  if (!(Number.isFinite(f.from) && Number.isFinite(f.to) && f.to > f.from))
    throw new Error(
      `history figure '${f.title}': from ${f.from} to ${f.to} is not a stretch of time (give finite times, from before to)`,
    );
  for (const b of f.bars)
    if (!Number.isFinite(b.call) || (b.ret !== null && !Number.isFinite(b.ret)))
      throw new Error(
        `history figure '${f.title}': operation ${b.op} has times ${b.call} to ${b.ret}; give finite numbers (or null for an unknown return)`,
      );
  const clients = [...new Set(f.bars.map((b) => b.client))].sort(byClient);
  const laneName = (c: string) => `client ${c}`;
  const left = 12 + Math.max(40, ...clients.map((c) => textWidth(laneName(c), SIZE, true))) + 10;
  // Time is drawn by event: the calls and returns are spaced evenly, whatever the gaps between them.
  const inside = (t: number) => t >= f.from && t <= f.to;
  const times = [
    ...new Set([
      f.from,
      f.to,
      ...(f.line ? [f.line.at] : []),
      ...f.bars.flatMap((b) => (b.ret === null ? [b.call] : [b.call, b.ret])).filter(inside),
    ]),
  ].sort((a, b) => a - b);
  const W =
    options.width ?? Math.max(760, Math.min(2400, Math.ceil(left + 14 + (times.length - 1) * 30)));
  const right = W - 14;
  const slot = (right - left) / (times.length - 1);
  const X = (t: number) => {
    const c = Math.min(Math.max(t, f.from), f.to);
    let i = 0;
    while (i + 2 < times.length && times[i + 1]! <= c) i++;
    const a = times[i]!;
    const b = times[i + 1]!;
    return left + (i + (b > a ? (c - a) / (b - a) : 0)) * slot;
  };
  const top = 44 + (f.line ? 14 : 0);
  const out: string[] = [];
  const texts: string[] = [];
  let y = top;
  const laneTops: [string, number, number][] = [];
  for (const c of clients) {
    const mine = f.bars.filter((b) => b.client === c);
    const row = rows(mine, f.to);
    const n = Math.max(1, ...row.map((r) => r + 1));
    laneTops.push([c, y, n]);
    mine.forEach((b, i) => {
      const by = y + row[i]! * ROW + (ROW - BAR) / 2;
      const x0 = X(b.call);
      const open = b.ret === null || b.ret > f.to;
      const x1 = Math.max(x0 + 3, open ? right : X(b.ret!));
      const style = FILL[b.mark];
      const dash = b.ret === null ? ' stroke-dasharray="4 3"' : '';
      const ret = b.ret === null ? 'unknown outcome' : `returned at ${b.ret}`;
      out.push(
        `<g class="wb-op wb-op-${b.mark}" data-op="${b.op}"><title>${x(`client ${c}: ${b.label} (called at ${b.call}, ${ret})`)}</title>` +
          `<rect x="${r1(x0)}" y="${r1(by)}" width="${r1(x1 - x0)}" height="${BAR}" rx="3" fill="${style.fill}" stroke="${style.stroke}"${dash}${b.ret === null ? ' fill-opacity="0.55"' : ''}/>`,
      );
      // The label inside the bar, cut to fit (the title has it whole).
      const s = fitText(b.label, x1 - x0 - 8, b.mark === 'culprit');
      if (s)
        out.push(
          `<text x="${r1(x0 + 4)}" y="${r1(by + BAR / 2 + 3.5)}" fill="${style.ink}"${b.mark === 'culprit' ? ' font-weight="600"' : ''}>${x(s)}</text>`,
        );
      out.push('</g>');
    });
    y += n * ROW + 4;
  }
  const lanesBottom = y;
  // Lane labels and separators.
  for (const [c, ly, n] of laneTops) {
    texts.push(
      `<text class="wb-lane" x="12" y="${r1(ly + (n * ROW) / 2 + 3.5)}" font-weight="600" fill="#1b2a41">${x(laneName(c))}</text>`,
    );
    texts.push(
      `<line x1="${left}" y1="${r1(ly + n * ROW + 2)}" x2="${right}" y2="${r1(ly + n * ROW + 2)}" stroke="#eee"/>`,
    );
  }
  // The axis: the times of some of the events, far enough apart to read.
  const axis: string[] = [
    `<line class="wb-axis" x1="${left}" y1="${r1(lanesBottom)}" x2="${right}" y2="${r1(lanesBottom)}" stroke="#333"/>`,
  ];
  const ticks: number[] = [];
  for (const t of times.filter((t) => t !== f.to || f.to === f.from)) {
    const last = ticks[ticks.length - 1];
    if (last === undefined || X(t) - X(last) >= textWidth(String(t), SIZE) + 14) ticks.push(t);
  }
  for (const t of ticks) {
    axis.push(
      `<line x1="${r1(X(t))}" y1="${top - 4}" x2="${r1(X(t))}" y2="${r1(lanesBottom)}" stroke="#f2f2f2"/>`,
      `<text x="${r1(X(t))}" y="${r1(lanesBottom + 14)}" text-anchor="middle" fill="#444">${t}</text>`,
    );
  }
  axis.push(
    `<text x="${r1((left + right) / 2)}" y="${r1(lanesBottom + 30)}" text-anchor="middle" fill="#444">${x(f.timeLabel)}</text>`,
  );
  if (f.line) {
    const lx = X(f.line.at);
    axis.push(
      `<line class="wb-history-line" x1="${r1(lx)}" y1="${top - 10}" x2="${r1(lx)}" y2="${r1(lanesBottom)}" stroke="#c0392b" stroke-width="1.5" stroke-dasharray="5 3"/>`,
      `<text x="${r1(lx)}" y="${top - 14}" text-anchor="${lx > (left + right) / 2 ? 'end' : 'start'}" fill="#c0392b">${x(f.line.label)}</text>`,
    );
  }
  // The key, one row.
  const marks = new Set<string>(f.bars.map((b) => b.mark));
  if (f.bars.some((b) => b.ret === null)) marks.add('unknown');
  const legend: string[] = [];
  let lx = left;
  let ly = lanesBottom + 44;
  for (const [m, label] of LEGEND) {
    if (!marks.has(m) || (m === 'other' && marks.size === 1)) continue;
    const w = 22 + textWidth(label, SIZE) + 16;
    if (lx + w > right && lx > left) {
      lx = left;
      ly += 16;
    }
    const style = m === 'unknown' ? FILL.other : FILL[m];
    const dash = m === 'unknown' ? ' stroke-dasharray="4 3" fill-opacity="0.55"' : '';
    legend.push(
      `<rect x="${r1(lx)}" y="${r1(ly - 9)}" width="16" height="10" rx="2" fill="${style.fill}" stroke="${style.stroke}"${dash}/>`,
      `<text class="wb-legend" x="${r1(lx + 22)}" y="${r1(ly)}" fill="#333">${x(label)}</text>`,
    );
    lx += w;
  }
  let bottom = legend.length ? ly + 10 : lanesBottom + 38;
  if (f.caption) {
    bottom += 12;
    const s = fitText(f.caption, right - left, false);
    legend.push(
      `<text class="wb-history-caption" x="${left}" y="${r1(bottom)}" fill="#1b2a41">${x(s)}</text>`,
    );
    bottom += 6;
  }
  const H = Math.ceil(bottom + 6);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="wb-history" role="img" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" font-size="${SIZE}">`,
    `<title>${x(f.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff" rx="4"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-weight="600" font-size="13" fill="#1b2a41">${x(clip(f.title, 110))}</text>`,
    ...axis,
    ...texts,
    ...out,
    ...legend,
    '</svg>',
  ].join('');
}
