/**
 * Numbers in the prose come from the registry, never from the keyboard. A
 * chapter writes `{{NN/<check name>/<field>}}` for a number a check pins
 * (`{{08/channel invariants/states}}`, `{{08/channel invariants/deep.states}}`
 * for its deep bounds) and `{{NN/facts/<name>}}` for one of a chapter's
 * `facts`; the site shows the number with thousands separators (81,981). A
 * placeholder that names no chapter, check, field or fact fails the build
 * with a line naming it and what is accepted.
 *
 * @module
 */
import type { Chapter, Pins } from '../chapters/chapter';

/** Anything between double braces, as the prose writes a placeholder. */
export const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** The fields of a check's pins a placeholder may name. */
export const PIN_FIELDS = ['states', 'transitions', 'runs', 'depth'] as const;

/** Every field a placeholder may name: the pins, then the deep pins. */
export const FIELDS: readonly string[] = [...PIN_FIELDS, ...PIN_FIELDS.map((f) => `deep.${f}`)];

const format = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/**
 * A number as the prose shows it: `81,981`.
 *
 * @param n - the number
 * @returns it with en-US thousands separators
 */
export function formatNumber(n: number): string {
  return format.format(n);
}

const quoted = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');

/** The fields a check pins, as a placeholder names them. */
function pinnedFields(pinned: Pins | undefined, deep: Pins | undefined): string[] {
  return [
    ...PIN_FIELDS.filter((f) => pinned?.[f] !== undefined),
    ...PIN_FIELDS.filter((f) => deep?.[f] !== undefined).map((f) => `deep.${f}`),
  ];
}

/**
 * The number a placeholder stands for, or why it stands for none.
 *
 * @param chs - the chapters (the registry's)
 * @param inner - what is between the braces (`08/channel invariants/states`)
 * @returns the number, or a one-line explanation naming the placeholder and what is accepted
 */
export function resolvePlaceholder(
  chs: readonly Chapter[],
  inner: string,
): { readonly value: number } | { readonly problem: string } {
  const text = inner.replace(/\s+/g, ' ').trim();
  const shown = `{{${text}}}`;
  const m = text.match(/^(\d\d|[A-Z])\/(.+)$/);
  const slash = m ? m[2]!.lastIndexOf('/') : -1;
  if (!m || slash <= 0)
    return {
      problem: `'${shown}' is not a number placeholder: write {{NN/<check name>/<field>}} or {{NN/facts/<name>}}`,
    };
  const ch = chs.find((c) => c.id === m[1]);
  if (!ch)
    return {
      problem: `'${shown}' names no chapter ${m[1]}; the chapters are ${chs.map((c) => c.id).join(', ') || '(none)'}`,
    };
  const rest = m[2]!;
  if (rest.startsWith('facts/')) {
    const name = rest.slice('facts/'.length);
    const value = ch.facts?.[name];
    if (value !== undefined) return { value };
    const names = Object.keys(ch.facts ?? {});
    return {
      problem: `'${shown}' names no fact of chapter ${m[1]}; ${names.length ? `its facts are ${quoted(names)}` : 'it has no facts'}`,
    };
  }
  const name = rest.slice(0, slash);
  const field = rest.slice(slash + 1);
  const check = ch.checks.find((c) => c.name === name);
  if (!check)
    return {
      problem: `'${shown}' names no check of chapter ${m[1]}; its checks are ${quoted(ch.checks.map((c) => c.name))}`,
    };
  if (!FIELDS.includes(field))
    return {
      problem: `'${shown}': '${field}' is not a field; the fields are ${FIELDS.join(', ')}`,
    };
  const deep = field.startsWith('deep.');
  const pins = deep ? check.deepPinned : check.pinned;
  const value = pins?.[field.replace(/^deep\./, '') as keyof Pins];
  if (value !== undefined) return { value };
  const has = pinnedFields(check.pinned, check.deepPinned);
  return {
    problem: `'${shown}': chapter ${m[1]}'s check '${name}' pins no ${field}; ${has.length ? `it pins ${has.join(', ')}` : 'it pins nothing'}`,
  };
}

/**
 * Replace every placeholder in a text by its number.
 *
 * @param text - markdown (prose, not code: code is shown as written)
 * @param chs - the chapters (the registry's)
 * @returns the text with the numbers, and one line for each placeholder that names none
 */
export function renderNumbers(
  text: string,
  chs: readonly Chapter[],
): { readonly text: string; readonly problems: readonly string[] } {
  const problems: string[] = [];
  const out = text.replace(PLACEHOLDER, (whole, inner: string) => {
    const r = resolvePlaceholder(chs, inner);
    if ('value' in r) return formatNumber(r.value);
    problems.push(r.problem);
    return whole;
  });
  return { text: out, problems };
}
