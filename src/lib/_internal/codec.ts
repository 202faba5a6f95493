/**
 * States as bytes, for the explorer's frontier: a breadth-first level can
 * hold millions of states, and as objects each costs hundreds of bytes and
 * the garbage collector's time.
 *
 * The encoding is compact because states share most of their parts: every
 * part below the top (a message, an agent's record) is interned, that is
 * kept once in a table and written as its number, and decoding hands back
 * the one shared object. A part that is seldom shared (the set of all
 * messages sent, which differs in nearly every state) would fill the table,
 * so interning is decided per position in the state (`msgs`, `msgs[]`,
 * `maxBal`): a position whose parts keep missing the table is written out
 * in full from then on, and its own parts are interned in turn. Strings and
 * object shapes (the list of field names) are numbered the same way.
 *
 * A codec is one thread's: its numbers mean nothing to another codec.
 *
 * @module
 */
import { ValueSet } from '../sets';
import type { Group } from './hash';
import { activeGroup, H, hashValue, memberHashes } from './hash';

/** The state holds something the codec cannot write (a function, a class instance). */
export class NotEncodable extends Error {}

const T_NULL = 0;
const T_UNDEF = 1;
const T_FALSE = 2;
const T_TRUE = 3;
const T_INT = 4;
const T_DOUBLE = 5;
const T_STR = 6;
const T_ARRAY = 7;
const T_OBJECT = 8;
const T_VSET = 9;
const T_SET = 10;
const T_MAP = 11;
const T_REF = 12;
const T_BIGINT = 13;

interface Position {
  intern: boolean;
  hits: number;
  misses: number;
  readonly fields: Map<string, Position>;
  elem: Position | undefined;
  /** The shape last written here, its number, and the positions of its fields. */
  shape: readonly string[] | undefined;
  shapeId: number;
  shapeFields: readonly Position[] | undefined;
}

const newPosition = (intern: boolean): Position => ({
  intern,
  hits: 0,
  misses: 0,
  fields: new Map(),
  elem: undefined,
  shape: undefined,
  shapeId: 0,
  shapeFields: undefined,
});

/** A position stops interning after this many misses, if it misses more than it hits. */
const GIVE_UP = 4096;
/** The most parts the table holds; beyond it, new parts are written in full. */
const MAX_INTERNED = 1 << 20;

/** A growable byte buffer. */
export class Bytes {
  buf = new Uint8Array(1 << 16);
  length = 0;

  /** Make room for `n` more bytes. */
  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }

  /** Append a whole number from 0 below 2^32, 7 bits a byte. */
  varint(v: number): void {
    this.reserve(5);
    const b = this.buf;
    let n = this.length;
    v >>>= 0;
    while (v >= 0x80) {
      b[n++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[n++] = v;
    this.length = n;
  }

  /** Append one byte. */
  byte(v: number): void {
    this.reserve(1);
    this.buf[this.length++] = v;
  }

  /** Append a double, 8 bytes. */
  double(v: number): void {
    this.reserve(8);
    scratch[0] = v;
    this.buf.set(scratchBytes, this.length);
    this.length += 8;
  }

  /** Forget the contents, keep the memory. */
  clear(): void {
    this.length = 0;
  }

  /** Bytes held. */
  get bytes(): number {
    return this.buf.byteLength;
  }
}

const scratch = new Float64Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);

/** One thread's encoder and decoder, with its tables. */
export class Codec {
  private readonly root: Position;
  private readonly strings: string[];
  private readonly stringIds = new Map<string, number>();
  private readonly shapes: string[][];
  private readonly shapeIds = new Map<string, number>();
  private readonly internParts: boolean;

  /**
   * @param portable - write no interned parts, so that the bytes and the
   *   string and shape tables ({@link Codec.tables}) are all another thread
   *   needs to read them; or the tables of such a codec, to read its bytes
   */
  constructor(portable?: boolean | { readonly strings: string[]; readonly shapes: string[][] }) {
    this.internParts = !portable;
    this.root = newPosition(false);
    this.strings = typeof portable === 'object' ? portable.strings : [];
    this.shapes = typeof portable === 'object' ? portable.shapes : [];
    for (let i = 0; i < this.strings.length; i++) this.stringIds.set(this.strings[i]!, i);
    for (let i = 0; i < this.shapes.length; i++)
      this.shapeIds.set(this.shapes[i]!.join('\u0000'), i);
  }

  /** The string and shape tables, for a portable codec's reader. */
  get tables(): { readonly strings: string[]; readonly shapes: string[][] } {
    return { strings: this.strings, shapes: this.shapes };
  }
  private readonly parts: unknown[] = [];
  private readonly partLo: number[] = [];
  // Under a symmetry search: each part's hashes under every renaming, once.
  private vecsFor: Group | undefined;
  private partVecs: (Int32Array | undefined)[] = [];
  private readonly partHi: number[] = [];
  private readonly partIds = new Map<number, number | number[]>();
  // decoding cursor
  private buf: Uint8Array = new Uint8Array(0);
  private at = 0;

