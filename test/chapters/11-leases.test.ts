/**
 * The lease system of §2.2: the chapter's contract (each check holds as
 * pinned, each mutant fails the check that names it); each mutant's run
 * shows time passing and the clocks apart; a late grant makes no master;
 * the long runs hold with a redo log too; the demo's runs are what the
 * prose says; configurations say in one line what is wrong.
 */
import { describe, expect, it } from 'vitest';
import type { LeaseVariant } from '../../src/chapters/11-leases/index';
import {
  chapter,
  checkLongRuns,
  config,
  correct,
  crashScript,
  demoSystem,
  handOverScript,
  leaseAbstraction,
  masters,
  runsConfig,
  scripted,
  validLeaseConfig,
} from '../../src/chapters/11-leases/index';
import { leaseSystem } from '../../src/chapters/11-leases/system';
import { nil } from '../../src/index';
import { describeChapter, testContext } from '../contract';

const { mutantResult } = describeChapter(chapter);

describe('leases: the seeded bugs, each caught with the clocks in the run', () => {
  it.each(
    chapter.mutants
      .filter((m) => m.caughtBy.name !== 'long runs with every fault')
      .map((m) => [m.name, m] as const),
  )('%s', async (_n, m) => {
    const r = await mutantResult(m.name);
    const t = r.counterexample!.trace;
    const v = m.variant as LeaseVariant;
    const sys = leaseSystem({ ...config, ...v.config }, v.rules);
    // The run shows time passing and the clocks apart.
    expect(t.steps.some((s: any) => sys.Tick.is(s.label))).toBe(true);
    expect(new Set(t.steps.at(-1)!.to.clocks).size).toBeGreaterThan(1);
    expect(r.counterexample!.property).toMatch(/obligation 2|at most one master|no master while/);
  });

  it('the update in two writes leaves its successor half of it: p2 reads p1.1|v0', async () => {
    const r = await mutantResult('update in two writes, no log');
    const last = r.counterexample!.trace.steps.at(-1)!;
    expect(last.label.ret).toBe('p1.1|v0');
  });
});

describe('leases: f', () => {
  it('a grant that arrives after its t − ε makes no master', () => {
    const sys = demoSystem();
    const { trace } = scripted(handOverScript);
    // The hand-over's state after p1's grant, with p1's clock moved past t − ε.
    const y = trace.steps[4]!.to;
    expect(masters(sys, y)).toEqual(['p1']);
    const late = { ...y, clocks: y.clocks.map((o: number, p: number) => (p === 1 ? o + 6 : o)) };
    expect(masters(sys, late)).toEqual([]);
    expect(leaseAbstraction(sys)(late).master).toBe(nil);
  });
});

describe('leases: the demo’s runs', () => {
  it('hand over the lease: p2 reads p1’s write, and p1 held a renewed lease on the way', () => {
    const { trace } = scripted(handOverScript);
    expect(trace.steps.at(-1)!.label.ret).toBe('p1.1');
    expect(
      trace.steps.some((s) => s.to.clients[0]!.lease !== nil && s.to.clients[0]!.lease.n === 2),
    ).toBe(true);
  });

  it('after a crash, p2 is told no before the home’s clock passes t, and granted after', () => {
    const sys = demoSystem();
    const { trace } = scripted(crashScript);
    const denied = trace.steps.find((s) => s.label.args?.includes('deny'))!;
    const granted = trace.steps.find((s) => s.to.clients[1]!.lease !== nil)!;
    const t = trace.steps.find((s) => s.to.clients[0]!.lease !== nil)!.to.clients[0]!.lease;
    const homeClock = (y: typeof trace.init) => y.now + y.clocks[sys.ids.home[0]!]!;
    expect(t).not.toBe(nil);
    if (t === nil) return;
    expect(homeClock(denied.to)).toBeLessThanOrEqual(t.t);
    expect(homeClock(granted.to)).toBeGreaterThan(t.t);
    expect(trace.steps.at(-1)!.label.ret).toBe('p1.1');
  });
});

describe('leases: long random runs', () => {
  it('find no half-done update with a redo log', () => {
    const r = checkLongRuns({ ...runsConfig, update: 'redo-log' }, correct, testContext, 50, 400);
    expect(r.counterexample?.message).toBeUndefined();
    expect(r.holds).toBe(true);
  });
});

describe('lease configurations', () => {
  it('say in one line what is wrong', () => {
    expect(() => validLeaseConfig({ ...config, skew: [0, 0] })).toThrow(
      'lease config: skew must be 3 whole numbers (the home, then each client), got [0,0]',
    );
    expect(() => validLeaseConfig({ ...config, skew: [2, 0, 0] })).toThrow('within ±1');
    expect(() => validLeaseConfig({ ...config, lease: 0 })).toThrow(
      'lease config: lease must be a whole number from 1 to 1000, got 0',
    );
  });
});
