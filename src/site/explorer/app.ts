/**
 * The explorer's page, in plain DOM: a menu of models; the current state as
 * a table and, beside it, its image under the abstraction function in the
 * spec above; the enabled steps as buttons (faults marked); the run so far
 * as a list and as a sequence diagram; undo, reset, and a link that carries
 * the run in the address (`#model=...&run=[...]`), which replays it when
 * opened.
 *
 * @module
 */
import { labelText, show } from '../../index';
import { escapeXml as x } from '../escape';
import { sequenceSvg } from '../sequenceSvg';
import type { SiteExplorerModel } from './models';
import { Session } from './session';

/** What the address carries: the model and the run. */
export interface Link {
  /** The model's id. */
  readonly model: string;
  /** The run's button texts. */
  readonly run: readonly string[];
}

/**
 * Read a link from an address's hash.
 *
 * @param hash - `#model=...&run=[...]` (or empty)
 * @returns the model and run, or undefined if the hash names no model
 * @throws Error if the run is not a JSON list of texts
 */
export function parseLink(hash: string): Link | undefined {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const model = q.get('model');
  if (!model) return undefined;
  const raw = q.get('run');
  if (!raw) return { model, run: [] };
  let run: unknown;
  try {
    run = JSON.parse(raw);
  } catch {
    run = undefined;
  }
  if (!Array.isArray(run) || run.some((t) => typeof t !== 'string'))
    throw new Error(
      "explorer: this link's run is damaged (it must be a JSON list of step texts, as Copy link writes it; a link cut short is the usual cause): starting from the initial state",
    );
  return { model, run: run as string[] };
}

/**
 * Write a link as an address's hash.
 *
 * @param l - the model and run
 * @returns `#model=...&run=[...]`
 */
export function formatLink(l: Link): string {
  const q = new URLSearchParams({ model: l.model });
  if (l.run.length) q.set('run', JSON.stringify(l.run));
  return `#${q.toString()}`;
}

function table(
  view: Readonly<Record<string, unknown>>,
  before: Readonly<Record<string, unknown>> | undefined,
  cls: string,
): string {
  const rows = Object.keys(view).map((k) => {
    const v = show(view[k]);
    const changed = before !== undefined && show(before[k]) !== v;
    return `<tr${changed ? ' class="wb-changed"' : ''}><th>${x(k)}</th><td>${x(v || '-')}</td></tr>`;
  });
  return `<table class="${cls}"><tbody>${rows.join('')}</tbody></table>`;
}

function diff(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const y = show(b[k]);
    if (show(a[k]) !== y) out.push(`${k} := ${y || '-'}`);
  }
  return out.join('; ') || '(no change)';
}

/**
 * Mount the explorer in an element.
 *
 * @param root - the element to fill
 * @param models - the models on the menu
 * @param win - the window whose address carries the run (default `window`)
 */
