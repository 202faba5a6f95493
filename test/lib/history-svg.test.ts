/**
 * The figure of a history: a lane per client, a bar per operation from call
 * to return, the failing window's operations marked, text escaped.
 */
import { describe, expect, it } from 'vitest';
import type { Operation, RegisterOp } from '../../src/index';
import { casRegister, linearizable } from '../../src/index';
import { historyFigure, historySvg } from '../../src/site/history';

const op = (
  client: number,
  call: number,
  ret: number | null,
  input: RegisterOp,
  output: unknown = null,
): Operation<RegisterOp> =>
  ret === null ? { client, call, ret, input } : { client, call, ret, input, output };

/** The bars of a drawing: operation index and mark, in drawing order. */
const bars = (svg: string) =>
  [...svg.matchAll(/<g class="wb-op wb-op-(\w+)" data-op="(\d+)">/g)].map((m) => [
    Number(m[2]),
    m[1],
  ]);

describe('the history figure', () => {
  // A stale read by client 3, with a write of unknown outcome in flight.
  const h = [
    op(1, 0, 1, { f: 'write', value: 1 }),
    op(2, 2, null, { f: 'write', value: 2 }),
    op(1, 3, 4, { f: 'write', value: 3 }),
    op(3, 5, 6, { f: 'read' }, 1),
  ];
  const r = linearizable(casRegister, h);

  it('draws the failing window with its marks', () => {
    expect(r.verdict).toBe('not linearizable');
    const f = historyFigure(casRegister, h, r, { timeLabel: 'ms' });
    expect(f.line).toEqual({ at: 6, label: 'linearizable before this return' });
    expect(f.caption).toBe('culprit: client 3: read() → 1, called at 5, returned at 6');
    const svg = historySvg(f);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="wb-history"')).toBe(true);
    expect(bars(svg)).toEqual([
      [2, 'before'],
      [1, 'concurrent'],
      [3, 'culprit'],
    ]);
    expect(svg).toContain('client 3: read() → 1 (called at 5, returned at 6)');
    expect(svg).toContain('unknown outcome');
    expect(svg).toContain('stroke-dasharray="4 3"'); // the bar of the write in flight
    const lanes = [...svg.matchAll(/class="wb-lane"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(lanes).toEqual(['client 1', 'client 2', 'client 3']);
    expect(svg).toContain('its return cannot be linearized');
  });

  it('draws the whole of a linearizable history, and escapes its text', () => {
    const ok = [
      op(1, 0, 1, { f: 'write', value: '<a & b>' }),
      op(2, 2, 3, { f: 'read' }, '<a & b>'),
    ];
    const res = linearizable(casRegister, ok);
    expect(res.verdict).toBe('linearizable');
    const svg = historySvg(historyFigure(casRegister, ok, res));
    expect(bars(svg)).toEqual([
      [0, 'other'],
      [1, 'other'],
    ]);
    expect(svg).toContain('&lt;a &amp; b&gt;');
    expect(svg).not.toContain('<a & b>');
    expect(svg).not.toContain('linearizable before this return');
  });

  it('refuses a figure with no stretch of time', () => {
    expect(() => historySvg({ title: 't', bars: [], from: 3, to: 3, timeLabel: 'ms' })).toThrow(
      /history figure 't': from 3 to 3 is not a stretch of time/,
    );
  });
});
