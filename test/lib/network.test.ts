import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../src/index';
import {
  explore,
  invariant,
  labelText,
  network,
  reachable,
  reachableGraph,
  replay,
  stepsFrom,
  tracePath,
} from '../../src/index';
import { broadcast, sequence, voters } from './toys';

const none: readonly Envelope<string>[] = [];

describe('a set network', () => {
  const net = network<string>('set');

  it('keeps a broadcast as one message, which each receiver may receive, again and again', () => {
    const n1 = net.send(none, 0, [{ to: [2, 1], msg: 'm' }]);
    expect(n1).toEqual([{ from: 0, to: [1, 2], msg: 'm' }]);
    expect(net.deliveries(n1).map((d) => d.to)).toEqual([1, 2]);
    expect(net.afterDelivery(n1, net.deliveries(n1)[0]!)).toBe(n1);
    // Sending it again changes nothing: a set holds it once.
    expect(net.send(n1, 0, [{ to: [1, 2], msg: 'm' }])).toBe(n1);
    expect(net.send(n1, 0, [{ to: [1], msg: 'm' }])).toHaveLength(2); // another message: to 1 alone
  });

  it('loses a broadcast for all its receivers, and never duplicates', () => {
    const n1 = net.send(none, 0, [{ to: [1, 2], msg: 'm' }]);
    expect(net.lose(n1, n1[0]!)).toEqual([]);
    expect(net.duplicate(n1, n1[0]!)).toBe(n1);
    expect(net.inFlight(n1, 0, 'm')).toBe(true);
    expect(net.inFlight(n1, 1, 'm')).toBe(false);
    expect(net.inFlight(n1, 0, 'm', 2)).toBe(true);
    expect(net.inFlight(n1, 0, 'm', 3)).toBe(false);
  });

  it('lets a delivered vote arrive again in a system, and a loss take it for good', () => {
    const sys = voters({ n: 1, network: 'set', faults: { lose: 1 } });
    const t = replay(sys, ['Vote', 'Deliver(vote(v1) → t)']);
    const after = t.steps[1]!.to;
    expect(after.net).toHaveLength(1);
    expect(after.tally[0]!.heard).toEqual([1]);
    const again = stepsFrom(sys, after).filter((st) => sys.Deliver.is(st.label));
    expect(again).toHaveLength(1);
    expect(again[0]!.to).toBe(after); // the tally has heard it: nothing changes
    const lost = stepsFrom(sys, after).find((st) => sys.Lose.is(st.label))!.to;
    expect(lost.net).toEqual([]);
    expect(lost.faults.lost).toBe(1);
    expect(stepsFrom(sys, lost).filter((st) => sys.Lose.is(st.label))).toEqual([]); // budget spent
    expect(sys.actions.map((a) => a.name)).not.toContain('Duplicate');
  });
});

describe('a multiset network', () => {
  const net = network<string>('multiset');

  it('sends one copy to each receiver, and a delivery consumes its copy', () => {
    const n1 = net.send(none, 0, [{ to: [2, 1], msg: 'm' }]);
    expect(n1).toEqual([
      { from: 0, to: [1], msg: 'm' },
      { from: 0, to: [2], msg: 'm' },
    ]);
    const d = net.deliveries(n1);
    expect(d.map((x) => x.to)).toEqual([1, 2]);
    expect(net.afterDelivery(n1, d[0]!)).toEqual([{ from: 0, to: [2], msg: 'm' }]);
    expect(net.lose(n1, n1[1]!)).toEqual([{ from: 0, to: [1], msg: 'm' }]); // the other copy stays
  });

  it('counts copies: a second send and a duplicate each add one, delivered one at a time', () => {
    const n1 = net.send(none, 0, [{ to: 1, msg: 'm' }]);
    const n2 = net.send(n1, 0, [{ to: 1, msg: 'm' }]);
    expect(n2).toHaveLength(2);
    expect(net.deliveries(n2)).toHaveLength(1); // identical copies: one delivery
    expect(net.duplicate(n1, n1[0]!)).toEqual(n2);
    expect(net.distinct(n2)).toHaveLength(1);
    expect(net.afterDelivery(n2, net.deliveries(n2)[0]!)).toEqual(n1);
  });

  it('keeps equal networks equal lists, whatever the order of the sends', () => {
    const a = net.send(net.send(none, 0, [{ to: 1, msg: 'x' }]), 2, [{ to: 1, msg: 'y' }]);
    const b = net.send(net.send(none, 2, [{ to: 1, msg: 'y' }]), 0, [{ to: 1, msg: 'x' }]);
    expect(a.map(net.key)).toEqual(b.map(net.key));
  });

  it('delivers a duplicated vote twice in a system', () => {
    const sys = voters({ n: 1, network: 'multiset', faults: { duplicate: 1 }, countCopies: true });
    const t = replay(sys, [
      'Vote',
      'Duplicate(vote(v1) → t)',
      'Deliver(vote(v1) → t)',
      'Deliver(vote(v1) → t)',
    ]);
    expect(t.steps[1]!.to.net).toHaveLength(2);
    expect(t.steps[1]!.to.faults.duplicated).toBe(1);
    expect(stepsFrom(sys, t.steps[1]!.to).some((st) => sys.Duplicate.is(st.label))).toBe(false);
    expect(t.steps[3]!.to.tally[0]).toEqual({ heard: [1], copies: 2 });
    expect(t.steps[3]!.to.net).toEqual([]);
  });
});

