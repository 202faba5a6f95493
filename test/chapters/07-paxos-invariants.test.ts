import { describe, expect, it } from 'vitest';
import { anyAllowed } from '../../src/chapters/06-paxos-state/mutants';
import { paxos, rules } from '../../src/chapters/06-paxos-state/paxos';
import { config, threeRounds } from '../../src/chapters/06-paxos-state/state';
import { chapter } from '../../src/chapters/07-paxos-invariants';
import {
  checkInductive,
  checkInvariants34,
  checkNotInductive,
  checkStable,
  inductiveInvariant,
} from '../../src/chapters/07-paxos-invariants/checks';
import { stages, strengthening } from '../../src/chapters/07-paxos-invariants/invariants';
import {
  acceptAfterNo,
  earliestValue,
  oneReport,
} from '../../src/chapters/07-paxos-invariants/mutants';
import { literalAnchored, stablePredicates } from '../../src/chapters/07-paxos-invariants/stable';
import { universe } from '../../src/chapters/07-paxos-invariants/universe';
import { explore, labelText, tracePath } from '../../src/index';

const ctx = { seed: 1 };

describe('07 Paxos: invariants and anchored rounds', () => {
  it('checks 32 stable predicates on every one of the 571598 reachable steps', () => {
    expect(stablePredicates(config)).toHaveLength(32);
    const r = checkStable(config, rules, ctx);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(51483);
    expect(r.stats.transitions).toBe(571598);
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

  it('Invariants 3 and 4 and the anchored form hold in all 51483 reachable states', () => {
    const r = checkInvariants34(config, rules, ctx);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(51483);
  });

  it('so do the conjuncts about commands and leaders (an inductive invariant must be true)', () => {
    const r = explore(paxos(config), { invariants: Object.values(strengthening(config)) });
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(51483);
  });

  it('the universe has 1542564 states: 2116 status arrays, 9 command pairs, 81 leader pairs', () => {
    expect(universe(config).size).toBe(2116 * 9 * 81);
    expect(universe(config).size).toBe(1542564);
  });

  it('Invariant 2 alone is not inductive: an Accept makes a second successful round', () => {
    const r = checkNotInductive(config, rules);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(113968);
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

  it('the strengthened invariant is inductive over the universe (74844 states satisfy it)', () => {
    const r = checkInductive(config, rules, inductiveInvariant(config));
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats.states).toBe(1542564);
    expect(r.hypothesisStates).toBe(74844);
  });

  it('catches a leader that takes the earliest value: Invariant 4 fails after 14 steps', () => {
    const r = checkInvariants34(threeRounds, earliestValue, ctx);
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

  it('catches a leader that chooses after one report', () => {
    const r = checkInvariants34(config, oneReport, ctx);
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(7, l2)',
      'NewRound(l2)',
      'Query(a, (1,l2))',
      'Choose(l2, {a})',
      'Accept(a, (1,l2))',
    ]);
  });

  it('catches an agent that accepts after saying no, as a broken stable predicate', () => {
    const r = checkStable(config, acceptAfterNo, ctx);
    expect(r.counterexample!.property).toBe('stable: s[a][(1,l1)] = no');
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(7, l1)',
      'NewRound(l1)',
      'NewRound(l2)',
      'Query(a, (1,l2))',
      'Choose(l1, {a, b})',
      'Accept(a, (1,l1))',
    ]);
  });

  it('catches chapter 06’s leader that ignores reports by induction alone, in one step', () => {
    const r = checkInductive(config, anyAllowed, inductiveInvariant(config));
    expect(labelText(r.cti!.label)).toBe('Choose(l2, {a, b})');
    expect(r.cti!.broken).toBe('every command keeps its round anchored');
  });

  it('every mutant in the chapter is caught by the check it names', async () => {
    for (const m of chapter.mutants) {
      const r = await m.run(ctx);
      expect(r.holds, m.name).toBe(false);
    }
  });
});
