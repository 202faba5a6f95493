/**
 * The implementation Y: a write-back cache in front of a backing store.
 * Clients see the same two external actions as the spec, `Read(a)` and
 * `Write(a, d)`; the cache also has internal actions, `WriteBack(a)` and
 * `Evict(a)`, that no client can see.
 *
 * @module
 */
import type { Action, Machine, Nil } from '../../index';
import { action, invariant, machine, nil, reachable, returns, show, to } from '../../index';
import type { Address, Data, StorageState } from '../01-replicated-state-machines/storage';
import { config } from './config';
import type { Constants, WriteParam } from './spec';
import { at, put, showWrite, writes } from './spec';

// #region cache-state
/** A cache line: the data it holds, and whether it is newer than memory (dirty). */
export interface Line {
  readonly d: Data | Nil;
  readonly dirty: boolean;
}

/** The cache's state: the backing store, and at most `lines` cache lines by address. */
export interface CacheState {
  readonly mem: StorageState;
  readonly cache: Readonly<Record<Address, Line>>;
}
// #endregion cache-state

// #region cache-rules
/** What the cache decides; a seeded bug overrides one of these (see mutants.ts). */
export interface CacheRules {
  /** What Read(a) returns when a is in the cache. */
  readonly hit: (s: CacheState, a: Address) => Data | Nil;
  /** The line Write(a, d) leaves in the cache. */
  readonly written: (d: Data) => Line;
  /** May Evict drop this line? */
  readonly mayEvict: (line: Line) => boolean;
  /** Where a Read that misses gets its data (it fills a clean line with it). */
  readonly miss: (s: CacheState, a: Address) => Data | Nil;
  /** If present, an internal Fill(a) that loads a line ahead of a Read, when this allows. */
  readonly mayFill?: (s: CacheState, a: Address, lines: number) => boolean;
}

/** The write-back cache's rules. */
export const rules: CacheRules = {
  hit: (s, a) => s.cache[a]!.d, // a hit returns the cached data
  written: (d) => ({ d, dirty: true }), // a Write goes to the cache only: the line is dirty
  mayEvict: (line) => !line.dirty, // a dirty line must be written back before it is dropped
  miss: (s, a) => at(s.mem, a), // a miss reads memory
};
// #endregion cache-rules

/** The cache's constants: the spec's, and how many lines the cache has. */
export interface CacheConstants extends Constants {
  /** The number of cache lines. */
  readonly lines: number;
}

/** A state with line `a` set to `line`. */
const setLine = (s: CacheState, a: Address, line: Line): CacheState => ({
  mem: s.mem,
  cache: { ...s.cache, [a]: line },
});

/**
 * The write-back cache as a machine.
 *
 * @param r - what the cache decides (a mutant changes one part)
 * @param c - the constants
 * @returns the machine
 */
