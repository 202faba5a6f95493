/**
 * A diagram for any run, for runs whose chapter gives no `diagram`: one lane
 * for the actions and one lane per state variable (from the machine's
 * `view`), each step a mark on the action lane and a note `v := e` on the
 * lane of every variable it changed. So every named run has a figure.
 *
 * @module
 */
import type { Machine, SequenceDiagram, SequenceEvent, Trace } from '../index';
import { labelText, show } from '../index';

/**
 * The run as lanes and events, one lane per state variable.
 *
 * @param m - the machine (its name and its view of a state)
 * @param t - the run
 * @param title - the figure's title (default: the machine's name)
 * @returns the diagram
 */
export function fallbackDiagram<S>(
  m: Pick<Machine<S>, 'name' | 'view'>,
  t: Trace<S>,
  title?: string,
): SequenceDiagram {
  const vars: string[] = [];
  const note = (k: string) => {
    if (!vars.includes(k)) vars.push(k);
  };
  const v0 = m.view(t.init);
  Object.keys(v0).forEach(note);
  const events: SequenceEvent[] = [];
  const actionLane = vars.includes('action') ? 'step' : 'action';
  t.steps.forEach((s, i) => {
    const step = i + 1;
    const mark = s.label.fault ? '! ' : s.label.external ? '* ' : '';
    events.push({
      step,
      kind: s.label.external ? 'external' : 'local',
      lane: actionLane,
      message: mark + labelText(s.label),
    });
    const a = m.view(s.from);
    const b = m.view(s.to);
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const before = show(a[k]);
      const after = show(b[k]);
      if (before === after) continue;
      note(k);
      events.push({ step, kind: 'local', lane: k, note: `:= ${after || '-'}` });
    }
  });
  return { title: title ?? m.name, lanes: [actionLane, ...vars], events };
}
