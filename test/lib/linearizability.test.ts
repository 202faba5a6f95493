/**
 * The linearizability checker: on real histories with known verdicts (the
 * Jepsen etcd logs and Porcupine's kv histories, read in place from
 * `../shared/data/linearizability`), on the ones with no verdict listed
 * (decided here and pinned), on small histories made by hand, against a
 * brute-force search on random small histories, and two wrong checkers it
 * shows wrong.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  KvOp,
  LinearizabilityResult,
  LinearizedStep,
  Operation,
  ParsedHistory,
  RegisterOp,
  RegisterState,
  SequentialSpec,
} from '../../src/index';
import {
  canonical,
  casRegister,
  checkHistory,
  choose,
  kvStore,
  linearizable,
  parseHistory,
  to,
} from '../../src/index';
import { repoRoot } from '../meta/repo';

const DATA = resolve(repoRoot, '../shared/data/linearizability');
const listed = JSON.parse(readFileSync(join(DATA, 'verdicts.json'), 'utf8')) as Record<
  string,
  Record<string, boolean>
>;
const files = (sub: string) =>
  readdirSync(join(DATA, sub))
    .filter((f) => /\.(log|txt)$/.test(f))
    .sort()
    .map((f) => `${sub}/${f}`);
const ALL = [...files('cas-register'), ...files('kv')];
const cache = new Map<string, ParsedHistory>();
const history = (f: string) => {
  let h = cache.get(f);
  if (!h) {
    h = parseHistory(readFileSync(join(DATA, f), 'utf8'), f);
    cache.set(f, h);
  }
  return h;
};
const listedVerdict = (f: string) => listed[f.split('/')[0]!]?.[f.split('/')[1]!];

/**
 * What this checker decides for the histories with no verdict listed: the
 * linearizable ones (every other unlisted history is not). etcd_095.log is
 * an empty file (its etcd cluster never started), so the empty history:
 * linearizable, vacuously.
 */
const UNLISTED_LINEARIZABLE = [
  'cas-register/etcd_051.log',
  'cas-register/etcd_053.log',
  'cas-register/etcd_056.log',
  'cas-register/etcd_067.log',
  'cas-register/etcd_075.log',
  'cas-register/etcd_076.log',
  'cas-register/etcd_080.log',
  'cas-register/etcd_087.log',
  'cas-register/etcd_092.log',
  'cas-register/etcd_095.log',
  'cas-register/etcd_098.log',
  'cas-register/etcd_100.log',
  'cas-register/etcd_101.log',
  'cas-register/etcd_102.log',
  'kv/c50-b.txt',
];

const outcomesOf = <S>(e: ReturnType<SequentialSpec<S, unknown>['apply']>) =>
  Array.isArray(e) ? e : [e];

/**
 * Check that `steps` is a legal order of operations of `history`: each is
 * one of the spec's outcomes from the state before it, with the operation's
 * output if it has a known one; no operation comes after one that was
 * called after it returned; with `all`, it holds every one of `ops` of
 * known outcome.
 */
function expectLegalOrder<S, I>(
  spec: SequentialSpec<S, I>,
  h: readonly Operation<I>[],
  steps: readonly LinearizedStep<S>[],
  all?: readonly number[],
) {
  const key = spec.key ?? canonical;
  let s = spec.init();
  for (const st of steps) {
    const o = h[st.op]!;
    if (o.ret !== null) expect(canonical(st.output)).toBe(canonical(o.output ?? null));
    const ok = outcomesOf(spec.apply(s, o.input)).some(
      (x) => canonical(x.ret ?? null) === canonical(st.output) && key(x.next) === key(st.state),
    );
    expect(ok, `operation ${st.op} is a step of the spec`).toBe(true);
    s = st.state;
  }
  const order = steps.map((st) => st.op);
  for (let i = 0; i < order.length; i++)
    for (let j = i + 1; j < order.length; j++) {
      const early = h[order[i]!]!;
      const late = h[order[j]!]!;
      expect(late.ret === null || late.ret >= early.call, `${order[j]} after ${order[i]}`).toBe(
        true,
      );
    }
  if (all) {
    const seen = new Set(order);
    expect(new Set(order).size).toBe(order.length);
    for (const i of all) if (h[i]!.ret !== null) expect(seen.has(i), `operation ${i}`).toBe(true);
  }
}

