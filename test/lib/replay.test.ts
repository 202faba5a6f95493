import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Machine, Step, Trace } from '../../src/index';
import { replay, stepsFrom, tracePath } from '../../src/index';
import { echo, jugs, retransmit, voters } from './toys';

/** A random run of m: at each step, the choice-th enabled step (modulo how many there are). */
function walk<S>(m: Machine<S>, choices: readonly number[]): Trace<S> {
  const init = [...m.init()][0]!;
  const steps: Step<S>[] = [];
  let s: S = init;
  for (const c of choices) {
    const out = stepsFrom(m, s);
    if (!out.length) break;
    const st = out[c % out.length]!;
    steps.push(st);
    s = st.to;
  }
  return { init, steps };
}

const machines: [string, Machine<any>][] = [
  ['Die Hard', jugs],
  ['echo over a multiset', echo(2, 'multiset', { lose: 1, duplicate: 1, crash: { server: 1 } })],
  ['retransmission over a set', retransmit('set', 1)],
  ['voters over an ordered network', voters({ n: 2, network: 'ordered', faults: { lose: 1 } })],
];

describe('replay', () => {
  it.each(machines)('replays a printed path of %s to the same run', (_name, m) => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (choices) => {
        const run = walk(m, choices);
        const again = replay(m, tracePath(run));
        expect(again.steps.map((st) => m.key(st.to))).toEqual(run.steps.map((st) => m.key(st.to)));
        expect(tracePath(again)).toEqual(tracePath(run));
      }),
      { seed: 5, numRuns: 60 },
    );
  });

  it('names an unknown step, and what is enabled, in one line', () => {
    const e = (() => {
      try {
        replay(jugs, ['FillBig', 'Pour']);
      } catch (err) {
        return (err as Error).message;
      }
      return '';
    })();
    expect(e).toBe(
      'replay: step 2 of DieHard, Pour, is not enabled; enabled are FillSmall, FillBig, EmptySmall, EmptyBig, SmallToBig, BigToSmall',
    );
    expect(() => replay(jugs, [], 1)).toThrow('replay: DieHard has no initial state #1');
    const done = retransmit('multiset', 0);
    expect(() =>
      replay(done, ['Send', 'Deliver(data → rcv)', 'Deliver(ack → snd)', 'Send']),
    ).toThrow(/^replay: step 4 of retransmit\(multiset\), Send, is not enabled; enabled are none$/);
  });
});
