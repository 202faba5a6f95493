import { describe, expect, it } from 'vitest';
import {
  agentReceive,
  changeCost,
  chapter,
  config,
  costOf,
  countConfig,
  crashConfig,
  decode,
  drive,
  freshAgent,
  idleLeader,
  leaderReceive,
  lostCost,
  multiPaxos,
  nextRound,
  rules,
  sequenceOfD,
  steadyCost,
  steadyScript,
} from '../../src/chapters/10-multi-paxos/index';
import {
  countReports,
  nextOffByOne,
  wrongInstance,
} from '../../src/chapters/10-multi-paxos/mutants';
import type { ChapterCheck } from '../../src/chapters/chapter';
import { runMutant } from '../../src/chapters/chapter';
import { DEEP, pinsOf, testContext } from '../contract';

const results = new Map<ChapterCheck, ReturnType<ChapterCheck['run']>>();
const result = async (name: string) => {
  const c = chapter.checks.find((k) => k.name === name)!;
  if (!results.has(c)) results.set(c, c.run(testContext));
  return await results.get(c)!;
};

describe('10 multi-Paxos: the processes', () => {
  it('a query moves the one shared next, for every instance, and is answered with each (v, last)', () => {
    const a = {
      ...freshAgent(config),
      slots: [
        { v: 7, last: 0 },
        { v: null, last: -1 },
      ],
    };
    const st = agentReceive(rules, a, 0, { k: 'query', n: 1 });
    expect(st.state.next).toBe(1);
    expect(st.send).toEqual([{ k: 'status', i: 0, n: 1, slots: a.slots }]);
    // Below next: ignored.
    expect(agentReceive(rules, st.state, 0, { k: 'query', n: 0 }).send).toEqual([]);
    // The mutant promises one round too few.
    expect(agentReceive(nextOffByOne, a, 0, { k: 'query', n: 1 }).state.next).toBe(0);
  });

  it('the compact state stands for a status array: v at last, no below next, neutral from next', () => {
    const a = {
      ...freshAgent(config),
      next: 2,
      slots: [
        { v: 7, last: 0 },
        { v: null, last: -1 },
      ],
    };
    expect(decode(a, 0, 3)).toEqual([7, 'no', 'neutral']);
    expect(decode(a, 1, 3)).toEqual(['no', 'no', 'neutral']);
  });

  it('a command records the outcome it carries for the instance before, then accepts', () => {
    const a = freshAgent(config);
    const st = agentReceive(rules, a, 1, { k: 'command', n: 0, p: 1, v: 8, out: 7 });
    expect(st.state.known).toEqual([7, null]);
    expect(st.state.slots[1]).toEqual({ v: 8, last: 0 });
    expect(st.send).toEqual([{ k: 'accepted', i: 1, n: 0, p: 1, st: 8 }]);
    const wrong = agentReceive(wrongInstance, a, 1, { k: 'command', n: 0, p: 1, v: 8, out: 7 });
    expect(wrong.state.known).toEqual([null, 7]);
    // A command below next is refused, and the refusal is not reported.
    const promised = { ...a, next: 1 };
    expect(
      agentReceive(rules, promised, 1, { k: 'command', n: 0, p: 0, v: 7, out: null }).send,
    ).toEqual([]);
  });

  it('a primary counts agents, not reports, and moves on once a majority accepted', () => {
    const ls = { ...idleLeader(config, 0), n: 0, phase: 'primary' as const, u: 7 };
    const rep = { k: 'accepted' as const, i: 0, n: 0, p: 0, st: 7 };
    const once = leaderReceive(config, rules, ls, rep);
    expect(leaderReceive(config, rules, once, rep)).toBe(once);
    const b = leaderReceive(config, rules, once, { ...rep, i: 1 });
    expect([b.slot, b.prev]).toEqual([1, 7]);
  });

  it('a leader keeps, of its query’s reports, who reported and the (v, last) with the largest last', () => {
    const q = { ...idleLeader(config, 0), n: 1, phase: 'query' as const };
    const rep = (i: number, last: number, v: number | null) => ({
      k: 'status' as const,
      i,
      n: 1,
      slots: [
        { v, last },
        { v: null, last: -1 },
      ],
    });
    const one = leaderReceive(config, rules, q, rep(0, 0, 7));
    expect(leaderReceive(config, rules, one, rep(0, 0, 7))).toBe(one);
    const two = leaderReceive(config, rules, one, rep(1, -1, null));
    expect(two.phase).toBe('primary');
    expect(two.best[0]).toEqual({ v: 7, last: 0 });
    // The mutant counts a's report twice: a majority of one.
    const counted = leaderReceive(
      config,
      countReports,
      leaderReceive(config, countReports, q, rep(0, -1, null)),
      rep(0, -1, null),
    );
    expect(counted.phase).toBe('primary');
  });

  it('a leader that does not know its clock polls, and starts after the largest next a majority reports', () => {
    const sys = multiPaxos(crashConfig);
    const [init] = [...sys.init()];
    expect(init!.leaders[0]!.j).toBe(null);
    const polling = { ...idleLeader(crashConfig, null, 1), phase: 'poll' as const };
    const ans = (i: number, next: number) => ({ k: 'next' as const, i, l: 0, inc: 1, next });
    const a = leaderReceive(crashConfig, rules, polling, ans(0, 0));
    // A stale answer, to an earlier poll, is ignored.
    expect(leaderReceive(crashConfig, rules, a, { ...ans(1, -1), inc: 0 })).toBe(a);
    const done = leaderReceive(crashConfig, rules, a, ans(1, -1));
    expect([done.phase, done.j]).toEqual(['idle', 0]);
    expect(nextRound(crashConfig, 0, done.j)).toBe(1);
    expect(
      agentReceive(rules, freshAgent(crashConfig), 2, { k: 'poll', l: 0, inc: 1 }).send,
    ).toEqual([{ k: 'next', i: 2, l: 0, inc: 1, next: -1 }]);
  });

  it('rejects a bad configuration with a one-line error', () => {
    expect(() => multiPaxos({ ...config, losses: -1 })).toThrow(
      /losses must be a whole number from 0/,
    );
    expect(() => multiPaxos({ ...config, rounds: [0, 2] })).toThrow(
      /rounds must be a non-empty list/,
    );
    expect(() => multiPaxos({ ...config, maxInFlight: 0 })).toThrow(/maxInFlight must be/);
  });

  it('the spec is a sequence of independent instances of D', () => {
    const d = sequenceOfD(2, [7, 8]);
    expect([...d.init()]).toEqual([
      [
        { outcome: null, done: false, allowed: [] },
        { outcome: null, done: false, allowed: [] },
      ],
    ]);
  });
});

