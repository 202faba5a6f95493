/**
 * The explorer's page, in plain DOM: a menu of models and, for a model that
 * runs its chapter's mutants, a menu of those; the current state as a table
 * and, beside it, its image under the abstraction function in the spec
 * above, and the model's invariants if it has any; the enabled steps as
 * buttons grouped by the process that takes them (external steps and faults
 * apart, faults marked, steps the last step enabled marked new, a duplicate
 * delivery marked again); the run so far as a list of what each step changed
 * and as a sequence diagram; undo, reset, and a link that carries the model,
 * the mutant and the run in the address (`#model=...&mutant=...&run=[...]`),
 * which replays it when opened.
 *
 * @module
 */
import { labelText, show } from '../../index';
import { escapeXml as x } from '../escape';
import { notationCaption, notationDiagram } from '../notation';
import { sequenceSvg } from '../sequenceSvg';
import type { SiteExplorerModel, SiteMutant } from './models';
import type { EnabledStep, StepGroup } from './session';
import { EXTERNAL, FAULTS, OTHER, Session } from './session';

/** The key to the diagram's notation, the same figure chapter 01 places. */
const notation = `<details class="wb-notation" data-testid="notation"><summary>How to read the diagram</summary><div class="wb-diagram">${sequenceSvg(notationDiagram, { idPrefix: 'notation', laneWidth: 170 })}</div><p>${x(notationCaption)}</p></details>`;

/** What the address carries: the model, the mutant if one is chosen, and the run. */
export interface Link {
  /** The model's id. */
  readonly model: string;
  /** The name of the chapter's mutant the run is of, if any. */
  readonly mutant?: string;
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
  const mutant = q.get('mutant');
  const raw = q.get('run');
  const base = mutant === null ? { model } : { model, mutant };
  if (!raw) return { ...base, run: [] };
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
  return { ...base, run: run as string[] };
}

/**
 * Write a link as an address's hash.
 *
 * @param l - the model and run
 * @returns `#model=...&run=[...]`
 */
export function formatLink(l: Link): string {
  const q = new URLSearchParams({ model: l.model });
  if (l.mutant !== undefined) q.set('mutant', l.mutant);
  if (l.run.length) q.set('run', JSON.stringify(l.run));
  return `#${q.toString()}`;
}

/** What a link opens: a model, maybe one of its mutants, and what is wrong with the link, if anything. */
export interface Opened {
  /** The model. */
  readonly model: SiteExplorerModel;
  /** The mutant, if the link names one the model runs. */
  readonly mutant?: SiteMutant;
  /** One line on what is wrong with the link, if something is. */
  readonly error?: string;
}

/**
 * The model and mutant a link names, or, if it names one that does not
 * exist, the fallback model and one line saying so.
 *
 * @param models - the models on the menu
 * @param link - the link
 * @param fallback - what to open if the link names no model there
 * @returns the model, the mutant, and the error
 */
