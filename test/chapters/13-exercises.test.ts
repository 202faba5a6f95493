/**
 * Chapter 13's exercises: the reference solutions pass, the starters fail,
 * and plausible wrong answers fail, each with its own explanation (the
 * starters and solutions are also run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import * as starter1 from '../../exercises/13-highly-available-system/13.1-service-step';
import * as starter2 from '../../exercises/13-highly-available-system/13.2-wait-until';
import * as step from '../../solutions/13-highly-available-system/13.1-service-step';
import * as wait from '../../solutions/13-highly-available-system/13.2-wait-until';
import { storage } from '../../src/chapters/01-replicated-state-machines/storage';
import type { HaConfig } from '../../src/chapters/13-highly-available-system/config';
import { exercises } from '../../src/chapters/13-highly-available-system/exercises';
import type {
  ServiceInput,
  ServiceState,
} from '../../src/chapters/13-highly-available-system/service';

const ex = (id: string) => exercises.find((e) => e.id === id)!;

describe('exercise 13.1: exactly once', () => {
  const verdict = (serviceStep: (s: ServiceState, i: ServiceInput) => unknown) =>
    ex('13.1').check({ serviceStep });

  it('passes the reference solution', async () => {
    const v = await ex('13.1').check(step);
    expect(v.explanation).toContain('logs of up to 5 entries');
    expect(v.passed).toBe(true);
  });

  it('fails the untouched starter (every call applied, however often)', async () => {
    const v = await ex('13.1').check(starter1);
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain("<- here: your storage {x: 1}, the service's {x: 2}");
  });

  it('catches a service that skips only a call equal to the last, not an older one', async () => {
    const v = await verdict((s, i) => {
      if (i.k === 'lease') return { state: s, output: null };
      const seen = s.last[i.c]!;
      if (i.seq === seen.seq) return { state: s, output: seen.reply };
      const r = storage.transition(s.store, i.input);
      const last = s.last.map((x, c) => (c === i.c ? { seq: i.seq, reply: r.output } : x));
      return { state: { store: r.state, last }, output: r.output };
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your service does not answer as the single copy/);
  });
});

describe('exercise 13.2: when the new primary may go to work', () => {
  const verdict = (waitUntil: (t: number, c: HaConfig) => number) =>
    ex('13.2').check({ waitUntil });

  it('passes the reference solution', async () => {
    const v = await ex('13.2').check(wait);
    expect(v.explanation).toContain('in every one of the 136201 reachable states');
    expect(v.passed).toBe(true);
  });

  it('fails the untouched starter (no wait past t), with the run', async () => {
    const v = await ex('13.2').check(starter2);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^With your wait the system breaks/);
    expect(v.explanation).toContain('one primary at a time');
  });

  it('catches a wait of b, not 2b', async () => {
    const v = await verdict((t, c) => t + c.clockBound);
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('With b = 2 and the old lease');
  });

  it('catches a wait longer than it must be', async () => {
    const v = await verdict((t, c) => t + 2 * c.clockBound + 1);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your new primary is safe, but it waits longer/);
  });
});