  /** Parts interned so far. */
  get interned(): number {
    return this.parts.length;
  }

  /**
   * Append a state.
   *
   * @throws NotEncodable if it holds something other than plain data
   */
  encode(v: unknown, out: Bytes): void {
    this.write(v, out, this.root, false);
  }

  /** Read the state that starts at `offset`. */
  decode(buf: Uint8Array, offset: number): unknown {
    this.buf = buf;
    this.at = offset;
    return this.read();
  }

  private write(v: unknown, out: Bytes, pos: Position, hashed: boolean, h1 = 0, h2 = 0): void {
    switch (typeof v) {
      case 'number':
        if ((v | 0) === v && !(v === 0 && 1 / v < 0)) {
          out.byte(T_INT);
          out.varint((v << 1) ^ (v >> 31));
        } else {
          out.byte(T_DOUBLE);
          out.double(v);
        }
        return;
      case 'string':
        out.byte(T_STR);
        out.varint(this.stringId(v));
        return;
      case 'boolean':
        out.byte(v ? T_TRUE : T_FALSE);
        return;
      case 'undefined':
        out.byte(T_UNDEF);
        return;
      case 'bigint':
        out.byte(T_BIGINT);
        out.varint(this.stringId(String(v)));
        return;
      case 'object':
        if (v === null) {
          out.byte(T_NULL);
          return;
        }
        if (pos.intern) {
          if (!hashed) {
            h1 = hashValue(v);
            h2 = H.hi;
          }
          const id = this.internId(v, pos, h1, h2);
          if (id >= 0) {
            out.byte(T_REF);
            out.varint(id);
            return;
          }
        }
        this.writeComposite(v, out, pos);
        return;
      default:
        throw new NotEncodable(`cannot encode a ${typeof v}`);
    }
  }

  /** The number of part `v` at `pos`, interned now if need be; -1 if it is to be written in full. */
  private internId(v: unknown, pos: Position, h1: number, h2: number): number {
    const id = this.lookup(h1, h2);
    if (id >= 0) {
      pos.hits++;
      return id;
    }
    pos.misses++;
    if (pos.misses > GIVE_UP && pos.misses > pos.hits) {
      pos.intern = false;
      return -1;
    }
    return this.parts.length < MAX_INTERNED ? this.add(v, h1, h2) : -1;
  }

  private writeComposite(v: object, out: Bytes, pos: Position): void {
    if (Array.isArray(v)) {
      out.byte(T_ARRAY);
      out.varint(v.length);
      const e = this.elemOf(pos);
      for (let i = 0; i < v.length; i++) this.write(v[i], out, e, false);
      return;
    }
    if (v instanceof ValueSet) {
      out.byte(T_VSET);
      out.varint(v.size);
      const e = this.elemOf(pos);
      const { items, lo, hi } = v;
      // A member is its part's number times two, or 1 and the member in full.
      for (let i = 0; i < items.length; i++) {
        const x = items[i];
        if (x !== null && typeof x === 'object' && e.intern) {
          const id = this.internId(x, e, lo[i]!, hi[i]!);
          if (id >= 0) {
            out.varint(id * 2);
            continue;
          }
        }
        out.varint(1);
        this.write(x, out, e, true, lo[i], hi[i]);
      }
      return;
    }
    if (v instanceof Set) {
      out.byte(T_SET);
      out.varint(v.size);
      const e = this.elemOf(pos);
      for (const x of v) this.write(x, out, e, false);
      return;
    }
    if (v instanceof Map) {
      out.byte(T_MAP);
      out.varint(v.size);
      const e = this.elemOf(pos);
      for (const [k, x] of v) {
        this.write(k, out, e, false);
        this.write(x, out, e, false);
      }
      return;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null)
      throw new NotEncodable(
        `cannot encode an instance of ${proto?.constructor?.name ?? 'a class'}`,
      );
    const o = v as Record<string, unknown>;
    // Objects at one position nearly always have one shape: check the last
    // one field by field before building its name.
    let keys = pos.shape;
    let n = 0;
    let same = keys !== undefined;
    for (const k in o) {
      if (o[k] === undefined) continue;
      if (same && keys![n] !== k) same = false;
      n++;
    }
    if (!same || n !== keys!.length) {
      const found: string[] = [];
      for (const k in o) if (o[k] !== undefined) found.push(k);
      const shapeKey = found.join('\u0000');
      let sid = this.shapeIds.get(shapeKey);
      if (sid === undefined) {
        sid = this.shapes.length;
        this.shapes.push(found);
        this.shapeIds.set(shapeKey, sid);
      }
      pos.shape = this.shapes[sid]!;
      pos.shapeId = sid;
      pos.shapeFields = found.map((k) => {
        let p = pos.fields.get(k);
        if (p === undefined) {
          p = newPosition(this.internParts);
          pos.fields.set(k, p);
        }
        return p;
      });
      keys = pos.shape;
    }
    out.byte(T_OBJECT);
    out.varint(pos.shapeId);
    const fields = pos.shapeFields!;
    for (let i = 0; i < keys!.length; i++) this.write(o[keys![i]!], out, fields[i]!, false);
  }