describe('10 multi-Paxos: the checks', () => {
  it.each(chapter.checks.map((c) => [c.name, c] as const))('%s holds, as pinned', async (_n, c) => {
    const r = await result(c.name);
    expect(r.holds, r.counterexample?.message ?? r.unreached.join('; ')).toBe(true);
    expect(pinsOf(r, c.pinned!)).toEqual(c.pinned);
    expect(r.unreached).toEqual([]);
  });

  // Deep tier (WORKBOOK_DEEP=1): the default tier runs the same check at its
  // default bounds (above: it holds, as pinned), and the mutants of what it
  // checks fail the exhaustive checks.
  it.skipIf(!DEEP)('the long runs with --deep: as pinned', async () => {
    const c = chapter.checks.find((k) => k.name === 'long runs with every fault')!;
    const r = await c.run({ ...testContext, deep: true });
    expect(r.holds, r.counterexample?.message).toBe(true);
    expect(pinsOf(r, c.deepPinned!)).toEqual(c.deepPinned);
  });

  it('the exhaustive checks are complete', async () => {
    for (const name of [
      'implements D per instance',
      'with a loss',
      'with a duplicate',
      'a leader crash',
    ])
      expect((await result(name)).complete, name).toBe(true);
  });

  it.each(chapter.mutants.map((m) => [m.name, m] as const))(
    'the mutant %s fails the check that names it, with a trace',
    async (_n, m) => {
      expect(chapter.checks).toContain(m.caughtBy);
      const r = await runMutant(m, testContext);
      expect(r.holds, `${m.name} is caught by ${m.caughtBy.name}`).toBe(false);
      expect(r.counterexample?.trace.steps.length ?? 0).toBeGreaterThan(0);
    },
  );
});

describe('10 multi-Paxos: what a consensus costs', () => {
  const agents = countConfig.agents;

  it('in steady state: a command and a report per agent, one round trip', () => {
    expect(steadyCost()).toEqual({ messages: 2 * agents, delays: 2 });
  });

  it('after a primary change: the query round trip as well, once', () => {
    expect(changeCost()).toEqual({ messages: 4 * agents, delays: 4 });
  });

  it('with the command lost on its way to two agents of three: one report, then a second round trip', () => {
    expect(lostCost()).toEqual({ messages: agents + 1 + 2 * agents, delays: 4 });
  });

  it('the count fails on a run that does not decide the instance', () => {
    const sys = multiPaxos(countConfig);
    const t = drive(sys, steadyScript.slice(0, -3));
    expect(() => costOf(sys, t, steadyScript.indexOf('Allow(l1, p1'), 1)).toThrow(
      /does not decide/,
    );
  });

  it('the chapter states the counts it measures', () => {
    expect(chapter.facts).toMatchObject({ 'steady messages': 6, 'steady delays': 2 });
  });
});
