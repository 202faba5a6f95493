import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SequenceEvent, Step } from '../../src/index';
import { actorDiagram, isActorSystem, replay, stepsFrom } from '../../src/index';
import { broadcast, echo, jugs, keeper, resender, voters } from './toys';

/** The events as short texts: step, kind, lane, id and message. */
const brief = (events: readonly SequenceEvent[]) =>
  events.map(
    (e) =>
      `${e.step} ${e.kind} ${e.lane}${e.to ? `>${e.to.join(',')}` : ''}${e.id ? ` ${e.id}` : ''}${e.message ? ` ${e.message}` : ''}`,
  );

describe('actorDiagram', () => {
  it('draws a lane per process, named after it, and pairs each send with its receive by id', () => {
    const sys = echo(2, 'multiset');
    const d = actorDiagram(
      sys,
      replay(sys, ['Ping(c1)', 'Deliver(ping(c1) → s)', 'Deliver(pong → c1)']),
    );
    expect(d.title).toBe('echo(2, multiset)');
    expect(d.lanes).toEqual(['s', 'c1', 'c2']);
    expect(brief(d.events)).toEqual([
      '1 external c1 Ping',
      '1 send c1>s m1 ping(c1)',
      '2 receive s m1 ping(c1)',
      '2 send s>c1 m2 pong',
      '3 receive c1 m2 pong',
    ]);
    // The note says what the step changed in the process.
    expect(d.events.map((e) => e.note)).toEqual([
      'sent := true',
      undefined,
      'served := 1',
      undefined,
      'got := true',
    ]);
  });

  it('draws losses and duplicates of a multiset network as the copies they are', () => {
    const sys = echo(1, 'multiset', { lose: 1, duplicate: 1 });
    const t = replay(sys, [
      'Ping',
      'Duplicate(ping(c1) → s)',
      'Deliver(ping(c1) → s)',
      'Deliver(ping(c1) → s)',
      'Lose(pong → c1)',
      'Deliver(pong → c1)',
    ]);
    expect(brief(actorDiagram(sys, t).events)).toEqual([
      '1 external c1 Ping',
      '1 send c1>s m1 ping(c1)',
      '2 duplicate s>s m1 ping(c1)',
      '3 receive s m1 ping(c1)',
      '3 send s>c1 m2 pong',
      '4 receive s m1 ping(c1)',
      '4 send s>c1 m3 pong',
      '5 drop c1 m2 pong',
      '6 receive c1 m3 pong',
    ]);
  });

  it('draws a broadcast on a set network as one message, a second arrival as a duplicate', () => {
    const sys = broadcast('set', { lose: 1 });
    const t = replay(sys, ['Speak', 'Deliver(hi → l1)', 'Deliver(hi → l1)', 'Lose(hi → l1 l2)']);
    expect(brief(actorDiagram(sys, t).events)).toEqual([
      '1 send sp>l1,l2 m1 hi',
      '2 receive l1 m1 hi',
      '3 duplicate l1>l1 m1 hi',
      '3 receive l1 m1 hi',
      '4 drop l2 m1 hi', // lost for the listener it had not reached
    ]);
    const bag = broadcast('multiset', { lose: 1 });
    expect(brief(actorDiagram(bag, replay(bag, ['Speak', 'Lose(hi → l1)'])).events)).toEqual([
      '1 send sp>l1 m1 hi',
      '1 send sp>l2 m2 hi',
      '2 drop l1 m1 hi',
    ]);
  });

  it('draws crashes and recoveries, and a restart as back when the process next acts', () => {
    const sys = echo(1, 'multiset', { crash: { server: 1 } });
    const t = replay(sys, ['Ping', 'Crash(s)', 'Recover(s)', 'Deliver(ping(c1) → s)']);
    expect(brief(actorDiagram(sys, t).events)).toEqual([
      '1 external c1 Ping',
      '1 send c1>s m1 ping(c1)',
      '2 crash s',
      '3 recover s',
      '4 receive s m1 ping(c1)',
      '4 send s>c1 m2 pong',
    ]);
    const k = keeper('restart', 1);
    expect(brief(actorDiagram(k, replay(k, ['Bump', 'Crash(k)', 'Bump'])).events)).toEqual([
      '1 local k Bump',
      '2 crash k',
      '3 recover k',
      '3 local k Bump',
    ]);
  });

  it('draws timers, partitions, and a message lost when time passes its deadline', () => {
    const sys = resender({
      time: { maxDelay: 2, horizon: 6 },
      faults: { crash: { receiver: 1 } },
      crash: 'stop',
    });
    const t = replay(sys, ['Resend', 'Crash(rcv)', 'Tick(1)', 'Tick(2)', 'Tick(3)', 'Resend']);
    expect(brief(actorDiagram(sys, t).events)).toEqual([
      '1 send snd>rcv m1 data',
      '1 timer snd Resend',
      '2 crash rcv',
      '5 drop rcv m1 data',
      '6 send snd>rcv m2 data',
      '6 timer snd Resend',
    ]);
    const v = voters({ n: 2, network: 'multiset', faults: { partition: 1 } });
    const tv = replay(v, ['Vote(v1)', 'Partition(t | v1 v2)', 'Heal', 'Deliver(vote(v1) → t)']);
    expect(brief(actorDiagram(v, tv, { title: 'split', note: () => undefined }).events)).toEqual([
      '1 send v1>t m1 vote(v1)',
      '2 local t Partition(t | v1 v2)',
      '3 local t Heal',
      '4 receive t m1 vote(v1)',
    ]);
    expect(actorDiagram(v, tv, { title: 'split' }).title).toBe('split');
  });

  it('pairs every receive with a send of the same message, on every random run', () => {
    const sys = echo(2, 'multiset', { lose: 1, duplicate: 1, crash: { server: 1 } });
    expect(isActorSystem(sys)).toBe(true);
    expect(isActorSystem(jugs)).toBe(false);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 14 }), (choices) => {
        let s = [...sys.init()][0]!;
        const steps: Step<typeof s>[] = [];
        for (const c of choices) {
          const out = stepsFrom(sys, s);
          if (!out.length) break;
          steps.push(out[c % out.length]!);
          s = out[c % out.length]!.to;
        }
        const d = actorDiagram(sys, { init: [...sys.init()][0]!, steps });
        const sent = new Map(d.events.filter((e) => e.kind === 'send').map((e) => [e.id, e]));
        for (const e of d.events) {
          expect(d.lanes).toContain(e.lane);
          if (e.kind !== 'receive' && e.kind !== 'drop' && e.kind !== 'duplicate') continue;
          const from = sent.get(e.id!);
          expect(from?.message).toBe(e.message);
          expect(from!.to).toContain(e.lane);
          expect(from!.step).toBeLessThanOrEqual(e.step);
        }
        // Each copy arrives or is lost at most once (a multiset network consumes it).
        const ends = d.events
          .filter((e) => e.kind === 'receive' || e.kind === 'drop')
          .map((e) => e.id);
        const copies = d.events
          .filter((e) => e.kind === 'send' || e.kind === 'duplicate')
          .map((e) => e.id);
        for (const id of new Set(ends))
          expect(ends.filter((x) => x === id).length).toBeLessThanOrEqual(
            copies.filter((x) => x === id).length,
          );
      }),
      { seed: 17, numRuns: 150 },
    );
  });
});
