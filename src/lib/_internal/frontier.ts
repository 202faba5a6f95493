/**
 * One breadth-first level of states waiting to be expanded, with each
 * state's number in the store. States are kept encoded ({@link Codec}) when
 * they are plain data, and as objects when they are not.
 *
 * The bytes are kept in chunks of 1 MiB, and the search gives back each
 * chunk once it has expanded the states in it ({@link Frontier.release}),
 * so that while one level is expanded into the next, the memory held is
 * about the larger of the two levels, not their sum.
 *
 * @module
 */
import type { Codec } from './codec';
import { Bytes, NotEncodable } from './codec';

const CHUNK = 1 << 20;

/** A growable array of 32-bit numbers. */
export class Numbers {
  a = new Int32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  /** A copy of the numbers pushed. */
  take(): Int32Array {
    return this.a.slice(0, this.n);
  }
}

/** A level of states to expand. */
export class Frontier<S> {
  private objects: S[] | undefined;
  private chunks: (Uint8Array | undefined)[] = [];
  private used = 0; // bytes used in the last chunk
  private readonly scratch = new Bytes();
  private readonly chunkOf = new Numbers();
  private readonly offsetOf = new Numbers();
  private readonly numbers = new Numbers();
  private held = 0;
  /** States held. */
  length = 0;

  /** @param codec - the encoder, or undefined to keep objects */
  constructor(private codec: Codec | undefined) {
    if (!codec) this.objects = [];
  }

  /** Add state `s`, number `n` in the store. */
  push(s: S, n: number): void {
    if (this.objects) {
      this.objects.push(s);
      this.numbers.push(n);
      this.length++;
      return;
    }
    this.scratch.clear();
    try {
      this.codec!.encode(s, this.scratch);
    } catch (e) {
      if (!(e instanceof NotEncodable)) throw e;
      this.toObjects();
      this.push(s, n);
      return;
    }
    this.append(this.scratch.buf, 0, this.scratch.length, n);
  }

  /** Add the k-th state of `from` (which shares this frontier's codec), number `n`. */
  copyFrom(from: Frontier<S>, k: number, n: number): void {
    if (this.objects || from.objects) {
      this.push(from.get(k), n);
      return;
    }
    const c = from.chunkOf.a[k]!;
    const start = from.offsetOf.a[k]!;
    const same = k + 1 < from.length && from.chunkOf.a[k + 1] === c;
    const end = same
      ? from.offsetOf.a[k + 1]!
      : c === from.chunks.length - 1
        ? from.used
        : from.endOf[c]!;
    this.append(from.chunks[c]!, start, end, n);
  }

  /** Where each chunk's last state ends, for {@link Frontier.copyFrom}. */
  private readonly endOf: number[] = [];

  private append(src: Uint8Array, start: number, end: number, n: number): void {
    const len = end - start;
    let chunk = this.chunks[this.chunks.length - 1];
    if (chunk === undefined || this.used + len > chunk.length) {
      if (chunk !== undefined) this.endOf[this.chunks.length - 1] = this.used;
      chunk = new Uint8Array(Math.max(CHUNK, len));
      this.chunks.push(chunk);
      this.held += chunk.byteLength;
      this.used = 0;
    }
    chunk.set(src.subarray(start, end), this.used);
    this.chunkOf.push(this.chunks.length - 1);
    this.offsetOf.push(this.used);
    this.numbers.push(n);
    this.used += len;
    this.length++;
  }

  /** The k-th state. */
  get(k: number): S {
    if (this.objects) return this.objects[k]!;
    return this.codec!.decode(this.chunks[this.chunkOf.a[k]!]!, this.offsetOf.a[k]!) as S;
  }

  /** The k-th state's number in the store. */
  number(k: number): number {
    return this.numbers.a[k]!;
  }

  /** The states before the k-th will not be read again: give back their chunks. */
  release(k: number): void {
    if (this.objects || k >= this.length) return;
    const c = this.chunkOf.a[k]!;
    for (let i = c - 1; i >= 0 && this.chunks[i] !== undefined; i--) {
      this.held -= this.chunks[i]!.byteLength;
      this.chunks[i] = undefined;
    }
  }

  /** Bytes held now (the encoded states and their numbers; objects are not counted). */
  get heldBytes(): number {
    return (
      this.held + this.chunkOf.a.byteLength + this.offsetOf.a.byteLength + this.numbers.a.byteLength
    );
  }

  /** Keep only the first `n` states. */
  truncate(n: number): void {
    if (n >= this.length) return;
    if (n === 0) {
      this.clear();
      return;
    }
    if (!this.objects) {
      const c = this.chunkOf.a[n - 1]!;
      const end =
        this.chunkOf.a[n] === c
          ? this.offsetOf.a[n]!
          : c === this.chunks.length - 1
            ? this.used
            : this.endOf[c]!;
      for (let i = this.chunks.length - 1; i > c; i--) this.held -= this.chunks[i]?.byteLength ?? 0;
      this.chunks.length = c + 1;
      this.endOf.length = c;
      this.used = end;
    } else this.objects.length = n;
    this.chunkOf.n = Math.min(this.chunkOf.n, n);
    this.offsetOf.n = Math.min(this.offsetOf.n, n);
    this.numbers.n = n;
    this.length = n;
  }

  /** Empty it (and its choice of objects or bytes stays). */
  clear(): void {
    this.length = 0;
    this.chunks = [];
    this.endOf.length = 0;
    this.used = 0;
    this.held = 0;
    this.chunkOf.n = 0;
    this.offsetOf.n = 0;
    this.numbers.n = 0;
    if (this.objects) this.objects = [];
  }

  /** Once a state is not plain data, keep them all as objects. */
  private toObjects(): void {
    const objs: S[] = [];
    for (let k = 0; k < this.length; k++) objs.push(this.get(k));
    this.objects = objs;
    this.codec = undefined;
    this.chunks = [];
    this.held = 0;
  }
}
