/**
 * Chapter 11's exercises: the reference solutions pass, the starters fail,
 * and plausible wrong answers fail, each with its own explanation.
 */
import { describe, expect, it } from 'vitest';
import * as starter1 from '../../exercises/11-leases/11.1-may-start-write';
import * as starter2 from '../../exercises/11-leases/11.2-decide';
import * as write from '../../solutions/11-leases/11.1-may-start-write';
import * as home from '../../solutions/11-leases/11.2-decide';
import type { LeaseConfig } from '../../src/chapters/11-leases/config';
import { epsilon } from '../../src/chapters/11-leases/config';
import { exercises } from '../../src/chapters/11-leases/exercises';
import type { Decision, Mode } from '../../src/chapters/11-leases/system';

const ex = (id: string) => exercises.find((e) => e.id === id)!;

describe('exercise 11.1: when may a holder still write?', () => {
  const verdict = (mayStartWrite: (clock: number, t: number, c: LeaseConfig) => boolean) =>
    ex('11.1').check({ mayStartWrite });

  it('passes the reference solution', async () => {
    const v = await ex('11.1').check(write);
    expect(v.explanation).toContain('in every reachable state of the chapter’s configuration');
    expect(v.passed).toBe(true);
  });

  it('fails the untouched starter (a write whenever the lease is held)', async () => {
    const v = await ex('11.1').check(starter1);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your test is not safe/);
    expect(v.explanation).toContain('your test lets a write start as late as clock 14');
  });

  it('catches no margin: a write until t on the holder’s own clock', async () => {
    const v = await verdict((clock, t) => clock <= t);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your test is not safe/);
    // The shortest run, with the clocks: the write starts in time by p1's clock, lands late by the home's.
    expect(v.explanation).toContain(
      'In this run p1 starts its write p1.1 at step 9, when its clock reads 3, under a lease that expires at t = 5 on the home’s clock: your test lets it.',
    );
    expect(v.explanation).toContain('At step 13 the write lands, the home’s clock at 6: past t.');
    expect(v.explanation).toContain('clocks := home');
    expect(v.explanation).toContain(
      'With b = 1 (ε = 2) and δ = 1, your test lets a write start as late as clock 10.',
    );
  });

  it('catches a margin of b where the clocks may differ by ε = 2b', async () => {
    const v = await verdict((clock, t, c) => clock + c.delta <= t - c.clockBound);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your test is not safe/);
    expect(v.explanation).toContain(
      'With b = 1 (ε = 2) and δ = 2, your test lets a write start as late as clock 7.',
    );
    expect(v.explanation).toContain(
      'With b = 2 (ε = 4) and δ = 1, your test lets a write start as late as clock 7.',
    );
    // With b = 0 the margin b is right.
    expect(v.explanation).not.toContain('With b = 0');
  });

  it('catches the margin ε without the time δ the write takes', async () => {
    const v = await verdict((clock, t, c) => clock <= t - epsilon(c));
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your test is not safe/);
    expect(v.explanation).toContain(
      'With b = 1 (ε = 2) and δ = 2, your test lets a write start as late as clock 8.',
    );
    expect(v.explanation).toContain(
      'With b = 0 (ε = 0) and δ = 1, your test lets a write start as late as clock 10.',
    );
  });

  it('catches never writing: safe, but useless', async () => {
    const v = await verdict(() => false);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your test never lets a write land late, but it is stricter/);
    expect(v.explanation).toContain(
      'With b = 1 (ε = 2) and δ = 1, your test refuses every write, even one at clock 7,',
    );
  });

  it('catches a test one tick stricter than it needs to be', async () => {
    const v = await verdict((clock, t, c) => clock + c.delta < t - epsilon(c));
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^Your test never lets a write land late, but it is stricter/);
    expect(v.explanation).toContain(
      'With b = 1 (ε = 2) and δ = 1, your test refuses a write at clock 7, though it lands by the home’s clock 7 + 2 + 1 = 10 ≤ t = 10',
    );
    expect(v.explanation).not.toContain('lets a write start');
  });
});

