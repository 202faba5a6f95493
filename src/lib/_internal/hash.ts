/**
 * The structural fingerprint: a 64-bit hash of a plain value computed by
 * walking it, with no string built. Two 32-bit lanes are computed side by
 * side (the second is left in {@link H} after each call, to avoid an
 * allocation per value).
 *
 * Equal values hash equally whatever order an object's fields were written
 * in or a set's members were added: objects and sets combine their parts by
 * addition, which does not depend on order; arrays combine in order. Under a
 * symmetry renaming (see {@link setRenaming}) every primitive that the
 * permutation moves is hashed as its image, wherever it occurs: as a value,
 * as a field name, as a set member or a map key. That is the hash of the
 * renamed state, computed without building it.
 *
 * @module
 */

/** Where {@link hashValue} leaves the second 32-bit lane of the value it hashed. */
export const H = { hi: 0 };
let lane2 = 0;

/** A set type that keeps its own order-independent hash (see `sets.ts`). */
export interface SelfHashing {
  /** Lane 1 of the hash of the members (a sum). */
  readonly sumLo: number;
  /** Lane 2 of the same. */
  readonly sumHi: number;
  /** Number of members. */
  readonly size: number;
  /** The members, for hashing under a permutation. */
  [Symbol.iterator](): Iterator<unknown>;
  /**
   * The sums under every renaming of group `g` (lane 1 and 2 for renaming i
   * at 2i and 2i+1), computed once and kept.
   */
  groupSums(g: Group): Int32Array;
}

let selfHashing: (new (...a: any[]) => SelfHashing) | undefined;

/** Called once by `sets.ts`, so that this module needs no import of it. */
export function registerSetClass(c: new (...a: any[]) => SelfHashing): void {
  selfHashing = c;
}

/** The renamings of a symmetry search; the first is the identity. */
export interface Group {
  readonly perms: readonly Map<unknown, unknown>[];
  /** Does some renaming move a number? */
  readonly numeric: boolean;
}

let perm: Map<unknown, unknown> | undefined;
let permIndex = 0;
let group: Group | undefined;

/**
 * The symmetry group of the search that is running (sets keep their sums
 * under each of its renamings up to date), or undefined.
 */
export function setGroup(g: Group | undefined): void {
  group = g;
}

/** The group of the search that is running. */
export function activeGroup(): Group | undefined {
  return group;
}

/** Hash as renaming `i` of the active group (0, the identity: no renaming). */
export function setRenaming(i: number): void {
  permIndex = i;
  const p = i === 0 || group === undefined ? undefined : group.perms[i];
  perm = p && p.size ? p : undefined;
}

// A string's hashes under every renaming of the active group, lane 1 and 2
// of renaming i at 2i and 2i+1: one lookup in place of a renaming and a hash.
let renamedFor: Group | undefined;
let renamed = new Map<string, Int32Array>();

function renamedString(s: string): number {
  const t = renamedTable(s, group!);
  lane2 = t[2 * permIndex + 1]!;
  return t[2 * permIndex]!;
}

function renamedTable(s: string, g: Group): Int32Array {
  if (renamedFor !== g || renamed.size > 100_000) {
    renamedFor = g;
    renamed = new Map();
  }
  let t = renamed.get(s);
  if (t === undefined) {
    const perms = g.perms;
    t = new Int32Array(2 * perms.length);
    for (let i = 0; i < perms.length; i++) {
      const r = perms[i]!.get(s);
      t[2 * i] = hashString(typeof r === 'string' ? r : s);
      t[2 * i + 1] = lane2;
    }
    renamed.set(s, t);
  }
  return t;
}

/**
 * The sums of a set's members' hashes under every renaming of `g` (lane 1
 * and 2 of renaming i at 2i and 2i+1), given the members' own hashes.
 *
 * @param items - the members
 * @param lo - lane 1 of each member's own hash
 * @param hi - lane 2 of the same
 * @param g - the group
 * @returns a new array of the sums
 */
export function memberSums(
  items: readonly unknown[],
  lo: readonly number[],
  hi: readonly number[],
  g: Group,
): Int32Array {
  const n = 2 * g.perms.length;
  const out = new Int32Array(n);
  for (let k = 0; k < items.length; k++) {
    const h = memberHashes(items[k], lo[k]!, hi[k]!, g);
    for (let i = 0; i < n; i++) out[i] = (out[i]! + h[i]!) | 0;
  }
  return out;
}

/**
 * A set member's hashes under every renaming of `g`, given its own hash
 * (from the cache of parts when it is there). Read the result before the
 * next call.
 */