/** The history cut at time `t`: later calls dropped, later returns unknown (`strict`: events before `t` only). */
function cut<I>(h: readonly Operation<I>[], ops: readonly number[], t: number, strict: boolean) {
  const before = (x: number) => (strict ? x < t : x <= t);
  return ops
    .map((i) => h[i]!)
    .filter((o) => before(o.call))
    .map((o) => (o.ret !== null && before(o.ret) ? o : { ...o, ret: null }));
}

/** Check the failing window of a result: what it claims holds. */
function expectFailingWindow<S, I>(
  spec: SequentialSpec<S, I>,
  h: readonly Operation<I>[],
  r: LinearizabilityResult<S>,
) {
  const f = r.failure!;
  expect(f, 'a failing window').toBeDefined();
  const part = r.parts.find((p) => p.key === f.key)!;
  expect(part.verdict).toBe('not linearizable');
  expect(h[f.culprit]!.ret).toBe(f.at);
  expect(f.window).toContain(f.culprit);
  for (const i of f.concurrent) expect(f.window).toContain(i);
  // The smallest failing prefix: linearizable just before the culprit's return, not with it.
  const only = { window: false };
  expect(linearizable(spec, cut(h, part.operations, f.at, true), only).verdict).toBe(
    'linearizable',
  );
  expect(linearizable(spec, cut(h, part.operations, f.at, false), only).verdict).toBe(
    'not linearizable',
  );
  // The prefix is an order of everything that returned before, the rest in flight.
  const inFlight = h.map((o) => (o.ret !== null && o.ret < f.at ? o : { ...o, ret: null }));
  const earlier = part.operations.filter((i) => inFlight[i]!.ret !== null);
  expectLegalOrder(spec, inFlight, f.prefix, earlier);
  for (const st of f.prefix) expect(h[st.op]!.call).toBeLessThan(f.at);
  expect(f.message.length).toBeGreaterThan(0);
}

/** Without timings, for comparing two runs. */
const withoutMs = (r: LinearizabilityResult<unknown>) =>
  JSON.stringify({ ...r, stats: { ...r.stats, ms: 0 } });

