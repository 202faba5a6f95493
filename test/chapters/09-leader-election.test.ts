import { describe, expect, it } from 'vitest';
import { idleLeader } from '../../src/chapters/08-paxos-messages/processes';
import { chapter } from '../../src/chapters/09-leader-election';
import {
  checkLateRuns,
  checkTimely,
  checkTimelyRuns,
  timelyDeep,
} from '../../src/chapters/09-leader-election/checks';
import { timely, untimely, validTimedConfig } from '../../src/chapters/09-leader-election/config';
import { slowRun } from '../../src/chapters/09-leader-election/demo';
import { electionDiagram } from '../../src/chapters/09-leader-election/diagram';
import { drive } from '../../src/chapters/09-leader-election/driver';
import { checkDuel, duel, duelConfig, roundsOf } from '../../src/chapters/09-leader-election/duel';
import {
  election,
  follower,
  hearName,
  type PotentialLeader,
} from '../../src/chapters/09-leader-election/election';
import { measure, measured } from '../../src/chapters/09-leader-election/measure';
import {
  impatient,
  leadsAtOnce,
  noAnswer,
  noStepDown,
  oneWayWait,
  ownValueElected,
  sharedNames,
} from '../../src/chapters/09-leader-election/mutants';
import {
  decisionBound,
  leaderBound,
  safety,
  untimelyGoals,
} from '../../src/chapters/09-leader-election/properties';
import {
  correct,
  initialStates,
  paxosWithElection,
} from '../../src/chapters/09-leader-election/system';
import { explore, replay, tracePath } from '../../src/index';

const ctx = { seed: 1 };
const times = { delta: 1, timeout: 2 };