export function memberHashes(x: unknown, lo: number, hi: number, g: Group): Int32Array {
  if (cacheFor === g && typeof x === 'object' && x !== null)
    for (let e = cache.get(lo); e !== undefined; e = e.next) if (e.hi === hi) return e.vec;
  return hashAll(x, g, true, lo, hi);
}

const scratchAll: Int32Array[] = [];
let nesting = 0;

function scratchAt(d: number, n: number): Int32Array {
  let t = scratchAll[d];
  if (t === undefined || t.length !== n) {
    t = new Int32Array(n);
    scratchAll[d] = t;
  }
  return t;
}

/**
 * The hashes of `v` under every renaming of `g` in one pass (lane 1 and 2
 * of renaming i at 2i and 2i+1): the same numbers as {@link hashValue}
 * under each renaming in turn, at a fraction of the cost. The result may
 * be shared: read it before the next call.
 *
 * @param part - `v` is a part of states (a set's member), worth keeping by
 *   value; a whole state is not
 * @param lo - lane 1 of `v`'s own hash, if the caller has it
 * @param hi - lane 2 of the same
 */
export function hashAll(v: unknown, g: Group, part = false, lo?: number, hi?: number): Int32Array {
  const savedPerm = perm;
  const savedIndex = permIndex;
  const savedGroup = group;
  group = g;
  perm = undefined;
  permIndex = 0;
  // A set's sums are computed inside another hashAll: each call its own scratch.
  const base = nesting * 64;
  const savedTop = topDepth;
  topDepth = base;
  nesting++;
  try {
    return part && typeof v === 'object' && v !== null
      ? cachedVec(v, g, base, 2 * g.perms.length, lo, hi)
      : vecOf(v, g, base);
  } finally {
    nesting--;
    topDepth = savedTop;
    group = savedGroup;
    perm = savedPerm;
    permIndex = savedIndex;
  }
}

function fillConst(out: Int32Array, lo: number, hi: number): Int32Array {
  for (let i = 0; i < out.length; i += 2) {
    out[i] = lo;
    out[i + 1] = hi;
  }
  return out;
}

// The variables of a state (the parts one level down) hashed last, by
// identity: a step changes a variable or two and shares the others with the
// state it came from, so the successors of one state find most of theirs
// here. Kept for one group at a time.
let topDepth = 0;
const RECENT = 8;
let recentFor: Group | undefined;
const recentObj: (object | undefined)[] = new Array(RECENT).fill(undefined);
const recentVec: Int32Array[] = [];
let recentNext = 0;

function sharedVec(v: object, g: Group, d: number, n: number): Int32Array {
  if (recentFor !== g) {
    recentFor = g;
    recentObj.fill(undefined);
    recentVec.length = 0;
  }
  for (let i = 0; i < RECENT; i++) if (recentObj[i] === v) return recentVec[i]!;
  const k = recentNext;
  recentNext = (k + 1) % RECENT;
  let out = recentVec[k];
  if (out === undefined || out.length !== n) {
    out = new Int32Array(n);
    recentVec[k] = out;
  }
  // Not found: computed into slot k, which no caller of this hashAll still reads.
  recentObj[k] = undefined;
  out.set(cachedVec(v, g, d, n));
  recentObj[k] = v;
  return out;
}

// The parts of states (messages, records, a process's state) hashed under
// every renaming, kept by value: a search builds the same few thousand
// parts again and again, each time as a new object. Looked up by the part's
// own 64-bit hash (one pass, not one per renaming), which is trusted as the
// store trusts a state's: two parts with the same 64 bits are taken to be
// one, a collision no likelier than two states' (the cache holds far fewer
// parts than the store holds states). Sets keep their own sums (see
// `groupSums`) and are not kept here.
interface Cached {
  readonly hi: number;
  readonly vec: Int32Array;
  readonly next: Cached | undefined;
}
const CACHE_LIMIT = 1 << 17;
let cacheFor: Group | undefined;
let cache = new Map<number, Cached>();

function cachedVec(
  v: object,
  g: Group,
  d: number,
  n: number,
  knownLo?: number,
  knownHi?: number,
): Int32Array {
  if (selfHashing !== undefined && v instanceof selfHashing) {
    const out = scratchAt(d, n);
    allOfObject(v, g, d, out);
    return out;
  }
  if (cacheFor !== g || cache.size >= CACHE_LIMIT) {
    cacheFor = g;
    cache = new Map();
  }
  let lo: number;
  let hi: number;
  if (knownLo !== undefined && knownHi !== undefined) {
    lo = knownLo;
    hi = knownHi;
  } else {
    lo = hash(v);
    hi = lane2;
  }
  const first = cache.get(lo);
  for (let e = first; e !== undefined; e = e.next) if (e.hi === hi) return e.vec;
  const out = new Int32Array(n);
  allOfObject(v, g, d, out);
  cache.set(lo, { hi, vec: out, next: first });
  return out;
}

