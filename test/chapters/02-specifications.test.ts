import { describe, expect, it } from 'vitest';
import type { StorageState } from '../../src/chapters/01-replicated-state-machines/storage';
import { Read, storage, Write } from '../../src/chapters/01-replicated-state-machines/storage';
import { chapter } from '../../src/chapters/02-specifications';
import {
  cacheToStorage,
  throughF,
  withImage,
} from '../../src/chapters/02-specifications/abstraction';
import type { CacheState } from '../../src/chapters/02-specifications/cache';
import { rules, writeBackCache } from '../../src/chapters/02-specifications/cache';
import {
  cacheRefines,
  cacheTraces,
  exploreCache,
  looseTraces,
} from '../../src/chapters/02-specifications/checks';
import { config, TRACE_LENGTH } from '../../src/chapters/02-specifications/config';
import { exercises } from '../../src/chapters/02-specifications/exercises';
import {
  forgetsToWriteBack,
  staleRead,
  writeNotDirty,
} from '../../src/chapters/02-specifications/mutants';
import { looseStorageSpec, storageSpec, writes } from '../../src/chapters/02-specifications/spec';
import type { RefinesResult, TraceInclusionResult } from '../../src/index';
import {
  explore,
  labelText,
  renderTrace,
  replay,
  specMoves,
  traceIncluded,
  tracePath,
} from '../../src/index';
import { testContext as ctx, describeChapter } from '../contract';

const { result, mutantResult } = describeChapter(chapter);
const traces = (name: string) => mutantResult(name) as Promise<TraceInclusionResult<CacheState>>;
const refinement = (name: string) =>
  mutantResult(name) as Promise<RefinesResult<CacheState, StorageState>>;

