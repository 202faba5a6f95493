/**
 * The lease system of §2.2: it
 * implements spec Lease with at most one master at every real time, in
 * each exhaustive configuration, careful writes with a redo log among
 * them; the long random runs find nothing; and each seeded bug is caught
 * (an update in two writes with no log among them), with a run that shows
 * the clocks.
 */
import { describe, expect, it } from 'vitest';
import type { LeaseVariant } from '../../src/chapters/11-leases/checks';
import { checkLongRuns, checkRefinesLease, correct } from '../../src/chapters/11-leases/checks';
import type { LeaseConfig } from '../../src/chapters/11-leases/config';
import {
  config,
  crashConfig,
  dupConfig,
  lossConfig,
  redoLogConfig,
  runsConfig,
  sharedConfig,
  validLeaseConfig,
} from '../../src/chapters/11-leases/config';
import {
  driftBeyond,
  noMargin,
  optimisticRenewal,
  releaseEarly,
  twoParts,
  unboundedWrite,
  writeIgnoresReaders,
} from '../../src/chapters/11-leases/mutants';
import { leaseSystem } from '../../src/chapters/11-leases/system';

const ctx = { seed: 1 };

describe('leases (§2.2), exhaustively within the bounds', () => {
  it.each([
    ['two clients, skewed clocks, a drift', config, 129080],
    ['shared and exclusive leases', sharedConfig, 36191],
    ['a client crashes', crashConfig, 92119],
    ['a message lost', lossConfig, 134325],
    ['a message duplicated', dupConfig, 81888],
    ['careful writes: a redo log, then the two halves', redoLogConfig, 20654],
  ] as const)('implements spec Lease with one master at a time: %s', (_n, c, states) => {
    const r = checkRefinesLease(c, correct, ctx);
    expect(r.counterexample?.message).toBeUndefined();
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    if (states !== undefined) expect(r.stats.states).toBe(states);
  });
});

describe('leases: the seeded bugs, each caught with the clocks in the run', () => {
  const caught = (c: LeaseConfig, v: LeaseVariant) => {
    const r = checkRefinesLease(c, v, ctx);
    expect(r.holds).toBe(false);
    const t = r.counterexample!.trace;
    // The run shows time passing and the clocks apart.
    const sys = leaseSystem({ ...c, ...v.config }, v.rules);
    expect(t.steps.some((s) => sys.Tick.is(s.label))).toBe(true);
    expect(new Set(t.steps.at(-1)!.to.clocks).size).toBeGreaterThan(1);
    return r.counterexample!;
  };
  it.each([
    ['no ε margin', config, noMargin],
    ['a write that may take unbounded time', config, unboundedWrite],
    ['renewal counted before it is granted', config, optimisticRenewal],
    ['clocks drifting beyond the margin', config, driftBeyond],
    ['release with a write on its way', config, releaseEarly],
    ['an exclusive lease beside shared ones', sharedConfig, writeIgnoresReaders],
    ['an update in two writes with no log', config, twoParts],
  ] as const)('%s', (_n, c, v) => {
    const ce = caught(c, v);
    expect(ce.property).toMatch(/obligation 2|at most one master|no master while/);
  });
});

describe('leases: long random runs', () => {
  it('find no step the spec cannot take, with every fault and clocks drifting within ±b', () => {
    const r = checkLongRuns(runsConfig, correct, ctx, 100, 400);
    expect(r.counterexample?.message).toBeUndefined();
    expect(r.holds).toBe(true);
    expect(r.stats.runs).toBe(100);
  });

  it('find no half-done update with a redo log', () => {
    const r = checkLongRuns({ ...runsConfig, update: 'redo-log' }, correct, ctx, 50, 400);
    expect(r.counterexample?.message).toBeUndefined();
    expect(r.holds).toBe(true);
  });

  it('catch a bug they can reach', () => {
    expect(checkLongRuns(runsConfig, noMargin, ctx, 100, 400).holds).toBe(false);
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
