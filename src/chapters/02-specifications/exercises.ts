/**
 * Chapter 02's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import type { Machine } from '../../index';
import {
  nil,
  reachable,
  refines,
  renderRefinementFailure,
  renderTrace,
  traceIncluded,
} from '../../index';
import type { Address, StorageState } from '../01-replicated-state-machines/storage';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import type { CacheConstants, CacheState, Line } from './cache';
import { cleanLinesAgree, fits, rules, showLines, writeBackCache } from './cache';
import { refinementToStorage } from './checks';
import { bufferConfig, config, TRACE_LENGTH } from './config';
import { storageSpec } from './spec';
import type { BufferState } from './writeBuffer';
import { writeBuffer } from './writeBuffer';

const SLUG = '02-specifications';

/** Call the reader's function; a throw becomes a verdict. */
function guarded<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    try {
      return fn(...args);
    } catch (e) {
      throw new ReaderError(`${name} threw: ${(e as Error).message}`);
    }
  };
}

class ReaderError extends Error {}

function failedRefinement<Y, X>(
  what: string,
  impl: Machine<Y>,
  spec: Machine<X>,
  r: ReturnType<typeof refines<Y, X>>,
): ExerciseVerdict {
  if (r.failure)
    return { passed: false, explanation: `${what}\n\n${renderRefinementFailure(impl, spec, r)}` };
  if (r.counterexample)
    return {
      passed: false,
      explanation: `${what}: "${r.counterexample.property}" fails: ${r.counterexample.message}\n\n${renderTrace(impl, r.counterexample.trace)}`,
    };
  return { passed: false, explanation: `${what}: never reached ${r.unreached.join('; ')}` };
}

/** Buffer states the check must meet, so that the hard case is covered. */
const bufferGoals = [
  reachable<BufferState>(
    'two queued writes to one address',
    (s) => s.buf.length === 2 && s.buf[0]![0] === s.buf[1]![0],
  ),
];

function checkAbstraction(mod: Record<string, unknown>): ExerciseVerdict {
  const fn = exportedFunction<(y: BufferState) => StorageState>(mod, 'abstraction');
  const impl = writeBuffer(bufferConfig);
  const spec = storageSpec(bufferConfig);
  try {
    const abstraction = guarded('abstraction', fn);
    const r = refines(impl, { spec, abstraction }, { reachable: bufferGoals });
    if (!r.holds)
      return failedRefinement(
        'With your abstraction function, a step of the write buffer is not matched by the storage spec.',
        impl,
        spec,
        r,
      );
    const t = traceIncluded(impl, { spec, maxLength: TRACE_LENGTH });
    return {
      passed: true,
      explanation: `Every step from each of the write buffer's ${r.stats.states} reachable states is matched in the storage spec under your f (Drain by no step at all), and, as a cross-check, every trace of the buffer (${t.stats.states} pairs of states) is a trace of the spec.`,
    };
  } catch (e) {
    if (e instanceof ReaderError) return { passed: false, explanation: e.message };
    throw e;
  }
}

type FillGuard = (s: CacheState, a: Address, lines: number) => boolean;

/** The addresses and data of the checks, with two cache lines: where a Fill may meet other lines. */
const twoLines: CacheConstants = { ...config, lines: 2 };

/**
 * Every state of a two-line cache over the checks' addresses and data in
 * which each clean line agrees with memory (these are the reachable ones),
 * fewest lines first.
 */
function twoLineStates(): CacheState[] {
  const { addresses, data } = twoLines;
  let mems: StorageState[] = [{}];
  for (const a of addresses)
    mems = mems.flatMap((m) => [m, ...data.map((d) => ({ ...m, [a]: d }))]);
  const lineChoices = (mem: StorageState, a: Address): (Line | undefined)[] => [
    undefined,
    { d: mem[a] ?? nil, dirty: false },
    ...data.map((d) => ({ d, dirty: true })),
  ];
  const out: CacheState[] = [];
  for (const mem of mems) {
    let caches: Record<Address, Line>[] = [{}];
    for (const a of addresses)
      caches = caches.flatMap((c) => lineChoices(mem, a).map((l) => (l ? { ...c, [a]: l } : c)));
    for (const cache of caches) out.push({ mem, cache });
  }
  return out.sort((x, y) => Object.keys(x.cache).length - Object.keys(y.cache).length);
}