describe('02 specifications as state machines', () => {
  it('the storage spec is chapter 01’s storage service, action by action', () => {
    const spec = storageSpec();
    const states = explore(spec, {});
    expect(states.stats.states).toBe(9);
    const all: StorageState[] = [{}, { x: 1 }, { x: 2, y: 1 }, { y: 2 }];
    for (const m of all) {
      const moves = specMoves(spec, m);
      for (const a of config.addresses) {
        const want = storage.transition(m, Read(a)).output;
        expect(moves.map((mv) => mv.label)).toContain(`Read(${a}) -> ${want ?? 'nil'}`);
      }
      for (const [a, d] of writes(config)) {
        const mv = moves.find((x) => x.label === `Write(${a}, ${d})`)!;
        expect(spec.key(mv.to)).toBe(spec.key(storage.transition(m, Write(a, d)).state));
      }
    }
  });

  it('Read(x) returning 1 is one action of the family Read: the label carries the result', () => {
    const t = replay(storageSpec(), ['Write(x, 1)', 'Read(x) -> 1', 'Read(y) -> nil']);
    expect(t.steps.map((s) => [labelText(s.label), s.label.param, s.label.ret])).toEqual([
      ['Write(x, 1)', ['x', 1], undefined],
      ['Read(x) -> 1', 'x', 1],
      ['Read(y) -> nil', 'y', null],
    ]);
    expect(() => replay(storageSpec(), ['Write(x, 1)', 'Read(x) -> 2'])).toThrow(/not enabled/);
  });

  it('the cache meets every goal, and its traces close up within the bound: every length is covered', async () => {
    const e = await result('the cache keeps its invariants');
    expect(e.complete).toBe(true);
    expect((e as Awaited<ReturnType<typeof exploreCache>>).witnesses.size).toBe(3);
    const t = await result('every trace of the cache is a trace of storage');
    expect(t.complete).toBe(true);
    expect(t.stats.depth).toBeLessThan(TRACE_LENGTH);
  });

  it('f is memory overlaid with the dirty lines only', () => {
    const y: CacheState = { mem: { x: 1, y: 2 }, cache: { x: { d: 2, dirty: true } } };
    expect(cacheToStorage(y)).toEqual({ x: 2, y: 2 });
    expect(cacheToStorage({ mem: { x: 1 }, cache: { y: { d: null, dirty: false } } })).toEqual({
      x: 1,
    });
  });

  it('the demo run is matched step by step: external by the same step, internal by none', () => {
    const { machine, trace } = chapter.runs.find((r) => r.name === 'demo')!.run(ctx);
    const table = throughF(storageSpec(), cacheToStorage, trace);
    expect(table.match(/\(none\)/g)).toHaveLength(4);
    expect(table).not.toMatch(/none:/);
    expect(renderTrace(machine, trace)).toContain('WriteBack(x)  mem[x] := 1; cache := x: 1 clean');
  });

  it('catches the cache that forgets to write back by its trace: Write(x, 1), Read(x) -> nil', async () => {
    const r = await traces('forgets to write back');
    expect(r.badTrace).toEqual(['Write(x, 1)', 'Read(x) -> nil']);
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Write(x, 1)',
      'Evict(x)',
      'Read(x) -> nil',
    ]);
    expect(r.specCould?.map((m) => m.label)).toContain('Read(x) -> 1');
  });

  it('catches the same cache by f, at the Evict step, with f(y) and f(y’)', async () => {
    const r = await refinement('forgets to write back, under f');
    expect(r.failure!.obligation).toBe('step');
    expect(labelText(r.failure!.step!.label)).toBe('Evict(x)');
    expect(r.failure!.fy).toEqual({ x: 1 });
    expect(r.failure!.fy2).toEqual({});
    expect(tracePath(r.counterexample!.trace)).toEqual(['Write(x, 1)', 'Evict(x)']);
    // The table through f marks the internal step that moved f(y).
    const table = throughF(storageSpec(), cacheToStorage, r.counterexample!.trace);
    expect(table).toMatch(/Evict\(x\) +none: an internal step moved f\(y\)/);
  });

  it('the forgetful cache keeps its own invariants: only the spec sees the bug', () => {
    expect(exploreCache(forgetsToWriteBack, ctx).holds).toBe(true);
  });

  it('a stale read has the same symptom, but refines blames the Read', async () => {
    const t = cacheTraces(staleRead, ctx);
    expect(t.badTrace).toEqual(['Write(x, 1)', 'Read(x) -> nil']);
    const r = await refinement('stale read of a dirty line');
    expect(labelText(r.failure!.step!.label)).toBe('Read(x) -> nil');
    expect(r.failure!.fy).toEqual({ x: 1 });
    expect(throughF(storageSpec(), cacheToStorage, r.counterexample!.trace)).toContain(
      "none: no Read(x) -> nil takes f(y) to f(y')",
    );
  });

  it('a Write that leaves its line clean: the invariant fails at once, and refines blames the Write', async () => {
    const e = await mutantResult('write leaves the line clean');
    expect(e.counterexample!.property).toBe('a clean line agrees with memory');
    expect(tracePath(e.counterexample!.trace)).toEqual(['Write(x, 1)']);
    const r = cacheRefines(writeNotDirty, ctx);
    expect(labelText(r.failure!.step!.label)).toBe('Write(x, 1)');
    expect(r.failure!.fy2).toEqual({});
    expect(cacheTraces(writeNotDirty, ctx).badTrace).toEqual(['Write(x, 1)', 'Read(x) -> nil']);
  });

  it('more non-determinism: the strict spec implements the loose one, not the other way round', async () => {
    expect(explore(looseStorageSpec(), {}).stats.states).toBe(16);
    expect((await result('a stale-read cache implements the loose spec')).complete).toBe(true);
    expect(
      traceIncluded(storageSpec(), { spec: looseStorageSpec(), maxLength: TRACE_LENGTH }).holds,
    ).toBe(true);
    const r = traceIncluded(looseStorageSpec(), { spec: storageSpec(), maxLength: TRACE_LENGTH });
    expect(r.badTrace).toEqual(['Write(x, 1)', 'Read(x) -> nil']);
    expect(looseTraces(rules, ctx).holds).toBe(true);
  });

  it('the loose spec even admits the forgetful cache: safety cannot tell never from not yet', () => {
    expect(looseTraces(forgetsToWriteBack, ctx).holds).toBe(true);
  });

  it('the loose spec is not anything goes: a Read of data never written is caught', async () => {
    const r = await traces('reads the wrong address');
    expect(r.badTrace).toEqual(['Write(x, 1)', 'Read(y) -> 1']);
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Write(x, 1)',
      'WriteBack(x)',
      'Evict(x)',
      'Read(y) -> 1',
    ]);
  });

  it('every check can fail: each has a mutant', () => {
    for (const c of chapter.checks)
      expect(
        chapter.mutants.some((m) => m.caughtBy === c),
        c.name,
      ).toBe(true);
  });

  it('withImage shows f(y) beside each state', () => {
    const m = withImage(writeBackCache(), storageSpec(), cacheToStorage);
    expect(m.view({ mem: {}, cache: { x: { d: 1, dirty: true } } })['f(y)']).toBe(
      '{m[x]: 1, m[y]: nil}',
    );
  });

  it('the demo shows the trace, the run of X and both failures of the forgetful cache', () => {
    const lines: string[] = [];
    chapter.demo((l) => lines.push(l), ctx);
    const text = lines.join('\n');
    expect(text).toContain('Write(x, 1), Read(x) -> 1, Write(y, 2), Read(y) -> 2, Read(x) -> 1');
    expect(text).toContain('traceIncluded: holds');
    expect(text).toContain('refines: holds');
    expect(text).toContain('  Write(x, 1), Read(x) -> nil');
    expect(text).toContain('Obligation 2 fails at the internal step Evict(x)');
  });

  it('exercise 2.1 rejects memory alone (at the Write) and the writes applied newest first', async () => {
    const ex = exercises.find((e) => e.id === '2.1')!;
    const memOnly = await ex.check({ abstraction: (y: { mem: StorageState }) => y.mem });
    expect(memOnly.passed).toBe(false);
    expect(memOnly.explanation).toContain('Obligation 2 fails at the external step Write(x, 1)');
    const newestFirst = await ex.check({
      abstraction: (y: { mem: StorageState; buf: [string, number][] }) => {
        const m: Record<string, number> = { ...y.mem };
        for (const [a, d] of [...y.buf].reverse()) m[a] = d;
        return m;
      },
    });
    expect(newestFirst.passed).toBe(false);
    const throws = await ex.check({
      abstraction: () => {
        throw new Error('boom');
      },
    });
    expect(throws).toEqual({ passed: false, explanation: 'abstraction threw: boom' });
  });

  it('exercise 2.2 rejects an unsafe guard (at Fill), and a safe but useless one', async () => {
    const ex = exercises.find((e) => e.id === '2.2')!;
    const always = await ex.check({ mayFill: () => true });
    expect(always.passed).toBe(false);
    const never = await ex.check({ mayFill: () => false });
    expect(never.passed).toBe(false);
    expect(never.explanation).toContain('useless');
    const roomOnly = await ex.check({
      mayFill: (s: CacheState, a: string, lines: number) =>
        a in s.cache || Object.keys(s.cache).length < lines,
    });
    expect(roomOnly.explanation).toContain('Obligation 2 fails at the internal step Fill(x)');
    expect(await ex.check({})).toEqual({
      passed: false,
      explanation: 'The file does not export a function named mayFill.',
    });
  });
});
