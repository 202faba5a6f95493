/**
 * Draw a {@link SequenceDiagram} as an SVG sequence diagram: one vertical
 * lane per process, one row per step, one arrow per copy of a message (from
 * the step that sent it to the step that received it), lost messages drawn
 * as a dashed arrow ending in a cross, messages still in flight as a dashed
 * arrow that reaches no one, crashes marked on the lane (which stays dashed
 * until the process recovers), timers as a small clock, and local and
 * external steps as marks with a note.
 *
 * Pure string building with no Node or DOM imports, so the site build, the
 * `workbook trace --svg` command and the in-browser explorer share it.
 *
 * @module
 */
import type { SequenceDiagram, SequenceEvent } from '../index';
import { clip, escapeXml as x } from './escape';

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
  // Room on the right for the texts written beside the last lane.
  const last = d.lanes[d.lanes.length - 1];
  const lastText = Math.max(
    0,
    ...d.events
      .filter((e) => e.lane === last || e.to?.includes(last!))
      .map((e) =>
        Math.min(noteChars + 4, Math.max((e.note ?? '').length, (e.message ?? '').length)),
      ),
  );
  const width = gutter + d.lanes.length * laneW + Math.max(40, lastText * 7 + 16 - laneW / 2);
  const height = top + rows * rowH + 26;
  const laneX = new Map(d.lanes.map((l, i) => [l, gutter + laneW * i + laneW / 2]));
  const X = (lane: string) => laneX.get(lane)!;
  const Y = (row: number) => top + 14 + row * rowH;

  // Pair sends (and duplicates) with their receives and drops.
  const copies: Copy[] = [];
  const marks: string[] = [];
  const crashes = new Map<string, { from: number; to?: number }[]>();
  const sendsById = new Map<string | number, SequenceEvent>();
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

  for (const e of d.events) {
    const row = rowOf.get(e.step)!;
    const msg = e.message ?? '';
    switch (e.kind) {
      case 'send': {
        if (e.id !== undefined) sendsById.set(e.id, e);
        (e.to ?? []).forEach((t, i) => {
          copies.push({
            from: e.lane,
            to: t,
            row,
            message: msg,
            id: e.id,
            duplicate: false,
            labelled: i === 0,
          });
        });
        if (!e.to?.length) marks.push(pointMark(e, X(e.lane), Y(row), noteChars));
        break;
      }
      case 'duplicate': {
        const orig = e.id !== undefined ? sendsById.get(e.id) : undefined;
        const targets = e.to ?? orig?.to ?? [];
        if (!orig || !targets.length) {
          marks.push(pointMark(e, X(e.lane), Y(row), noteChars));
          break;
        }
        targets.forEach((t, i) => {
          copies.push({
            from: orig.lane,
            to: t,
            row,
            message: e.message ?? orig.message ?? '',
            id: e.id,
            duplicate: true,
            labelled: i === 0,
          });
        });
        break;
      }
      case 'receive': {
        const c = copyFor(e, true);
        if (c) c.fate = { kind: 'receive', row, ...(e.note ? { note: e.note } : {}) };
        else marks.push(pointMark(e, X(e.lane), Y(row), noteChars));
        break;
      }
      case 'drop': {
        const c = copyFor(e, false);
        if (c) c.fate = { kind: 'drop', row, ...(e.note ? { note: e.note } : {}) };
        else marks.push(pointMark(e, X(e.lane), Y(row), noteChars));
        break;
      }
      case 'crash': {
        const l = crashes.get(e.lane) ?? [];
        l.push({ from: row });
        crashes.set(e.lane, l);
        marks.push(pointMark(e, X(e.lane), Y(row), noteChars));
        break;
      }
      case 'recover': {
        const open = crashes.get(e.lane)?.find((c) => c.to === undefined);
        if (open) open.to = row;
        marks.push(pointMark(e, X(e.lane), Y(row), noteChars));
        break;
      }
      default:
        marks.push(pointMark(e, X(e.lane), Y(row), noteChars));
    }
  }

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
  const bottom = top + rows * rowH + 8;
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
      a: Y(c.from),
      b: c.to === undefined ? bottom : Y(c.to),
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
  steps.forEach((s, i) => {
    out.push(
      `<text class="wb-step" x="${gutter - 8}" y="${Y(i) + 4}" text-anchor="end" fill="${GREY}">${s}</text>`,
    );
  });

  // Messages.
  for (const c of copies) {
    const x1 = X(c.from);
    const y1 = Y(c.row);
    const x2 = X(c.to);
    const dir = x2 >= x1 ? 1 : -1;
    const label = (c.duplicate ? 'dup ' : '') + c.message;
    const labelAt = (yy: number) =>
      c.labelled || c.duplicate
        ? `<text x="${x1 + dir * 6}" y="${yy - 4}" text-anchor="${dir > 0 ? 'start' : 'end'}" fill="${BLUE}">${x(clip(label, noteChars + 4))}</text>`
        : '';
    if (c.fate?.kind === 'receive') {
      const y2 = Y(c.fate.row);
      const self = c.from === c.to;
      const path = self
        ? `M${x1},${y1} C${x1 + 40},${y1} ${x1 + 40},${Math.max(y2, y1 + 14)} ${x1 + 2},${Math.max(y2, y1 + 14)}`
        : `M${x1},${y1} L${x2 - dir * 2},${y2}`;
      out.push(
        `<g class="wb-msg wb-received"><title>${x(`${label}: ${c.from} -> ${c.to}`)}</title><path d="${path}" fill="none" stroke="${BLUE}" stroke-width="1.4"${c.duplicate ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#${id}-arrow)"/>${labelAt(y1)}`,
      );
      if (c.fate.note)
        out.push(
          `<text x="${x2 + 6}" y="${y2 + 13}" fill="#444" font-size="10">${x(clip(c.fate.note, noteChars))}</text>`,
        );
      out.push('</g>');
    } else if (c.fate?.kind === 'drop') {
      const y2 = Y(c.fate.row);
      const xm = x1 + (x2 - x1) * 0.6;
      const ym = c.fate.row === c.row ? y1 : y2;
      out.push(
        `<g class="wb-msg wb-lost"><title>${x(`${label}: ${c.from} -> ${c.to}, lost`)}</title><path d="M${x1},${y1} L${xm},${ym}" fill="none" stroke="${RED}" stroke-width="1.4" stroke-dasharray="5 3"/>` +
          `<path d="M${xm - 5},${ym - 5} L${xm + 5},${ym + 5} M${xm - 5},${ym + 5} L${xm + 5},${ym - 5}" stroke="${RED}" stroke-width="2"/>` +
          `<text x="${xm + dir * 8}" y="${ym + 4}" text-anchor="${dir > 0 ? 'start' : 'end'}" fill="${RED}" font-size="10">lost</text>${labelAt(y1)}</g>`,
      );
    } else {
      const xm = x1 + (x2 - x1) * 0.5;
      const ym = bottom - 4;
      out.push(
        `<g class="wb-msg wb-inflight"><title>${x(`${label}: ${c.from} -> ${c.to}, still in flight`)}</title><path d="M${x1},${y1} L${xm},${ym}" fill="none" stroke="${GREY}" stroke-dasharray="2 3" marker-end="url(#${id}-open)"/>${labelAt(y1)}</g>`,
      );
    }
  }
  out.push(...marks);
  out.push('</svg>');
  return out.join('');
}