describe('09 Termination: choosing a leader', () => {
  it('rejects a bad configuration with a one-line explanation', () => {
    expect(() => validTimedConfig({ ...timely, delta: 0 })).toThrow(
      'timed Paxos config: delta must be a whole number from 1 to 1000000, got 0',
    );
    expect(() => validTimedConfig({ ...timely, allowed: [[7]] })).toThrow(
      /allowed must give each of the 2 leaders at least one value/,
    );
    expect(() => validTimedConfig({ ...timely, skew: [0] })).toThrow(
      /skew must be 2 whole numbers/,
    );
  });

  it('starts from every pair of first timers in 0 .. T, with nothing in flight', () => {
    const inits = initialStates(timely);
    expect(inits.map((s) => s.leaders.map((p) => p.timer))).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 0],
      [2, 1],
      [2, 2],
    ]);
    expect(
      inits.every((s) => s.net.length === 0 && s.leaders.every((p) => p.role === 'follower')),
    ).toBe(true);
  });

  it('a bigger name makes a candidate a follower for T; a smaller one is answered', () => {
    const p: PotentialLeader = { ...follower(0, idleLeader(0)), role: 'candidate', timer: 2 };
    expect(hearName(election, times, p, 0, 1, 1)).toEqual({
      state: { ...p, role: 'follower', timer: 3 },
      answer: false,
    });
    expect(hearName(election, times, p, 1, 0, 1)).toEqual({ state: p, answer: true });
    expect(hearName(election, times, p, 1, 1, 1)).toEqual({ state: p, answer: false });
  });

  it('derives the bounds: the leader by T + 2δ, every agent told by T + 7δ', () => {
    expect(leaderBound(times)).toBe(4);
    expect(decisionBound(times)).toBe(9);
    expect(decisionBound(measured)).toBe(170);
  });

  it('the slowest timely run meets both bounds exactly', () => {
    const d = slowRun();
    expect(d.failure).toBeUndefined();
    expect([d.leaderAt, d.decidedAt]).toEqual([4, 9]);
    expect(d.trace!.steps.length).toBe(33);
  });

  it('timely: one leader, both bounds and safety in all 1597 states (pinned), every goal met', () => {
    const r = checkTimely(timely, correct, ctx);
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats.states).toBe(1597);
    expect(r.stats.transitions).toBe(2839);
    expect(r.witnesses.size).toBe(5);
  });

  it('with δ = 2, where a reply can race a timer, the same holds in 265371 states (pinned)', () => {
    const r = checkTimely(timelyDeep, correct, ctx);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(265371);
  });

  it('200 seeded timely runs of 5 agents and 3 leaders meet the bound on every step', () => {
    const r = checkTimelyRuns(correct, ctx);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(200);
    expect(r.stats.transitions).toBe(6577);
    expect(r.drives.every((d) => d.decidedAt! <= decisionBound(measured))).toBe(true);
    expect(Math.max(...r.drives.map((d) => d.decidedAt!))).toBe(156);
    expect(r.drives.every((d) => d.mostLeaders === 1 && d.rounds === 1)).toBe(true);
  });

  it('with 30% of messages late, safety holds while leaders duel', () => {
    const r = checkLateRuns(correct, ctx);
    expect(r.holds).toBe(true);
    expect(r.stats.transitions).toBe(16086);
    expect(r.drives.filter((d) => d.mostLeaders > 1).length).toBe(90);
  });

  it('the duel: six rounds, each killed by the next query, no decision, safety on every step', () => {
    const d = duel();
    expect(d.failure).toBeUndefined();
    expect(d.decidedAt).toBeUndefined();
    expect(d.mostLeaders).toBe(2);
    expect(roundsOf(duelConfig, d)).toEqual([
      { round: '(1,l1)', started: 2, command: '7', fate: 'dead' },
      { round: '(1,l2)', started: 4, command: '8', fate: 'dead' },
      { round: '(2,l1)', started: 6, command: '7', fate: 'dead' },
      { round: '(2,l2)', started: 8, command: '8', fate: 'dead' },
      { round: '(3,l1)', started: 10, command: '7', fate: 'dead' },
      { round: '(3,l2)', started: 12, command: '-', fate: 'open' },
    ]);
    expect(checkDuel().holds).toBe(true);
    // The names never arrive: they are still in flight at the end.
    expect(d.end.net.filter((k) => k.m.k === 'name').length).toBe(2);
  });

  it('a driven run is a run of the machine: it replays step by step', () => {
    for (const [c, t] of [
      [duelConfig, duel().trace!],
      [timely, slowRun().trace!],
    ] as const) {
      const m = paxosWithElection({
        ...c,
        firstTimers: [t.init.leaders.map((p) => p.timer as number)],
      });
      expect(tracePath(replay(m, tracePath(t)))).toEqual(tracePath(t));
    }
  });

  it('drives deterministically from a seed', () => {
    const a = drive({ config: measured, seed: 7 });
    const b = drive({ config: measured, seed: 7 });
    expect([a.decidedAt, a.steps, a.firstTimers]).toEqual([b.decidedAt, b.steps, b.firstTimers]);
    expect(measure(measured, 100, 20, 1)).toEqual(measure(measured, 100, 20, 1));
  });

  it('the duel’s diagram has a lane per process and names that never arrive', () => {
    const d = electionDiagram(duelConfig, duel().trace!);
    expect(d.lanes).toEqual(['l1', 'l2', 'a', 'b', 'c']);
    const sent = d.events.filter((e) => e.kind === 'send' && e.message?.startsWith('name'));
    const received = d.events.filter((e) => e.kind === 'receive' && e.message?.startsWith('name'));
    expect([sent.length, received.length]).toEqual([2, 0]);
  });

  describe('mutants', () => {
    const caught = (r: ReturnType<typeof checkTimely>) => {
      expect(r.holds).toBe(false);
      return r.counterexample!;
    };

    it('leads at once: two leaders at time 0, in 4 steps', () => {
      const x = caught(checkTimely(timely, leadsAtOnce, ctx));
      expect(x.property).toBe('at most one leader at a time');
      expect(tracePath(x.trace)).toEqual([
        'Broadcast(l1)',
        'Broadcast(l2)',
        'Lead(l1)',
        'Lead(l2)',
      ]);
    });

    it('one-way wait: l1 leads before l2’s answer can come back', () => {
      const x = caught(checkTimely(timely, oneWayWait, ctx));
      expect(x.message).toBe('l1 and l2 both lead at time 2');
      expect(tracePath(x.trace)).toEqual([
        'Broadcast(l1)',
        'Tick(1)',
        'Deliver(name(l1, j=0) → l2)',
        'Broadcast(l2)',
        'Lead(l1)',
        'Tick(2)',
        'Lead(l2)',
      ]);
    });

    it('no answer: a follower polls the leader, hears nothing, and leads too', () => {
      const x = caught(checkTimely(timely, noAnswer, ctx));
      expect(x.message).toBe('l1 and l2 both lead at time 5');
      expect(x.trace.steps.length).toBe(17);
      expect(tracePath(x.trace).slice(-3)).toEqual([
        'Deliver(report(c, [no]) → l2)',
        'Tick(5)',
        'Lead(l1)',
      ]);
    });

    it('no stepping down and shared names: both candidates lead at time 2', () => {
      for (const r of [noStepDown, sharedNames]) {
        const x = caught(checkTimely(timely, r, ctx));
        expect(x.message).toBe('l1 and l2 both lead at time 2');
        expect(x.trace.steps.length).toBe(8);
      }
      const runs = checkTimelyRuns(sharedNames, ctx);
      expect(runs.holds).toBe(false);
      expect(runs.counterexample!.property).toBe('at most one leader at a time');
    });

    it('impatient leader: it restarts its own round and misses T + 7δ', () => {
      const x = caught(checkTimely(timely, impatient, ctx));
      expect(x.property).toBe('every agent knows the outcome after T + 7δ = 9');
      expect(x.trace.steps.length).toBe(38);
      expect(tracePath(x.trace)).toContain('NewRound(l2)');
      // Random delays rarely make a round take the full 4δ: the seeded runs miss it.
      expect(checkTimelyRuns(impatient, ctx).holds).toBe(true);
    });

    it('own value: the election does not keep Paxos safe, the rule does', () => {
      // With one leader the wrong rule does no harm...
      expect(checkTimely(timely, ownValueElected, ctx).holds).toBe(true);
      // ...but two leaders in a late network make two successful rounds disagree.
      const r = checkLateRuns(ownValueElected, ctx);
      expect(r.holds).toBe(false);
      expect(r.counterexample!.property).toMatch(/^Invariant 2/);
    });
  });

  it('untimely and lossy, safety holds in every state up to time 3, with two leaders at once', () => {
    const c = untimely;
    const r = explore(paxosWithElection(c), {
      invariants: safety(c),
      reachable: untimelyGoals(c).filter((g) => g.name === 'two leaders at once'),
    });
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(50245);
    expect(r.witnesses.size).toBe(1);
  });

  it('registers its checks, mutants, runs and exercises', () => {
    expect(chapter.checks.map((c) => c.states)).toEqual([1597, 200, 200, 76]);
    expect(chapter.mutants.length).toBe(7);
    expect(chapter.runs.map((r) => r.name)).toEqual(['slowest', 'duel', 'no-answer', 'impatient']);
    for (const r of chapter.runs) {
      const { trace } = r.run(ctx);
      expect(r.diagram!(trace).events.length).toBeGreaterThan(0);
    }
  });
});
