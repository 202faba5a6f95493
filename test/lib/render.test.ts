import { describe, expect, it } from 'vitest';
import { changes, renderState, renderTrace, replay, summarize, textTable } from '../../src/index';
import { echo, jugs } from './toys';

describe('text renderings', () => {
  it('lays out a table with a rule under the header, columns as wide as their widest cell', () => {
    const t = textTable(
      ['a', 'long header'],
      [
        ['x', 'y'],
        ['longer cell', 'two\nlines'],
      ],
    );
    expect(t).toBe(
      [
        'a            long header',
        '-----------  -----------',
        'x            y',
        'longer cell  two',
        '             lines',
      ].join('\n'),
    );
    expect(t.split('\n').every((l) => l === l.trimEnd())).toBe(true);
  });

  it('renders a state as its variables, and a run as the cells that changed at each step', () => {
    const t = replay(jugs, ['FillBig', 'BigToSmall', 'EmptySmall']);
    expect(renderState(jugs, t.steps[1]!.to)).toBe(
      ['variable  value', '--------  -----', 'small     3', 'big       2'].join('\n'),
    );
    expect(changes(jugs, t.steps[1]!.from, t.steps[1]!.to)).toEqual(['small := 3', 'big := 2']);
    expect(changes(jugs, t.init, t.init)).toEqual([]);
    expect(renderTrace(jugs, t)).toBe(
      [
        '#  action        changes',
        '-  ------------  --------------------',
        '0  (initial)     small = 0, big = 0',
        '1  * FillBig     big := 5',
        '2  * BigToSmall  small := 3; big := 2',
        '3  * EmptySmall  small := 0',
      ].join('\n'),
    );
    // The same run renders the same text every time.
    expect(renderTrace(jugs, replay(jugs, ['FillBig', 'BigToSmall', 'EmptySmall']))).toBe(
      renderTrace(jugs, t),
    );
  });

  it('marks faults and external steps, and shows a down process and the network', () => {
    const e = echo(1, 'multiset', { lose: 1, crash: { server: 1 } });
    const t = replay(e, [
      'Ping',
      'Crash(s)',
      'Recover(s)',
      'Deliver(ping(c1) → s)',
      'Lose(pong → c1)',
    ]);
    expect(renderTrace(e, t)).toBe(
      [
        '#  action                   changes',
        '-  -----------------------  --------------------------------------------------------',
        '0  (initial)                s = {served: 0}, c1 = {sent: false, got: false}, net = -',
        '1  * Ping                   c1 := {sent: true, got: false}; net := ping(c1) → s',
        '2  ! Crash(s)               s := down: {served: 0}',
        '3    Recover(s)             s := {served: 0}',
        '4    Deliver(ping(c1) → s)  s := {served: 1}; net := pong → c1',
        '5  ! Lose(pong → c1)        net := -',
      ].join('\n'),
    );
  });

  it('summarizes a result in one line', () => {
    const r = {
      check: 'explore' as const,
      subject: 'x',
      holds: true,
      complete: false,
      stats: { states: 3, transitions: 4, depth: 2, ms: 1 },
      unreached: [],
    };
    expect(summarize(r)).toBe('holds: 3 states, 4 transitions, depth 2 (bounded)');
    expect(summarize({ ...r, holds: false, unreached: ['goal'] })).toBe(
      'fails: never reached goal (3 states, 4 transitions, depth 2)',
    );
    expect(summarize({ ...r, complete: true, stats: { ...r.stats, runs: 9 } })).toBe(
      'holds: 9 runs, 3 states, 4 transitions, depth 2',
    );
  });
});