/** A mark on one lane for an event that is not one end of an arrow. */
function pointMark(e: SequenceEvent, cx: number, cy: number, noteChars: number): string {
  const note = e.note ? ` ${e.note}` : '';
  const text = (s: string, color: string, weight = '400') =>
    `<text x="${cx + 9}" y="${cy + 4}" fill="${color}" font-weight="${weight}">${x(clip(s, noteChars + 4))}</text>`;
  const title = `<title>${x(`step ${e.step}, ${e.lane}: ${e.kind}${e.message ? ` ${e.message}` : ''}${note}`)}</title>`;
  switch (e.kind) {
    case 'crash':
      return `<g class="wb-crash">${title}<path d="M${cx - 6},${cy - 6} L${cx + 6},${cy + 6} M${cx - 6},${cy + 6} L${cx + 6},${cy - 6}" stroke="${RED}" stroke-width="3"/>${text(`crash${note}`, RED, '600')}</g>`;
    case 'recover':
      return `<g class="wb-recover">${title}<circle cx="${cx}" cy="${cy}" r="5" fill="${GREEN}"/>${text(`recover${note}`, GREEN, '600')}</g>`;
    case 'external': {
      const label = clip(e.message ?? e.note ?? '', noteChars + 4);
      const w = label.length * 7 + 12;
      return `<g class="wb-external">${title}<rect x="${cx - 4}" y="${cy - 9}" width="${w}" height="18" rx="3" fill="#fff3cd" stroke="#b8860b"/><text x="${cx + 2}" y="${cy + 4}" fill="#5c4300" font-weight="600">${x(label)}</text>${e.message && e.note ? `<text x="${cx + 2}" y="${cy + 20}" fill="#444" font-size="10">${x(clip(e.note, noteChars))}</text>` : ''}</g>`;
    }
    case 'drop':
      return `<g class="wb-lost">${title}<path d="M${cx - 5},${cy - 5} L${cx + 5},${cy + 5} M${cx - 5},${cy + 5} L${cx + 5},${cy - 5}" stroke="${RED}" stroke-width="2"/>${text(`lost ${e.message ?? ''}${note}`, RED)}</g>`;
    case 'timer': {
      // A clock face (a ring and two hands), its text below it: a timer's step often also sends.
      const hands = `M${cx},${cy - 4} L${cx},${cy} L${cx + 3},${cy + 1}`;
      const label = clip(`${e.message ?? 'timer'}${note}`, noteChars + 4);
      return `<g class="wb-timer">${title}<circle cx="${cx}" cy="${cy}" r="6" fill="#fff" stroke="${PURPLE}" stroke-width="1.5"/><path d="${hands}" fill="none" stroke="${PURPLE}" stroke-width="1.3" stroke-linecap="round"/><text x="${cx + 9}" y="${cy + 16}" fill="${PURPLE}" font-size="10">${x(label)}</text></g>`;
    }
    case 'receive':
      return `<g class="wb-msg wb-received">${title}<path d="M${cx - 28},${cy} L${cx - 2},${cy}" stroke="${BLUE}" stroke-width="1.4"/><circle cx="${cx}" cy="${cy}" r="3" fill="${BLUE}"/>${text(`${e.message ?? ''}${note}`, BLUE)}</g>`;
    default:
      return `<g class="wb-${e.kind}">${title}<circle cx="${cx}" cy="${cy}" r="4" fill="#555"/>${text(`${e.message ?? ''}${note}`.trim(), '#333')}</g>`;
  }
}