describe('the conformance histories', () => {
  it('are all there', () => {
    expect(files('cas-register')).toHaveLength(103);
    expect(files('kv')).toHaveLength(6);
    const listedCount = Object.values(listed).reduce((n, v) => n + Object.keys(v).length, 0);
    expect(listedCount).toBe(54);
  });

  it.each(ALL)('%s is decided as listed (or as pinned), with a witness or a window', (f) => {
    const h = history(f);
    const r = checkHistory(h);
    const want = listedVerdict(f) ?? UNLISTED_LINEARIZABLE.includes(f);
    expect(r.verdict).toBe(want ? 'linearizable' : 'not linearizable');
    const spec = h.spec as SequentialSpec<unknown, unknown>;
    const ops = h.operations as readonly Operation<unknown>[];
    if (want) for (const p of r.parts) expectLegalOrder(spec, ops, p.linearization!, p.operations);
    else expectFailingWindow(spec, ops, r);
  });

  it('finds etcd_095.log empty, and no other', () => {
    const empty = ALL.filter((f) => history(f).operations.length === 0);
    expect(empty).toEqual(['cas-register/etcd_095.log']);
  });

  it('decides the same way every time', () => {
    for (const f of ['kv/c50-a.txt', 'cas-register/etcd_002.log', 'cas-register/etcd_000.log']) {
      const h = history(f);
      expect(withoutMs(checkHistory(h))).toBe(withoutMs(checkHistory(h)));
    }
  });

  it('finds the stale read of c50-a (key 3) and leaves the other keys undecided', () => {
    const h = history('kv/c50-a.txt');
    const r = checkHistory(h);
    const f = r.failure!;
    expect(f.key).toBe('3');
    const o = h.operations[f.culprit]!;
    expect([o.client, o.call, o.ret]).toEqual([37, 442, 443]);
    expect(o.output).toBe('x 15 6 yx 49 5 yx 49 6 yx 0 1 y');
    // the append that returned before the get was called is missing from what it read
    expect(f.allowed).toEqual(['x 15 6 yx 49 5 yx 49 6 yx 0 1 yx 4 1 y']);
    expect(r.parts.filter((p) => p.verdict === 'undecided')).toHaveLength(9);
  });

  it('decides every part when asked, and gives up when the budget runs out', () => {
    const r = checkHistory(history('kv/c10-bad.txt'), { allParts: true, window: false });
    expect(r.parts.map((p) => p.verdict)).not.toContain('undecided');
    expect(r.parts.filter((p) => p.verdict === 'not linearizable').length).toBeGreaterThan(0);
    const g = checkHistory(history('kv/c50-b.txt'), { maxSteps: 2000 });
    expect(g.verdict).toBe('gave up');
    for (const p of g.parts) expect(p.steps).toBeLessThanOrEqual(2000);
  });
});

/** Register operations by hand: client, call, return (null: unknown), input, output. */
const op = (
  client: number,
  call: number,
  ret: number | null,
  input: RegisterOp,
  output?: unknown,
): Operation<RegisterOp> =>
  ret === null
    ? { client, call, ret, input }
    : { client, call, ret, input, output: output ?? null };
const w = (value: number): RegisterOp => ({ f: 'write', value });
const read: RegisterOp = { f: 'read' };
const cas = (from: number, to: number): RegisterOp => ({ f: 'cas', value: [from, to] });
const verdict = (h: readonly Operation<RegisterOp>[]) => linearizable(casRegister, h).verdict;

