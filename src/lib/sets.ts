/**
 * Sets and records with value equality, for writing specs as TLA+ writes
 * them: `msgs ∪ {m}` is `msgs.with(m)`, `m ∈ msgs` is `msgs.has(m)`,
 * `∃ m ∈ msgs : P(m)` is `msgs.some(P)`. Members are compared by value, not
 * by identity, so two records written separately with the same fields are
 * one member. A set is immutable; every operation returns a new set.
 *
 * A record is a plain object: {@link equals} compares records by value, and
 * the explorer's default fingerprint hashes them by value, whatever order
 * their fields were written in.
 *
 * @module
 */
import type { Group } from './_internal/hash';
import {
  activeGroup,
  H,
  hashValue,
  memberHashes,
  memberSums,
  registerSetClass,
} from './_internal/hash';

/**
 * An immutable set whose members are compared by value.
 *
 * Each set keeps the order-independent hash of its members, kept up to date
 * by every operation, so hashing a state that holds a large set costs no
 * more than hashing a small one.
 *
 * @typeParam T - the members' type
 * @example
 * ```ts
 * const msgs = set<Msg>().with({ type: '1a', bal: 0 });
 * msgs.has({ bal: 0, type: '1a' }); // true: the same record
 * ```
 * @category Values
 */
export class ValueSet<T> implements Iterable<T> {
  /** @internal the members, in the order they were added */
  readonly items: readonly T[];
  /** @internal lane 1 of each member's hash */
  readonly lo: readonly number[];
  /** @internal lane 2 of each member's hash */
  readonly hi: readonly number[];
  /** @internal the sum of the members' lane-1 hashes */
  readonly sumLo: number;
  /** @internal the sum of the members' lane-2 hashes */
  readonly sumHi: number;

  private group: Group | undefined;
  private sums: Int32Array | undefined;
  // Made by `with` from `base` and its last member: under a symmetry search
  // its sums are the base's and that member's, computed when first asked
  // for (a set that no state holds, an invariant's say, never pays for them).
  private base: ValueSet<T> | undefined;

  /** @internal use {@link set} */
  constructor(
    items: readonly T[],
    lo: readonly number[],
    hi: readonly number[],
    sumLo: number,
    sumHi: number,
  ) {
    this.items = items;
    this.lo = lo;
    this.hi = hi;
    this.sumLo = sumLo;
    this.sumHi = sumHi;
  }

  /** @internal give the set its sums under each renaming of `g`, computed by its maker */
  setGroupSums(g: Group, sums: Int32Array): void {
    this.group = g;
    this.sums = sums;
    this.base = undefined;
  }

  /** @internal the sums of the members' hashes under each renaming of `g` */
  groupSums(g: Group): Int32Array {
    if (this.group === g) return this.sums!;
    let sums: Int32Array;
    const n = this.items.length;
    if (this.base !== undefined) {
      const b = this.base.groupSums(g);
      const h = memberHashes(this.items[n - 1], this.lo[n - 1]!, this.hi[n - 1]!, g);
      sums = new Int32Array(b.length);
      for (let i = 0; i < b.length; i++) sums[i] = (b[i]! + h[i]!) | 0;
    } else sums = memberSums(this.items, this.lo, this.hi, g);
    this.base = undefined;
    this.group = g;
    this.sums = sums;
    return sums;
  }

  /** The number of members (TLA+'s `Cardinality`). */
  get size(): number {
    return this.items.length;
  }

