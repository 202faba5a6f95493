/**
 * Hierarchical leases (§2.3): the chapter's contract (each check holds as
 * pinned, each mutant fails the check that names it); each mutant's run
 * shows time passing and the clocks apart; the invariants catch bugs on
 * their own, and the czar that counts its renewal early makes two masters;
 * two changes that look like bugs are shown not to be; the demo's runs are
 * what the prose says; the timelines are read off the runs; the
 * per-resource spec keeps its instances apart; configurations say in one
 * line what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { leaseSpec } from '../../src/chapters/11-leases/spec';
import type { HierVariant, Setup } from '../../src/chapters/12-hierarchical-leases/index';
import {
  chapter,
  checkSetup,
  config,
  consensusRuns,
  counts,
  demoRun,
  hierInvariants,
  hierSystem,
  hierTimeline,
  instancesOf,
  masters,
  noSubLeaseOutlivesCzar,
  noWait,
  oneMaster,
  oneTenure,
  raceConfig,
  raceRun,
  raceScript,
  scripted,
  setups,
  uncapped,
  validHierConfig,
} from '../../src/chapters/12-hierarchical-leases/index';
import { czarIgnoresItsLease, waitsOnlyT } from '../../src/chapters/12-hierarchical-leases/mutants';
import type { Invariant } from '../../src/index';
import { explore, nil } from '../../src/index';
import { describeChapter, testContext } from '../contract';

const { mutantResult } = describeChapter(chapter);

/** The setup each exhaustive check runs, for rebuilding the system a mutant's run came from. */
const setupOf = new Map<string, Setup>([
  ['one master per resource under a czar', setups.refines],
  ['masters renew without consensus', setups.renewal],
  ['the czar changes', setups.change],
  ['the czar crashes', setups.crash],
]);

describe('hierarchical leases: each seeded bug fails its check, with the clocks in the run', () => {
  it.each(
    chapter.mutants.filter((m) => setupOf.has(m.caughtBy.name)).map((m) => [m.name, m] as const),
  )('%s', async (_n, m) => {
    const r = await mutantResult(m.name);
    const cx = r.counterexample!;
    expect(cx.property).toMatch(/obligation 2|at most one master|outlives|overlaps/);
    const v = m.variant as HierVariant;
    const sys = hierSystem({ ...setupOf.get(m.caughtBy.name)!.config, ...v.config }, v.rules);
    // The run shows time passing and the clocks apart.
    expect(cx.trace.steps.some((s: any) => sys.Tick.is(s.label))).toBe(true);
    expect(new Set(cx.trace.steps.at(-1)!.to.clocks.slice(1)).size).toBeGreaterThan(1);
  });

  it('the czar that counts its renewal early is caught in a short run, before consensus decides', async () => {
    const r = await mutantResult('czar counts its renewal before consensus');
    const cx = r.counterexample!;
    expect(cx.trace.steps.length).toBeLessThanOrEqual(12);
    expect(cx.message).toBe(
      "p1 uses a sub-lease on x0 (s = 11) from c1, whose lease as consensus decided it ends at t = 7: c1's clock reads 7",
    );
    const last = cx.trace.steps.at(-1)!.to;
    // c1 counts a term consensus has not decided.
    expect(last.candidates[0]!.mine).toMatchObject({ k: 1 });
    expect(last.cons[0]!.log.length).toBe(1);
  });
});

