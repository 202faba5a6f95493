import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/index';
import {
  explore,
  labelText,
  nil,
  reachable,
  reachableGraph,
  replay,
  stepsFrom,
  tracePath,
} from '../../src/index';
import type { Resender } from './toys';
import { anyOrder, PERIOD, Resend, resender, sequence } from './toys';

type S = ReturnType<typeof resender> extends { init: () => Iterable<infer X> } ? X : never;

const clock = (s: S, p: number) => s.now + s.clocks[p]!;
const due = (s: S) => Resend.due!(s.sender[0] as Resender);
const canArrive = (s: S, e: Envelope<unknown>) =>
  s.up[e.to[0]!]! &&
  (s.partition === nil || s.partition.includes(e.from) === s.partition.includes(e.to[0]!));

describe('timers without time', () => {
  it('may run out at any moment while they are set, and no clock runs', () => {
    const sys = resender();
    expect(sys.timed).toBe(false);
    expect(sys.actions.map((a) => a.name)).toEqual(['Resend', 'Deliver']);
    const g = reachableGraph(sys);
    for (const [i, s] of g.states.entries()) {
      expect(s.now).toBe(0);
      const fires = g.edges[i]!.some((e) => Resend.is(e.label));
      expect(fires).toBe(due(s) !== nil);
    }
    // The sender's own clock reads 0, so it sets its timer to PERIOD each time.
    expect(g.states.every((s) => s.sender[0]!.next === (s.sender[0]!.tries ? PERIOD : 0))).toBe(
      true,
    );
    expect(sys.isTimer(g.via[1]!)).toBe(true);
  });
});

