/**
 * Chapter 02, Specifications as state machines (§4.1): the chapter as the
 * tools see it.
 *
 * @module
 */
import type { CheckResult } from '../../index';
import {
  externalLabels,
  labelText,
  renderRefinementFailure,
  renderTrace,
  replay,
  traceIncluded,
} from '../../index';
import type { StorageState } from '../01-replicated-state-machines/storage';
import type { Chapter, CheckContext, NamedRun, Writer } from '../chapter';
import { check, explorable, mutant } from '../chapter';
import { cacheToStorage, throughF, withImage } from './abstraction';
import type { CacheRules, CacheState } from './cache';
import { rules, writeBackCache } from './cache';
import { cacheRefines, cacheTraces, exploreCache, looseTraces } from './checks';
import { config, TRACE_LENGTH } from './config';
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
  const m = writeBackCache(rules, config);
  return { machine: m, trace: replay(m, demoPath) };
}

function demo(out: Writer, ctx: CheckContext): void {
  const spec = storageSpec(config);
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
  out(throughF(spec, cacheToStorage, trace));
  out('');
  const t = cacheTraces(rules, ctx);
  const r = cacheRefines(rules, ctx);
  out('And for every run, not only this one:');
  out(
    `  traceIncluded: ${t.holds ? 'holds' : 'FAILS'}: every trace of Y is a trace of X (${t.stats.states} pairs of states)`,
  );
  out(
    `  refines: ${r.holds ? 'holds' : 'FAILS'}: every step from each of Y's ${r.stats.states} reachable states is matched under f`,
  );
  out('');
  out('A cache that forgets to write back: its Evict also drops dirty lines.');
  const bad = writeBackCache(forgetsToWriteBack, config);
  const bt = cacheTraces(forgetsToWriteBack, ctx);
  out('');
  out('traceIncluded finds the shortest trace of Y that X cannot produce:');
  out(`  ${bt.badTrace?.join(', ')}`);
  out(
    `  after ${bt.badTrace?.slice(0, -1).join(', ')}, X's next external step could be ${bt.specCould?.map((m) => m.label)?.join(', ')}`,
  );
  out('');
  out(renderTrace(bad, bt.counterexample!.trace));
  out('');
  out('refines names the step whose diagram does not close:');
  out('');
  out(renderRefinementFailure(bad, spec, cacheRefines(forgetsToWriteBack, ctx)));
}

/** Y with its image f(y) in the spec beside each state, for run tables. */
const imaged = (r: CacheRules = rules) =>
  withImage(writeBackCache(r, config), storageSpec(config), cacheToStorage);

/**
 * A named run: the counterexample a check finds in a seeded bug, with f(y)
 * beside each state.
 *
 * @param name - the run's name
 * @param description - what it shows
 * @param r - the seeded bug
 * @param find - the check that catches it
 * @returns the run
 */
function caught(
  name: string,
  description: string,
  r: CacheRules,
  find: (r: CacheRules, ctx: CheckContext) => CheckResult<CacheState>,
): NamedRun {
  return {
    name,
    description,
    run: (ctx) => ({ machine: imaged(r), trace: find(r, ctx).counterexample!.trace }),
  };
}

const invariants = check<CacheRules>({
  name: 'the cache keeps its invariants',
  claim:
    'In every reachable state of the one-line write-back cache, a clean line agrees with memory and the cache holds at most one line; write-back, eviction and a filling Read all happen.',
  pinned: { states: 63, transitions: 270 },
  deepPinned: { states: 3904, transitions: 41472 },
  run: (ctx, r = rules) => exploreCache(r, ctx),
});

const traces = check<CacheRules>({
  name: 'every trace of the cache is a trace of storage',
  claim: `Y implements X by definition: every trace of the cache, up to ${TRACE_LENGTH} external actions, is a trace of the storage spec.`,
  pinned: { states: 63, transitions: 270, depth: 3 },
  deepPinned: { states: 3904, transitions: 41472, depth: 5 },
  run: (ctx, r = rules) => cacheTraces(r, ctx),
});

