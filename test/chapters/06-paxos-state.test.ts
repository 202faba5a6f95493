import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/06-paxos-state';
import { paxosToD } from '../../src/chapters/06-paxos-state/abstraction';
import { checkInvariants } from '../../src/chapters/06-paxos-state/checks';
import { config, deepConfig } from '../../src/chapters/06-paxos-state/config';
import { demoPath, demoRun } from '../../src/chapters/06-paxos-state/demo';
import { earliestValue } from '../../src/chapters/06-paxos-state/mutants';
import { paxos, pickLatest, rules } from '../../src/chapters/06-paxos-state/paxos';
import {
  anchored,
  dead,
  outcome,
  successful,
  v_n,
} from '../../src/chapters/06-paxos-state/predicates';
import type { PaxosState } from '../../src/chapters/06-paxos-state/state';
import {
  initialState,
  majorities,
  roundName,
  roundOf,
  validConfig,
} from '../../src/chapters/06-paxos-state/state';
import type { ExploreResult, RefinesResult } from '../../src/index';
import { lastState, replay, tracePath } from '../../src/index';
import { testContext as ctx, DEEP, describeChapter } from '../contract';

// The three-round checks explore what the two-round ones do, with a round
// more: the deep tier's. Their mutant (earliest value) runs by default.
const { result, mutantResult } = describeChapter(chapter, {
  deep: ['Invariants 1 and 2, three rounds', 'Paxos implements D, three rounds'],
});
const facts = chapter.facts!;

/** The state of the paper's right-hand run just before round (2,l2) chooses. */
function rightRun(): PaxosState {
  const { trace } = demoRun();
  return trace.steps[18]!.from;
}