function vecOf(v: unknown, g: Group, d: number): Int32Array {
  const n = 2 * g.perms.length;
  switch (typeof v) {
    case 'string':
      return renamedTable(v, g);
    case 'number': {
      const out = scratchAt(d, n);
      if (!g.numeric) return fillConst(out, hashNumber(v), lane2);
      for (let i = 0; i < g.perms.length; i++) {
        const r = g.perms[i]!.get(v);
        out[2 * i] = hashNumber(typeof r === 'number' ? r : v);
        out[2 * i + 1] = lane2;
      }
      return out;
    }
    case 'object': {
      if (v === null) return fillConst(scratchAt(d, n), TAG_NULL, TAG_UNDEF);
      if (d === topDepth + 1 && nesting === 1) return sharedVec(v, g, d, n);
      if (d !== topDepth) return cachedVec(v, g, d, n);
      const out = scratchAt(d, n);
      allOfObject(v, g, d, out);
      return out;
    }
    default: {
      const lo = hash(v);
      return fillConst(scratchAt(d, n), lo, lane2);
    }
  }
}

function allOfObject(v: object, g: Group, d: number, out: Int32Array): void {
  const n = out.length;
  if (Array.isArray(v)) {
    for (let i = 0; i < n; i += 2) {
      out[i] = TAG_ARRAY ^ v.length;
      out[i + 1] = ~TAG_ARRAY ^ v.length;
    }
    for (let k = 0; k < v.length; k++) {
      const e = vecOf(v[k], g, d + 1);
      for (let i = 0; i < n; i += 2) {
        const e1 = e[i]!;
        let h1 = Math.imul((out[i]! ^ e1) + 0x6b43a9b5, 0x01000193);
        h1 ^= h1 >>> 15;
        let h2 = Math.imul(out[i + 1]! + e[i + 1]!, 0x5bd1e995) ^ (e1 >>> 7);
        h2 ^= h2 >>> 13;
        out[i] = h1;
        out[i + 1] = h2;
      }
    }
    for (let i = 0; i < n; i += 2) {
      out[i] = fmix32(out[i]!);
      out[i + 1] = fmix32(out[i + 1]!);
    }
    return;
  }
  if (selfHashing !== undefined && v instanceof selfHashing) {
    const sums = v.groupSums(g);
    const size = v.size;
    for (let i = 0; i < n; i += 2) {
      out[i] = fmix32(sums[i]! + Math.imul(size ^ TAG_SET, 0x297a2d39));
      out[i + 1] = fmix32(sums[i + 1]! ^ Math.imul(size, 0x2c1b3c6d) ^ TAG_SET);
    }
    return;
  }
  if (v instanceof Set || v instanceof Map) {
    for (let i = 0; i < g.perms.length; i++) {
      setRenaming(i);
      out[2 * i] = hash(v);
      out[2 * i + 1] = lane2;
    }
    setRenaming(0);
    return;
  }
  out.fill(0);
  let count = 0;
  const o = v as Record<string, unknown>;
  const root = d === topDepth && nesting === 1;
  for (const k in o) {
    const x = o[k];
    if (x === undefined) continue;
    if (root && typeof x === 'object' && x !== null) {
      const f = rootField(x, k, g, d, n);
      for (let i = 0; i < n; i++) out[i] = (out[i]! + f[i]!) | 0;
      count++;
      continue;
    }
    const xv = vecOf(x, g, d + 1);
    const kv = renamedTable(k, g);
    // Renamings next to each other often agree on a field (one that only
    // the other domain's renaming moves): its summand is computed once.
    let k1 = 0;
    let k2 = 0;
    let x1 = 0;
    let x2 = 0;
    let f1 = 0;
    let f2 = 0;
    for (let i = 0; i < n; i += 2) {
      const a1 = kv[i]!;
      const a2 = kv[i + 1]!;
      const b1 = xv[i]!;
      const b2 = xv[i + 1]!;
      if (i === 0 || a1 !== k1 || a2 !== k2 || b1 !== x1 || b2 !== x2) {
        k1 = a1;
        k2 = a2;
        x1 = b1;
        x2 = b2;
        f1 = fieldLo(a1, b1);
        f2 = fieldHi(a2, b2);
      }
      out[i] = (out[i]! + f1) | 0;
      out[i + 1] = (out[i + 1]! + f2) | 0;
    }
    count++;
  }
  for (let i = 0; i < n; i += 2) {
    out[i + 1] = fmix32(out[i + 1]! ^ Math.imul(count, 0x68e31da4) ^ TAG_OBJECT);
    out[i] = fmix32(out[i]! + Math.imul(count ^ TAG_OBJECT, 0x1b56c4e9));
  }
}

