/**
 * The highly available system of §8: each check holds as pinned (and
 * reaches its goals); each seeded bug fails the check that names it, with
 * a shortest run that shows time passing and the clocks; the counts of
 * messages are exact; the pieces (entries, the exactly-once service, the
 * spec, the history) do what they say; configurations say in one line what
 * is wrong.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Read, Write } from '../../src/chapters/01-replicated-state-machines/storage';
import { chapter } from '../../src/chapters/13-highly-available-system';
import { haToSingleCopy } from '../../src/chapters/13-highly-available-system/abstraction';
import type { HaVariant } from '../../src/chapters/13-highly-available-system/checks';
import {
  checkOrderHidesNothing,
  checks,
  correct,
  historiesCheck,
  ORDER_HORIZON,
  retryCheck,
} from '../../src/chapters/13-highly-available-system/checks';
import {
  changeConfig,
  countConfig,
  retryConfig,
  runsConfig,
  validHaConfig,
} from '../../src/chapters/13-highly-available-system/config';
import { costs, drivenRun } from '../../src/chapters/13-highly-available-system/counting';
import {
  checkLinearizable,
  historyOf,
  showHistory,
} from '../../src/chapters/13-highly-available-system/history';
import { mutants } from '../../src/chapters/13-highly-available-system/mutants';
import {
  entryCode,
  entryOf,
  exactlyOnce,
  serviceAfter,
  showEntry,
} from '../../src/chapters/13-highly-available-system/service';
import type { CallsState } from '../../src/chapters/13-highly-available-system/spec';
import { singleCopyCalls } from '../../src/chapters/13-highly-available-system/spec';
import { haSystem } from '../../src/chapters/13-highly-available-system/system';
import type { ChapterCheck, Mutant } from '../../src/chapters/chapter';
import { runMutant } from '../../src/chapters/chapter';
import { repoPath } from '../../src/cli/repo';
import { renderReport, runChapter } from '../../src/cli/report';
import type { CheckResult } from '../../src/index';
import { nil, renderTrace, stepsFrom } from '../../src/index';
import { pinsOf, testContext } from '../contract';

const results = new Map<ChapterCheck | Mutant, Promise<CheckResult<any>>>();
const result = (c: ChapterCheck) => {
  if (!results.has(c)) results.set(c, Promise.resolve(c.run(testContext)));
  return results.get(c)!;
};
const mutantResult = (m: Mutant) => {
  if (!results.has(m)) results.set(m, Promise.resolve(runMutant(m, testContext)));
  return results.get(m)!;
};

describe('13 the highly available system: the checks', () => {
  it.each(checks.map((c) => [c.name, c] as const))('%s holds, as pinned', async (_n, c) => {
    const r = await result(c);
    expect(r.holds, r.counterexample?.message ?? r.unreached.join('; ')).toBe(true);
    expect(r.unreached).toEqual([]);
    expect(pinsOf(r, c.pinned!)).toEqual(c.pinned);
  });
});

describe('13 the highly available system: the check of the order constraint', () => {
  it('fails, printing a history only the free system has, when the constrained one is given less time', () => {
    // Two ticks less time than the check's, to keep the test short; then two ticks less again.
    const free = { ...changeConfig, horizon: ORDER_HORIZON - 2 };
    const r = checkOrderHidesNothing({ ...free, horizon: ORDER_HORIZON - 4 }, free, correct, {
      seed: 1,
    });
    expect(r.holds).toBe(false);
    expect(r.counterexample!.message).toMatch(
      /^with the order constraint no run has the history c[12] (Read|Write)\(x/,
    );
  });
});

/** What catches each mutant, and (for a search) the length of its shortest run. */
const caught: Record<string, { property: RegExp; steps?: number }> = {
  'read after the lease expired': { property: /^obligation 2/, steps: 61 },
  'no ε wait': { property: /^one primary at a time/, steps: 27 },
  'new primary skips the query': { property: /^one primary at a time/, steps: 10 },
  'no duplicate detection': { property: /^obligation 2/, steps: 53 },
  'lease without consensus': { property: /^one primary at a time/, steps: 17 },
  'read before apply': { property: /^obligation 2/, steps: 30 },
  'new primary skips the query, seen by a client': { property: /linearizable$/ },
};