  private elemOf(pos: Position): Position {
    if (pos.elem === undefined) pos.elem = newPosition(this.internParts);
    return pos.elem;
  }

  private stringId(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  private lookup(h1: number, h2: number): number {
    const e = this.partIds.get(h1);
    if (e === undefined) return -1;
    // One 64-bit hash names one part, as one fingerprint names one state in the store.
    if (typeof e === 'number') return this.partHi[e] === h2 ? e : -1;
    for (const id of e) if (this.partHi[id] === h2) return id;
    return -1;
  }

  private add(v: unknown, h1: number, h2: number): number {
    const id = this.parts.length;
    this.parts.push(v);
    this.partLo.push(h1);
    this.partHi.push(h2);
    const e = this.partIds.get(h1);
    if (e === undefined) this.partIds.set(h1, id);
    else if (typeof e === 'number') this.partIds.set(h1, [e, id]);
    else e.push(id);
    return id;
  }

  private varint(): number {
    const b = this.buf;
    let v = 0;
    let shift = 0;
    for (;;) {
      const x = b[this.at++]!;
      v |= (x & 0x7f) << shift;
      if (x < 0x80) return v >>> 0;
      shift += 7;
    }
  }

  private read(): unknown {
    const tag = this.buf[this.at++];
    switch (tag) {
      case T_NULL:
        return null;
      case T_UNDEF:
        return undefined;
      case T_FALSE:
        return false;
      case T_TRUE:
        return true;
      case T_INT: {
        const z = this.varint();
        return (z >>> 1) ^ -(z & 1);
      }
      case T_DOUBLE: {
        scratchBytes.set(this.buf.subarray(this.at, this.at + 8));
        this.at += 8;
        return scratch[0];
      }
      case T_STR:
        return this.strings[this.varint()];
      case T_BIGINT:
        return BigInt(this.strings[this.varint()]!);
      case T_REF:
        return this.parts[this.varint()];
      case T_ARRAY: {
        const n = this.varint();
        const a = new Array(n);
        for (let i = 0; i < n; i++) a[i] = this.read();
        return a;
      }
      case T_VSET: {
        const n = this.varint();
        const items = new Array(n);
        const lo = new Array<number>(n);
        const hi = new Array<number>(n);
        let s1 = 0;
        let s2 = 0;
        // Under symmetry the set's sums under every renaming are made here,
        // from each interned part's hashes (kept by its number).
        const g = activeGroup();
        let sums: Int32Array | undefined;
        if (g !== undefined) {
          if (this.vecsFor !== g) {
            this.vecsFor = g;
            this.partVecs = [];
          }
          sums = new Int32Array(2 * g.perms.length);
        }
        for (let i = 0; i < n; i++) {
          let x: unknown;
          let h1: number;
          let h2: number;
          const tag = this.varint();
          let id = -1;
          if (tag !== 1) {
            id = tag >>> 1;
            x = this.parts[id];
            h1 = this.partLo[id]!;
            h2 = this.partHi[id]!;
          } else {
            x = this.read();
            h1 = hashValue(x);
            h2 = H.hi;
          }
          items[i] = x;
          lo[i] = h1;
          hi[i] = h2;
          s1 = (s1 + h1) | 0;
          s2 = (s2 + h2) | 0;
          if (sums !== undefined) {
            let v = id >= 0 ? this.partVecs[id] : undefined;
            if (v === undefined) {
              v = memberHashes(x, h1, h2, g!);
              if (id >= 0) this.partVecs[id] = v = v.slice();
            }
            for (let j = 0; j < sums.length; j++) sums[j] = (sums[j]! + v[j]!) | 0;
          }
        }
        const out = new ValueSet(items, lo, hi, s1, s2);
        if (sums !== undefined) out.setGroupSums(g!, sums);
        return out;
      }
      case T_SET: {
        const n = this.varint();
        const s = new Set();
        for (let i = 0; i < n; i++) s.add(this.read());
        return s;
      }
      case T_MAP: {
        const n = this.varint();
        const m = new Map();
        for (let i = 0; i < n; i++) {
          const k = this.read();
          m.set(k, this.read());
        }
        return m;
      }
      case T_OBJECT: {
        const keys = this.shapes[this.varint()]!;
        const o: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) o[keys[i]!] = this.read();
        return o;
      }
      default:
        throw new Error(`codec: bad tag ${tag} at ${this.at - 1}`);
    }
  }
}
