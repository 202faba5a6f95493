import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/05-simple-implementations';
import { refinementToD } from '../../src/chapters/05-simple-implementations/checks';
import { coordinatorConfig } from '../../src/chapters/05-simple-implementations/config';
import type { CoordinatorState } from '../../src/chapters/05-simple-implementations/coordinator';
import {
  coordinator,
  coordinatorToD,
} from '../../src/chapters/05-simple-implementations/coordinator';
import {
  majority,
  majorityChoice,
  majorityToD,
} from '../../src/chapters/05-simple-implementations/majority';
import {
  answerBeforeChoosing,
  answersEarly,
  changesChoice,
  neverRetransmits,
  twoOfFour,
} from '../../src/chapters/05-simple-implementations/mutants';
import { observeAsD } from '../../src/chapters/05-simple-implementations/processes';
import type { RefinesResult, StuckResult } from '../../src/index';
import { lastState, renderRefinementFailure, replay, stepsFrom, tracePath } from '../../src/index';
import { describeChapter, testContext } from '../contract';

const { result, mutantResult } = describeChapter(chapter);

describe('05 the simple implementations', () => {
  it('the abstraction functions are §5.2’s: outcome, and done = everyone has it', () => {
    const c = replay(coordinator(), [
      'Allow(p1, 1)',
      'Allow(p1, 2)',
      'Choose(p1, 2)',
      'Deliver(outcome(2) → p2)',
      'Deliver(outcome(2) → p3)',
    ]);
    expect(coordinatorToD(lastState(c))).toEqual({ allowed: [1, 2], outcome: 2, done: true });
    const m = replay(majority(), [
      'Allow(p1, 1)',
      'Allow(p2, 1)',
      'Choose(p1, 1)',
      'Choose(p2, 1)',
    ]);
    expect(majorityToD(lastState(m))).toEqual({ allowed: [1], outcome: 1, done: false });
  });

  it('D sees Allow(p, v) as Allow(v) and Outcome(p) -> v as Outcome -> v', () => {
    const m = majority();
    const see = observeAsD(m);
    const t = replay(m, ['Allow(p2, 1)', 'Outcome(p2) -> nil']);
    expect(t.steps.map((s) => see(s.label))).toEqual([
      { action: 'Allow', param: 1, ret: undefined },
      { action: 'Outcome', param: undefined, ret: null },
    ]);
  });

  it('a choice is one message every other process reads, and reading it again changes nothing', () => {
    const m = majority();
    const t = replay(m, ['Allow(p1, 1)', 'Choose(p1, 1)', 'Deliver(choice(p1, 1) → p2)']);
    const s = lastState(t);
    expect(s.net).toHaveLength(1);
    const again = stepsFrom(m, s).filter((st) => m.Deliver.is(st.label) && st.label.param.to === 1);
    expect(again).toHaveLength(1);
    expect(m.key(again[0]!.to)).toBe(m.key(s));
  });

  it('a crashed coordinator strands the outcome: decided, yet p2 never learns it', async () => {
    const r = (await result(
      'a crashed coordinator strands the outcome',
    )) as StuckResult<CoordinatorState>;
    expect(tracePath(r.stuck!)).toEqual([
      'Allow(p1, 1)',
      'Choose(p1, 1)',
      'Lose(outcome(1) → p2)',
      'Crash(p1)',
    ]);
    const s = lastState(r.stuck!);
    expect(coordinatorToD(s).outcome).toBe(1);
    expect(s.processes[1]!.outcome).toBe(null);
    expect(r.confirmation!.stats.states).toBe(
      chapter.facts!['states after the coordinator is stuck'],
    );
    expect(r.confirmation!.unreached).toEqual(['every live process knows the outcome']);
  });

  it('a crash in the majority strands the outcome, and can leave no majority at all', async () => {
    const r = (await result('a crash in the majority strands the outcome')) as StuckResult<any>;
    expect(tracePath(r.stuck!)).toEqual([
      'Allow(p1, 1)',
      'Allow(p2, 1)',
      'Allow(p3, 2)',
      'Choose(p1, 1)',
      'Choose(p2, 1)',
      'Lose(choice(p1, 1) → p2 p3)',
      'Crash(p1)',
    ]);
    expect(majorityChoice(lastState(r.stuck!), 2)).toBe(1);
    const n = (await result('a crash can leave no majority')) as StuckResult<any>;
    expect(tracePath(n.stuck!)).toEqual([
      'Allow(p1, 1)',
      'Allow(p2, 2)',
      'Choose(p1, 1)',
      'Choose(p2, 2)',
      'Crash(p3)',
    ]);
    expect(n.confirmation!.unreached).toEqual(['a majority chose a value']);
  });

  it('catches "majorities" of 2 of 4: two disjoint pairs choose 1 and 2, and f has no outcome', async () => {
    const r = (await mutantResult(twoOfFour.name)) as RefinesResult<any, any>;
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

  it('catches a coordinator that answers before it has chosen', async () => {
    const r = (await mutantResult(answersEarly.name)) as RefinesResult<any, any>;
    expect(tracePath(r.counterexample!.trace)).toEqual(['Allow(p1, 1)', 'Outcome(p1) -> 1']);
    const m = coordinator(coordinatorConfig, answerBeforeChoosing);
    const text = renderRefinementFailure(
      m,
      refinementToD(m, coordinatorConfig.values, coordinatorToD).spec,
      r,
    );
    expect(text).toContain('Obligation 2 fails at the external step Outcome(p1) -> 1');
  });

  it('catches a process that changes its choice: a majority for 1 dissolves', async () => {
    const r = (await mutantResult(changesChoice.name)) as RefinesResult<any, any>;
    expect(tracePath(r.counterexample!.trace).at(-1)).toBe('Deliver(choice(p2, 2) → p1)');
    expect(r.failure?.fy?.outcome).toBe(1);
    expect(r.failure?.fy2?.outcome).toBe(null);
  });

  it('catches a coordinator that never retransmits: one lost message strands p2', async () => {
    const r = await mutantResult(neverRetransmits.name);
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(p1, 1)',
      'Choose(p1, 1)',
      'Lose(outcome(1) → p2)',
    ]);
  });

  it('draws a lost choice as lost for every process that had not read it', () => {
    const named = chapter.runs.find((r) => r.name === 'majority')!;
    const d = named.diagram!(named.run(testContext).trace);
    const lost = d.events.filter((e) => e.kind === 'drop').map((e) => e.lane);
    expect(lost).toEqual(['p1', 'p2']);
    expect(d.events.some((e) => e.note === 'heard p1: 1')).toBe(true);
  });

  it('the demo runs both implementations beside D and shows the stuck runs', () => {
    const lines: string[] = [];
    chapter.demo((l) => lines.push(l), testContext);
    const text = lines.join('\n');
    expect(text).toMatch(/Choose\(p1, 2\)\s+Agree\(2\)/);
    expect(text).toContain('Terminate');
    expect(text).toContain('and in none of them:');
  });
});
