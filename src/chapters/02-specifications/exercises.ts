/**
 * Chapter 02's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import type { Machine } from '../../index';
import {
  reachable,
  refines,
  renderRefinementFailure,
  renderTrace,
  traceIncluded,
} from '../../index';
import type { Address, StorageState } from '../01-replicated-state-machines/storage';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import type { CacheState } from './cache';
import { cleanLinesAgree, fits, rules, writeBackCache } from './cache';
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

function checkFillGuard(mod: Record<string, unknown>): ExerciseVerdict {
  const fn = exportedFunction<FillGuard>(mod, 'mayFill');
  const refinement = refinementToStorage(config);
  const spec = refinement.spec;
  try {
    const mayFill = guarded('mayFill', fn);
    const impl = writeBackCache({ ...rules, mayFill }, config);
    const r = refines(impl, refinement, { invariants: [cleanLinesAgree, fits(config.lines)] });
    if (!r.holds)
      return failedRefinement(
        'With your guard, the prefetching cache does not implement the storage spec.',
        impl,
        spec,
        r,
      );
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
    return {
      passed: true,
      explanation: `Every step of the prefetching cache, from each of its ${r.stats.states} reachable states, is matched in the storage spec, Fill by no step at all: your guard never loads memory over newer data.`,
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
    task: 'The cache gets an internal action Fill(a) that loads line a from memory ahead of a Read (a prefetch). Write its guard mayFill(s, a, lines): true exactly when loading a is safe and there is room. The check is refines against the storage spec.',
    hint: 'Evict had to refuse one kind of line. Which line must Fill never overwrite with what memory holds?',
    name: '2.2-fill-guard',
    check: checkFillGuard,
  }),
];