describe('an ordered network', () => {
  const net = network<string>('ordered');

  it('delivers only the head of each (sender, receiver) channel', () => {
    let n = net.send(none, 0, [{ to: 1, msg: 'z' }]);
    n = net.send(n, 0, [{ to: 1, msg: 'a' }]);
    n = net.send(n, 2, [{ to: 1, msg: 'b' }]);
    n = net.send(n, 0, [{ to: 2, msg: 'c' }]);
    expect(net.deliveries(n).map((d) => `${d.env.from}>${d.to}:${d.env.msg}`)).toEqual([
      '0>1:z',
      '0>2:c',
      '2>1:b',
    ]);
    const n2 = net.afterDelivery(n, net.deliveries(n)[0]!);
    expect(net.deliveries(n2).map((d) => d.env.msg)).toEqual(['a', 'c', 'b']);
  });

  it('puts a duplicate right behind its original', () => {
    let n = net.send(none, 0, [{ to: 1, msg: 'x' }]);
    n = net.send(n, 0, [{ to: 1, msg: 'y' }]);
    expect(net.duplicate(n, n[0]!).map((e) => e.msg)).toEqual(['x', 'x', 'y']);
  });

  it('keeps FIFO order in every reachable state, where a multiset reorders', () => {
    const prefix = invariant('the log is a prefix of 0, 1, 2', (s: any) =>
      s.receiver[0].log.every((m: number, i: number) => m === i),
    );
    const ordered = explore(sequence(3, 'ordered'), { invariants: [prefix] });
    expect(ordered.holds).toBe(true);
    // (sent, delivered) with delivered <= sent <= 3.
    expect(ordered.stats.states).toBe(10);
    const bag = explore(sequence(3, 'multiset'), { invariants: [prefix] });
    expect(bag.holds).toBe(false);
    expect(tracePath(bag.counterexample!.trace)).toEqual(['Next', 'Next', 'Deliver(1 → rcv)']);
    // sent j, and the log any sequence of distinct messages below j: 1 + 2 + 5 + 16.
    expect(explore(sequence(3, 'multiset')).stats.states).toBe(24);
  });

  it('loses any message of a channel, and keeps the rest in order', () => {
    const sys = sequence(3, 'ordered', { lose: 1 });
    const g = reachableGraph(sys);
    for (const s of g.states) {
      const log = s.receiver[0]!.log;
      expect(log.every((m, i) => i === 0 || m > log[i - 1]!)).toBe(true);
    }
    const skipped = explore(sys, {
      reachable: [reachable('1 lost, 2 received', (s) => s.receiver[0]!.log.join() === '0,2')],
    });
    expect(skipped.holds).toBe(true);
  });

  it('delivers a duplicate right after its original in a system', () => {
    const sys = sequence(2, 'ordered', { duplicate: 1 });
    const logs = new Set(reachableGraph(sys).states.map((s) => s.receiver[0]!.log.join()));
    expect([...logs].sort()).toEqual(['', '0', '0,0', '0,0,1', '0,1', '0,1,1']);
  });
});

describe('network kinds', () => {
  it('refuses an unknown kind in one line', () => {
    expect(() => network('bag' as never)).toThrow(
      "network: unknown kind 'bag'; the kinds are set, multiset, ordered",
    );
  });
});

describe('a broadcast in a system', () => {
  it('is one message on a set network: both may receive it, and one loss loses it for both', () => {
    const sys = broadcast('set', { lose: 1 });
    const sent = replay(sys, ['Speak']).steps[0]!.to;
    expect(sent.net).toEqual([{ from: 0, to: [1, 2], msg: 'hi' }]);
    expect(stepsFrom(sys, sent).map((st) => labelText(st.label))).toEqual([
      'Deliver(hi → l1)',
      'Deliver(hi → l2)',
      'Lose(hi → l1 l2)',
    ]);
    const both = replay(sys, ['Speak', 'Deliver(hi → l1)', 'Deliver(hi → l2)']).steps[2]!.to;
    expect(both.listeners.map((l) => l.heard)).toEqual([true, true]);
    const lost = replay(sys, ['Speak', 'Lose(hi → l1 l2)']).steps[1]!.to;
    expect(lost.net).toEqual([]);
    // Spoken, then each listener heard or not, or the message lost: 1 + 4 + 4.
    expect(explore(sys).stats.states).toBe(9);
  });

  it('is one copy per listener on a multiset network: a loss loses one of them', () => {
    const sys = broadcast('multiset', { lose: 1 });
    const sent = replay(sys, ['Speak']).steps[0]!.to;
    expect(sent.net.map((e) => e.to)).toEqual([[1], [2]]);
    const lost = replay(sys, ['Speak', 'Lose(hi → l1)', 'Deliver(hi → l2)']).steps[2]!.to;
    expect(lost.listeners.map((l) => l.heard)).toEqual([false, true]);
    // Not spoken; or each copy in flight, delivered, or (one of them) lost: 1 + 9 - 1.
    expect(explore(sys).stats.states).toBe(1 + 3 * 3 - 1);
  });
});