describe('13 the highly available system: the seeded bugs, each caught with the clocks in the run', () => {
  it('every mutant is listed here', () => {
    expect(mutants.map((m) => m.name).sort()).toEqual(Object.keys(caught).sort());
  });

  it.each(mutants.map((m) => [m.name, m] as const))('%s', async (name, m) => {
    const r = await mutantResult(m);
    expect(r.holds).toBe(false);
    const ce = r.counterexample!;
    expect(ce.property).toMatch(caught[name]!.property);
    if (caught[name]!.steps !== undefined) expect(ce.trace.steps.length).toBe(caught[name]!.steps);
    const v = m.variant as HaVariant;
    const c =
      m.caughtBy === retryCheck
        ? retryConfig
        : m.caughtBy === historiesCheck
          ? { ...runsConfig, record: true }
          : changeConfig;
    const sys = haSystem(c, v.rules);
    // The run shows time passing, and every clock.
    expect(ce.trace.steps.some((s) => sys.Tick.is(s.label))).toBe(true);
    const text = renderTrace(sys, ce.trace);
    expect(text).toMatch(/clocks = l1 -?\d+/);
    if (sys.config.leaders === 2) {
      expect(text).toMatch(/clocks := l1 \d+, l2 \d+/);
      const last = ce.trace.steps.at(-1)!.to;
      expect(last.clocks[sys.ids.leaders[0]!]).not.toBe(last.clocks[sys.ids.leaders[1]!]);
    }
  });

  it('a stale read seen by a client: the history of the run is not linearizable, and says why', async () => {
    const m = mutants.find((x) => x.name === 'new primary skips the query, seen by a client')!;
    const r = await mutantResult(m);
    const sys = haSystem({ ...runsConfig, record: true }, (m.variant as HaVariant).rules);
    const h = historyOf(sys, r.counterexample!.trace);
    const v = checkLinearizable(h);
    expect(v.verdict).toBe('not linearizable');
    expect(v.failure!.message).toMatch(/^read\([xy]\) → /);
    expect(showHistory(h).some((line) => /^c[12] Read\([xy]\) \[\d+, \d+\] -> /.test(line))).toBe(
      true,
    );
  });
});

describe('13 the highly available system: counting messages', () => {
  const k = costs(countConfig);

  it('a write costs a command and a report per agent, its outcome riding on the next command', () => {
    expect(k.write.messages).toEqual({ request: 2, command: 3, accepted: 3, reply: 1 });
    expect(k.write.consensus).toBe(6);
    expect(k.write.ticks).toBe(4);
    expect(k.piggybacked).toBe(true);
  });

  it('a read under the lease costs no consensus message', () => {
    expect(k.read.messages).toEqual({ request: 2, reply: 1 });
    expect(k.read.consensus).toBe(0);
    expect(k.read.ticks).toBe(2);
  });

  it('a primary change: one query, the found entries commanded again, a lease, and a wait', () => {
    // l2 commands again what it found (l1's lease and c1's two writes) and then its own lease:
    // a command and a report per agent for each of the four; it acknowledges again the two
    // writes it decided again (c1, on to later calls, ignores them).
    expect(k.change).toEqual({
      messages: { query: 3, report: 3, command: 12, accepted: 12, reply: 2 },
      again: 3,
      waited: 25,
      ticks: 35,
    });
    // After the change the old primary, which nobody told, still commands a write it is sent.
    expect(k.calls.map((x) => [x.call, x.consensus])).toEqual([
      ['c1 Write(x, 1)', 6],
      ['c1 Read(x)', 0],
      ['c1 Write(x, 2)', 6],
      ['c1 Read(x)', 0],
      ['c2 Read(x)', 0],
      ['c2 Write(y, 3)', 9],
    ]);
  });
});

