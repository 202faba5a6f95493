/**
 * The explorer's memory of the states it has seen: for each distinct state,
 * in the order found, its 64-bit fingerprint and its parent's number, kept
 * in chunked typed arrays (12 bytes a state), and a hash table of state
 * numbers (4 bytes a slot, at most 70% full) to find a fingerprint. States
 * themselves are not kept: a trace is rebuilt by walking parent numbers back
 * to an initial state and replaying forwards, at each step taking the
 * successor with the stored fingerprint. A state's number never changes, so
 * the states of one breadth-first level are one range of numbers.
 *
 * A stored state costs between 17.7 and 23.4 bytes (the table is between
 * 35% and 70% full), and never needs one large allocation but the table.
 */

import { H, hashValue } from './hash';

/** Parent of an initial state. */
export const ROOT = -1;

/** MurmurHash3's finaliser. */
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
 * 2^53) is its own fingerprint, so it never collides; a string is hashed as
 * the structural fingerprint hashes a string value (two independent 32-bit
 * hashes, each finished with MurmurHash3's mixer).
 */
export function fingerprint(key: string | number, fp: Fingerprint): void {
  if (typeof key === 'number') {
    fp.lo = key >>> 0;
    fp.hi = Math.floor(key / 4294967296) >>> 0;
    return;
  }
  fp.lo = hashValue(key) >>> 0;
  fp.hi = H.hi >>> 0;
}

const SHIFT = 16;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

/** The states seen: fingerprints and parents by number, and a table to find them. */
export class StateStore {
  /** Distinct states stored. */
  count = 0;
  private table: Int32Array; // state number + 1, or 0 for an empty slot
  private mask: number;
  private readonly los: Int32Array[] = [];
  private readonly his: Int32Array[] = [];
  private readonly parents: Int32Array[] = [];

  constructor(initialSlots = 1 << 12) {
    let size = 16;
    while (size < initialSlots) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
  }

  /**
   * Add a fingerprint with its parent's number ({@link ROOT} for an initial state).
   * @returns its number (>= 0) if it is new, or `~number` (< 0) of the state stored with it
   */
  add(lo: number, hi: number, parent: number): number {
    lo |= 0;
    hi |= 0;
    const table = this.table;
    const mask = this.mask;
    let slot = fmix32(lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const e = table[slot]!;
      if (e === 0) break;
      const i = e - 1;
      if (this.los[i >>> SHIFT]![i & MASK] === lo && this.his[i >>> SHIFT]![i & MASK] === hi)
        return ~i;
      slot = (slot + 1) & mask;
    }
    const i = this.count++;
    if ((i & MASK) === 0) {
      this.los.push(new Int32Array(CHUNK));
      this.his.push(new Int32Array(CHUNK));
      this.parents.push(new Int32Array(CHUNK));
    }
    this.los[i >>> SHIFT]![i & MASK] = lo;
    this.his[i >>> SHIFT]![i & MASK] = hi;
    this.parents[i >>> SHIFT]![i & MASK] = parent;
    table[slot] = i + 1;
    if (this.count * 10 > (mask + 1) * 7) this.grow();
    return i;
  }

  /** The parent of state `i` ({@link ROOT} for an initial state). */
  parent(i: number): number {
    return this.parents[i >>> SHIFT]![i & MASK]!;
  }

  /** Does state `i` have this fingerprint? */
  matches(i: number, fp: Fingerprint): boolean {
    return (
      this.los[i >>> SHIFT]![i & MASK] === (fp.lo | 0) &&
      this.his[i >>> SHIFT]![i & MASK] === (fp.hi | 0)
    );
  }

  /** Bytes held by the table and the arrays (all of the store's memory but a few fields). */
  get bytes(): number {
    return this.table.byteLength + this.los.length * CHUNK * 12;
  }

  /** Double the table; numbers do not change. */
  private grow(): void {
    const size = (this.mask + 1) * 2;
    const mask = size - 1;
    const table = new Int32Array(size);
    for (let i = 0; i < this.count; i++) {
      const lo = this.los[i >>> SHIFT]![i & MASK]!;
      const hi = this.his[i >>> SHIFT]![i & MASK]!;
      let slot = fmix32(lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = i + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
