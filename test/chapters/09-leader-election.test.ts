import { describe, expect, it } from 'vitest';
import { idleLeader } from '../../src/chapters/08-paxos-messages/processes';
import { chapter } from '../../src/chapters/09-leader-election';
import type { RunsResult } from '../../src/chapters/09-leader-election/checks';
import { checkTimely, checkTimelyRuns } from '../../src/chapters/09-leader-election/checks';
import {
  config,
  duelConfig,
  measuredConfig,
  slowConfig,
  untimelyConfig,
  validTimedConfig,
} from '../../src/chapters/09-leader-election/config';
import { slowRun } from '../../src/chapters/09-leader-election/demo';
import { electionDiagram } from '../../src/chapters/09-leader-election/diagram';
import { drive, namesLost, uniformDelays } from '../../src/chapters/09-leader-election/driver';
import { checkDuel, duel, roundsOf } from '../../src/chapters/09-leader-election/duel';
import type { PotentialLeader } from '../../src/chapters/09-leader-election/election';
import { election, follower, hearName } from '../../src/chapters/09-leader-election/election';
import { measure } from '../../src/chapters/09-leader-election/measure';
import {
  earliestValueElected,
  impatient,
  noStepDown,
  ownValueElected,
  sharedNames,
} from '../../src/chapters/09-leader-election/mutants';
import {
  choseAfterTwoValues,
  decisionBound,
  leaderBound,
} from '../../src/chapters/09-leader-election/properties';
import { paxosWithElection } from '../../src/chapters/09-leader-election/system';
import { explore, replay, tracePath } from '../../src/index';
import { describeChapter, testContext } from '../contract';

const { result, mutantResult } = describeChapter(chapter);
const times = { delta: 1, timeout: 2 };
const fact = (name: string) => chapter.facts![name]!;

describe('09 Termination: choosing a leader: the model', () => {
  it('rejects a bad configuration with a one-line explanation', () => {
    expect(() => validTimedConfig({ ...config, delta: 0 })).toThrow(
      'timed Paxos config: delta must be a whole number from 1 to 1000000, got 0',
    );
    expect(() => validTimedConfig({ ...config, allowed: [[7]] })).toThrow(
      /allowed must give each of the 2 leaders at least one value/,
    );
    expect(() => validTimedConfig({ ...config, skew: [0] })).toThrow(
      /skew must be 2 whole numbers/,
    );
  });

  it('starts from every pair of first timers in 0 .. T, with nothing in flight', () => {
    const inits = [...paxosWithElection(config).init()];
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
    expect(leaderBound(times)).toBe(times.timeout + 2 * times.delta);
    expect(decisionBound(times)).toBe(times.timeout + 7 * times.delta);
  });

  it('the slowest timely run meets both bounds exactly', () => {
    const d = slowRun();
    expect(d.failure).toBeUndefined();
    expect([d.leaderAt, d.decidedAt]).toEqual([leaderBound(slowConfig), decisionBound(slowConfig)]);
  });

  it('a driven run is a run of the machine: it replays step by step', () => {
    for (const [c, t] of [
      [duelConfig, duel().trace!],
      [config, slowRun().trace!],
    ] as const) {
      const m = paxosWithElection({
        ...c,
        firstTimers: [t.init.leaders.map((p) => p.timer as number)],
      });
      expect(tracePath(replay(m, tracePath(t)))).toEqual(tracePath(t));
    }
  });

  it('a policy that loses names takes Lose steps, and only on a lossy network', () => {
    const c = { ...measuredConfig, loss: true };
    const d = drive({ config: c, seed: 3, delay: namesLost(uniformDelays), trace: true });
    const m = paxosWithElection({ ...c, firstTimers: [d.firstTimers] });
    const lost = d.trace!.steps.filter((st) => m.Lose.is(st.label));
    expect(lost.length).toBe(d.lost);
    expect(lost.every((st) => m.Lose.is(st.label) && st.label.param.msg.k === 'name')).toBe(true);
    expect(d.lost).toBeGreaterThan(0);
    expect(tracePath(replay(m, tracePath(d.trace!)))).toEqual(tracePath(d.trace!));
    expect(() =>
      drive({ config: measuredConfig, seed: 3, delay: namesLost(uniformDelays) }),
    ).toThrow('drive: the delay policy lost a copy, but this network does not lose messages');
  });

  it('drives deterministically from a seed', () => {
    const a = drive({ config: measuredConfig, seed: 7 });
    const b = drive({ config: measuredConfig, seed: 7 });
    expect([a.decidedAt, a.steps, a.firstTimers]).toEqual([b.decidedAt, b.steps, b.firstTimers]);
    expect(measure(measuredConfig, 100, 20, 1)).toEqual(measure(measuredConfig, 100, 20, 1));
  });
});

