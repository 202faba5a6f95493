import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/A-tla-paxos';
import {
  asTLC,
  bruteForceOrbits,
  checkPaxosRefinesConsensus,
  permutations,
  renamed,
} from '../../src/chapters/A-tla-paxos/checks';
import {
  config,
  disjointConfig,
  majorities,
  mcPaxosConfig,
  quorumsIntersect,
  validConstants,
} from '../../src/chapters/A-tla-paxos/config';
import { demoPath, demoRun, votingSteps } from '../../src/chapters/A-tla-paxos/demo';
import { votingToStatuses } from '../../src/chapters/A-tla-paxos/mapping';
import { lowestVote } from '../../src/chapters/A-tla-paxos/mutants';
import type { PaxosState } from '../../src/chapters/A-tla-paxos/paxos';
import { paxos, paxosToVoting } from '../../src/chapters/A-tla-paxos/paxos';
import { TLC_PAXOS } from '../../src/chapters/A-tla-paxos/tlc';
import { chosen } from '../../src/chapters/A-tla-paxos/voting';
import type { ExploreResult, RefinesResult } from '../../src/index';
import { equals, lastState, replay, set, stepsFrom, tracePath } from '../../src/index';
import { testContext as ctx, describeChapter } from '../contract';

const { result, mutantResult } = describeChapter(chapter);
const facts = chapter.facts!;