// A state's variables that are objects, with their field's summands under
// every renaming, kept by identity: the successors of one state share most
// variables with it. Replaced by the clock rule (an entry read since the
// hand last passed is kept), so that the expanded state's variables, read
// by each of its successors, outlast the ones a single successor changed.
const FIELDS = 16;
let fieldsFor: Group | undefined;
const fieldObj: (object | undefined)[] = new Array(FIELDS).fill(undefined);
const fieldKey: (string | undefined)[] = new Array(FIELDS).fill(undefined);
const fieldSums: Int32Array[] = [];
const fieldUsed = new Uint8Array(FIELDS);
let fieldHand = 0;

function rootField(x: object, k: string, g: Group, d: number, n: number): Int32Array {
  if (fieldsFor !== g) {
    fieldsFor = g;
    fieldObj.fill(undefined);
    fieldKey.fill(undefined);
    fieldSums.length = 0;
  }
  for (let i = 0; i < FIELDS; i++)
    if (fieldObj[i] === x && fieldKey[i] === k) {
      fieldUsed[i] = 1;
      return fieldSums[i]!;
    }
  while (fieldUsed[fieldHand] === 1) {
    fieldUsed[fieldHand] = 0;
    fieldHand = (fieldHand + 1) % FIELDS;
  }
  const slot = fieldHand;
  fieldHand = (fieldHand + 1) % FIELDS;
  let out = fieldSums[slot];
  if (out === undefined || out.length !== n) {
    out = new Int32Array(n);
    fieldSums[slot] = out;
  }
  fieldObj[slot] = undefined;
  const xv = vecOf(x, g, d + 1);
  const kv = renamedTable(k, g);
  for (let i = 0; i < n; i += 2) {
    out[i] = fieldLo(kv[i]!, xv[i]!);
    out[i + 1] = fieldHi(kv[i + 1]!, xv[i + 1]!);
  }
  fieldObj[slot] = x;
  fieldKey[slot] = k;
  fieldUsed[slot] = 0;
  return out;
}

/** MurmurHash3's 32-bit finaliser: a bijection on 32 bits. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const TAG_NULL = 0x3c6ef372;
const TAG_UNDEF = 0x1b873593;
const TAG_TRUE = 0x6a09e667;
const TAG_FALSE = 0x510e527f;
const TAG_ARRAY = 0x5be0cd19;
const TAG_OBJECT = 0x9b05688c;
const TAG_SET = 0x1f83d9ab;
const TAG_MAP = 0x7137449;
const TAG_STRING = 0x428a2f98;
const TAG_DOUBLE = 0x3956c25b;

const f64 = new Float64Array(1);
const u32 = new Int32Array(f64.buffer);

function hashString(s: string): number {
  let h1 = TAG_STRING ^ s.length;
  let h2 = 0x9747b28c ^ s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  lane2 = fmix32(h2);
  return fmix32(h1);
}

function hashNumber(v: number): number {
  if ((v | 0) === v && !(v === 0 && 1 / v < 0)) {
    lane2 = fmix32(Math.imul(v ^ 0x2545f491, 0x9e3779b1));
    return fmix32(v ^ 0x68e31da4);
  }
  f64[0] = v;
  const a = u32[0]!;
  const b = u32[1]!;
  lane2 = fmix32(Math.imul(a ^ TAG_DOUBLE, 0xcc9e2d51) + b);
  return fmix32(a + Math.imul(b ^ TAG_DOUBLE, 0x1b873593));
}

/** Combine one field's name and value hashes into a summand (both lanes). */
function fieldLo(k1: number, v1: number): number {
  return fmix32(k1 + Math.imul(v1, 0x85ebca6b));
}
function fieldHi(k2: number, v2: number): number {
  return fmix32(k2 ^ Math.imul(v2 + 0x7f4a7c15, 0xc2b2ae35));
}

/**
 * Hash a plain value: `null`, `undefined`, booleans, numbers, strings,
 * bigints, arrays, plain objects (fields whose value is `undefined` are left
 * out, as {@link canonical} leaves them out), the library's value sets,
 * `Set` and `Map`.
 *
 * @returns lane 1; lane 2 is in `H.hi`
 */
