import { describe, expect, it } from 'vitest';
import { specD } from '../../src/chapters/03-consensus-specs/specs';
import { chapter } from '../../src/chapters/05-simple-implementations';
import {
  checkCoordinator,
  checkCoordinatorLive,
  checkMajority,
  checkMajorityLive,
  coordinatorStuck,
  majorityStuck,
  noMajority,
} from '../../src/chapters/05-simple-implementations/checks';
import {
  coordAF,
  coordConfig,
  coordinator,
} from '../../src/chapters/05-simple-implementations/coordinator';
import {
  majAF,
  majConfig,
  majority,
  majorityChoice,
} from '../../src/chapters/05-simple-implementations/majority';
import {
  adoptHeardChoice,
  answerBeforeChoosing,
  noRetransmission,
  twoOfFour,
} from '../../src/chapters/05-simple-implementations/mutants';
import { VALUES5 } from '../../src/chapters/05-simple-implementations/processes';
import { lastState, renderRefinementFailure, replay, tracePath } from '../../src/index';

const ctx = { seed: 1 };

describe('05 the simple implementations', () => {
  it('the coordinator refines D with loss and a crash (272 states, pinned)', () => {
    const r = checkCoordinator();
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats.states).toBe(272);
    expect(r.stats.transitions).toBe(1876);
    expect(r.unreached).toEqual([]);
  });

  it('the majority refines D with loss and a crash (27436 states, pinned)', () => {
    const r = checkMajority();
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats.states).toBe(27436);
    expect(r.stats.transitions).toBe(181944);
    expect(r.unreached).toEqual([]);
  });

  it('the abstraction functions are §5.2’s: outcome, and done = everyone has it', () => {
    const c = replay(coordinator(), coordinatorPathFor(2));
    expect(coordAF(lastState(c))).toEqual({ allowed: [1, 2], outcome: 2, done: true });
    const m = replay(majority(), [
      'Allow(p1, 1)',
      'Allow(p2, 1)',
      'Choose(p1, 1)',
      'Choose(p2, 1)',
    ]);
    expect(majAF(lastState(m))).toEqual({ allowed: [1], outcome: 1, done: false });
  });

  it('without crashes, loss never strands a process (68 and 6859 states)', () => {
    const c = checkCoordinatorLive();
    expect(c.holds).toBe(true);
    expect(c.stats.states).toBe(68);
    const m = checkMajorityLive();
    expect(m.holds).toBe(true);
    expect(m.stats.states).toBe(6859);
  });

  it('a crashed coordinator strands the outcome: decided, yet p2 never learns it', () => {
    const r = coordinatorStuck();
    expect(r.holds).toBe(true);
    expect(tracePath(r.stuck!)).toEqual([
      'Allow(1)',
      'Choose(1)',
      'Lose(outcome(1) -> p2)',
      'Crash(p1)',
    ]);
    const s = lastState(r.stuck!);
    expect(coordAF(s).outcome).toBe(1);
    expect(s.outcome[1]).toBe(null);
    expect(r.confirmation!.stats.states).toBe(2);
    expect(r.confirmation!.unreached).toEqual(['every live process knows the outcome']);
  });

  it('a crash in the majority strands the outcome, and can leave no majority at all', () => {
    const r = majorityStuck();
    expect(r.holds).toBe(true);
    expect(tracePath(r.stuck!)).toEqual([
      'Allow(p1, 1)',
      'Allow(p2, 1)',
      'Allow(p3, 2)',
      'Choose(p1, 1)',
      'Choose(p2, 1)',
      'Lose(choice(p1, 1))',
      'Crash(p1)',
    ]);
    expect(majorityChoice(lastState(r.stuck!), 2)).toBe(1);
    expect(r.confirmation!.stats.states).toBe(6);
    const n = noMajority();
    expect(n.holds).toBe(true);
    expect(tracePath(n.stuck!)).toEqual([
      'Allow(p1, 1)',
      'Allow(p2, 2)',
      'Choose(p1, 1)',
      'Choose(p2, 2)',
      'Crash(p3)',
    ]);
    expect(n.confirmation!.unreached).toEqual(['a majority chose a value']);
  });

  it('catches "majorities" of 2 of 4: two disjoint pairs choose 1 and 2, and f has no outcome', () => {
    const r = checkMajority(twoOfFour);
    expect(r.holds).toBe(false);
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(p1, 1)',
      'Allow(p2, 1)',
      'Allow(p3, 2)',
      'Allow(p4, 2)',
      'Choose(p1, 1)',
      'Choose(p2, 1)',
      'Choose(p3, 2)',
      'Choose(p4, 2)',
    ]);
    expect(String(r.failure?.fy2?.outcome)).toBe('undefined: 1 and 2 both have a majority');
  });

  it('catches a coordinator that answers before it has chosen', () => {
    const r = checkCoordinator(coordConfig, answerBeforeChoosing);
    expect(r.holds).toBe(false);
    expect(tracePath(r.counterexample!.trace)).toEqual(['Allow(1)', 'Outcome(p1) -> 1']);
    const text = renderRefinementFailure(
      coordinator(coordConfig, answerBeforeChoosing),
      specD(VALUES5),
      r,
    );
    expect(text).toContain('Obligation 2 fails at the external step Outcome(p1) -> 1');
  });

  it('catches a process that changes its choice: a majority for 1 dissolves', () => {
    const r = checkMajority(majConfig, adoptHeardChoice);
    expect(r.holds).toBe(false);
    expect(tracePath(r.counterexample!.trace).at(-1)).toBe('Receive(choice(p2, 2) -> p1)');
    expect(r.failure?.fy?.outcome).toBe(1);
    expect(r.failure?.fy2?.outcome).toBe(null);
  });

  it('catches a coordinator that never retransmits: one lost message strands p2', () => {
    const r = checkCoordinatorLive(noRetransmission);
    expect(r.holds).toBe(false);
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(1)',
      'Choose(1)',
      'Lose(outcome(1) -> p2)',
    ]);
  });

  it('every mutant is caught and every check holds with its pinned count', async () => {
    for (const m of chapter.mutants) expect((await m.run(ctx)).holds, m.name).toBe(false);
    for (const c of chapter.checks) {
      const r = await c.run(ctx);
      expect(r.holds, c.name).toBe(true);
      expect(r.stats.states, c.name).toBe(c.states);
    }
  });

  it('the demo runs both implementations beside D and shows the stuck runs', () => {
    const lines: string[] = [];
    chapter.demo((l) => lines.push(l), ctx);
    const text = lines.join('\n');
    expect(text).toContain('Choose(2)                  Agree(2)');
    expect(text).toContain('Terminate');
    expect(text).toContain('and in none of them:');
  });
});

function coordinatorPathFor(v: number): string[] {
  return [
    'Allow(1)',
    'Allow(2)',
    `Choose(${v})`,
    `Deliver(outcome(${v}) -> p2)`,
    `Deliver(outcome(${v}) -> p3)`,
  ];
}
