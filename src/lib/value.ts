/**
 * Values as the specs use them: plain data (numbers, strings, booleans,
 * `nil`, arrays, and plain objects), compared and shown canonically.
 *
 * @module
 */

import { ValueSet } from './sets';

/**
 * The paper's `nil`: no value. We use JavaScript's `null` for it.
 *
 * @category Values
 */
export const nil = null;

/**
 * The type of {@link nil}.
 *
 * @category Values
 */
export type Nil = null;

/**
 * Encode a plain value as one canonical string: equal values give equal
 * strings, whatever order an object's fields were written in.
 *
 * @param v - a plain value: `null`, boolean, number, string, array, `Set`,
 *   `Map` or plain object (fields sorted by name; `undefined` fields skipped)
 * @returns the canonical encoding
 * @example
 * ```ts
 * canonical({ b: 1, a: [2, null] }) === canonical({ a: [2, null], b: 1 }); // true
 * ```
 * @category Values
 */
export function canonical(v: unknown): string {
  switch (typeof v) {
    case 'number':
      // NaN and ±Infinity bare, unlike the string "NaN", which is quoted.
      return String(v);
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return `${v}n`;
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) out += (i ? ',' : '') + canonical(v[i]);
        return out + ']';
      }
      // A set's members (a map's entries) sorted, and each once: two equal
      // members that are different objects are one value.
      if (v instanceof Set || v instanceof ValueSet)
        return `Set${canonical(distinctSorted([...v].map(canonical)))}`;
      if (v instanceof Map) {
        const entries = distinctSorted([...v].map(([k, x]) => `${canonical(k)}:${canonical(x)}`));
        return `Map[${entries.join(',')}]`;
      }
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        out += (i ? ',' : '') + JSON.stringify(k) + ':' + canonical(o[k]);
      }
      return out + '}';
    }
    default:
      throw new TypeError(`canonical: cannot encode a ${typeof v} (plain data only)`);
  }
}

function distinctSorted(xs: string[]): string[] {
  xs.sort();
  return xs.filter((x, i) => i === 0 || x !== xs[i - 1]);
}

/**
 * Show a value the way the paper writes it: `nil` for null, strings bare,
 * sets as `{1, 2}`, arrays as `[1, 2]`, objects as `{a: 1}`.
 *
 * @param v - any plain value
 * @returns a short human-readable text
 * @category Values
 */
export function show(v: unknown): string {
  if (v === null) return 'nil';
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (v instanceof Set || v instanceof ValueSet)
    return `{${[...v].map(show).sort(compareText).join(', ')}}`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${show(k)}: ${show(x)}`).join(', ')}}`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .map((k) => `${k}: ${show(o[k])}`)
      .join(', ')}}`;
  }
  return String(v);
}

/**
 * Order texts so that numbers inside them sort numerically ("2" before "10").
 *
 * @category Values
 */
export function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}