export function hashValue(v: unknown): number {
  const lo = hash(v);
  H.hi = lane2;
  return lo;
}

function hash(v: unknown): number {
  switch (typeof v) {
    case 'number': {
      if (perm !== undefined && group!.numeric) {
        const r = perm.get(v);
        if (r !== undefined) return hashNumber(r as number);
      }
      return hashNumber(v);
    }
    case 'string':
      return perm !== undefined ? renamedString(v) : hashString(v);
    case 'boolean':
      lane2 = v ? TAG_FALSE : TAG_TRUE;
      return v ? TAG_TRUE : TAG_FALSE;
    case 'undefined':
      lane2 = TAG_NULL;
      return TAG_UNDEF;
    case 'bigint': {
      const lo = hashString(`${v}n`);
      lane2 ^= TAG_DOUBLE;
      return lo;
    }
    case 'object':
      if (v === null) {
        lane2 = TAG_UNDEF;
        return TAG_NULL;
      }
      return hashObject(v);
    default:
      throw new TypeError(`hash: cannot hash a ${typeof v} (plain data only)`);
  }
}

function hashObject(v: object): number {
  if (Array.isArray(v)) {
    let h1 = TAG_ARRAY ^ v.length;
    let h2 = ~TAG_ARRAY ^ v.length;
    for (let i = 0; i < v.length; i++) {
      const e1 = hash(v[i]);
      const e2 = lane2;
      h1 = Math.imul((h1 ^ e1) + 0x6b43a9b5, 0x01000193);
      h1 ^= h1 >>> 15;
      h2 = Math.imul(h2 + e2, 0x5bd1e995) ^ (e1 >>> 7);
      h2 ^= h2 >>> 13;
    }
    lane2 = fmix32(h2);
    return fmix32(h1);
  }
  if (selfHashing !== undefined && v instanceof selfHashing) {
    let s1: number;
    let s2: number;
    const sums = perm !== undefined && group !== undefined ? v.groupSums(group) : undefined;
    if (perm === undefined) {
      s1 = v.sumLo;
      s2 = v.sumHi;
    } else if (sums !== undefined) {
      s1 = sums[2 * permIndex]!;
      s2 = sums[2 * permIndex + 1]!;
    } else {
      s1 = 0;
      s2 = 0;
      for (const x of v) {
        s1 = (s1 + hash(x)) | 0;
        s2 = (s2 + lane2) | 0;
      }
    }
    lane2 = fmix32(s2 ^ Math.imul(v.size, 0x2c1b3c6d) ^ TAG_SET);
    return fmix32(s1 + Math.imul(v.size ^ TAG_SET, 0x297a2d39));
  }
  if (v instanceof Set || v instanceof Map) return hashNative(v);
  // A plain object (a record, or a function with string domain).
  let s1 = 0;
  let s2 = 0;
  let n = 0;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    if (x === undefined) continue;
    const x1 = hash(x);
    const x2 = lane2;
    const k1 = perm !== undefined ? renamedString(k) : hashString(k);
    const k2 = lane2;
    s1 = (s1 + fieldLo(k1, x1)) | 0;
    s2 = (s2 + fieldHi(k2, x2)) | 0;
    n++;
  }
  lane2 = fmix32(s2 ^ Math.imul(n, 0x68e31da4) ^ TAG_OBJECT);
  return fmix32(s1 + Math.imul(n ^ TAG_OBJECT, 0x1b56c4e9));
}

/**
 * A native `Set` or `Map`: its members' hashes, each distinct hash once
 * (equal members that are different objects are one value, as in
 * {@link canonical}), added up.
 */
function hashNative(v: Set<unknown> | Map<unknown, unknown>): number {
  const parts: [number, number][] = [];
  if (v instanceof Set) {
    for (const x of v) parts.push([hash(x), lane2]);
  } else {
    for (const [k, x] of v) {
      const k1 = hash(k);
      const k2 = lane2;
      const x1 = hash(x);
      parts.push([fieldLo(k1, x1), fieldHi(k2, lane2)]);
    }
  }
  parts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let s1 = 0;
  let s2 = 0;
  let n = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (i > 0 && p[0] === parts[i - 1]![0] && p[1] === parts[i - 1]![1]) continue;
    s1 = (s1 + p[0]) | 0;
    s2 = (s2 + p[1]) | 0;
    n++;
  }
  const tag = v instanceof Set ? TAG_SET : TAG_MAP;
  lane2 = fmix32(s2 ^ Math.imul(n, 0x2c1b3c6d) ^ tag);
  return fmix32(s1 + Math.imul(n ^ tag, 0x297a2d39));
}