const simulates = check<CacheRules>({
  name: 'the cache simulates storage under f',
  claim:
    'With f = memory overlaid with the dirty lines, every step of the cache from a reachable state is matched by the same external step of storage, or by none if it is internal.',
  pinned: { states: 63, transitions: 270 },
  deepPinned: { states: 3904, transitions: 41472 },
  run: (ctx, r = rules) => cacheRefines(r, ctx),
});

const loose = check<CacheRules>({
  name: 'a stale-read cache implements the loose spec',
  claim: `More non-determinism allows more implementations: a cache whose Read of a dirty line returns memory's older data implements the spec in which Read returns nil or any data ever written (traces up to ${TRACE_LENGTH} external actions).`,
  pinned: { states: 175, transitions: 750 },
  deepPinned: { states: 61900, transitions: 667818 },
  run: (ctx, r = staleRead) => looseTraces(r, ctx),
});

/** Chapter 02. */
export const chapter: Chapter = {
  id: '02',
  slug: '02-specifications',
  title: 'Specifications as state machines',
  paper: '§4.1',
  summary:
    'A spec is a state machine whose external actions make its traces; a write-back cache implements the storage spec, by trace inclusion and by an abstraction function.',
  demo,
  checks: [invariants, traces, simulates, loose],
  mutants: [
    mutant(traces, {
      name: 'forgets to write back',
      bug: 'Evict drops a dirty line without writing it back.',
      variant: forgetsToWriteBack,
    }),
    mutant(simulates, {
      name: 'forgets to write back, under f',
      bug: 'The same bug, seen by the abstraction function: Evict of a dirty line changes f(y).',
      variant: forgetsToWriteBack,
    }),
    mutant(simulates, {
      name: 'stale read of a dirty line',
      bug: 'A Read that hits a dirty line returns memory’s older data.',
      variant: staleRead,
    }),
    mutant(invariants, {
      name: 'write leaves the line clean',
      bug: 'Write does not mark its line dirty.',
      variant: writeNotDirty,
    }),
    mutant(loose, {
      name: 'reads the wrong address',
      bug: 'In the stale-read cache, a Read that misses fills its line from the other address.',
      variant: staleReadWrongAddress,
    }),
  ],
  runs: [
    {
      name: 'demo',
      description: 'the write-back cache writes, reads, writes back and evicts',
      run: demoRun,
    },
    caught(
      'forgets-to-write-back',
      'the shortest run of the forgetful cache whose trace storage cannot produce, with f(y)',
      forgetsToWriteBack,
      cacheTraces,
    ),
    caught(
      'stale-read',
      'the step refines blames in the stale-read cache: the Read, with f(y)',
      staleRead,
      cacheRefines,
    ),
    caught(
      'write-not-dirty',
      'the step refines blames when Write leaves its line clean: the Write, with f(y)',
      writeNotDirty,
      cacheRefines,
    ),
    {
      name: 'loose-not-strict',
      description: 'a run of the loose spec whose trace the storage spec cannot produce',
      run: () => {
        const looseSpec = looseStorageSpec(config);
        const r = traceIncluded(looseSpec, { spec: storageSpec(config), maxLength: TRACE_LENGTH });
        return { machine: looseSpec, trace: r.counterexample!.trace };
      },
    },
  ],
  exercises,
  models: [
    { name: 'the write-back cache, one line', machine: () => writeBackCache(rules, config) },
    { name: 'the stale-read cache, one line', machine: () => writeBackCache(staleRead, config) },
    { name: 'the storage spec', machine: () => storageSpec(config) },
    { name: 'the loose storage spec', machine: () => looseStorageSpec(config) },
  ],
  explorer: [
    explorable<CacheState, StorageState>({
      id: '02-write-back-cache',
      title: '02 · A write-back cache (one line)',
      about:
        'Read and Write through a one-line cache; watch lines fill, get dirty and be written back or evicted. The image f(y) is memory overlaid with the dirty lines: the storage spec sees every Write at once, and the internal cache steps as stutters.',
      machine: () => writeBackCache(rules, config),
      spec: () => storageSpec(config),
      abstraction: cacheToStorage,
    }),
  ],
};
