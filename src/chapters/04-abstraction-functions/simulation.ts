/**
 * The commuting diagram of §5.1, drawn for every step of a run: each step
 * of the implementation Y beside the X-steps that simulate it and f of the
 * state it reaches. `refines` is the check; this is the picture.
 *
 * @module
 */
import {
  type Label,
  labelText,
  type Machine,
  type Refinement,
  show,
  specMoves,
  type Trace,
  textTable,
} from '../../index';

/**
 * The X-steps that take f(y) to f(y') and are the same externally as a
 * Y-step: internal X-steps only for an internal Y-step (perhaps none), and
 * exactly one external X-step equal to an external Y-step, with internal
 * ones around it. Breadth first, so the sequence is a shortest one.
 *
 * @param spec - the spec X
 * @param fy - f(y)
 * @param observed - the Y-step's label as X would write it, or undefined for an internal Y-step
 * @param fy2 - f(y')
 * @param depth - the most internal X-steps before and after the external one
 * @returns the X-steps' labels, or undefined if there is no such sequence
 */
export function simulatingSteps<X>(
  spec: Machine<X>,
  fy: X,
  observed: string | undefined,
  fy2: X,
  depth = 3,
): string[] | undefined {
  const target = spec.key(fy2);
  type Node = { x: X; phase: 0 | 1; n: number; path: string[] };
  const start: Node = { x: fy, phase: observed === undefined ? 1 : 0, n: 0, path: [] };
  if (start.phase === 1 && spec.key(fy) === target) return [];
  const seen = new Set<string>();
  let level = [start];
  while (level.length) {
    const next: Node[] = [];
    for (const node of level)
      for (const mv of specMoves(spec, node.x)) {
        let m: Node | undefined;
        if (!mv.external && node.n < depth)
          m = { x: mv.to, phase: node.phase, n: node.n + 1, path: [...node.path, mv.label] };
        else if (mv.external && node.phase === 0 && mv.label === observed)
          m = { x: mv.to, phase: 1, n: 0, path: [...node.path, mv.label] };
        if (!m) continue;
        const k = `${m.phase}|${m.n}|${spec.key(m.x)}`;
        if (seen.has(k)) continue;
        seen.add(k);
        if (m.phase === 1 && spec.key(m.x) === target) return m.path;
        next.push(m);
      }
    level = next;
  }
  return undefined;
}

/**
 * A run of Y as a table: each Y-step, the X-steps that simulate it, and
 * f of the state after it. A row whose X-steps read `none: the diagram does
 * not close` is a failed obligation.
 *
 * @param impl - the implementation Y
 * @param r - the spec X, the abstraction function, and how Y's labels look to X
 * @param t - the run of Y
 * @returns the table
 */
export function simulationTable<Y, X>(impl: Machine<Y>, r: Refinement<Y, X>, t: Trace<Y>): string {
  const fx = (y: Y) => show(r.spec.view(r.abstraction(y)));
  const obs = (l: Label) => labelText(r.observe ? r.observe(l) : l);
  const rows: string[][] = [['0', '(initial)', '', fx(t.init)]];
  t.steps.forEach((s, i) => {
    const xs = simulatingSteps(
      r.spec,
      r.abstraction(s.from),
      s.label.external ? obs(s.label) : undefined,
      r.abstraction(s.to),
      r.internalDepth,
    );
    const mark = s.label.fault ? '! ' : s.label.external ? '* ' : '  ';
    rows.push([
      String(i + 1),
      mark + labelText(s.label),
      xs === undefined ? 'none: the diagram does not close' : xs.join(', ') || '(none)',
      fx(s.to),
    ]);
  });
  return textTable(['#', `${impl.name} step`, `${r.spec.name} steps`, "f(y')"], rows);
}