describe('09 Termination: choosing a leader: the checks', () => {
  it('the timely check is complete and meets every goal, both bounds exactly', async () => {
    const r = await result('timely: one leader, decided by T + 7δ');
    expect(r.complete).toBe(true);
    expect(r.unreached).toEqual([]);
  });

  it('timely runs: every run decides within the bound, with one leader and one round', async () => {
    const r = (await result('timely runs meet the bound')) as RunsResult;
    expect(r.drives.every((d) => d.decidedAt! <= decisionBound(measuredConfig))).toBe(true);
    expect(Math.max(...r.drives.map((d) => d.decidedAt!))).toBe(fact('timely runs: slowest'));
    expect(r.drives.every((d) => d.mostLeaders === 1 && d.rounds === 1)).toBe(true);
  });

  it('leaders cut off: some runs choose after two earlier rounds with different values', async () => {
    const r = (await result('leaders cut off, messages late: safe')) as RunsResult;
    expect(r.unreached).toEqual([]);
    const two = r.drives.filter((d) => d.reached.includes(choseAfterTwoValues.name));
    expect(two.length).toBe(fact('late runs: two earlier values'));
    // Such a run has started at least three rounds.
    expect(two.every((d) => d.rounds >= 3)).toBe(true);
  });

  it('no run of the exhaustive checks’ small systems gets there', () => {
    for (const c of [config, untimelyConfig]) {
      const r = explore(paxosWithElection(c), { reachable: [choseAfterTwoValues] });
      expect(r.complete).toBe(true);
      expect(r.unreached).toEqual([choseAfterTwoValues.name]);
    }
  });

  it('the duel: every round killed by the next query, no decision, safety on every step', () => {
    const d = duel();
    expect(d.failure).toBeUndefined();
    expect(d.decidedAt).toBeUndefined();
    expect(d.mostLeaders).toBe(2);
    expect(roundsOf(paxosWithElection(duelConfig), d)).toEqual([
      { round: '(1,l1)', started: 2, command: '7', fate: 'dead' },
      { round: '(1,l2)', started: 4, command: '8', fate: 'dead' },
      { round: '(2,l1)', started: 6, command: '7', fate: 'dead' },
      { round: '(2,l2)', started: 8, command: '8', fate: 'dead' },
      { round: '(3,l1)', started: 10, command: '7', fate: 'dead' },
      { round: '(3,l2)', started: 12, command: '-', fate: 'open' },
    ]);
    expect(checkDuel().holds).toBe(true);
    // The names never arrive: they are still in flight at the end.
    expect(d.end.net.filter((e) => e.msg.k === 'name').length).toBe(2);
  });

  it('the duel’s diagram has a lane per process and names that never arrive', () => {
    const d = electionDiagram(paxosWithElection(duelConfig))(duel().trace!);
    expect(d.lanes).toEqual(['a', 'b', 'c', 'l1', 'l2']);
    const sent = d.events.filter((e) => e.kind === 'send' && e.message?.startsWith('name'));
    const received = d.events.filter((e) => e.kind === 'receive' && e.message?.startsWith('name'));
    expect([sent.length, received.length]).toEqual([2, 0]);
  });

  it.each(chapter.runs.map((r) => [r.name, r] as const))(
    'named run %s has a diagram',
    (_name, run) => {
      const { trace } = run.run(testContext);
      expect(run.diagram!(trace).events.length).toBeGreaterThan(0);
    },
  );
});

