/**
 * A run as an HTML table of states: one row per step, one column per state
 * variable (from the machine's `view`), the cells a step changed marked.
 *
 * @module
 */
import type { Machine, Trace } from '../index';
import { labelText, show } from '../index';
import { escapeXml as x } from './escape';

/**
 * The run's states as an HTML table.
 *
 * @param m - the machine (for its view)
 * @param t - the run
 * @returns `<table class="wb-states">...</table>`
 */
export function stateTableHtml<S>(m: Pick<Machine<S>, 'view'>, t: Trace<S>): string {
  const states = [t.init, ...t.steps.map((s) => s.to)];
  const views = states.map((s) => m.view(s));
  const vars = [...new Set(views.flatMap((v) => Object.keys(v)))];
  const head = `<thead><tr><th>#</th><th>action</th>${vars.map((v) => `<th>${x(v)}</th>`).join('')}</tr></thead>`;
  const rows = views.map((v, i) => {
    const step = i === 0 ? undefined : t.steps[i - 1]!;
    const mark = step ? (step.label.fault ? '! ' : step.label.external ? '* ' : '') : '';
    const action = step ? mark + labelText(step.label) : '(initial)';
    const cells = vars.map((k) => {
      const now = show(v[k]);
      const changed = i > 0 && now !== show(views[i - 1]![k]);
      return `<td${changed ? ' class="wb-changed"' : ''}>${x(now || '-')}</td>`;
    });
    return `<tr${step?.label.fault ? ' class="wb-fault"' : ''}><td>${i}</td><td>${x(action)}</td>${cells.join('')}</tr>`;
  });
  return `<table class="wb-states">${head}<tbody>${rows.join('')}</tbody></table>`;
}