describe('hierarchical leases: each invariant catches a bug on its own', () => {
  const alone = (s: Setup, v: HierVariant, pick: (s: any) => Invariant<any>) => {
    const sys = hierSystem(s.config, v.rules);
    const inv = pick(sys);
    const r = explore(sys, { invariants: [inv] });
    return { r, name: inv.name };
  };

  it('no sub-lease outlives the czar’s lease: an uncapped sub-lease', () => {
    const { r, name } = alone(setups.refines, uncapped, noSubLeaseOutlivesCzar);
    expect(r.holds).toBe(false);
    expect(r.counterexample!.property).toContain(name);
    expect(r.counterexample!.message).toMatch(
      /whose lease as consensus decided it ends at t = \d+: c\d's clock reads \d+/,
    );
  });

  it('one master, and one tenure: the state a new czar that does not wait reaches', async () => {
    const r = await mutantResult('new czar does not wait');
    const sys = hierSystem({ ...setups.change.config, ...noWait.config }, noWait.rules);
    const last = r.counterexample!.trace.steps.at(-1)!.to;
    expect(oneMaster(sys).holds(last)).toBe(false);
    expect(oneTenure(sys).holds(last)).toBe(false);
    expect(oneTenure(sys).why!(last)).toBe(
      'x0 is touched under the tenures c1 from #0 and c2 from #1',
    );
  });
});

describe('hierarchical leases: the czar that counts its renewal early makes two masters', () => {
  it('consensus picks a rival, and p1 (renewing with the old czar) and p2 both hold x0', () => {
    const { machine, trace } = raceRun();
    const last = trace.steps.at(-1)!.to;
    expect(masters(machine, last, 0)).toEqual(['p1', 'p2']);
    expect(oneMaster(machine).holds(last)).toBe(false);
    // c2 won the instance c1 proposed its renewal for.
    expect(last.cons[0]!.log.map((t) => t.czar)).toEqual([0, 1]);
    // p1's last sub-lease is a renewal, granted by c1 after its decided term ended.
    const sub = last.masters[0]!.holds[0]!.sub;
    expect(sub !== nil && sub.n > sub.first && sub.c === 0).toBe(true);
    // Under the correct rules the run cannot happen: c1 grants nothing past its decided term.
    expect(() => scripted(raceScript, raceConfig)).toThrow(/is not enabled/);
  });

  it('the timeline marks the two masters with a band', () => {
    const { machine, trace } = raceRun();
    const t = hierTimeline(machine, trace);
    expect(t.bands!.map((b) => b.label)).toContain('two masters (p1, p2) on x0');
    expect(t.lanes.map((l) => l.name)).toEqual(['cons', 'c1', 'c2', 'p1', 'p2']);
  });
});

describe('hierarchical leases: what the checks show is not needed here', () => {
  it.each([
    ['a candidate waits until its clock passes t, not t + ε', waitsOnlyT],
    ['the czar answers without checking its own lease (the cap still holds)', czarIgnoresItsLease],
  ] as const)('%s: still one master', (_n, v) => {
    // The czar change without c1's renewal: c1's term runs out, and c2 takes over.
    const s: Setup = {
      config: { ...setups.change.config, proposals: 1 },
      goals: ['write', 'change'],
    };
    const r = checkSetup(s, v, testContext);
    expect(r.holds, r.counterexample?.message ?? r.unreached.join('; ')).toBe(true);
  });
});