  /** Is this the empty set? */
  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** The members, in the order they were added. */
  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }

  /** @internal the position of a member with this hash and value, or -1 */
  indexOf(x: unknown, h1: number, h2: number): number {
    const lo = this.lo;
    for (let i = 0; i < lo.length; i++)
      if (lo[i] === h1 && this.hi[i] === h2 && equals(this.items[i], x)) return i;
    return -1;
  }

  /**
   * Is `x` a member (`x ∈ S`)?
   *
   * @param x - a value
   * @returns true if some member equals it
   */
  has(x: T): boolean {
    const h1 = hashValue(x);
    return this.indexOf(x, h1, H.hi) >= 0;
  }

  /**
   * This set with `x` added (`S ∪ {x}`); the same set if `x` is a member.
   *
   * @param x - a value
   * @returns the set with it
   */
  with(x: T): ValueSet<T> {
    const h1 = hashValue(x);
    return this.withHashed(x, h1, H.hi);
  }

  /**
   * This set without `x` (`S \ {x}`); the same set if `x` is not a member.
   *
   * @param x - a value
   * @returns the set without it
   */
  without(x: T): ValueSet<T> {
    const h1 = hashValue(x);
    const h2 = H.hi;
    const i = this.indexOf(x, h1, h2);
    if (i < 0) return this;
    const cut = <U>(a: readonly U[]) => [...a.slice(0, i), ...a.slice(i + 1)];
    return new ValueSet(
      cut(this.items),
      cut(this.lo),
      cut(this.hi),
      (this.sumLo - h1) | 0,
      (this.sumHi - h2) | 0,
    );
  }

  /**
   * The union `S ∪ T`.
   *
   * @param other - another set
   * @returns the members of either
   */
  union(other: ValueSet<T>): ValueSet<T> {
    let out: ValueSet<T> = this.size >= other.size ? this : other;
    const rest = out === this ? other : this;
    for (let i = 0; i < rest.items.length; i++)
      out = out.withHashed(rest.items[i]!, rest.lo[i]!, rest.hi[i]!);
    return out;
  }

  /**
   * The intersection `S ∩ T`.
   *
   * @param other - another set
   * @returns the members of both
   */
  intersect(other: ValueSet<T>): ValueSet<T> {
    return this.filterHashed((x, h1, h2) => other.indexOf(x, h1, h2) >= 0);
  }

  /**
   * The difference `S \ T`.
   *
   * @param other - another set
   * @returns the members of this set that are not in `other`
   */
  minus(other: ValueSet<T>): ValueSet<T> {
    return this.filterHashed((x, h1, h2) => other.indexOf(x, h1, h2) < 0);
  }

  /**
   * `{x ∈ S : p(x)}`.
   *
   * @param p - the predicate
   * @returns the members that satisfy it
   */
  filter(p: (x: T) => boolean): ValueSet<T> {
    return this.filterHashed((x) => p(x));
  }

  /**
   * `{f(x) : x ∈ S}`.
   *
   * @param f - the function
   * @returns the images (equal images once)
   */
  map<U>(f: (x: T) => U): ValueSet<U> {
    let out = set<U>();
    for (const x of this.items) out = out.with(f(x));
    return out;
  }

  /**
   * `∃ x ∈ S : p(x)`.
   *
   * @param p - the predicate
   * @returns true if some member satisfies it
   */
  some(p: (x: T) => boolean): boolean {
    return this.items.some(p);
  }

  /**
   * `∀ x ∈ S : p(x)`.
   *
   * @param p - the predicate
   * @returns true if every member satisfies it
   */
  every(p: (x: T) => boolean): boolean {
    return this.items.every(p);
  }

  /**
   * `S ⊆ T`.
   *
   * @param other - another set
   * @returns true if every member of this set is in `other`
   */
  subsetOf(other: ValueSet<T>): boolean {
    if (this.size > other.size) return false;
    for (let i = 0; i < this.items.length; i++)
      if (other.indexOf(this.items[i], this.lo[i]!, this.hi[i]!) < 0) return false;
    return true;
  }

  /**
   * Set equality: the same members.
   *
   * @param other - another set
   * @returns true if both have the same members
   */
  equals(other: ValueSet<T>): boolean {
    return (
      this === other ||
      (this.size === other.size &&
        this.sumLo === other.sumLo &&
        this.sumHi === other.sumHi &&
        this.subsetOf(other))
    );
  }

  /** The members as an array, in the order they were added. */
  toArray(): T[] {
    return [...this.items];
  }

  private withHashed(x: T, h1: number, h2: number): ValueSet<T> {
    if (this.indexOf(x, h1, h2) >= 0) return this;
    const items = this.items.slice();
    items.push(x);
    const lo = this.lo.slice();
    lo.push(h1);
    const hi = this.hi.slice();
    hi.push(h2);
    const out = new ValueSet(items, lo, hi, (this.sumLo + h1) | 0, (this.sumHi + h2) | 0);
    // Only while a symmetry search runs: a chain of bases outside one would
    // keep every set it was built from alive.
    if (activeGroup() !== undefined) out.base = this;
    return out;
  }

  private filterHashed(p: (x: T, h1: number, h2: number) => boolean): ValueSet<T> {
    const items: T[] = [];
    const lo: number[] = [];
    const hi: number[] = [];
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < this.items.length; i++) {
      const x = this.items[i]!;
      const h1 = this.lo[i]!;
      const h2 = this.hi[i]!;
      if (!p(x, h1, h2)) continue;
      items.push(x);
      lo.push(h1);
      hi.push(h2);
      s1 = (s1 + h1) | 0;
      s2 = (s2 + h2) | 0;
    }
    return items.length === this.items.length ? this : new ValueSet(items, lo, hi, s1, s2);
  }
}
registerSetClass(ValueSet);

const EMPTY = new ValueSet<never>([], [], [], 0, 0);

/**
 * A set with value equality: `set()` is `{}`, `set(a, b)` is `{a, b}`.
 *
 * @param members - the members (equal ones count once)
 * @returns the set
 * @category Values
 */
export function set<T>(...members: T[]): ValueSet<T> {
  let out: ValueSet<T> = EMPTY;
  for (const m of members) out = out.with(m);
  return out;
}

/**
 * Every subset of `s` (TLA+'s `SUBSET s`), smallest first.
 *
 * @param s - a set
 * @returns its subsets
 * @category Values
 */
export function subsets<T>(s: ValueSet<T>): ValueSet<T>[] {
  let out: ValueSet<T>[] = [EMPTY];
  for (const x of s) out = [...out, ...out.map((t) => t.with(x))];
  return out.sort((a, b) => a.size - b.size);
}

/**
 * Value equality of plain values: numbers, strings, booleans, `null`,
 * arrays (element by element), plain objects (the same fields with equal
 * values, in any order; a field holding `undefined` counts as absent), value
 * sets (the same members), `Set` and `Map`.
 *
 * @param a - a value
 * @param b - another
 * @returns true if they are the same value
 * @category Values
 */
export function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof ValueSet) return b instanceof ValueSet && a.equals(b);
  if (b instanceof ValueSet) return false;
  if (a instanceof Set || a instanceof Map || b instanceof Set || b instanceof Map)
    return nativeEquals(a, b);
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    const v = x[k];
    if (v === undefined) continue;
    n++;
    if (!equals(v, y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  return n === 0;
}

function nativeEquals(a: object, b: object): boolean {
  if (a instanceof Set && b instanceof Set) {
    const xs = [...a];
    const ys = [...b];
    return (
      xs.every((x) => ys.some((y) => equals(x, y))) && ys.every((y) => xs.some((x) => equals(x, y)))
    );
  }
  if (a instanceof Map && b instanceof Map) {
    const xs = [...a];
    const ys = [...b];
    const has = (from: [unknown, unknown][], [k, v]: [unknown, unknown]) =>
      from.some(([k2, v2]) => equals(k, k2) && equals(v, v2));
    return xs.every((e) => has(ys, e)) && ys.every((e) => has(xs, e));
  }
  return false;
}
