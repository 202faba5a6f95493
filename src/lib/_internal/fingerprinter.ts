/**
 * How the checks fingerprint a state: the structural hash of the state itself
 * when the machine has its default key, the hash of the machine's own key
 * when it has one, and, under symmetry, the least structural hash over every
 * renaming of the interchangeable values (TLC's `SYMMETRY`), so that states
 * that are renamings of each other get one fingerprint.
 *
 * @module
 */
import type { Machine } from '../machine';
import { canonical } from '../value';
import type { Group } from './hash';
import { H, hashAll, hashValue } from './hash';
import type { Fingerprint } from './stateStore';
import { fingerprint } from './stateStore';

/** Writes a state's fingerprint into `fp`. */
export type FingerprintFn<S> = (s: S, fp: Fingerprint) => void;

/** Does the machine use the default (structural) key? */
export function hasDefaultKey(m: Machine<unknown>): boolean {
  return m.key === canonical && !m.fingerprint;
}

/** Every permutation of `xs`, the identity first. */
function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i++) {
    const rest = [...xs.slice(0, i), ...xs.slice(i + 1)];
    for (const p of permutations(rest)) out.push([xs[i]!, ...p]);
  }
  return out;
}

/**
 * The renamings of a symmetry: every combination of a permutation of each
 * domain, the identity first.
 *
 * @throws Error naming what is wrong with the domains
 */
export function symmetryPermutations(
  domains: readonly (readonly (string | number)[])[],
): Map<unknown, unknown>[] {
  const seen = new Set<unknown>();
  let total = 1;
  for (const d of domains) {
    if (!Array.isArray(d) || d.length === 0)
      throw new Error(
        'explore: symmetry must be a list of domains, each a non-empty list of values',
      );
    for (const x of d) {
      if (typeof x !== 'string' && typeof x !== 'number')
        throw new Error(`explore: a symmetric value must be a string or a number, got ${typeof x}`);
      if (seen.has(x))
        throw new Error(`explore: the symmetric value ${x} is in two domains (or twice)`);
      seen.add(x);
    }
    for (let k = 2; k <= d.length; k++) total *= k;
  }
  if (total > 40320)
    throw new Error(`explore: symmetry has ${total} renamings; at most 40320 (8!) are accepted`);
  let perms: Map<unknown, unknown>[] = [new Map()];
  for (const d of domains) {
    const next: Map<unknown, unknown>[] = [];
    for (const base of perms)
      for (const p of permutations(d)) {
        const m = new Map(base);
        d.forEach((x, i) => {
          if (p[i] === x) return;
          m.set(x, p[i]);
          // A number also names a record field, as a string.
          if (typeof x === 'number') m.set(String(x), String(p[i]));
        });
        next.push(m);
      }
    perms = next;
  }
  return perms;
}

/** How a search fingerprints: the function, and its symmetry group if any. */
export interface Fingerprinter<S> {
  readonly fp: FingerprintFn<S>;
  /** Made active (see `setGroup`) while the search runs. */
  readonly group: Group | undefined;
}

/**
 * The fingerprint function of a search.
 *
 * @param m - the machine
 * @param symmetry - interchangeable domains, if any
 * @throws Error if symmetry is asked of a machine with its own key
 */
export function fingerprinter<S>(
  m: Machine<S>,
  symmetry?: readonly (readonly (string | number)[])[],
): Fingerprinter<S> {
  const structural = hasDefaultKey(m as Machine<unknown>);
  if (symmetry && symmetry.length) {
    if (!structural)
      throw new Error(
        `explore: symmetry needs the machine's default key, and ${m.name} has its own (leave its key out)`,
      );
    const group: Group = {
      perms: symmetryPermutations(symmetry),
      numeric: symmetry.some((d) => d.some((x) => typeof x === 'number')),
    };
    const n = group.perms.length;
    const fp: FingerprintFn<S> = (s, out) => {
      const all = hashAll(s, group);
      let bestLo = all[0]!;
      let bestHi = all[1]!;
      for (let i = 2; i < 2 * n; i += 2) {
        const lo = all[i]!;
        const hi = all[i + 1]!;
        if (hi >>> 0 < bestHi >>> 0 || (hi === bestHi && lo >>> 0 < bestLo >>> 0)) {
          bestLo = lo;
          bestHi = hi;
        }
      }
      out.lo = bestLo;
      out.hi = bestHi;
    };
    return { fp, group };
  }
  if (m.fingerprint) {
    const f = m.fingerprint;
    return {
      fp: (s, out) => {
        out.lo = f(s);
        out.hi = H.hi;
      },
      group: undefined,
    };
  }
  if (structural)
    return {
      fp: (s, out) => {
        out.lo = hashValue(s);
        out.hi = H.hi;
      },
      group: undefined,
    };
  return { fp: (s, out) => fingerprint(m.key(s), out), group: undefined };
}

const keys = new WeakMap<Machine<any>, (s: any) => string | number>();

/**
 * A key for comparing and remembering states of `m` outside the store (the
 * step matcher's cache, a spec search's visited set): the machine's own key
 * if it has one, else its 64-bit structural fingerprint as a short string,
 * so that the default key never builds the canonical text of a state.
 */
export function stateKey<S>(m: Machine<S>): (s: S) => string | number {
  let k = keys.get(m);
  if (k === undefined) {
    if (!hasDefaultKey(m as Machine<unknown>) && !m.fingerprint) k = m.key;
    else {
      const f = fingerprinter(m).fp;
      const fp = { lo: 0, hi: 0 };
      k = (s: S) => {
        f(s, fp);
        return `${fp.lo}:${fp.hi}`;
      };
    }
    keys.set(m, k);
  }
  return k as (s: S) => string | number;
}
