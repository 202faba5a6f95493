import { describe, expect, it } from 'vitest';
import { traceIncluded } from '../../src/index';
import { counter, twoCounters } from './toys';

describe('traceIncluded', () => {
  it('holds for two counters against one counter, for every trace up to length 6', () => {
    const r = traceIncluded(twoCounters(3), { spec: counter(3), maxLength: 6 });
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(10); // (a, b) with a + b <= 3, each paired with the one counter state n = a + b
  });

  it('finds the shortest trace the spec cannot produce', () => {
    const r = traceIncluded(twoCounters(3, 'stale-read'), { spec: counter(3), maxLength: 6 });
    expect(r.holds).toBe(false);
    expect(r.badTrace).toEqual(['Inc', 'Read -> 0']);
    expect(r.specCould?.map((m) => m.label)).toContain('Read -> 1');
  });

  it('is unaffected by internal steps that do not change what is observed', () => {
    // internal-inc changes the abstract sum, but only Read can see that
    const r = traceIncluded(twoCounters(3, 'internal-inc'), { spec: counter(5), maxLength: 5 });
    expect(r.holds).toBe(false);
    expect(r.badTrace?.at(-1)).toMatch(/^Read -> 3$/);
  });
});
