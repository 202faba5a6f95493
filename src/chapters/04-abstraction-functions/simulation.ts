/**
 * The commuting diagram of §5.1, drawn for every step of a run: each step
 * of the implementation Y beside the X-steps that simulate it and f of the
 * state it reaches. `refines` is the check; this is the picture.
 *
 * @module
 */
import type { Label, Machine, Refinement, Trace } from '../../index';
import { labelText, matchSteps, show, textTable } from '../../index';

/**
 * A run of Y as a table: each Y-step, the X-steps that simulate it (a
 * shortest sequence from f(y) to f(y') that is the same externally, as
 * `matchSteps` finds it), and f of the state after it. A row whose X-steps
 * read `none: the diagram does not close` is a failed obligation.
 *
 * @param impl - the implementation Y
 * @param r - the spec X, the abstraction function, and how Y's labels look to X
 * @param t - the run of Y
 * @returns the table
 */
export function simulationTable<Y, X>(impl: Machine<Y>, r: Refinement<Y, X>, t: Trace<Y>): string {
  const fx = (y: Y) => show(r.spec.view(r.abstraction(y)));
  const obs = (l: Label) => (r.observe ? r.observe(l) : l);
  const rows: string[][] = [['0', '(initial)', '', fx(t.init)]];
  t.steps.forEach((s, i) => {
    const xs = matchSteps(r.spec, r.abstraction(s.from), s.label.external ? [obs(s.label)] : [], {
      to: r.abstraction(s.to),
      ...(r.internalDepth !== undefined ? { internalDepth: r.internalDepth } : {}),
    });
    const mark = s.label.fault ? '! ' : s.label.external ? '* ' : '  ';
    rows.push([
      String(i + 1),
      mark + labelText(s.label),
      xs === undefined
        ? 'none: the diagram does not close'
        : xs.steps.map((x) => labelText(x.label)).join(', ') || '(none)',
      fx(s.to),
    ]);
  });
  return textTable(['#', `${impl.name} step`, `${r.spec.name} steps`, "f(y')"], rows);
}
