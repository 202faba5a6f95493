/**
 * A small SVG plot: lines and points with axes, ticks and a legend, for the
 * trade-offs the chapters measure (lease length against renewal cost, and
 * so on). Pure string building, like the sequence diagrams. What to plot
 * is a chapter's `PlotSpec` (see the chapter contract).
 *
 * @module
 */
import type { PlotAxis, PlotSpec } from '../chapters/chapter';
import { clip, escapeXml as x } from './escape';

const COLORS = ['#1f4e8c', '#c0392b', '#2e7d32', '#8e44ad', '#b8860b', '#16a085'];
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

/**
 * Round tick positions covering [lo, hi]: steps of 1, 2 or 5 times a power of ten.
 *
 * @param lo - the low end
 * @param hi - the high end (greater than lo)
 * @param count - about how many ticks
 * @returns the ticks, ascending
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo;
  const raw = span / Math.max(1, count);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    out.push(Number(t.toPrecision(12)));
  return out;
}

/**
 * Ticks for a logarithmic axis over [lo, hi] (both powers of ten): each power
 * of ten, and 2 and 5 times it when the axis spans few powers.
 *
 * @param lo - the low end, a power of ten
 * @param hi - the high end, a power of ten above lo
 * @returns the ticks, ascending
 */
export function logTicks(lo: number, hi: number): number[] {
  const from = Math.round(Math.log10(lo));
  const to = Math.round(Math.log10(hi));
  const steps = to - from <= 3 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let k = from; k <= to; k++)
    for (const m of steps) {
      const t = Number((m * 10 ** k).toPrecision(12));
      if (t <= hi * (1 + 1e-9)) out.push(t);
    }
  return out;
}

function bounds(values: number[], axis: PlotAxis): [number, number] {
  if (axis.scale === 'log') {
    const lo = axis.min ?? 10 ** Math.floor(Math.log10(Math.min(...values)));
    let hi = axis.max ?? 10 ** Math.ceil(Math.log10(Math.max(...values)));
    if (hi <= lo) hi = lo * 10;
    return [lo, hi];
  }
  let lo = axis.min ?? Math.min(...values);
  let hi = axis.max ?? Math.max(...values);
  if (axis.min === undefined && lo > 0) lo = 0;
  if (hi === lo) hi = lo + 1;
  return [lo, hi];
}

/** Where a value falls along an axis, from 0 (its low end) to 1 (its high end). */
function along(axis: PlotAxis, lo: number, hi: number): (v: number) => number {
  if (axis.scale === 'log') {
    const a = Math.log10(lo);
    const b = Math.log10(hi);
    return (v) => (Math.log10(v) - a) / (b - a);
  }
  return (v) => (v - lo) / (hi - lo);
}

/**
 * Draw the plot.
 *
 * @param p - title, axes and series
 * @returns a standalone SVG fragment (`<svg ...>...</svg>`)
 * @throws Error if there is no series, or a value is not a finite number
 */
export function plotSvg(p: PlotSpec): string {
  if (!p.series.length) throw new Error(`plot '${p.title}': no series (give at least one)`);
  const all = p.series.flatMap((s) => s.points);
  for (const [a, b] of all)
    if (!Number.isFinite(a) || !Number.isFinite(b))
      throw new Error(`plot '${p.title}': the point [${a}, ${b}] is not two finite numbers`);
  if (!all.length) throw new Error(`plot '${p.title}': the series have no points`);
  for (const [axis, k] of [
    [p.x, 0],
    [p.y, 1],
  ] as const)
    if (axis.scale === 'log') {
      const bad = all.find((q) => q[k] <= 0);
      if (bad)
        throw new Error(
          `plot '${p.title}': the point [${bad[0]}, ${bad[1]}] has a value that is not positive, on the logarithmic axis '${axis.label}' (give positive values, or a linear axis)`,
        );
    }
  const W = p.width ?? 560;
  // The legend goes below the plot, one series a row, with its whole name.
  const legendRows = p.series.length;
  const plotH = p.height ?? 320;
  const H = plotH + 8 + legendRows * 16;
  const m = { l: 62, r: 16, t: 34, b: 50 + 8 + legendRows * 16 };
  const [x0, x1] = bounds(
    all.map((q) => q[0]),
    p.x,
  );
  const [y0, y1] = bounds(
    all.map((q) => q[1]),
    p.y,
  );
  const ax = along(p.x, x0, x1);
  const ay = along(p.y, y0, y1);
  const X = (v: number) => m.l + ax(v) * (W - m.l - m.r);
  const Y = (v: number) => H - m.b - ay(v) * (H - m.t - m.b);
  const fmt = (v: number) =>
    Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(0) : String(v);
  const ticks = (axis: PlotAxis, lo: number, hi: number) =>
    axis.scale === 'log' ? logTicks(lo, hi) : niceTicks(lo, hi);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="wb-plot" role="img" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" font-size="11">`,
    `<title>${x(p.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff" rx="4"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-weight="600" font-size="13">${x(p.title)}</text>`,
  ];
  for (const t of ticks(p.x, x0, x1)) {
    out.push(
      `<line x1="${X(t)}" y1="${m.t}" x2="${X(t)}" y2="${H - m.b}" stroke="#eee"/><text x="${X(t)}" y="${H - m.b + 15}" text-anchor="middle" fill="#444">${fmt(t)}</text>`,
    );
  }
  for (const t of ticks(p.y, y0, y1)) {
    out.push(
      `<line x1="${m.l}" y1="${Y(t)}" x2="${W - m.r}" y2="${Y(t)}" stroke="#eee"/><text x="${m.l - 6}" y="${Y(t) + 4}" text-anchor="end" fill="#444">${fmt(t)}</text>`,
    );
  }
  out.push(
    `<line class="wb-axis" x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="#333"/>`,
    `<line class="wb-axis" x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="#333"/>`,
    `<text x="${(m.l + W - m.r) / 2}" y="${H - m.b + 36}" text-anchor="middle">${x(p.x.label)}</text>`,
    `<text transform="translate(16 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">${x(p.y.label)}</text>`,
  );
  p.series.forEach((s, i) => {
    const c = COLORS[i % COLORS.length]!;
    const style = s.style ?? 'both';
    out.push(`<g class="wb-series" data-series="${x(s.name)}">`);
    if (style !== 'points' && s.points.length > 1)
      out.push(
        `<polyline fill="none" stroke="${c}" stroke-width="1.8" points="${s.points.map(([a, b]) => `${X(a).toFixed(1)},${Y(b).toFixed(1)}`).join(' ')}"/>`,
      );
    if (style !== 'line')
      for (const [a, b] of s.points)
        out.push(
          `<circle cx="${X(a).toFixed(1)}" cy="${Y(b).toFixed(1)}" r="3" fill="${c}"><title>${x(`${s.name}: (${a}, ${b})`)}</title></circle>`,
        );
    const ly = plotH + 2 + i * 16;
    out.push(
      `<rect x="${m.l}" y="${ly}" width="10" height="10" fill="${c}"/><text class="wb-legend" x="${m.l + 15}" y="${ly + 9}">${x(clip(s.name, 80))}</text></g>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}