describe('09 Termination: choosing a leader: the mutants', () => {
  const caught = async (name: string) => {
    const r = await mutantResult(name);
    expect(r.holds).toBe(false);
    return r.counterexample!;
  };

  it('leads at once: two leaders at time 0', async () => {
    const x = await caught('leads at once');
    expect(x.property).toBe('at most one leader at a time');
    expect(tracePath(x.trace)).toEqual(['Broadcast(l1)', 'Broadcast(l2)', 'Lead(l1)', 'Lead(l2)']);
    expect(x.trace.steps).toHaveLength(fact('leads at once steps'));
  });

  it('one-way wait: l1 leads before l2’s answer can come back', async () => {
    const x = await caught('one-way wait');
    expect(x.message).toBe('l1 and l2 both lead at time 2');
    expect(x.trace.steps).toHaveLength(fact('one-way wait steps'));
  });

  it('no answer: a follower polls the leader, hears nothing, and leads too', async () => {
    const x = await caught('no answer');
    expect(x.message).toBe('l1 and l2 both lead at time 5');
    expect(x.trace.steps).toHaveLength(fact('no answer steps'));
    expect(tracePath(x.trace).at(-1)).toBe('Lead(l1)');
  });

  it('no stepping down and shared names: both candidates lead at time 2', async () => {
    const x = await caught('no stepping down');
    expect(x.message).toBe('l1 and l2 both lead at time 2');
    expect(x.trace.steps).toHaveLength(fact('no stepping down steps'));
    const y = checkTimely(config, sharedNames, testContext);
    expect(y.counterexample!.message).toBe('l1 and l2 both lead at time 2');
    expect(y.counterexample!.trace.steps).toHaveLength(x.trace.steps.length);
    expect(checkTimely(config, noStepDown, testContext).holds).toBe(false);
    expect((await caught('shared names')).property).toBe('at most one leader at a time');
  });

  it('impatient leader: it restarts its own round and misses T + 7δ; the seeded runs miss it', async () => {
    const x = await caught('impatient leader');
    expect(x.property).toBe('every agent knows the outcome after T + 7δ = 9');
    expect(x.trace.steps).toHaveLength(fact('impatient leader steps'));
    expect(tracePath(x.trace)).toContain('NewRound(l2)');
    // Random delays rarely make a round take the full 4δ: the seeded runs miss it.
    expect(checkTimelyRuns(impatient, testContext).holds).toBe(true);
  });

  it('own value: the election does not keep Paxos safe, the rule does', async () => {
    // With one leader the wrong rule does no harm...
    expect(checkTimely(config, ownValueElected, testContext).holds).toBe(true);
    // ...but two leaders in a late network make two successful rounds disagree.
    expect((await caught('own value (chapter 08)')).property).toMatch(/^Invariant 2/);
  });

  it('earliest value: caught in a late run, which names its seed and replays', async () => {
    // With one leader at a time no two earlier rounds disagree, and the wrong rule does no harm...
    expect(checkTimely(config, earliestValueElected, testContext).holds).toBe(true);
    // ...but leaders cut off from one another make a later round take a dead round's value.
    const x = await caught('earliest value (chapter 08)');
    expect(x.property).toMatch(/^Invariant 2/);
    expect(x.message).toContain(`(run with seed ${fact('earliest value seed')}, first timers `);
    expect(x.trace.steps).toHaveLength(fact('earliest value steps'));
    const run = chapter.runs.find((r) => r.name === 'earliest-value')!.run(testContext);
    expect(tracePath(replay(run.machine, tracePath(run.trace)))).toEqual(tracePath(x.trace));
    // Own value fails in the same run: there the earliest value is the third leader's own.
    expect(tracePath((await caught('own value (chapter 08)')).trace)).toEqual(tracePath(x.trace));
  });
});