export function writeBackCache(
  r: CacheRules = rules,
  c: CacheConstants = config,
): Machine<CacheState> {
  /** Is there a line for a, or room for one? */
  const room = (s: CacheState, a: Address) => a in s.cache || Object.keys(s.cache).length < c.lines;
  // #region cache-actions
  const Read = action({
    name: 'Read',
    external: true,
    params: () => c.addresses,
    showParam: (a: Address) => a,
    guard: (s: CacheState, a) => room(s, a),
    effect: (s, a) => {
      if (a in s.cache) return returns(s, r.hit(s, a)); // hit
      const d = r.miss(s, a); // miss: fill a clean line
      return returns(setLine(s, a, { d, dirty: false }), d);
    },
  });
  const Write = action({
    name: 'Write',
    external: true,
    params: () => writes(c),
    showParam: showWrite,
    guard: (s: CacheState, [a]: WriteParam) => room(s, a),
    effect: (s, [a, d]) => to(setLine(s, a, r.written(d))),
  });
  const WriteBack = action({
    name: 'WriteBack', // internal: no client sees it
    external: false,
    params: () => c.addresses,
    showParam: (a: Address) => a,
    guard: (s: CacheState, a) => s.cache[a]?.dirty === true,
    effect: (s, a) => {
      const { d } = s.cache[a]!;
      return to({ mem: put(s.mem, a, d), cache: { ...s.cache, [a]: { d, dirty: false } } });
    },
  });
  const Evict = action({
    name: 'Evict', // internal
    external: false,
    params: () => c.addresses,
    showParam: (a: Address) => a,
    guard: (s: CacheState, a) => a in s.cache && r.mayEvict(s.cache[a]!),
    effect: (s, a) => {
      const { [a]: _dropped, ...cache } = s.cache;
      return to({ mem: s.mem, cache });
    },
  });
  // #endregion cache-actions
  const actions: Action<CacheState, any>[] = [Read, Write, WriteBack, Evict];
  const mayFill = r.mayFill;
  if (mayFill)
    actions.push(
      action({
        name: 'Fill', // internal: load a line ahead of a Read
        external: false,
        params: () => c.addresses,
        showParam: (a: Address) => a,
        guard: (s: CacheState, a) => mayFill(s, a, c.lines),
        effect: (s, a) => to(setLine(s, a, { d: at(s.mem, a), dirty: false })),
      }),
    );
  return machine<CacheState>({
    name: mayFill ? 'PrefetchingCache' : 'WriteBackCache',
    init: [{ mem: {}, cache: {} }],
    actions,
    key: (s) =>
      `${c.addresses.map((a) => s.mem[a] ?? '-').join(',')}|${c.addresses
        .map((a) => {
          const l = s.cache[a];
          return l ? `${l.d ?? '-'}${l.dirty ? '*' : ''}` : '.';
        })
        .join(',')}`,
    view: (s) => ({
      ...Object.fromEntries(c.addresses.map((a) => [`mem[${a}]`, at(s.mem, a)])),
      cache: showLines(s, c),
    }),
  });
}

/**
 * The cache lines as text: `x: 1 dirty, y: nil clean`, or `empty`.
 *
 * @param s - the state
 * @param c - the constants (for the order of addresses)
 * @returns the text
 */
export function showLines(s: CacheState, c: Constants = config): string {
  const lines = c.addresses
    .filter((a) => a in s.cache)
    .map((a) => `${a}: ${show(s.cache[a]!.d)} ${s.cache[a]!.dirty ? 'dirty' : 'clean'}`);
  return lines.join(', ') || 'empty';
}

// #region cache-invariants
/** A clean line holds what memory holds: the fact a Read hit relies on. */
export const cleanLinesAgree = invariant<CacheState>(
  'a clean line agrees with memory',
  (s) => Object.entries(s.cache).every(([a, l]) => l.dirty || l.d === at(s.mem, a)),
  (s) => {
    const [a, l] = Object.entries(s.cache).find(([a, l]) => !l.dirty && l.d !== at(s.mem, a))!;
    return `the clean line ${a}: ${show(l.d)} differs from mem[${a}] = ${show(at(s.mem, a))}`;
  },
);
// #endregion cache-invariants

/**
 * The cache never holds more lines than it has.
 *
 * @param lines - the number of lines
 * @returns the invariant
 */
export const fits = (lines: number) =>
  invariant<CacheState>(
    `the cache holds at most ${lines} line${lines === 1 ? '' : 's'}`,
    (s) => Object.keys(s.cache).length <= lines,
    (s) => `the cache holds ${showLines(s, { addresses: Object.keys(s.cache).sort(), data: [] })}`,
  );

/** States the checks must reach, so that none passes because nothing happened. */
export const cacheGoals = [
  reachable<CacheState>(
    'a written value was written back and its line evicted',
    (s) => Object.keys(s.mem).length > 0 && Object.keys(s.cache).length === 0,
  ),
  reachable<CacheState>('a dirty line hides an older value in memory', (s) =>
    Object.entries(s.cache).some(([a, l]) => l.dirty && a in s.mem && s.mem[a] !== l.d),
  ),
  reachable<CacheState>('a Read that missed filled a clean line with nil', (s) =>
    Object.values(s.cache).some((l) => !l.dirty && l.d === nil),
  ),
];