describe('13 the highly available system: the pieces', () => {
  it('entries travel as numbers and come back', () => {
    for (const e of [
      { k: 'call', c: 1, seq: 3 },
      { k: 'lease', l: 1, t: -1 },
      { k: 'lease', l: 0, t: 17 },
    ] as const)
      expect(entryOf(changeConfig, entryCode(changeConfig, e))).toEqual(e);
    expect(showEntry(changeConfig, entryCode(changeConfig, { k: 'call', c: 0, seq: 1 }))).toBe(
      'c1#1 Write(x, 1)',
    );
    expect(showEntry(changeConfig, entryCode(changeConfig, { k: 'lease', l: 1, t: 9 }))).toBe(
      'lease(l2, 9)',
    );
  });

  it('the service applies a call once: a retry in the log is answered from the table', () => {
    const c = retryConfig;
    const w1 = entryCode(c, { k: 'call', c: 0, seq: 1 });
    const w2 = entryCode(c, { k: 'call', c: 1, seq: 1 });
    expect(serviceAfter(c, exactlyOnce(2), [w1, w2, w1]).store).toEqual({ x: 2 });
    // Without the table (the mutant), the retry is applied again.
    expect(serviceAfter(c, exactlyOnce(2, false), [w1, w2, w1]).store).toEqual({ x: 1 });
    const sm = exactlyOnce(2);
    const s = serviceAfter(c, sm, [w1]);
    expect(sm.transition(s, { k: 'call', c: 0, seq: 1, input: Write('x', 1) }).output).toBe('ok');
  });

  it('the spec: a read that took effect at two moments may return either value', () => {
    const spec = singleCopyCalls([[Write('x', 1)], [Read('x')]]);
    const [Call, Apply, Return] = spec.actions as [
      (typeof spec.actions)[number],
      (typeof spec.actions)[number],
      (typeof spec.actions)[number],
    ];
    type X = CallsState;
    const [x0] = [...spec.init()];
    const by = (s: X, a: typeof Call, c: number) =>
      stepsFrom(spec, s).filter(
        (t) =>
          a.is(t.label) &&
          (typeof t.label.param === 'number'
            ? t.label.param
            : (t.label.param as { c: number }).c) === c,
      );
    let s = by(x0!, Call, 1)[0]!.to;
    s = by(s, Apply, 1)[0]!.to;
    s = by(s, Call, 0)[0]!.to;
    s = by(s, Apply, 0)[0]!.to;
    s = by(s, Apply, 1)[0]!.to;
    expect(by(s, Return, 1).map((t) => t.label.ret)).toEqual([1, nil]);
    // A write takes effect once.
    expect(by(s, Apply, 0)).toEqual([]);
  });

  it('f: a write has taken effect once it is in the decided log; a read has the values read for it', () => {
    const { sys, trace } = drivenRun(countConfig);
    const f = haToSingleCopy(sys);
    const [y0] = [...sys.init()];
    expect(f(y0!)).toEqual({ store: {}, calls: [nil, nil] });
    const states = trace.steps.map((s) => s.to);
    // c1's write, decided by l1 and not yet returned: it has taken effect.
    const decided = states.find(
      (y) => y.history.log.length === 2 && y.clients[0]!.phase !== 'idle',
    )!;
    expect(f(decided)).toEqual({
      store: { x: 1 },
      calls: [{ input: Write('x', 1), outs: ['ok'] }, nil],
    });
    // c1's read, served from l1's copy and not yet returned: it may return what was read.
    const served = states.find((y) => y.clients[0]!.seq === 2 && y.history.served[0]!.length > 0)!;
    expect(f(served).calls[0]).toEqual({ input: Read('x'), outs: [1] });
  });

  it('configurations say in one line what is wrong', () => {
    const bad = (over: object, message: string) => {
      let m = '';
      try {
        validHaConfig({ ...changeConfig, ...over });
      } catch (e) {
        m = (e as Error).message;
      }
      expect(m).toBe(message);
      expect(m).not.toContain('\n');
    };
    bad(
      { skew: [0] },
      'highly available config: skew must be 2 whole numbers (one per leader), got [0]',
    );
    bad(
      { skew: [2, 0] },
      'highly available config: every skew must be within ±1 (the clock bound), got [2,0]',
    );
    bad(
      { rounds: [0, 2] },
      'highly available config: rounds must be a non-empty list of leader indices from 0 to 1, got [0, 2]',
    );
    bad(
      { lease: 0 },
      'highly available config: lease must be a whole number from 1 to 1000, got 0',
    );
    bad(
      { renewAhead: 6 },
      'highly available config: renewAhead must be less than the lease (6), or Infinity, got 6',
    );
    bad(
      { faults: { ...changeConfig.faults, lose: -1 } },
      'highly available config: faults.lose must be a whole number from 0 to 1000000, got -1',
    );
    expect(() => haSystem({ ...changeConfig, agents: 0 })).toThrow(
      'highly available config: agents must be a whole number from 1 to 7, got 0',
    );
  });
});

describe('13 the highly available system: the transcript', () => {
  // Made of the results above, so no check runs twice (test/meta/transcripts leaves it to us).
  it('13-check.txt is what the checks print (npm run transcripts)', async () => {
    const report = await runChapter(chapter, testContext, {
      results: { check: (c) => result(c), mutant: (m) => mutantResult(m) },
    });
    expect(readFileSync(repoPath('chapters/transcripts/13-check.txt'), 'utf8')).toBe(
      `${renderReport(chapter, report, { timings: false })}\n`,
    );
  });
});