describe('small histories', () => {
  it('a write then a read of it; the empty history', () => {
    const h = [op(1, 0, 1, w(1)), op(2, 2, 3, read, 1)];
    const r = linearizable(casRegister, h);
    expect(r.verdict).toBe('linearizable');
    expect(r.parts[0]!.linearization!.map((s) => s.op)).toEqual([0, 1]);
    expect(linearizable(casRegister, []).verdict).toBe('linearizable');
    expect(verdict([op(1, 0, 1, read, null)])).toBe('linearizable');
  });

  it('catches a stale read, and says what it could have read', () => {
    const h = [op(1, 0, 1, w(1)), op(2, 2, 3, read, null)];
    const r = linearizable(casRegister, h);
    expect(r.verdict).toBe('not linearizable');
    const f = r.failure!;
    expect(f.culprit).toBe(1);
    expect(f.at).toBe(3);
    expect(f.allowed).toEqual([1]);
    expect(f.window).toEqual([0, 1]);
    expect(f.concurrent).toEqual([]);
    expect(f.prefix.map((s) => s.op)).toEqual([0]);
    expect(f.message).toContain('read() → nil by client 2');
    expect(f.message).toContain(
      'after one order of it the state is value 1, where it would be read() → 1',
    );
    // a call at the time of a return is concurrent with it
    expect(verdict([op(1, 0, 1, w(1)), op(2, 1, 2, read, null)])).toBe('linearizable');
    expectFailingWindow(casRegister, h, r);
  });

  it('names what the culprit would have returned where it had to take effect', () => {
    // The read of 1 needs the cas to have swapped; then the cas returns that it did not.
    const h = [op(1, 0, 1, w(2)), op(2, 2, 5, cas(2, 1), false), op(3, 3, 4, read, 1)];
    const r = linearizable(casRegister, h);
    const f = r.failure!;
    expect([f.culprit, f.at, f.allowed]).toEqual([1, 5, [true]]);
    expect(f.prefix.map((s) => [s.op, s.output])).toEqual([
      [0, null],
      [1, true],
      [2, 1],
    ]);
    expect(f.message).toContain(
      'one order of it has it take effect where the state is value 2, as cas(2, 1) → ok',
    );
    expectFailingWindow(casRegister, h, r);
  });

  it('lets concurrent writes take effect in either order, but only one', () => {
    const writes = [op(1, 0, 3, w(1)), op(2, 1, 4, w(2))];
    expect(verdict([...writes, op(3, 5, 6, read, 1)])).toBe('linearizable');
    expect(verdict([...writes, op(3, 5, 6, read, 2)])).toBe('linearizable');
    expect(verdict([...writes, op(3, 2, 2.5, read, 2), op(3, 5, 6, read, 1)])).toBe('linearizable');
    expect(verdict([...writes, op(3, 5, 6, read, 1), op(3, 7, 8, read, 2)])).toBe(
      'not linearizable',
    );
  });

  it('reads a failed cas as a compare that failed', () => {
    const first = op(1, 0, 1, w(1));
    expect(verdict([first, op(2, 2, 3, cas(2, 3), false)])).toBe('linearizable');
    expect(verdict([first, op(2, 2, 3, cas(1, 3), false)])).toBe('not linearizable');
    expect(verdict([first, op(2, 2, 3, cas(1, 3), true), op(1, 4, 5, read, 3)])).toBe(
      'linearizable',
    );
    expect(verdict([op(2, 0, 1, cas(0, 3), true)])).toBe('not linearizable'); // no value yet
  });

  it('lets an operation of unknown outcome take effect after its call, or never', () => {
    const lost = op(1, 0, null, w(1));
    expect(verdict([lost, op(2, 2, 3, read, 1)])).toBe('linearizable');
    expect(verdict([lost, op(2, 2, 3, read, null)])).toBe('linearizable');
    expect(verdict([lost, op(2, 2, 3, read, 1), op(2, 4, 5, read, null)])).toBe('not linearizable');
    // not before its call
    expect(verdict([op(2, 0, 1, read, 1), op(1, 2, null, w(1))])).toBe('not linearizable');
    // a cas that must have swapped
    const swap = [op(1, 0, 1, w(1)), op(2, 2, null, cas(1, 2)), op(3, 5, 6, read, 2)];
    const r = linearizable(casRegister, swap);
    expect(r.verdict).toBe('linearizable');
    expect(r.parts[0]!.linearization!.map((s) => [s.op, s.output])).toEqual([
      [0, null],
      [1, true],
      [2, 2],
    ]);
    // a read of unknown outcome changes nothing
    expect(verdict([op(1, 0, 1, w(1)), op(2, 0.5, null, read)])).toBe('linearizable');
  });

  it('checks keys apart, and names the failing one', () => {
    const kv = [
      { client: 1, call: 0, ret: 1, input: { f: 'put', key: 'a', value: 'x' }, output: null },
      { client: 2, call: 0, ret: 1, input: { f: 'append', key: 'b', value: 'y' }, output: null },
      { client: 3, call: 2, ret: 3, input: { f: 'get', key: 'a' }, output: 'x' },
      { client: 3, call: 4, ret: 5, input: { f: 'get', key: 'b' }, output: '' },
    ] as const;
    const r = linearizable(kvStore, kv, { allParts: true });
    expect(r.parts.map((p) => [p.key, p.verdict])).toEqual([
      ['a', 'linearizable'],
      ['b', 'not linearizable'],
    ]);
    expect(r.failure!.key).toBe('b');
    expect(r.failure!.culprit).toBe(3);
    expect(r.failure!.message).toContain('get(b) → "" by client 3 (key "b")');
    // registers with keys too
    const keyed = [
      op(1, 0, 1, { f: 'write', key: 'x', value: 1 }),
      op(2, 2, 3, { f: 'read', key: 'y' }, null),
    ];
    expect(linearizable(casRegister, keyed).parts.map((p) => p.key)).toEqual(['x', 'y']);
  });

  it('follows a spec with several outcomes (a write that may be lost)', () => {
    const lossy: SequentialSpec<RegisterState, RegisterOp> = {
      ...casRegister,
      name: 'lossy register',
      apply: (s, o) =>
        o.f === 'write' ? choose(to({ ...s, '': o.value }), to(s)) : casRegister.apply(s, o),
    };
    const h = [op(1, 0, 1, w(1)), op(2, 2, 3, read, null), op(2, 4, 5, w(2)), op(2, 6, 7, read, 2)];
    expect(linearizable(lossy, h).verdict).toBe('linearizable');
    expect(linearizable(casRegister, h).verdict).toBe('not linearizable');
  });

  it('refuses times that are not a call then a return', () => {
    expect(() => linearizable(casRegister, [op(1, 3, 2, read, null)])).toThrow(
      /operation 0 \(client 1\): call 3 and return 2/,
    );
  });
});

