/**
 * The explorer's memory: one 64-bit fingerprint and one parent index per
 * distinct state, in typed arrays, with an open-addressing index over them.
 * States themselves are not kept: a trace is rebuilt by replaying from an
 * initial state and following fingerprints down the parent chain.
 */

/** Parent index of an initial state. */
export const ROOT = 0xffffffff;

const EMPTY = 0;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A fingerprint: two 32-bit halves. Written into `fp` to avoid allocation. */
export interface Fingerprint {
  lo: number;
  hi: number;
}

/**
 * Fingerprint a key. A numeric key (a state packed into an integer below
 * 2^53) is its own fingerprint, so it never collides; a string is hashed by
 * two different 32-bit hashes (FNV-1a and a multiply-xorshift), each
 * finished with MurmurHash3's mixer.
 */
export function fingerprint(key: string | number, fp: Fingerprint): void {
  if (typeof key === 'number') {
    fp.lo = key >>> 0;
    fp.hi = Math.floor(key / 4294967296) >>> 0;
    return;
  }
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  fp.lo = fmix32(h1 ^ key.length);
  fp.hi = fmix32(h2);
}

/** A set of fingerprints with a parent index per member, in insertion (BFS) order. */
export class StateStore {
  count = 0;
  private capacity: number;
  private lo: Uint32Array;
  private hi: Uint32Array;
  private par: Uint32Array;
  private table: Uint32Array; // state index + 1, or EMPTY
  private mask: number;

  constructor(initialCapacity = 1 << 12) {
    this.capacity = initialCapacity;
    this.lo = new Uint32Array(initialCapacity);
    this.hi = new Uint32Array(initialCapacity);
    this.par = new Uint32Array(initialCapacity);
    let size = 16;
    while (size * 0.75 < initialCapacity) size *= 2;
    this.table = new Uint32Array(size);
    this.mask = size - 1;
  }

  /**
   * Add a fingerprint with its parent.
   * @returns its new index (>= 0), or `~i` (< 0) if it was already there as state `i`
   */
  add(lo: number, hi: number, parent: number): number {
    const table = this.table;
    const mask = this.mask;
    let slot = fmix32(lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const e = table[slot]!;
      if (e === EMPTY) break;
      const i = e - 1;
      if (this.lo[i] === lo && this.hi[i] === hi) return ~i;
      slot = (slot + 1) & mask;
    }
    const i = this.count;
    if (i === this.capacity) this.growArrays();
    this.lo[i] = lo;
    this.hi[i] = hi;
    this.par[i] = parent;
    table[slot] = i + 1;
    this.count = i + 1;
    if (this.count > (this.table.length * 3) >>> 2) this.growTable();
    return i;
  }

  /** The parent of state `i` ({@link ROOT} for an initial state). */
  parent(i: number): number {
    return this.par[i]!;
  }

  /** Does state `i` have this fingerprint? */
  matches(i: number, fp: Fingerprint): boolean {
    return this.lo[i] === fp.lo && this.hi[i] === fp.hi;
  }

  /** Bytes held by the store's arrays (all of its memory but a few fields). */
  get bytes(): number {
    return this.lo.byteLength + this.hi.byteLength + this.par.byteLength + this.table.byteLength;
  }

  private growArrays(): void {
    const cap = Math.ceil(this.capacity * 1.5);
    const grow = (a: Uint32Array) => {
      const b = new Uint32Array(cap);
      b.set(a);
      return b;
    };
    this.lo = grow(this.lo);
    this.hi = grow(this.hi);
    this.par = grow(this.par);
    this.capacity = cap;
  }

  private growTable(): void {
    const size = this.table.length * 2;
    const table = new Uint32Array(size);
    const mask = size - 1;
    for (let i = 0; i < this.count; i++) {
      let slot = fmix32(this.lo[i]! ^ Math.imul(this.hi[i]!, 0x9e3779b1)) & mask;
      while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
      table[slot] = i + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