describe('A a cross-check with TLA+', () => {
  it('finds TLC’s distinct states, generated states and depth on the reference model', async () => {
    const r = (await result('Inv, and TLC’s counts')) as ExploreResult<PaxosState>;
    expect(r.complete).toBe(true);
    expect(asTLC(r, 1)).toEqual(TLC_PAXOS);
    expect(r.stats.states).toBe(facts['TLC distinct states']);
    expect(r.stats.transitions + 1).toBe(facts['TLC states generated']);
    expect(r.stats.depth + 1).toBe(facts['TLC depth']);
    expect(r.witnesses.size).toBe(4);
  });

  it('is one step per witness: two reports of one vote are two Phase2a steps to one state', () => {
    const m = paxos(config);
    const t = replay(m, [
      'Phase1a(0)',
      'Phase1b(a1; m = 1a(0))',
      'Phase1b(a2; m = 1a(0))',
      'Phase2a(0, v1; Q = {a1, a2})',
      'Phase2b(a1; m = 2a(0, v1))',
      'Phase2b(a2; m = 2a(0, v1))',
      'Phase1a(1)',
      'Phase1b(a1; m = 1a(1))',
      'Phase1b(a2; m = 1a(1))',
    ]);
    const twoA = stepsFrom(m, lastState(t)).filter(
      (st) => m.Phase2a.is(st.label) && st.label.param.b === 1,
    );
    expect(twoA.map((st) => st.label.args)).toEqual([
      '1, v1; Q = {a1, a2}, m = 1b(a1, 1, 0, v1)',
      '1, v1; Q = {a1, a2}, m = 1b(a2, 1, 0, v1)',
    ]);
    expect(equals(twoA[0]!.to, twoA[1]!.to)).toBe(true);
    // Phase1a(b) of a ballot already begun is a stuttering step, and a step all the same.
    const again = stepsFrom(m, lastState(t)).filter((st) => m.Phase1a.is(st.label));
    expect(again.map((st) => st.to === lastState(t))).toEqual([true, true, false]);
  });

  it('catches a Phase2a whose steps are not TLC’s: the same states, other generated counts', async () => {
    const r = await mutantResult('Phase2a without its witnesses');
    expect(r.stats.states).toBe(TLC_PAXOS.distinct);
    expect(r.stats.transitions + 1).not.toBe(TLC_PAXOS.generated);
    expect(r.unreached[0]).toMatch(/^TLC's figures \(TLC: 185369 distinct/);
  });

  it('checks the small models of the Examples’ manifest, and the classes against brute force', async () => {
    for (const name of [
      'MCPaxos, as TLC counts it',
      'MCVoting, as TLC counts it',
      'MCConsensus, as TLC counts it',
    ])
      expect((await result(name)).holds, name).toBe(true);
    // One acceptor and one value: no renaming but the identity, so every state is its own orbit.
    expect(bruteForceOrbits(mcPaxosConfig)).toEqual({ states: 25, orbits: 25 });
    expect((await result('classes are orbits')).stats.states).toBe(443);
    expect(permutations(['a1', 'a2', 'a3'])).toHaveLength(6);
    const s = set({ acc: 'a1', val: 'v1' });
    expect(
      equals(
        renamed({ maxBal: { a1: 0 }, msgs: s }, (x) => (x === 'a1' ? 'a2' : x)),
        { maxBal: { a2: 0 }, msgs: set({ acc: 'a2', val: 'v1' }) },
      ),
    ).toBe(true);
  });

  it('the demo: each Paxos step is a Voting step or none, and ballot 2 must propose v2', () => {
    const { trace } = demoRun();
    expect(trace.steps).toHaveLength(facts['demo steps']!);
    expect(tracePath(trace)).toEqual(demoPath);
    const vs = votingSteps(config, trace);
    const m = paxos(config);
    trace.steps.forEach((st, i) => {
      if (m.Phase1a.is(st.label) || m.Phase2a.is(st.label)) expect(vs[i]).toBe('-');
      if (m.Phase1b.is(st.label)) expect(vs[i]).toMatch(/^IncreaseMaxBal\(/);
      if (m.Phase2b.is(st.label)) expect(vs[i]).toMatch(/^VoteFor\(/);
    });
    const end = paxosToVoting(config)(lastState(trace));
    expect(equals(chosen(config, end), set('v2'))).toBe(true);
    expect(votingToStatuses(config)(end)).toEqual({
      a1: ['v1', 'no', 'v2'],
      a2: ['no', 'v2', 'neutral'],
      a3: ['no', 'v2', 'neutral'],
    });
    // The correct leader of ballot 2 may not propose v1; with the lowest vote it may.
    const v1 = [...demoPath.slice(0, 14), 'Phase2a(2, v1; Q = {a1, a3}, m = 1b(a1, 2, 0, v1))'];
    expect(() => replay(paxos(config), v1)).toThrow(/is not enabled/);
    expect(replay(lowestVote(config), v1).steps).toHaveLength(15);
  });

  it('catches the lowest vote at a 2a message that no quorum shows safe', async () => {
    const r = await mutantResult('Phase2a takes the lowest vote');
    expect(r.counterexample!.property).toBe('Inv4: what each message asserts');
    expect(r.counterexample!.message).toMatch(/no quorum Q has V!ShowsSafeAt\(Q, 2, v1\)$/);
  });

  it('catches a Phase2b below maxBal as a step that is no Voting step', async () => {
    const r = (await mutantResult('Phase2b ignores maxBal')) as RefinesResult<PaxosState, unknown>;
    expect(r.failure!.obligation).toBe('step');
    const l = r.failure!.step!.label;
    const m = paxos(config);
    expect(m.Phase2b.is(l)).toBe(true);
    if (m.Phase2b.is(l)) expect(r.failure!.y.maxBal[l.param.a]).toBeGreaterThan(l.param.m.bal);
  });

  it('catches a Phase1b that keeps maxBal: Paxos chooses two values', async () => {
    const r = (await mutantResult('Phase1b does not raise maxBal')) as RefinesResult<
      PaxosState,
      { chosen: unknown }
    >;
    expect(r.failure!.fy2!.chosen).toEqual(set('v1', 'v2'));
  });

  it('with quorums that need not intersect Paxos refines Voting, but Voting, and so Paxos, does not refine Consensus', async () => {
    expect(quorumsIntersect(disjointConfig)).toBe(false);
    expect(quorumsIntersect(config)).toBe(true);
    expect((await result('Paxos refines Voting, quorums that need not intersect')).holds).toBe(
      true,
    );
    const v = (await mutantResult('quorums that need not intersect')) as RefinesResult<
      unknown,
      { chosen: unknown }
    >;
    expect(v.failure!.fy2!.chosen).toEqual(set('v1', 'v2'));
    const p = checkPaxosRefinesConsensus(disjointConfig, ctx);
    expect(p.holds).toBe(false);
    expect(p.failure!.fy2!.chosen).toEqual(set('v1', 'v2'));
  });

  it('catches statuses that say no at maxBal: the status changes from no to a value', async () => {
    const r = await mutantResult('no from maxBal on');
    expect(r.counterexample!.property).toBe('a status changes only while it is neutral');
  });

  it('catches VoteFor without ShowsSafeAt', async () => {
    const r = await mutantResult('VoteFor without ShowsSafeAt');
    expect(r.counterexample!.property).toBe('VotesSafe');
  });

  it('has majorities by default and rejects bad constants in one line', () => {
    expect(majorities(['a1', 'a2', 'a3'])).toEqual([
      ['a1', 'a2'],
      ['a1', 'a3'],
      ['a2', 'a3'],
      ['a1', 'a2', 'a3'],
    ]);
    expect(() => validConstants({ ...config, maxBallot: -1 })).toThrow(
      'TLA+ constants: maxBallot must be a whole number from 0 to 5, got -1',
    );
    expect(() => validConstants({ ...config, values: ['a1'] })).toThrow(/must be distinct/);
    expect(() => validConstants({ ...config, quorums: [['a9']] })).toThrow(/non-empty set/);
  });
});