export function mountExplorer(
  root: HTMLElement,
  models: readonly SiteExplorerModel[],
  win: Window = window,
): void {
  if (!models.length) {
    root.textContent = 'No models to explore.';
    return;
  }
  let session = new Session(models[0]!);
  const chapterOf = (id: string) => models.find((mm) => mm.id === id)?.chapter ?? '?';
  let error = '';

  const fromAddress = () => {
    error = '';
    let link: Link | undefined;
    try {
      link = parseLink(win.location.hash);
    } catch (e) {
      error = (e as Error).message;
    }
    const model = link ? models.find((m) => m.id === link.model) : undefined;
    if (link && !model)
      error = `explorer: no model '${link.model}'; the models are ${models.map((m) => m.id).join(', ')}`;
    session = new Session(model ?? session.model);
    if (link && model)
      try {
        session.restore(link.run);
      } catch (e) {
        error = (e as Error).message;
      }
  };

  const toAddress = () => {
    const hash = formatLink({ model: session.model.id, run: session.path });
    if (win.location.hash !== hash) win.history.replaceState(null, '', hash);
  };

  const render = () => {
    const m = session.machine;
    const steps = session.trace.steps;
    const last = steps[steps.length - 1];
    const view = m.view(session.state);
    const before = last ? m.view(last.from) : undefined;
    const img = session.image();
    const spec = session.spec;
    const f = session.model.abstraction;
    const ob = steps.length ? session.obligation(steps.length - 1) : undefined;
    const choices = session.choices();
    const menu = models
      .map(
        (mm) =>
          `<option value="${x(mm.id)}"${mm.id === session.model.id ? ' selected' : ''}>${x(mm.title)}</option>`,
      )
      .join('');
    let obText = '';
    if (ob && last)
      obText = ob.ok
        ? ob.via.length
          ? `Step ${steps.length}, ${x(labelText(last.label))}, is matched in ${x(spec!.name)} by ${ob.via.map((v) => `<code>${x(v)}</code>`).join(', ')}.`
          : `Step ${steps.length}, ${x(labelText(last.label))}, leaves the image unchanged (a stutter).`
        : `<strong>No sequence of ${x(spec!.name)} steps takes f(y) to f(y') for step ${steps.length}, ${x(labelText(last.label))}:</strong> the abstraction function fails here (§5.1).`;
    const imageBlock =
      spec && f && img !== undefined
        ? `<section class="wb-x-image"><h3>Its image f(state) in ${x(spec.name)}</h3>${table(spec.view(img), last ? spec.view(f(last.from)) : undefined, 'wb-image')}<p class="wb-obligation${ob && !ob.ok ? ' wb-broken' : ''}" data-testid="obligation">${obText || 'The initial state maps to an initial state of the spec.'}</p></section>`
        : '<section class="wb-x-image"><h3>No spec above</h3><p>This model has no abstraction function to show.</p></section>';
    const buttons = choices
      .map((c) => {
        const cls = [
          'wb-step',
          c.label.external ? 'wb-external' : '',
          c.label.fault ? 'wb-fault' : '',
        ]
          .filter(Boolean)
          .join(' ');
        const kind = c.label.fault ? 'fault' : c.label.external ? 'external' : 'internal';
        return `<button type="button" class="${cls}" data-step="${x(c.text)}" title="${x(`${kind}: ${diff(view, m.view(c.next))}`)}">${x(c.text)}</button>`;
      })
      .join('');
    const runList = steps
      .map((s) => {
        const mark = s.label.fault ? '! ' : s.label.external ? '* ' : '';
        return `<li${s.label.fault ? ' class="wb-fault"' : ''}><code>${x(mark + labelText(s.label))}</code> ${x(diff(m.view(s.from), m.view(s.to)))}</li>`;
      })
      .join('');
    let svg = '';
    try {
      svg = steps.length ? sequenceSvg(session.diagram(), { idPrefix: 'explorer' }) : '';
    } catch (e) {
      svg = `<p class="wb-error">${x((e as Error).message)}</p>`;
    }
    const href = win.location.href;
    root.innerHTML = `
<div class="wb-x-bar">
  <label>Model <select data-testid="model">${menu}</select></label>
  <button type="button" data-do="undo"${steps.length ? '' : ' disabled'}>Undo</button>
  <button type="button" data-do="reset"${steps.length ? '' : ' disabled'}>Reset</button>
  <button type="button" data-do="copy">Copy link</button><span class="wb-copied" data-testid="copied" role="status"></span>
  <input class="wb-link" data-testid="link" readonly value="${x(href)}" aria-label="link to this run">
</div>
${error ? `<p class="wb-error" data-testid="error">${x(error)}</p>` : ''}
<p class="wb-about">${x(session.model.about)} <em>${x(m.name)}</em>, chapter ${chapterOf(session.model.id)}.</p>
<div class="wb-x-cols">
  <section class="wb-x-state"><h3>State after ${steps.length} step${steps.length === 1 ? '' : 's'}</h3>${table(view, before, 'wb-state')}</section>
  ${imageBlock}
</div>
<section class="wb-x-actions"><h3>Enabled steps (${choices.length})</h3><p class="wb-legend"><span class="wb-external">external</span> <span>internal</span> <span class="wb-fault">fault</span></p><div class="wb-buttons">${buttons || '<em>none: the run can go no further</em>'}</div></section>
<section class="wb-x-run"><h3>The run so far</h3>${steps.length ? `<ol class="wb-run">${runList}</ol><div class="wb-diagram">${svg}</div>` : '<p>No steps yet: pick one above.</p>'}</section>`;
  };

  const update = () => {
    toAddress();
    render();
  };

  root.addEventListener('click', (ev) => {
    const t = (ev.target as HTMLElement).closest('button');
    if (!t) return;
    const step = t.getAttribute('data-step');
    const act = t.getAttribute('data-do');
    error = '';
    if (step !== null) {
      try {
        session.take(step);
      } catch (e) {
        error = (e as Error).message;
      }
      update();
    } else if (act === 'undo') {
      session.undo();
      update();
    } else if (act === 'reset') {
      session.reset();
      update();
    } else if (act === 'copy') {
      const said = root.querySelector('[data-testid="copied"]');
      const say = (text: string) => {
        if (said) said.textContent = text;
      };
      (root.querySelector('.wb-link') as HTMLInputElement | null)?.select();
      const clip = win.navigator.clipboard;
      if (!clip) say('the browser allows no copying here: the link is selected, copy it by hand');
      else
        clip.writeText(win.location.href).then(
          () => say('copied'),
          () => say('the browser refused to copy: the link is selected, copy it by hand'),
        );
    }
  });
  root.addEventListener('change', (ev) => {
    const sel = ev.target as HTMLSelectElement;
    if (sel.getAttribute('data-testid') !== 'model') return;
    const model = models.find((mm) => mm.id === sel.value);
    if (!model) return;
    session = new Session(model);
    error = '';
    update();
  });
  win.addEventListener('hashchange', () => {
    const want = win.location.hash;
    if (want === formatLink({ model: session.model.id, run: session.path })) return;
    fromAddress();
    render();
  });

  fromAddress();
  update();
}
