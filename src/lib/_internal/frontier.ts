/**
 * One breadth-first level of states waiting to be expanded, with each
 * state's number in the store. States are kept encoded ({@link Codec}) when
 * they are plain data, and as objects when they are not.
 *
 * @module
 */
import type { Codec } from './codec';
import { Bytes, NotEncodable } from './codec';

/** A level of states to expand. */
export class Frontier<S> {
  private objects: S[] | undefined;
  private readonly bytes = new Bytes();
  private offsets = new Int32Array(1024);
  private numbers = new Int32Array(1024);
  /** States held. */
  length = 0;

  /** @param codec - the encoder, or undefined to keep objects */
  constructor(private codec: Codec | undefined) {
    if (!codec) this.objects = [];
  }

  /** Add state `s`, number `n` in the store. */
  push(s: S, n: number): void {
    if (this.length === this.numbers.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.numbers = grow(this.numbers);
      if (!this.objects) this.offsets = grow(this.offsets);
    }
    this.numbers[this.length] = n;
    if (this.objects) {
      this.objects.push(s);
    } else {
      const at = this.bytes.length;
      try {
        this.codec!.encode(s, this.bytes);
      } catch (e) {
        if (!(e instanceof NotEncodable)) throw e;
        this.bytes.length = at;
        this.toObjects();
        this.objects!.push(s);
        this.length++;
        return;
      }
      this.offsets[this.length] = at;
    }
    this.length++;
  }

  /** The k-th state. */
  get(k: number): S {
    if (this.objects) return this.objects[k]!;
    return this.codec!.decode(this.bytes.buf, this.offsets[k]!) as S;
  }

  /** The k-th state's number in the store. */
  number(k: number): number {
    return this.numbers[k]!;
  }

  /** Add the k-th state of `from` (which shares this frontier's codec), number `n`. */
  copyFrom(from: Frontier<S>, k: number, n: number): void {
    if (this.objects || from.objects) {
      this.push(from.get(k), n);
      return;
    }
    const start = from.offsets[k]!;
    const end = k + 1 < from.length ? from.offsets[k + 1]! : from.bytes.length;
    if (this.length === this.numbers.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.numbers = grow(this.numbers);
      this.offsets = grow(this.offsets);
    }
    this.numbers[this.length] = n;
    this.offsets[this.length] = this.bytes.length;
    this.bytes.reserve(end - start);
    this.bytes.buf.set(from.bytes.buf.subarray(start, end), this.bytes.length);
    this.bytes.length += end - start;
    this.length++;
  }

  /** Bytes held (the encoded states and their numbers; objects are not counted). */
  get heldBytes(): number {
    return this.bytes.bytes + this.offsets.byteLength + this.numbers.byteLength;
  }

  /** Empty it, keeping its memory (and its choice of objects or bytes). */
  clear(): void {
    this.length = 0;
    this.bytes.clear();
    if (this.objects) this.objects = [];
  }

  /** Once a state is not plain data, keep them all as objects. */
  private toObjects(): void {
    const objs: S[] = [];
    for (let k = 0; k < this.length; k++) objs.push(this.get(k));
    this.objects = objs;
    this.codec = undefined;
  }
}
