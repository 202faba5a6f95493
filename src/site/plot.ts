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

function bounds(values: number[], axis: PlotAxis): [number, number] {
  let lo = axis.min ?? Math.min(...values);
  let hi = axis.max ?? Math.max(...values);
  if (axis.min === undefined && lo > 0) lo = 0;
  if (hi === lo) hi = lo + 1;
  return [lo, hi];
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
  const W = p.width ?? 560;
  const H = p.height ?? 320;
  const m = { l: 62, r: 16, t: 34, b: 50 };
  const [x0, x1] = bounds(
    all.map((q) => q[0]),
    p.x,
  );
  const [y0, y1] = bounds(
    all.map((q) => q[1]),
    p.y,
  );
  const X = (v: number) => m.l + ((v - x0) / (x1 - x0)) * (W - m.l - m.r);
  const Y = (v: number) => H - m.b - ((v - y0) / (y1 - y0)) * (H - m.t - m.b);
  const fmt = (v: number) => (Math.abs(v) >= 1e5 ? v.toExponential(1) : String(v));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="wb-plot" role="img" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT}" font-size="11">`,
    `<title>${x(p.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff" rx="4"/>`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-weight="600" font-size="13">${x(p.title)}</text>`,
  ];
  for (const t of niceTicks(x0, x1)) {
    out.push(
      `<line x1="${X(t)}" y1="${m.t}" x2="${X(t)}" y2="${H - m.b}" stroke="#eee"/><text x="${X(t)}" y="${H - m.b + 15}" text-anchor="middle" fill="#444">${fmt(t)}</text>`,
    );
  }
  for (const t of niceTicks(y0, y1)) {
    out.push(
      `<line x1="${m.l}" y1="${Y(t)}" x2="${W - m.r}" y2="${Y(t)}" stroke="#eee"/><text x="${m.l - 6}" y="${Y(t) + 4}" text-anchor="end" fill="#444">${fmt(t)}</text>`,
    );
  }
  out.push(
    `<line class="wb-axis" x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="#333"/>`,
    `<line class="wb-axis" x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="#333"/>`,
    `<text x="${(m.l + W - m.r) / 2}" y="${H - 12}" text-anchor="middle">${x(p.x.label)}</text>`,
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
    const ly = m.t + 4 + i * 15;
    out.push(
      `<rect x="${W - m.r - 150}" y="${ly}" width="10" height="10" fill="${c}"/><text x="${W - m.r - 135}" y="${ly + 9}">${x(clip(s.name, 24))}</text></g>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}