describe('06 Paxos: rounds, state and abstraction function', () => {
  it('numbers rounds (j, l) lexicographically, one leader per round', () => {
    const c = deepConfig;
    const order = [roundOf(c, 1, 0), roundOf(c, 1, 1), roundOf(c, 2, 0), roundOf(c, 2, 1)];
    expect(order).toEqual([0, 1, 2, 3]);
    expect(order.map((n) => roundName(c, n))).toEqual(['(1,l1)', '(1,l2)', '(2,l1)', '(2,l2)']);
    expect(majorities(3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
      [0, 1, 2],
    ]);
  });

  it('rejects a bad configuration with a one-line explanation', () => {
    expect(() => validConfig({ ...config, agents: 0 })).toThrow(
      'Paxos config: agents must be a whole number from 1 to 7, got 0',
    );
    expect(() => validConfig({ ...config, values: [7, 7] })).toThrow(/values must be distinct/);
  });

  it('computes v_n, dead, successful and anchored as the paper’s table has them', () => {
    const s = rightRun();
    expect([0, 1, 2, 3].map((n) => v_n(s, n))).toEqual([8, 9, 9, null]);
    expect([0, 1, 2, 3].map((n) => dead(s, n))).toEqual([true, false, true, false]);
    expect([0, 1, 2, 3].map((n) => successful(s, n))).toEqual([false, true, false, false]);
    expect([0, 1, 2].map((n) => anchored(s, n))).toEqual([true, true, true]);
    expect(outcome(s)).toBe(9);
  });

  it('the leader of (2,l2) must choose 9 whichever majority it hears (the right-hand run)', () => {
    const s = rightRun();
    for (const q of majorities(3)) expect(pickLatest(s, 3, q, [7, 8, 9])).toEqual([9]);
  });

  it('the demo’s only Agree is the accept that forms the first majority', () => {
    const { trace } = demoRun();
    expect(trace.steps).toHaveLength(facts['demo steps']!);
    expect(demoPath).toHaveLength(facts['demo steps']!);
    const agrees = trace.steps
      .map((st, k) => [k + 1, paxosToD(st.from).outcome, paxosToD(st.to).outcome] as const)
      .filter(([, a, b]) => a === null && b !== null);
    expect(agrees).toEqual([[facts['demo Agree at step'], null, 9]]);
    expect(paxosToD(lastState(trace))).toEqual({ outcome: 9, done: true, allowed: [8, 9] });
  });

  it('Outcome and Done return what D would', () => {
    const m = paxos(config);
    const t = replay(m, [
      'Outcome -> nil',
      'Allow(7, l1)',
      'NewRound(l1)',
      'Choose(l1, {a, b})',
      'Accept(a, (1,l1))',
      'Accept(b, (1,l1))',
      'Outcome -> 7',
      'Outcome -> nil',
      'Done -> false',
      'Publish(l1)',
      'Done -> true',
      'Outcome -> 7',
    ]);
    expect(() => replay(m, [...tracePath(t), 'Outcome -> nil'])).toThrow(/is not enabled/);
  });

  it('Invariants 1 and 2 hold in every reachable state, completely, and every goal is met', async () => {
    const r = (await result('Invariants 1 and 2')) as ExploreResult<PaxosState>;
    expect(r.complete).toBe(true);
    expect(r.witnesses.size).toBe(5);
    expect((await result('Paxos implements D')).complete).toBe(true);
  });

  it.skipIf(!DEEP)(
    'with three rounds one more goal is met: a round has a value after two rounds with different ones',
    async () => {
      const r = (await result('Invariants 1 and 2, three rounds')) as ExploreResult<PaxosState>;
      expect(r.complete).toBe(true);
      expect(r.witnesses.size).toBe(6);
      const s = lastState(
        r.witnesses.get('a round has a value after two earlier rounds with different values')!,
      );
      const values = [0, 1, 2].map((n) => v_n(s, n));
      expect(values[0]).not.toBe(values[1]);
      expect(values.includes(null)).toBe(false);
      expect((await result('Paxos implements D, three rounds')).complete).toBe(true);
    },
  );

  it('up to symmetry the default configuration has 7434 classes of states', () => {
    const r = checkInvariants({ ...config, symmetry: true }, rules, ctx);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(7434);
  });

  it('the symmetric key identifies states that differ by renaming agents or values', () => {
    const m = paxos({ ...config, symmetry: true });
    const s0 = initialState(config);
    const a: PaxosState = { ...s0, s: [['no', 7], s0.s[1]!, s0.s[2]!], command: [null, 7] };
    const b: PaxosState = { ...s0, s: [s0.s[0]!, s0.s[1]!, ['no', 8]], command: [null, 8] };
    expect(m.key(a)).toBe(m.key(b));
    expect(paxos(config).key(a)).not.toBe(paxos(config).key(b));
  });

  it('catches shared round numbers: two leaders command two values in (1,l1)', async () => {
    const r = await mutantResult('shared round numbers');
    expect(r.counterexample!.property).toBe('Invariant 1: a round has at most one value');
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(7, l1)',
      'Allow(8, l2)',
      'NewRound(l1)',
      'NewRound(l2)',
      'Choose(l1, {a, b})',
      'Accept(a, (1,l1))',
      'Choose(l2, {a, b})',
      'Accept(b, (1,l1))',
    ]);
  });

  it('catches a leader that ignores the reports: two successful rounds disagree', async () => {
    const r = await mutantResult('any allowed value');
    expect(r.counterexample!.property).toBe(
      'Invariant 2: any two successful rounds have the same value',
    );
    expect(r.counterexample!.message).toBe(
      'successful rounds with different values: (1,l1) has 7, (1,l2) has 8',
    );
    expect(r.counterexample!.trace.steps).toHaveLength(facts['any allowed value, steps']!);
  });

  it('catches a crash that forgets the clock: the restarted leader reuses (1,l1)', async () => {
    const r = await mutantResult('crash forgets the clock');
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(7, l1)',
      'NewRound(l1)',
      'Choose(l1, {a, b})',
      'Accept(a, (1,l1))',
      'Crash(l1)',
      'Allow(8, l1)',
      'NewRound(l1)',
      'Choose(l1, {a, b})',
      'Accept(b, (1,l1))',
    ]);
    expect(r.counterexample!.trace.steps).toHaveLength(facts['crash forgets the clock, steps']!);
  });

  it('catches a leader that takes the earliest value, with three rounds only', async () => {
    const r = await mutantResult('earliest value');
    expect(r.counterexample!.property).toBe(
      'Invariant 2: any two successful rounds have the same value',
    );
    expect(r.counterexample!.trace.steps).toHaveLength(facts['earliest value, steps']!);
    // Two rounds are not enough: the same rule is right when there is only one earlier round.
    expect(checkInvariants(config, earliestValue, ctx).holds).toBe(true);
  });

  it('catches the paper’s allowed = ∪ allowed_l at the crash that shrinks it', async () => {
    const r = (await mutantResult('the paper’s allowed')) as RefinesResult<PaxosState, unknown>;
    expect(r.failure!.obligation).toBe('step');
    expect(tracePath(r.counterexample!.trace)).toEqual(['Allow(7, l1)', 'Crash(l1)']);
    expect(r.failure!.fy).toEqual({ outcome: null, done: false, allowed: [7] });
    expect(r.failure!.fy2).toEqual({ outcome: null, done: false, allowed: [] });
  });
});