describe('hierarchical leases: the demo’s run', () => {
  it('three consensus runs: the election, the czar’s renewal, the new czar; the sub-leases need none', () => {
    const { trace } = demoRun();
    const last = trace.steps.at(-1)!.to;
    expect(last.cons[0]!.log.map((t) => [t.czar, t.since])).toEqual([
      [0, 0],
      [0, 0],
      [1, 2],
    ]);
    expect(counts(trace)).toEqual({ consensus: 3, grants: 4 });
    expect(trace.steps.at(-1)!.label.ret).toBe('p1.1');
  });

  it('p1 renews with the czar across the czar’s renewal, keeping its holding', () => {
    const { trace } = demoRun();
    const renewed = trace.steps.find((s) => {
      const sub = s.to.masters[0]!.holds[0]!.sub;
      return sub !== nil && sub.k === 1 && sub.first === 1;
    });
    expect(renewed).toBeDefined();
  });

  it('the new czar is elected only once its clock is past the old t + ε, and grants after', () => {
    const { machine, trace } = demoRun();
    // c2's second proposal, after c1's crash (its first is the election's).
    const proposals = trace.steps.filter(
      (s) => machine.Propose.is(s.label) && machine.actor(s.label) === machine.ids.candidates[1],
    );
    expect(proposals.length).toBe(2);
    const y = proposals[1]!.from;
    const c2 = y.now + y.clocks[machine.ids.candidates[1]!]!;
    const old = y.cons[0]!.log.at(-1)!;
    expect(c2).toBeGreaterThan(old.t + 2);
    // Every state of the run keeps the invariants.
    for (const s of trace.steps)
      for (const inv of hierInvariants(machine)) expect(inv.holds(s.to), inv.name).toBe(true);
  });

  it('its timeline shows each decided term on cons and the czar’s own on its lane, and no band', () => {
    const { machine, trace } = demoRun();
    const t = hierTimeline(machine, trace);
    const cons = t.lanes.find((l) => l.name === 'cons')!;
    expect(cons.intervals.map((i) => i.label)).toEqual([
      '#0 c1, t=11',
      '#1 c1, t=15',
      '#2 c2, t=30',
    ]);
    const c1 = t.lanes.find((l) => l.name === 'c1')!;
    expect(c1.intervals.filter((i) => i.style === 'solid').map((i) => i.label)).toEqual([
      'czar #0, t=11',
      'czar #1, t=15',
    ]);
    expect(t.bands).toEqual([]);
    // Every clock reading is real time plus the process's offset.
    for (const l of t.lanes)
      for (const c of l.clock!) expect(Number.isInteger(c.reading)).toBe(true);
  });
});

describe('hierarchical leases: the model', () => {
  it('the first election is one consensus run; the czar’s sub-leases need none', () => {
    const sys = hierSystem(setups.change.config);
    const y = [...sys.init()][0]!;
    expect(consensusRuns(y)).toBe(1);
    expect(y.candidates[0]!.mine).not.toBe(nil);
    expect(y.masters.every((m) => m.czar !== nil && m.czar.c === 0)).toBe(true);
    expect(hierInvariants(sys).every((i) => i.holds(y))).toBe(true);
  });

  it('the instances of spec Lease are independent: a write at one leaves the other', () => {
    const two = instancesOf(leaseSpec(2, 1), 2);
    const s0 = [...two.init()][0]!;
    const acquire = new Map(two.actions.map((a) => [a.name, a])).get('Acquire')!;
    const params = [...acquire.params!(s0)];
    expect(params).toEqual([
      { r: 0, p: 'p1' },
      { r: 0, p: 'p2' },
      { r: 1, p: 'p1' },
      { r: 1, p: 'p2' },
    ]);
    const e = acquire.effect(s0, { r: 1, p: 'p2' });
    const s1 = (Array.isArray(e) ? e[0] : e).next;
    expect(s1[0]).toEqual(s0[0]);
    expect(s1[1]!.master).toBe('p2');
  });
});

describe('hierarchical lease configurations', () => {
  it('say in one line what is wrong', () => {
    expect(() => validHierConfig({ ...config, skew: [0, 0] })).toThrow(
      'hierarchical lease config: skew must be 5 whole numbers (the oracle, each candidate, then each master), got [0,0]',
    );
    expect(() => validHierConfig({ ...config, skew: [0, 2, 0, 0, 0] })).toThrow(
      'every skew must be within ±1',
    );
    expect(() => validHierConfig({ ...config, czarLease: 0 })).toThrow(
      'hierarchical lease config: czarLease must be a whole number from 1 to 1000, got 0',
    );
    expect(() => validHierConfig({ ...config, crashes: { candidates: -1, masters: 0 } })).toThrow(
      'hierarchical lease config: crashes.candidates must be a whole number from 0 to 1000, got -1',
    );
    expect(() => hierSystem({ ...config, resources: 65 })).toThrow(
      'hierarchical lease config: resources must be a whole number from 1 to 64, got 65',
    );
  });
});
