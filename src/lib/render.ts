/**
 * Text renderings of states, runs and failed obligations, for terminals and
 * for the chapters' transcripts.
 *
 * @module
 */
import Table from 'cli-table3';
import { labelText } from './label';
import type { Machine } from './machine';
import type { RefinesResult } from './refines';
import type { Trace } from './trace';
import { show } from './value';

const PLAIN = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/**
 * Lay out rows as a plain text table with a header and a rule under it.
 *
 * @param head - the column titles
 * @param rows - the cells, row by row
 * @returns the table, lines joined by newlines, trailing spaces removed
 * @category Rendering
 */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const t = new Table({
    head: [...head],
    chars: PLAIN,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => longestLine(r[i] ?? ''))),
  );
  t.push(widths.map((w) => '-'.repeat(w)));
  for (const r of rows) t.push([...r]);
  return t
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

function longestLine(s: string): number {
  return Math.max(...s.split('\n').map((l) => l.length));
}

/**
 * A state as a table of its variables (from the machine's `view`).
 *
 * @param m - the machine (for its view of a state)
 * @param s - the state
 * @returns a two-column table: variable, value
 * @category Rendering
 */
export function renderState<S>(m: Pick<Machine<S>, 'view'>, s: S): string {
  const v = m.view(s);
  return textTable(
    ['variable', 'value'],
    Object.keys(v).map((k) => [k, show(v[k])]),
  );
}

/**
 * What changed between two states, variable by variable, in the paper's
 * assignment notation: `x := 2`.
 *
 * @param m - the machine (for its view)
 * @param a - the state before
 * @param b - the state after
 * @returns one text per changed variable
 * @category Rendering
 */
export function changes<S>(m: Pick<Machine<S>, 'view'>, a: S, b: S): string[] {
  const va = m.view(a);
  const vb = m.view(b);
  const keys = [...new Set([...Object.keys(va), ...Object.keys(vb)])];
  const out: string[] = [];
  for (const k of keys) {
    const x = show(va[k]);
    const y = show(vb[k]);
    if (x !== y) out.push(`${k} := ${y || '-'}`);
  }
  return out;
}

/**
 * A run as a table: step number, action (with `*` for external and `!` for a
 * fault), and what changed in the state. Step 0 shows the initial state.
 *
 * @param m - the machine (for its view)
 * @param t - the run
 * @returns the table
 * @category Rendering
 */
export function renderTrace<S>(m: Pick<Machine<S>, 'view'>, t: Trace<S>): string {
  const v0 = m.view(t.init);
  const rows: string[][] = [
    [
      '0',
      '(initial)',
      Object.keys(v0)
        .map((k) => `${k} = ${show(v0[k])}`)
        .join(', '),
    ],
  ];
  t.steps.forEach((s, i) => {
    const mark = s.label.fault ? '! ' : s.label.external ? '* ' : '  ';
    const ch = changes(m, s.from, s.to);
    rows.push([
      String(i + 1),
      mark + labelText(s.label),
      ch.length ? ch.join('; ') : '(no change)',
    ]);
  });
  return textTable(['#', 'action', 'changes'], rows);
}

/**
 * The commuting diagram of §5.1 that did not close: the Y-step, y, y', f(y),
 * f(y') and what X could do from f(y), followed by the run that reached y.
 *
 * @param impl - the implementation (for its view)
 * @param spec - the spec (for its view)
 * @param r - a failed refinement result
 * @returns the explanation, or a line saying the refinement holds
 * @category Rendering
 */
export function renderRefinementFailure<Y, X>(
  impl: Pick<Machine<Y>, 'view'>,
  spec: Pick<Machine<X>, 'view'>,
  r: RefinesResult<Y, X>,
): string {
  const f = r.failure;
  if (!f) return r.holds ? 'the refinement holds' : (r.counterexample?.message ?? 'fails');
  const st = (m: Pick<Machine<any>, 'view'>, s: unknown) => show(m.view(s));
  const lines: string[] = [];
  if (f.obligation === 'initial') {
    lines.push(
      'Obligation 1 fails: f maps an initial state of Y to a state that is not initial in X.',
    );
    lines.push(`  y    = ${st(impl, f.y)}`);
    lines.push(`  f(y) = ${st(spec, f.fy)}`);
    for (const x of f.xInit ?? []) lines.push(`  initial X-state: ${st(spec, x)}`);
    return lines.join('\n');
  }
  const step = f.step!;
  lines.push(
    `Obligation 2 fails at the ${step.label.external ? 'external' : 'internal'} step ${labelText(step.label)}:`,
  );
  lines.push('');
  lines.push(`    f(y)  --- ? --->  f(y')`);
  lines.push('     ^                  ^');
  lines.push('     f                  f');
  lines.push(`     y   --${labelText(step.label)}-->  y'`);
  lines.push('');
  lines.push(`  y     = ${st(impl, f.y)}`);
  lines.push(`  y'    = ${st(impl, step.to)}`);
  lines.push(`  f(y)  = ${st(spec, f.fy)}`);
  lines.push(`  f(y') = ${st(spec, f.fy2)}`);
  lines.push(`  ${r.counterexample?.message ?? ''}`);
  lines.push('  what X could do from f(y):');
  for (const mv of f.specCould)
    lines.push(`    ${mv.external ? '*' : ' '} ${mv.label}  ->  ${st(spec, mv.to)}`);
  if (!f.specCould.length) lines.push('    nothing');
  if (r.counterexample) {
    lines.push('');
    lines.push('The run of Y that reached it:');
    lines.push(renderTrace(impl, r.counterexample.trace));
  }
  return lines.join('\n');
}