/** Fill(a) is safe and has room: a is cached or a line is free, and a's line is not dirty. */
const fillIsSafe = (s: CacheState, a: Address, lines: number) =>
  (a in s.cache || Object.keys(s.cache).length < lines) && s.cache[a]?.dirty !== true;

function checkFillGuard(mod: Record<string, unknown>): ExerciseVerdict {
  const fn = exportedFunction<FillGuard>(mod, 'mayFill');
  try {
    const mayFill = guarded('mayFill', fn);
    let states = 0;
    for (const c of [config, twoLines]) {
      const refinement = refinementToStorage(c);
      const impl = writeBackCache({ ...rules, mayFill }, c);
      const r = refines(impl, refinement, { invariants: [cleanLinesAgree, fits(c.lines)] });
      if (!r.holds)
        return failedRefinement(
          `With your guard, the prefetching cache${c.lines === 1 ? '' : ` of ${c.lines} lines`} does not implement the storage spec.`,
          impl,
          refinement.spec,
          r,
        );
      states += r.stats.states;
    }
    for (const [s, a] of [
      [{ mem: {}, cache: {} }, 'x'],
      [{ mem: { x: 1 }, cache: {} }, 'x'],
      [{ mem: { x: 1 }, cache: {} }, 'y'],
    ] as const)
      if (!mayFill(s, a, config.lines))
        return {
          passed: false,
          explanation: `Your guard is safe, but it refuses Fill(${a}) into an empty cache (memory ${JSON.stringify(s.mem)}), where loading the line cannot lose anything. A guard of false is safe and useless: allow every Fill that is safe.`,
        };
    const probed = twoLineStates();
    for (const s of probed)
      for (const a of twoLines.addresses)
        if (fillIsSafe(s, a, twoLines.lines) && !mayFill(s, a, twoLines.lines))
          return {
            passed: false,
            explanation: `Your guard is safe, but in a cache of ${twoLines.lines} lines holding ${showLines(s, twoLines)} (memory ${JSON.stringify(s.mem)}) it refuses Fill(${a}), which ${a in s.cache ? `reloads the clean line ${a}` : 'takes a free line'} and overwrites no dirty line, so it cannot lose anything. Only the line being filled matters: the other lines, dirty or not, are left as they are. Allow every Fill that is safe.`,
          };
    return {
      passed: true,
      explanation: `Every step of the prefetching cache, with one line and with two, from each of its ${states} reachable states, is matched in the storage spec, Fill by no step at all: your guard never loads memory over newer data. And it allows every safe Fill in all ${probed.length} states of the two-line cache.`,
    };
  } catch (e) {
    if (e instanceof ReaderError) return { passed: false, explanation: e.message };
    throw e;
  }
}

/** The exercises of chapter 02. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '2.1',
    title: 'An abstraction function for a write buffer',
    task: 'A write buffer queues each Write and drains the queue into memory, oldest first, by an internal action; a Read returns the newest queued write to its address, or memory. Write abstraction(y): the storage state the buffer stands for. The check is refines, as in the chapter.',
    hint: 'What would memory hold if the buffer drained completely right now? Apply the queued writes to a copy of memory in the order Drain would.',
    name: '2.1-abstraction',
    check: checkAbstraction,
  }),
  exercise(SLUG, {
    id: '2.2',
    title: 'A safe guard for prefetching',
    task: 'The cache gets an internal action Fill(a) that loads line a from memory ahead of a Read (a prefetch). Write its guard mayFill(s, a, lines): true exactly when loading a is safe and there is room. The check is refines against the storage spec, for a cache of one line and of two; then your guard must allow every safe Fill in every state of the two-line cache.',
    hint: 'Evict had to refuse one kind of line. Which line must Fill never overwrite with what memory holds?',
    name: '2.2-fill-guard',
    check: checkFillGuard,
  }),
];