describe('exercise 11.2: what the home does with a request', () => {
  type Decide = (i: number, mode: Mode, live: readonly (Mode | null)[]) => Decision;
  const verdict = (decide: Decide) => ex('11.2').check({ decide });
  const right: Decide = home.decide;

  it('passes the reference solution', async () => {
    const v = await ex('11.2').check(home);
    expect(v.explanation).toContain('your home grants, denies and revokes as the home must');
    expect(v.passed).toBe(true);
  });

  it('fails the untouched starter (it grants every request)', async () => {
    const v = await ex('11.2').check(starter2);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^In the configuration with shared leases \(/);
    expect(v.explanation).toContain(
      'At step 5, the home’s clock at 2, p2 asks for the exclusive lease while the home counts p1’s shared lease live: your home grants it, where it should deny it and ask p1 to give its lease back.',
    );
  });

  it('catches an exclusive lease granted beside shared ones', async () => {
    const v = await verdict((i, mode, live) =>
      mode === 'w'
        ? right(
            i,
            mode,
            live.map((l) => (l === 'r' ? null : l)),
          )
        : right(i, mode, live),
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^In the configuration with shared leases \(/);
    expect(v.explanation).toContain(
      'p2 asks for the exclusive lease while the home counts p1’s shared lease live: your home grants it',
    );
    expect(v.explanation).toContain('which a write under an exclusive lease would make stale');
  });

  it('catches a shared lease granted beside another’s exclusive one', async () => {
    const v = await verdict((i, mode, live) =>
      mode === 'r'
        ? right(
            i,
            mode,
            live.map((l, q) => (q === i ? l : null)),
          )
        : right(i, mode, live),
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^In the configuration with shared leases \(/);
    expect(v.explanation).toContain(
      'p1 asks for a shared lease while the home counts p2’s exclusive lease live: your home grants it',
    );
  });

  it('catches the requester’s own lease counted as in the way (and revoked)', async () => {
    const v = await verdict((_i, mode, live) => {
      const inTheWay = live.flatMap((l, q) =>
        l !== null && (l === 'w' || mode === 'w') ? [q] : [],
      );
      return { grant: inTheWay.length === 0, revoke: inTheWay };
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(
      /^Every run of the configuration with shared leases is fine with your home, but asked directly/,
    );
    expect(v.explanation).toContain(
      'p1 asks for the exclusive lease while the home counts p1’s shared lease live: your home denies it and asks p1 to give its lease back, where it should grant it.',
    );
    expect(v.explanation).toContain('p1 is the one asking');
  });

  it('catches a shared lease granted to a client whose exclusive lease is live, with a run where a clock drifts', async () => {
    const v = await verdict((i, mode, live) =>
      right(
        i,
        mode,
        live.map((l, q) => (q === i ? null : l)),
      ),
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      'p1 asks for a shared lease while the home counts p1’s exclusive lease live: your home grants it, where it should deny it.',
    );
    expect(v.explanation).toContain('a write p1 made under it may still be on its way');
    expect(v.explanation).toContain(
      'In the configuration with shared leases and a clock that drifts',
    );
    expect(v.explanation).toContain(
      'With clocks that keep their offsets no run shows it; let one drift a tick within ±b and one does.',
    );
    expect(v.explanation).toContain(
      'At step 12, the home’s clock at 4, p2 asks for a shared lease while the home counts p2’s exclusive lease live: your home grants it, where it should deny it.',
    );
    expect(v.explanation).toContain('Drift(p2, +1)');
    expect(v.explanation).toContain('Obligation 2 fails');
  });

  it('catches a grant that revokes the holders in the way at the same time', async () => {
    const v = await verdict((i, mode, live) => {
      const d = right(i, mode, live);
      return live[i] === 'w' && mode === 'r' ? d : { grant: true, revoke: d.revoke };
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^In the configuration with shared leases \(/);
    expect(v.explanation).toContain(
      'your home grants it and asks p1 to give its lease back, where it should deny it and ask p1 to give its lease back.',
    );
  });
});
