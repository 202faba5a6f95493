/**
 * The explorer's memory: a hash table whose every slot holds one state's
 * 64-bit fingerprint and the slot of its parent, 12 bytes in one typed array,
 * so a lookup touches one cache line. States themselves are not kept: a
 * trace is rebuilt by walking parent slots back to an initial state and
 * replaying forwards, at each step taking the successor with the stored
 * fingerprint. A state is named by its slot; when the table doubles, slots
 * move, and the store tells its owner how (see {@link StateStore.onRehash}).
 *
 * With the table at most three quarters full, a stored state costs between
 * 16 and 32 bytes.
 */

/** Parent slot of an initial state. */
export const ROOT = 0x7fffffff;

const EMPTY = 0; // in the parent word: parent slot + 1, or EMPTY

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

/** A set of fingerprints, each with the slot of its parent. */
export class StateStore {
  /** Distinct states stored. */
  count = 0;
  /** Called with old slot -> new slot after the table grows. */
  onRehash: ((remap: Uint32Array) => void) | undefined;
  private t: Uint32Array; // [lo, hi, parent + 1] per slot
  private mask: number;

  constructor(initialSlots = 1 << 12) {
    let size = 16;
    while (size < initialSlots) size *= 2;
    this.t = new Uint32Array(size * 3);
    this.mask = size - 1;
  }

  /**
   * Add a fingerprint with its parent's slot ({@link ROOT} for an initial state).
   * @returns its slot (>= 0) if it is new, or `~slot` (< 0) if it was there already
   */
  add(lo: number, hi: number, parent: number): number {
    const t = this.t;
    const mask = this.mask;
    let slot = fmix32(lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const b = slot * 3;
      if (t[b + 2] === EMPTY) break;
      if (t[b] === lo && t[b + 1] === hi) return ~slot;
      slot = (slot + 1) & mask;
    }
    const b = slot * 3;
    t[b] = lo;
    t[b + 1] = hi;
    t[b + 2] = parent + 1;
    this.count++;
    if (this.count * 4 > (mask + 1) * 3) return this.grow(slot);
    return slot;
  }

  /** The parent slot of the state in `slot` ({@link ROOT} for an initial state). */
  parent(slot: number): number {
    return this.t[slot * 3 + 2]! - 1;
  }

  /** Does the state in `slot` have this fingerprint? */
  matches(slot: number, fp: Fingerprint): boolean {
    return this.t[slot * 3] === fp.lo && this.t[slot * 3 + 1] === fp.hi;
  }

  /** Bytes held by the table (all of the store's memory but a few fields). */
  get bytes(): number {
    return this.t.byteLength;
  }

  /** Double the table; every slot moves. @returns the new slot of `slot` */
  private grow(slot: number): number {
    const old = this.t;
    const oldSize = this.mask + 1;
    const size = oldSize * 2;
    const mask = size - 1;
    const t = new Uint32Array(size * 3);
    const remap = new Uint32Array(oldSize);
    for (let s = 0; s < oldSize; s++) {
      const b = s * 3;
      if (old[b + 2] === EMPTY) continue;
      const lo = old[b]!;
      const hi = old[b + 1]!;
      let n = fmix32(lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      while (t[n * 3 + 2] !== EMPTY) n = (n + 1) & mask;
      t[n * 3] = lo;
      t[n * 3 + 1] = hi;
      t[n * 3 + 2] = old[b + 2]!;
      remap[s] = n;
    }
    for (let n = 0; n < size; n++) {
      const p = t[n * 3 + 2]!;
      if (p !== EMPTY && p !== ROOT + 1) t[n * 3 + 2] = remap[p - 1]! + 1;
    }
    this.t = t;
    this.mask = mask;
    this.onRehash?.(remap);
    return remap[slot]!;
  }
}