export function openLink(
  models: readonly SiteExplorerModel[],
  link: Link,
  fallback: SiteExplorerModel,
): Opened {
  const model = models.find((m) => m.id === link.model);
  if (!model)
    return {
      model: fallback,
      error: `explorer: no model '${link.model}'; the models are ${models.map((m) => m.id).join(', ')}`,
    };
  if (link.mutant === undefined) return { model };
  const mutant = model.mutantModels.find((m) => m.name === link.mutant);
  if (mutant) return { model, mutant };
  const known = model.mutantModels.map((m) => `'${m.name}'`).join(', ');
  return {
    model,
    error: `explorer: this link's mutant is damaged (${model.id} has no mutant '${link.mutant}'; ${known ? `its mutants are ${known}` : 'it runs none'}): starting from the initial state of the correct model`,
  };
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

/** A group's heading. */
function groupTitle(name: string, onlyOther: boolean): string {
  if (name === EXTERNAL) return 'external: from outside';
  if (name === FAULTS) return 'faults';
  if (name === OTHER) return onlyOther ? 'internal' : 'internal, of no one process';
  return name;
}

/** A small tag inside a button or a run's line. */
const tag = (cls: string, text: string) => `<span class="wb-tag ${cls}">${x(text)}</span>`;

/** An enabled step's button. */
function stepButton(c: EnabledStep<unknown>): string {
  const cls = [
    'wb-step',
    c.label.external ? 'wb-external' : '',
    c.label.fault ? 'wb-fault' : '',
    c.fresh ? 'wb-new' : '',
    c.again ? 'wb-again' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const kind = c.label.fault ? 'fault' : c.label.external ? 'external' : 'internal';
  const notes = [
    c.again ? 'again: its receiver has had this very message before, so this is a duplicate' : '',
    c.fresh ? 'new: the last step enabled it' : '',
    c.way ? `one of several ways this step can turn out: ${c.way}` : '',
  ].filter(Boolean);
  const title = `${kind}: ${c.change || 'no change'}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  const text = labelText(c.label) + (c.way ? ` · ${c.way}` : '');
  return `<button type="button" class="${cls}" data-step="${x(c.text)}" title="${x(title)}">${x(text)}${c.again ? tag('wb-again-tag', 'again') : ''}${c.fresh ? tag('wb-new-tag', 'new') : ''}</button>`;
}

/** The enabled steps, one group per process, then the rest. */
function stepGroups(groups: readonly StepGroup<unknown>[]): string {
  if (!groups.length) return '<p><em>none: the run can go no further</em></p>';
  const onlyOther = groups.every(
    (g) => g.name === OTHER || g.name === EXTERNAL || g.name === FAULTS,
  );
  return groups
    .map(
      (g) =>
        `<div class="wb-group" data-group="${x(g.name)}"><h4>${x(groupTitle(g.name, onlyOther))}</h4><div class="wb-buttons">${g.steps.map(stepButton).join('')}</div></div>`,
    )
    .join('');
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
  let current: SiteExplorerModel = models[0]!;
  let mutant: SiteMutant | undefined;
  let session = new Session(current);
  const start = (m: SiteExplorerModel, mu?: SiteMutant) => {
    current = m;
    mutant = mu;
    session = new Session(mu?.model ?? m);
  };
  let error = '';
  const linkNow = (): Link => ({
    model: current.id,
    ...(mutant ? { mutant: mutant.name } : {}),
    run: session.path,
  });

  const fromAddress = () => {
    error = '';
    let link: Link | undefined;
    try {
      link = parseLink(win.location.hash);
    } catch (e) {
      error = (e as Error).message;
    }
    if (!link) {
      start(current);
      return;
    }
    const opened = openLink(models, link, current);
    start(opened.model, opened.mutant);
    if (opened.error) {
      error = opened.error;
      return;
    }
    try {
      session.restore(link.run);
    } catch (e) {
      error = (e as Error).message;
    }
  };

  const toAddress = () => {
    const hash = formatLink(linkNow());
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
    const groups = session.groups();
    const count = groups.reduce((n, g) => n + g.steps.length, 0);
    const anyWay = groups.some((g) => g.steps.some((c) => c.way));
    const menu = models
      .map(
        (mm) =>
          `<option value="${x(mm.id)}"${mm.id === current.id ? ' selected' : ''}>${x(mm.title)}</option>`,
      )
      .join('');
    const mutantMenu = current.mutantModels.length
      ? `<label>Mutant <select data-testid="mutant"><option value=""${mutant ? '' : ' selected'}>none: the correct model</option>${current.mutantModels
          .map(
            (mu) =>
              `<option value="${x(mu.name)}" title="${x(mu.bug)}"${mu === mutant ? ' selected' : ''}>${x(`${mu.name}: ${mu.bug}`)}</option>`,
          )
          .join('')}</select></label>`
      : '';
    const initOk = session.initialOk();
    let obText = '';
    if (!last && initOk === false)
      obText = `<strong>The initial state's image is not an initial state of ${x(spec!.name)}:</strong> the abstraction function fails the first obligation (§5.1).`;
    if (ob && last)
      obText = ob.ok
        ? ob.via.length
          ? `Step ${steps.length}, ${x(labelText(last.label))}, is matched in ${x(spec!.name)} by ${ob.via.map((v) => `<code>${x(v)}</code>`).join(', ')}.`
          : `Step ${steps.length}, ${x(labelText(last.label))}, leaves the image unchanged (a stutter).`
        : `<strong>No sequence of ${x(spec!.name)} steps takes f(y) to f(y') for step ${steps.length}, ${x(labelText(last.label))}:</strong> the abstraction function fails here (§5.1).`;
    const imageBlock =
      spec && f && img !== undefined
        ? `<section class="wb-x-image"><h3>Its image f(state) in ${x(spec.name)}</h3>${table(spec.view(img), last ? spec.view(f(last.from)) : undefined, 'wb-image')}<p class="wb-obligation${(ob && !ob.ok) || (!last && initOk === false) ? ' wb-broken' : ''}" data-testid="obligation">${obText || 'The initial state maps to an initial state of the spec.'}</p></section>`
        : '<section class="wb-x-image"><h3>No spec above</h3><p>This model has no abstraction function to show.</p></section>';
    const invs = session.invariants();
    const invBlock = invs.length
      ? `<section class="wb-x-invariants"><h3>Invariants in this state</h3><ul class="wb-invariants" data-testid="invariants">${invs
          .map((i) =>
            i.holds
              ? `<li class="wb-holds">✓ ${x(i.name)}</li>`
              : `<li class="wb-broken">✗ <strong>${x(i.name)}</strong>: ${x(i.why ?? 'violated')}</li>`,
          )
          .join('')}</ul></section>`
      : '';
    const history = session.history();
    const runList = history
      .map((s) => {
        const mark = s.label.fault ? '! ' : s.label.external ? '* ' : '';
        const cls = [s.label.fault ? 'wb-fault' : '', s.again ? 'wb-again' : '']
          .filter(Boolean)
          .join(' ');
        return `<li${cls ? ` class="${cls}"` : ''}><code>${x(mark + labelText(s.label))}</code>${s.again ? ` ${tag('wb-again-tag', 'duplicate')}` : ''} ${x(s.change || '(no change)')}</li>`;
      })
      .join('');
    let svg = '';
    try {
      svg = steps.length ? sequenceSvg(session.diagram(), { idPrefix: 'explorer' }) : '';
    } catch (e) {
      svg = `<p class="wb-error">${x((e as Error).message)}</p>`;
    }
    const href = win.location.href;
    const legend = [
      '<span class="wb-external">external</span>',
      '<span>internal</span>',
      '<span class="wb-fault">fault</span>',
      `<span class="wb-key">${tag('wb-new-tag', 'new')} the last step enabled it</span>`,
      `<span class="wb-key">${tag('wb-again-tag', 'again')} delivers a message its receiver has had before: a duplicate</span>`,
    ].join(' ');
    const ways = anyWay
      ? '<p class="wb-ways">A step written as <code>Action · change</code> is one action that can turn out in more than one way (the paper’s <em>choose … or …</em>): each button is one of the ways, named by what it changes.</p>'
      : '';
    root.innerHTML = `
<div class="wb-x-bar">
  <label>Model <select data-testid="model">${menu}</select></label>
  ${mutantMenu}
  <button type="button" data-do="undo"${steps.length ? '' : ' disabled'}>Undo</button>
  <button type="button" data-do="reset"${steps.length ? '' : ' disabled'}>Reset</button>
  <button type="button" data-do="copy">Copy link</button><span class="wb-copied" data-testid="copied" role="status"></span>
  <input class="wb-link" data-testid="link" readonly value="${x(href)}" aria-label="link to this run">
</div>
${error ? `<p class="wb-error" data-testid="error">${x(error)}</p>` : ''}
<p class="wb-about">${x(current.about)} <em>${x(m.name)}</em>, chapter ${x(current.chapter)}.</p>
${mutant ? `<p class="wb-mutant" data-testid="mutant-bug"><strong>Mutant: ${x(mutant.name)}.</strong> ${x(mutant.bug)} Step until the obligation${invs.length ? ' or an invariant' : ''} shows where it breaks.</p>` : ''}
<div class="wb-x-cols">
  <section class="wb-x-state"><h3>State after ${steps.length} step${steps.length === 1 ? '' : 's'}</h3>${table(view, before, 'wb-state')}</section>
  ${imageBlock}
</div>
${invBlock}
<section class="wb-x-actions"><h3>Enabled steps (${count})</h3><p class="wb-legend">${legend}</p>${ways}<div class="wb-groups">${stepGroups(groups)}</div></section>
<section class="wb-x-run"><h3>The run so far</h3>${steps.length ? `<ol class="wb-run">${runList}</ol><div class="wb-diagram">${svg}</div>` : '<p>No steps yet: pick one above.</p>'}${notation}</section>`;
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
    const which = sel.getAttribute('data-testid');
    if (which === 'model') {
      const model = models.find((mm) => mm.id === sel.value);
      if (!model) return;
      start(model);
    } else if (which === 'mutant') {
      start(
        current,
        current.mutantModels.find((mu) => mu.name === sel.value),
      );
    } else return;
    error = '';
    update();
  });
  win.addEventListener('hashchange', () => {
    if (win.location.hash === formatLink(linkNow())) return;
    fromAddress();
    render();
  });

  fromAddress();
  update();
}
