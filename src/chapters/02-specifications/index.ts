/**
 * Chapter 02, Specifications as state machines (§4.1): the chapter as the
 * tools see it.
 *
 * @module
 */
import {
  externalLabels,
  labelText,
  renderRefinementFailure,
  renderTrace,
  replay,
  traceIncluded,
} from '../../index';
import type { Chapter, CheckContext, Writer } from '../chapter';
import { f, throughF, withImage } from './abstraction';
import { smallCache, writeBack, writeBackCache } from './cache';
import { cacheRefines, cacheTraces, exploreCache, looseTraces, TRACE_LENGTH } from './checks';
import { exercises } from './exercises';
import { forgetsToWriteBack, staleRead, staleReadWrongAddress, writeNotDirty } from './mutants';
import { looseStorageSpec, storageSpec } from './spec';

/** The demo's run of the cache: two writes, each written back and evicted, and reads (one a miss). */
export const demoPath = [
  'Write(x, 1)',
  'Read(x) -> 1',
  'WriteBack(x)',
  'Evict(x)',
  'Write(y, 2)',
  'Read(y) -> 2',
  'WriteBack(y)',
  'Evict(y)',
  'Read(x) -> 1',
];

function demoRun() {
  const m = writeBackCache(writeBack, smallCache);
  return { machine: m, trace: replay(m, demoPath) };
}

function demo(out: Writer, ctx: CheckContext): void {
  const spec = storageSpec(smallCache);
  const { machine, trace } = demoRun();
  out('The storage service of §2.1 as a spec X, and an implementation Y: a');
  out('write-back cache with one line in front of a backing store. A run of Y;');
  out('starred actions are external, WriteBack and Evict are internal.');
  out('');
  out(renderTrace(machine, trace));
  out('');
  out('Its trace, what a client sees (§4.1):');
  out(`  ${externalLabels(trace).map(labelText).join(', ')}`);
  out('');
  out('The same trace as a run of X. For each step of Y, the step of X that');
  out("matches it under f (§5.1), and f(y') after it; the internal steps are");
  out('matched by no step at all.');
  out('');
  out(throughF(spec, f, trace));
  out('');
  const t = cacheTraces(writeBack, ctx);
  const r = cacheRefines(writeBack, ctx);
  out('And for every run, not only this one:');
  out(
    `  traceIncluded: ${t.holds ? 'holds' : 'FAILS'}: every trace of Y is a trace of X (${t.stats.states} pairs of states)`,
  );
  out(
    `  refines: ${r.holds ? 'holds' : 'FAILS'}: every step from each of Y's ${r.stats.states} reachable states is matched under f`,
  );
  out('');
  out('A cache that forgets to write back: its Evict also drops dirty lines.');
  const bad = writeBackCache(forgetsToWriteBack, smallCache);
  const bt = cacheTraces(forgetsToWriteBack, ctx);
  out('');
  out('traceIncluded finds the shortest trace of Y that X cannot produce:');
  out(`  ${bt.badTrace?.join(', ')}`);
  out(
    `  after ${bt.badTrace?.slice(0, -1).join(', ')}, X's next external step could be ${bt.xCouldInstead?.join(', ')}`,
  );
  out('');
  out(renderTrace(bad, bt.counterexample!.trace));
  out('');
  out('refines names the step whose diagram does not close:');
  out('');
  out(renderRefinementFailure(bad, spec, cacheRefines(forgetsToWriteBack, ctx)));
}

/** Y with its image f(y) in the spec beside each state, for run tables. */
const imaged = (code = writeBack) =>
  withImage(writeBackCache(code, smallCache), storageSpec(smallCache), f);

