import { describe, expect, it } from 'vitest';
import { paxos, rules } from '../../src/chapters/06-paxos-state/paxos';
import type { PaxosState } from '../../src/chapters/06-paxos-state/state';
import { chapter } from '../../src/chapters/07-paxos-invariants';
import { checkInductive } from '../../src/chapters/07-paxos-invariants/checks';
import { config, deepConfig } from '../../src/chapters/07-paxos-invariants/config';
import { stages, strengthening } from '../../src/chapters/07-paxos-invariants/invariants';
import { literalAnchored, stablePredicates } from '../../src/chapters/07-paxos-invariants/stable';
import { universe } from '../../src/chapters/07-paxos-invariants/universe';
import type { InductiveResult } from '../../src/index';
import { explore, labelText, tracePath } from '../../src/index';
import { describeChapter } from '../contract';

const { result, mutantResult } = describeChapter(chapter);
const facts = chapter.facts!;
const inductiveResult = async (name: string) => (await result(name)) as InductiveResult<PaxosState>;

describe('07 Paxos: invariants and anchored rounds', () => {
  it('checks as many stable predicates as the chapter says, by default and with --deep', () => {
    expect(stablePredicates(config)).toHaveLength(facts['stable predicates']!);
    expect(stablePredicates(deepConfig)).toHaveLength(facts['deep stable predicates']!);
  });

  it('"n is anchored" read literally is not stable while v_n = nil', () => {
    const r = explore(paxos(config), { stepProperties: literalAnchored(config) });
    expect(r.counterexample!.property).toBe('stable: (1,l2) is anchored');
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(7, l1)',
      'NewRound(l1)',
      'Choose(l1, {a, b})',
      'Accept(a, (1,l1))',
    ]);
  });

  it('the conjuncts about commands and leaders hold in every reachable state (an inductive invariant must be true)', async () => {
    const r = explore(paxos(config), { invariants: Object.values(strengthening(config)) });
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe((await result('Invariants 3 and 4')).stats.states);
  });

  it('the universe is status arrays × command pairs × leader pairs', async () => {
    const size = facts['status arrays']! * facts['command pairs']! * facts['leader pairs']!;
    expect(universe(config).size).toBe(size);
    expect((await result('the strengthened invariant is inductive')).stats.states).toBe(size);
  });

  it('Invariant 2 alone is not inductive: an Accept makes a second successful round', async () => {
    const r = await inductiveResult('Invariant 2 alone is not inductive');
    expect(labelText(r.cti!.label)).toBe('Accept(b, (1,l2))');
    expect(r.cti!.broken).toBe('Invariant 2: any two successful rounds have the same value');
    expect(r.cti!.state.s).toEqual([
      [7, 8],
      [7, 'neutral'],
      ['neutral', 'neutral'],
    ]);
    expect(r.cti!.state.command).toEqual([null, 7]);
  });

  it('each stage of the strengthening fails with the counterexample the chapter shows, the last holds', () => {
    const expected = [
      ['Accept(b, (1,l2))', 'Invariant 2: any two successful rounds have the same value'],
      ['Accept(a, (1,l2))', 'Invariant 4 (rearranged): every round with a value is anchored'],
      ['Choose(l1, {a, b})', 'every v_n is its round’s command'],
      ['NewRound(l1)', 'a leader that has not chosen has sent no command in n_l'],
    ];
    const all = stages(config);
    expect(all).toHaveLength(5);
    all.slice(0, 4).forEach((st, k) => {
      const r = checkInductive(config, rules, st.conjuncts);
      expect(r.holds, st.name).toBe(false);
      expect([labelText(r.cti!.label), r.cti!.broken], st.name).toEqual(expected[k]);
    });
  });

  it('the strengthened invariant is inductive over the whole universe', async () => {
    const r = await inductiveResult('the strengthened invariant is inductive');
    expect(r.complete).toBe(true);
    expect(r.hypothesisStates).toBe(facts['inductive invariant states']);
  });

  it('catches a leader that takes the earliest value: Invariant 4 fails after 14 steps', async () => {
    const r = await mutantResult('earliest value');
    expect(r.counterexample!.property).toBe(
      'Invariant 4: a round m that is not dead binds every later round n',
    );
    expect(r.counterexample!.message).toBe('(2,l1) is not dead and has v = 8, but v_(3,l1) = 7');
    expect(tracePath(r.counterexample!.trace).slice(-4)).toEqual([
      'Accept(c, (1,l1))',
      'Accept(c, (2,l1))',
      'Choose(l1, {a, c})',
      'Accept(a, (3,l1))',
    ]);
    expect(r.counterexample!.trace.steps).toHaveLength(14);
  });

  it('catches a leader that chooses after one report', async () => {
    const r = await mutantResult('one report is enough');
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(7, l2)',
      'NewRound(l2)',
      'Query(a, (1,l2))',
      'Choose(l2, {a})',
      'Accept(a, (1,l2))',
    ]);
  });

  it('catches an agent that accepts after saying no, as a broken stable predicate', async () => {
    const r = await mutantResult('accept after no');
    expect(r.counterexample!.property).toBe('stable: s[a][(1,l1)] = no');
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(7, l1)',
      'NewRound(l1)',
      'NewRound(l2)',
      'Query(a, (1,l2))',
      'Choose(l1, {a, b})',
      'Accept(a, (1,l1))',
    ]);
    expect(r.counterexample!.trace.steps).toHaveLength(facts['accept after no, steps']!);
  });

  it('catches chapter 06’s leader that ignores reports by induction alone, in one step', async () => {
    const r = (await mutantResult('any allowed value')) as InductiveResult<PaxosState>;
    expect(labelText(r.cti!.label)).toBe('Choose(l2, {a, b})');
    expect(r.cti!.broken).toBe('every command keeps its round anchored');
  });
});