describe('timed systems', () => {
  const maxDelay = 2;
  const horizon = 8;
  const sys = resender({ time: { maxDelay, horizon } });
  const g = reachableGraph(sys);

  it('let time pass only up to a due timer, a deadline that can be met, and the horizon', () => {
    let stopped = { timer: 0, deadline: 0 };
    g.states.forEach((s, i) => {
      const timerDue = s.up[0]! && due(s) !== nil && clock(s, 0) >= due(s)!;
      const deadline = s.net.some((e) => canArrive(s, e) && s.now >= e.sent! + maxDelay);
      const ticks = g.edges[i]!.filter((e) => sys.Tick.is(e.label));
      expect(ticks.length === 1).toBe(s.now < horizon && !timerDue && !deadline);
      for (const e of ticks) {
        expect(sys.Tick.is(e.label) && e.label.param).toBe(s.now + 1);
        expect(g.states[e.to]!.now).toBe(s.now + 1);
      }
      if (timerDue) stopped = { ...stopped, timer: stopped.timer + 1 };
      if (deadline && !timerDue) stopped = { ...stopped, deadline: stopped.deadline + 1 };
      expect(s.now).toBeLessThanOrEqual(horizon);
    });
    expect(stopped.timer).toBeGreaterThan(0);
    expect(stopped.deadline).toBeGreaterThan(0);
  });

  it('delivers a message only after the time it was sent, and by its deadline', () => {
    let deliveries = 0;
    g.states.forEach((s, i) => {
      for (const e of g.edges[i]!)
        if (sys.Deliver.is(e.label)) {
          deliveries++;
          expect(s.now).toBeGreaterThan(e.label.param.env.sent!);
        }
      for (const e of s.net) expect(s.now).toBeLessThanOrEqual(e.sent! + maxDelay);
    });
    expect(deliveries).toBeGreaterThan(0);
  });

  it('fires a due timer on its own clock, but not while a message to its process is overdue', () => {
    let held = 0;
    g.states.forEach((s, i) => {
      const overdue = s.net.some((e) => e.to[0] === 0 && s.now >= e.sent! + maxDelay);
      const isDue = due(s) !== nil && clock(s, 0) >= due(s)!;
      const fires = g.edges[i]!.some((e) => Resend.is(e.label));
      expect(fires).toBe(isDue && !overdue);
      if (isDue && overdue) held++;
    });
    expect(held).toBeGreaterThan(0); // the ack overdue when the timer runs out: it arrives first
    const t = replay(sys, ['Resend', 'Tick(1)', 'Deliver(data → rcv)', 'Tick(2)', 'Tick(3)']);
    expect(stepsFrom(sys, t.steps.at(-1)!.to).map((st) => labelText(st.label))).toEqual([
      'Deliver(ack → snd)',
    ]);
  });

  it('reads each process’s clock with its skew, and drifts clocks within their bound', () => {
    const skewed = resender({ time: { maxDelay, horizon: 3, skew: (p) => (p === 0 ? 2 : 0) } });
    const init = [...skewed.init()][0]!;
    expect(init.clocks).toEqual([2, 0]);
    expect(replay(skewed, ['Resend']).steps[0]!.to.sender[0]!.next).toBe(2 + PERIOD);
    const drifting = resender({ time: { maxDelay, horizon: 3, drift: { bound: 1, budget: 2 } } });
    const dg = reachableGraph(drifting);
    for (const s of dg.states) {
      expect(s.clocks.every((c) => Math.abs(c) <= 1)).toBe(true);
      expect(s.faults.drifts).toBeLessThanOrEqual(2);
    }
    const offsets = new Set(dg.states.map((s) => s.clocks.join()));
    expect([...offsets].sort()).toEqual([
      '-1,-1',
      '-1,0',
      '-1,1',
      '0,-1',
      '0,0',
      '0,1',
      '1,-1',
      '1,0',
      '1,1',
    ]);
    const t = replay(drifting, ['Drift(snd, +1)']);
    expect(t.steps[0]!.label.fault).toBe(true);
    expect(() => replay(drifting, ['Drift(snd, +1)', 'Drift(snd, +1)'])).toThrow(/not enabled/);
  });

  it('has the states a hand count gives for one message, a delay of 1 and a horizon of 2', () => {
    // now 0: nothing sent, or 0 sent; now 1: nothing, 0 sent at 0 or at 1, or received;
    // now 2: nothing, 0 sent at 1 or at 2, or received.
    const r = explore(sequence(1, 'multiset', undefined, { maxDelay: 1, horizon: 2 }));
    expect([r.stats.states, r.stats.transitions]).toEqual([10, 10]);
  });

  it('does not stop time for a message to a process that is down: it is lost at its deadline', () => {
    const stopped = resender({
      time: { maxDelay, horizon: 6 },
      faults: { crash: { receiver: 1 } },
      crash: 'stop',
    });
    const goal = reachable(
      'time passes with the receiver down, the data never received',
      (s: S) => s.now === 6 && !s.up[1] && !s.receiver[0]!.got,
    );
    const r = explore(stopped, { reachable: [goal] });
    expect(r.holds).toBe(true);
    // Sent at 0 and at 3, each lost at its deadline: six ticks, two sends and the crash.
    const w = tracePath(r.witnesses.get(goal.name)!);
    expect(w).toHaveLength(9);
    expect(w.filter((x) => x === 'Resend')).toHaveLength(2);
    const t = replay(stopped, ['Resend', 'Crash(rcv)', 'Tick(1)', 'Tick(2)', 'Tick(3)']);
    expect(t.steps[3]!.to.net).toHaveLength(1); // at its deadline it is still there
    expect(t.steps[4]!.to.net).toEqual([]); // past it, gone
    expect(t.steps[4]!.to.faults.lost).toBe(0); // not a fault of the network's
  });

  it('does not stop time for a message across a partition', () => {
    const split = resender({ time: { maxDelay, horizon: 6 }, faults: { partition: 1 } });
    const r = explore(split, {
      reachable: [
        reachable('partitioned at the horizon', (s: S) => s.now === 6 && s.partition !== nil),
      ],
    });
    expect(r.holds).toBe(true);
    const t = replay(split, ['Resend', 'Partition(snd | rcv)', 'Tick(1)', 'Tick(2)']);
    expect(stepsFrom(split, t.steps.at(-1)!.to).map((st) => labelText(st.label))).toEqual([
      'Tick(3)',
      'Heal',
    ]);
  });

  it('with unbounded delays, keys a message by whether it may arrive now, not by when it was sent', () => {
    const late = anyOrder(1, 'multiset', false, { maxDelay: Number.POSITIVE_INFINITY, horizon: 3 });
    const a = replay(late, ['SendAny(b)', 'Tick(1)', 'SendAny(a)', 'Tick(2)']).steps[3]!.to;
    const b = replay(late, ['SendAny(a)', 'Tick(1)', 'SendAny(b)', 'Tick(2)']).steps[3]!.to;
    const c = replay(late, ['Tick(1)', 'SendAny(a)', 'SendAny(b)', 'Tick(2)']).steps[3]!.to;
    expect(a.net.map((e) => `${e.msg}@${e.sent}`)).toEqual(['b@0', 'a@1']);
    expect(b.net.map((e) => `${e.msg}@${e.sent}`)).toEqual(['a@0', 'b@1']);
    expect(late.key(a)).toBe(late.key(b));
    expect(late.key(a)).toBe(late.key(c));
    const d = replay(late, ['Tick(1)', 'SendAny(a)', 'Tick(2)', 'SendAny(b)']).steps[3]!.to;
    expect(late.key(d)).not.toBe(late.key(a)); // b was sent now: it may not arrive yet
    expect(late.actions.map((x) => x.name)).toEqual(['SendAny', 'Deliver', 'Tick']);
  });
});