/** Chapter 02. */
export const chapter: Chapter = {
  number: 2,
  slug: '02-specifications',
  title: 'Specifications as state machines',
  paper: '§4.1',
  summary:
    'A spec is a state machine whose external actions make its traces; a write-back cache implements the storage spec, by trace inclusion and by an abstraction function.',
  demo,
  checks: [
    {
      name: 'the cache keeps its invariants',
      claim:
        'In every reachable state of the one-line write-back cache, a clean line agrees with memory and the cache holds at most one line; write-back, eviction and a filling Read all happen.',
      states: 63,
      run: (ctx) => exploreCache(writeBack, ctx),
    },
    {
      name: 'every trace of the cache is a trace of storage',
      claim: `Y implements X by definition: every trace of the cache, up to ${TRACE_LENGTH} external actions, is a trace of the storage spec.`,
      states: 63,
      run: (ctx) => cacheTraces(writeBack, ctx),
    },
    {
      name: 'the cache simulates storage under f',
      claim:
        'With f = memory overlaid with the dirty lines, every step of the cache from a reachable state is matched by the same external step of storage, or by none if it is internal.',
      states: 63,
      run: (ctx) => cacheRefines(writeBack, ctx),
    },
    {
      name: 'a stale-read cache implements the loose spec',
      claim: `More non-determinism allows more implementations: a cache whose Read of a dirty line returns memory's older data implements the spec in which Read returns nil or any data ever written (traces up to ${TRACE_LENGTH} external actions).`,
      states: 175,
      run: (ctx) => looseTraces(staleRead, ctx),
    },
  ],
  mutants: [
    {
      name: 'forgets to write back',
      bug: 'Evict drops a dirty line without writing it back.',
      caughtBy: 'every trace of the cache is a trace of storage',
      run: (ctx) => cacheTraces(forgetsToWriteBack, ctx),
    },
    {
      name: 'forgets to write back, under f',
      bug: 'The same bug, seen by the abstraction function: Evict of a dirty line changes f(y).',
      caughtBy: 'the cache simulates storage under f',
      run: (ctx) => cacheRefines(forgetsToWriteBack, ctx),
    },
    {
      name: 'stale read of a dirty line',
      bug: 'A Read that hits a dirty line returns memory’s older data.',
      caughtBy: 'the cache simulates storage under f',
      run: (ctx) => cacheRefines(staleRead, ctx),
    },
    {
      name: 'write leaves the line clean',
      bug: 'Write does not mark its line dirty.',
      caughtBy: 'the cache keeps its invariants',
      run: (ctx) => exploreCache(writeNotDirty, ctx),
    },
    {
      name: 'reads the wrong address',
      bug: 'In the stale-read cache, a Read that misses fills its line from the other address.',
      caughtBy: 'a stale-read cache implements the loose spec',
      run: (ctx) => looseTraces(staleReadWrongAddress, ctx),
    },
  ],
  runs: [
    {
      name: 'demo',
      description: 'the write-back cache writes, reads, writes back and evicts',
      run: demoRun,
    },
    {
      name: 'forgets-to-write-back',
      description:
        'the shortest run of the forgetful cache whose trace storage cannot produce, with f(y)',
      run: (ctx) => ({
        machine: imaged(forgetsToWriteBack),
        trace: cacheTraces(forgetsToWriteBack, ctx).counterexample!.trace,
      }),
    },
    {
      name: 'stale-read',
      description: 'the step refines blames in the stale-read cache: the Read, with f(y)',
      run: (ctx) => ({
        machine: imaged(staleRead),
        trace: cacheRefines(staleRead, ctx).counterexample!.trace,
      }),
    },
    {
      name: 'write-not-dirty',
      description: 'the step refines blames when Write leaves its line clean: the Write, with f(y)',
      run: (ctx) => ({
        machine: imaged(writeNotDirty),
        trace: cacheRefines(writeNotDirty, ctx).counterexample!.trace,
      }),
    },
    {
      name: 'loose-not-strict',
      description: 'a run of the loose spec whose trace the storage spec cannot produce',
      run: () => {
        const loose = looseStorageSpec(smallCache);
        const r = traceIncluded(loose, storageSpec(smallCache), { maxLength: TRACE_LENGTH });
        return { machine: loose, trace: r.counterexample!.trace };
      },
    },
  ],
  exercises,
};
