import { describe, expect, it } from 'vitest';
import { chapter as chapter06 } from '../../src/chapters/06-paxos-state';
import { exactKey, paxos, rules } from '../../src/chapters/06-paxos-state/paxos';
import type { PaxosConfig, PaxosState } from '../../src/chapters/06-paxos-state/state';
import { chapter } from '../../src/chapters/07-paxos-invariants';
import { checkInductive, inductiveInvariant } from '../../src/chapters/07-paxos-invariants/checks';
import {
  config,
  deepConfig,
  threeRoundsConfig,
} from '../../src/chapters/07-paxos-invariants/config';
import { stages, strengthening } from '../../src/chapters/07-paxos-invariants/invariants';
import { literalAnchored, stablePredicates } from '../../src/chapters/07-paxos-invariants/stable';
import { universe } from '../../src/chapters/07-paxos-invariants/universe';
import type { InductiveResult } from '../../src/index';
import { explore, labelText, tracePath } from '../../src/index';
import { describeChapter } from '../contract';

// The three-round checks explore what the two-round ones do, with a round
// more: the deep tier's. Their mutant (earliest value) runs by default.
const { result, mutantResult } = describeChapter(chapter, {
  deep: [
    'stable predicates, three rounds',
    'Invariants 3 and 4, three rounds',
    'the strengthened invariant is inductive, three rounds',
  ],
});

/** Every ordering of 0 .. n-1. */
function orders(n: number): number[][] {
  if (n === 0) return [[]];
  return orders(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]),
  );
}

/** State s under every renaming of its agents and of its values. */
function renamings(c: PaxosConfig, s: PaxosState): PaxosState[] {
  const out: PaxosState[] = [];
  for (const agents of orders(c.agents))
    for (const values of orders(c.values.length)) {
      const v = <T>(x: T): T =>
        typeof x === 'number' ? (c.values[values[c.values.indexOf(x)]!] as T) : x;
      out.push({
        ...s,
        s: agents.map((i) => s.s[i]!.map(v)),
        leaders: s.leaders.map((l) => ({ ...l, u: v(l.u) })),
        command: s.command.map(v),
      });
    }
  return out;
}
const facts = chapter.facts!;
const inductiveResult = async (name: string) => (await result(name)) as InductiveResult<PaxosState>;

describe('07 Paxos: invariants and anchored rounds', () => {
  it('checks as many stable predicates as the chapter says, by default and with --deep', () => {
    expect(stablePredicates(config)).toHaveLength(facts['stable predicates']!);
    expect(stablePredicates(threeRoundsConfig)).toHaveLength(
      facts['three-round stable predicates']!,
    );
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
    for (const [c, check] of [
      [config, 'Invariants 3 and 4'],
      [threeRoundsConfig, 'Invariants 3 and 4, three rounds'],
    ] as const) {
      const r = explore(paxos(c), { invariants: Object.values(strengthening(c)) });
      expect(r.holds).toBe(true);
      expect(r.stats.states).toBe((await result(check)).stats.states);
    }
  });

  it('the universe is status arrays × command pairs × leader pairs', async () => {
    const size = facts['status arrays']! * facts['command pairs']! * facts['leader pairs']!;
    expect(universe(config).size).toBe(size);
    expect((await result('the strengthened invariant is inductive')).stats.states).toBe(size);
  });

  it('the three-round universe is status arrays × commands × leader states, as --deep pins it', () => {
    const size =
      facts['three-round status arrays']! *
      facts['three-round commands']! *
      facts['three-round leader states']!;
    expect(universe(threeRoundsConfig).size).toBe(size);
    const deep = chapter.checks.find(
      (c) => c.name === 'the strengthened invariant is inductive, three rounds',
    )!;
    expect(deep.deepPinned?.states).toBe(size);
  });

  it('the reduced universe loses nothing: its hypothesis states, renamed every way, are the whole universe’s', async () => {
    // The whole universe's induction hypothesis, counted by the full runs
    // (`check 7` for two rounds, `check 7 --deep` for three), is exactly
    // every renaming of the reduced universe's.
    const r = await inductiveResult('the strengthened invariant is inductive, three rounds');
    expect(r.hypothesisStates).toBe(facts['three-round inductive invariant classes']);
    for (const [c, whole] of [
      [config, facts['inductive invariant states']!],
      [threeRoundsConfig, facts['three-round inductive invariant states']!],
    ] as const) {
      const conjuncts = inductiveInvariant(c);
      const key = exactKey(c);
      const seen = new Set<string>();
      let classes = 0;
      for (const s of universe(c, { commanded: true, symmetric: true }).enumerate())
        if (conjuncts.every((i) => i.holds(s))) {
          classes++;
          for (const t of renamings(c, s)) seen.add(key(t));
        }
      expect(seen.size).toBe(whole);
      if (c === threeRoundsConfig) expect(classes).toBe(r.hypothesisStates);
    }
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

  it('catches a leader that takes the earliest value: Invariant 4 fails sooner than Invariant 2', async () => {
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
    expect(r.counterexample!.trace.steps).toHaveLength(facts['earliest value, steps']!);
    expect(facts['earliest value, steps']!).toBeLessThan(
      chapter06.facts!['earliest value, steps']!,
    );
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