/** A brute-force search: every order of every subset of the unknown operations. */
function brute<S, I>(spec: SequentialSpec<S, I>, h: readonly Operation<I>[]): boolean {
  const used = h.map(() => false);
  const known = h.filter((o) => o.ret !== null).length;
  const go = (s: S, done: number): boolean => {
    if (done === known) return true;
    for (let i = 0; i < h.length; i++) {
      if (used[i]) continue;
      const o = h[i]!;
      if (h.some((p, j) => !used[j] && j !== i && p.ret !== null && p.ret < o.call)) continue;
      for (const x of outcomesOf(spec.apply(s, o.input))) {
        if (o.ret !== null && canonical(x.ret ?? null) !== canonical(o.output ?? null)) continue;
        used[i] = true;
        const ok = go(x.next, done + (o.ret === null ? 0 : 1));
        used[i] = false;
        if (ok) return true;
      }
    }
    return false;
  };
  return go(spec.init(), 0);
}

describe('against a brute-force search', () => {
  const value = fc.integer({ min: 0, max: 2 });
  const input: fc.Arbitrary<RegisterOp> = fc.oneof(
    fc.constantFrom<RegisterOp>({ f: 'read' }, { f: 'read', key: 'k' }),
    value.map((v) => w(v)),
    fc.tuple(value, value).map(([a, b]) => cas(a, b)),
  );
  const operation = fc.record({
    client: fc.integer({ min: 0, max: 3 }),
    call: fc.integer({ min: 0, max: 12 }),
    length: fc.integer({ min: 0, max: 6 }),
    unknown: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
    input,
    read: fc.option(value),
    swapped: fc.boolean(),
  });
  // Distinct times, k/1000 apart (the window's check cuts the history by time).
  const histories = fc
    .array(operation, { maxLength: 7 })
    .map((os) =>
      os.map((o, k) =>
        o.unknown
          ? op(o.client, o.call + k / 1000, null, o.input)
          : op(
              o.client,
              o.call + k / 1000,
              o.call + o.length + k / 1000 + 0.0005,
              o.input,
              o.input.f === 'read' ? o.read : o.input.f === 'cas' ? o.swapped : null,
            ),
      ),
    );

  it('agrees on random small registers, and its windows hold', () => {
    const seen = { linearizable: 0, not: 0 };
    fc.assert(
      fc.property(histories, (h) => {
        const r = linearizable(casRegister, h);
        const exact = brute(casRegister, h); // the state holds both registers
        expect(r.verdict).toBe(exact ? 'linearizable' : 'not linearizable');
        if (exact) {
          seen.linearizable++;
          for (const p of r.parts) expectLegalOrder(casRegister, h, p.linearization!, p.operations);
        } else {
          seen.not++;
          expectFailingWindow(casRegister, h, r);
        }
      }),
      { numRuns: 1500, seed: 20240611 },
    );
    // both verdicts are common, so neither is vacuous
    expect(seen.linearizable).toBeGreaterThan(300);
    expect(seen.not).toBeGreaterThan(300);
  });

  it('agrees on random small stores of two keys', () => {
    const kvOp = fc.record({
      client: fc.integer({ min: 0, max: 3 }),
      call: fc.integer({ min: 0, max: 10 }),
      length: fc.integer({ min: 0, max: 5 }),
      unknown: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
      f: fc.constantFrom('get', 'put', 'append'),
      key: fc.constantFrom('a', 'b'),
      value: fc.constantFrom('x', 'y'),
      read: fc.constantFrom('', 'x', 'y', 'xy', 'yx', 'xx'),
    });
    const seen = { linearizable: 0, not: 0 };
    fc.assert(
      fc.property(fc.array(kvOp, { maxLength: 7 }), (os) => {
        const h: Operation<KvOp>[] = os.map((o, k) => {
          const input: KvOp =
            o.f === 'get' ? { f: 'get', key: o.key } : { f: o.f, key: o.key, value: o.value };
          const call = o.call + k / 1000;
          return o.unknown
            ? { client: o.client, call, ret: null, input }
            : {
                client: o.client,
                call,
                ret: call + o.length + 0.0005,
                input,
                output: o.f === 'get' ? o.read : null,
              };
        });
        const r = linearizable(kvStore, h, { allParts: true });
        const exact = brute(kvStore, h);
        expect(r.verdict).toBe(exact ? 'linearizable' : 'not linearizable');
        if (exact) seen.linearizable++;
        else {
          seen.not++;
          expectFailingWindow(kvStore, h, r);
        }
      }),
      { numRuns: 1000, seed: 7 },
    );
    expect(seen.linearizable).toBeGreaterThan(200);
    expect(seen.not).toBeGreaterThan(200);
  });
});

