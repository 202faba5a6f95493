/**
 * Chapter 02's exercises against plausible wrong answers (the starters and
 * the reference solutions are run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type {
  Address,
  StorageState,
} from '../../src/chapters/01-replicated-state-machines/storage';
import type { CacheState } from '../../src/chapters/02-specifications/cache';
import { chapter } from '../../src/chapters/02-specifications/index';
import type { BufferState } from '../../src/chapters/02-specifications/writeBuffer';

const ex = (id: string) => chapter.exercises.find((e) => e.id === id)!;

describe('exercise 2.1 against plausible wrong answers', () => {
  const verdict = (abstraction: (y: BufferState) => StorageState) =>
    ex('2.1').check({ abstraction });

  it('catches queued writes applied newest first: the oldest write wins, and Write(x, 2) is lost', async () => {
    const v = await verdict((y) => {
      const m: Record<string, number> = { ...y.mem };
      for (const [a, d] of [...y.buf].reverse()) m[a] = d;
      return m;
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Obligation 2 fails at the external step Write(x, 2)');
    expect(v.explanation).toContain("f(y') = {m[x]: 1, m[y]: nil}");
  });

  it('catches memory over the queue: a Drain changes what a client sees', async () => {
    const v = await verdict((y) => ({ ...Object.fromEntries(y.buf), ...y.mem }));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Obligation 2 fails at the internal step Drain');
    expect(v.explanation).toContain("f(y') = {m[x]: 1, m[y]: nil}");
  });

  it('catches the queue alone: a drained write vanishes', async () => {
    const v = await verdict((y) => Object.fromEntries(y.buf));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Obligation 2 fails at the internal step Drain');
    expect(v.explanation).toContain("f(y') = {m[x]: nil, m[y]: nil}");
  });

  it('says that abstraction threw on the empty buffer when it reads only the newest write', async () => {
    const v = await verdict((y) => {
      const [a, d] = y.buf[y.buf.length - 1]!;
      return { ...y.mem, [a]: d };
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^abstraction threw: .*not iterable/);
  });
});

describe('exercise 2.2 against plausible wrong answers', () => {
  type FillGuard = (s: CacheState, a: Address, lines: number) => boolean;
  const verdict = (mayFill: FillGuard) => ex('2.2').check({ mayFill });
  const room: FillGuard = (s, a, lines) => a in s.cache || Object.keys(s.cache).length < lines;

  it('catches room alone: Fill loads memory over a dirty line', async () => {
    const v = await verdict(room);
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Obligation 2 fails at the internal step Fill(x)');
    expect(v.explanation).toContain('cache: x: 1 dirty}');
  });

  it('catches a guard that forgets the room: the cache overflows its lines', async () => {
    const v = await verdict((s, a) => s.cache[a]?.dirty !== true);
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('"the cache holds at most 1 line" fails');
  });

  it('catches a guard that fills only what memory has: a written-back line is overwritten', async () => {
    const v = await verdict((s, a, lines) => room(s, a, lines) && a in s.mem);
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Obligation 2 fails at the internal step Fill(x)');
    expect(v.explanation).toContain('cache: x: 2 dirty}');
  });

  it('catches a guard that fills only an empty cache: useless with two lines', async () => {
    const v = await verdict((s) => Object.keys(s.cache).length === 0);
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe(
      'Your guard is safe, but in a cache of 2 lines holding y: nil clean (memory {}) it refuses Fill(x), which takes a free line and overwrites no dirty line, so it cannot lose anything. Only the line being filled matters: the other lines, dirty or not, are left as they are. Allow every Fill that is safe.',
    );
  });

  it('catches a guard that refuses while any line is dirty: useless with two lines', async () => {
    const v = await verdict(
      (s, a, lines) => room(s, a, lines) && Object.values(s.cache).every((l) => !l.dirty),
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'Your guard is safe, but in a cache of 2 lines holding y: 1 dirty (memory {}) it refuses Fill(x), which takes a free line',
    );
  });

  it('catches a guard of false: safe, and useless', async () => {
    const v = await verdict(() => false);
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'Your guard is safe, but it refuses Fill(x) into an empty cache',
    );
  });
});