describe('wrong checkers are shown wrong by the data', () => {
  // Each is the correct checker given a history changed in one way.
  const mutants: Record<string, (h: readonly Operation<any>[]) => Operation<any>[]> = {
    /** An operation of unknown outcome never took effect. */
    'unknown outcomes never happened': (h) => h.filter((o) => o.ret !== null),
    /** Operations took effect in call order: none is concurrent with another. */
    'concurrent operations as sequential': (h) =>
      h.map((o) => (o.ret === null ? o : { ...o, ret: o.call })),
  };
  const wrongOn = (m: (h: readonly Operation<any>[]) => Operation<any>[]) =>
    ALL.filter((f) => listedVerdict(f) !== undefined).filter((f) => {
      const h = history(f);
      const r = linearizable(h.spec as SequentialSpec<unknown, unknown>, m(h.operations), {
        window: false,
      });
      return (r.verdict === 'linearizable') !== listedVerdict(f);
    });
  const etcd = (ns: number[]) =>
    ns.map((n) => `cas-register/etcd_${String(n).padStart(3, '0')}.log`);

  it('without the unknown-outcome rule, 9 linearizable etcd logs look broken', () => {
    expect(wrongOn(mutants['unknown outcomes never happened']!)).toEqual(
      etcd([2, 5, 7, 18, 25, 31, 45, 48, 49]),
    );
  });

  it('taking concurrent operations as sequential, 10 etcd logs and c10-ok look broken', () => {
    expect(wrongOn(mutants['concurrent operations as sequential']!)).toEqual([
      ...etcd([2, 5, 7, 18, 25, 31, 38, 45, 48, 49]),
      'kv/c10-ok.txt',
    ]);
  });
});
