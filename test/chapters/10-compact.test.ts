import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/chapters/06-paxos-state/state';
import { config } from '../../src/chapters/08-paxos-messages/config';
import type { Report } from '../../src/chapters/08-paxos-messages/rules';
import { pickLatest } from '../../src/chapters/08-paxos-messages/rules';
import { messagePaxos } from '../../src/chapters/08-paxos-messages/system';
import type { CompactAgent, CompactLeader } from '../../src/chapters/10-multi-paxos/compact';
import {
  compactAgentReceive,
  compactChoices,
  compactCountReports,
  compactMutants,
  compactNextOffByOne,
  compactPaxos,
  compactReport,
  compactRules,
  compactToNet,
  decodeCompact,
  forgotValue,
  freshCompactAgent,
  idleCompactLeader,
  latestValue,
  noteCompactReport,
  pickCompact,
} from '../../src/chapters/10-multi-paxos/compact';
import { runMutant } from '../../src/chapters/chapter';
import { lastState, replay } from '../../src/index';
import { testContext } from '../contract';

const agent = (v: number | null, last: number, next: number): CompactAgent => ({
  ...freshCompactAgent,
  v,
  last,
  next,
});

describe('10 compact agents: the encoding of §7', () => {
  it('decodeCompact: v at last, no at the other rounds below next, neutral from next', () => {
    expect(decodeCompact(freshCompactAgent, 3)).toEqual(['neutral', 'neutral', 'neutral']);
    expect(decodeCompact(agent(7, 0, 2), 3)).toEqual([7, 'no', 'neutral']);
    expect(decodeCompact(agent(null, -1, 2), 3)).toEqual(['no', 'no', 'neutral']);
    // Accepted in round 1 without a query: nothing below is kept, and the agent says no there.
    expect(decodeCompact(agent(8, 1, 1), 3)).toEqual(['no', 8, 'neutral']);
    expect(decodeCompact(agent(8, 1, 3), 4)).toEqual(['no', 8, 'no', 'neutral']);
  });

  it('latestValue keeps of a status array its most recent Value', () => {
    expect(latestValue(['no', 'no'])).toEqual({ v: null, last: -1 });
    expect(latestValue([7, 'no', 8, 'no'])).toEqual({ v: 8, last: 2 });
  });

  it('a query at or above next moves next and is answered with (v, last); one below is not answered', () => {
    const a = agent(7, 0, 1);
    const st = compactAgentReceive(compactRules, a, 2, { k: 'query', n: 2, key: 'q2' });
    expect(st.state.next).toBe(2);
    expect(st.send).toEqual([compactReport(2, 2, 7, 0)]);
    expect(compactAgentReceive(compactRules, st.state, 2, { k: 'query', n: 1, key: 'q1' })).toEqual(
      { state: st.state, send: [] },
    );
    // The mutant promises one round too few.
    expect(
      compactAgentReceive(compactNextOffByOne, a, 2, { k: 'query', n: 2, key: 'q2' }).state.next,
    ).toBe(1);
  });

  it('a command is accepted while decode says neutral, setting v, last and next; a refusal is not reported', () => {
    const cmd = (n: number, u: number) => ({ k: 'command' as const, n, u, key: `c${n}:${u}` });
    const st = compactAgentReceive(compactRules, freshCompactAgent, 0, cmd(1, 8));
    expect(st.state).toEqual({ v: 8, last: 1, next: 1, outcome: null });
    expect(st.send).toEqual([{ k: 'accepted', i: 0, n: 1, st: 8, key: 'a1:0:8' }]);
    // Again: the same report; below next: refused, silently.
    expect(compactAgentReceive(compactRules, st.state, 0, cmd(1, 8)).send).toEqual(st.send);
    expect(compactAgentReceive(compactRules, st.state, 0, cmd(0, 7))).toEqual({
      state: st.state,
      send: [],
    });
  });
});

describe('10 compact leaders: the choice from (best, heard) is chapter 08’s from the full reports', () => {
  const c = config.paxos;
  /** A leader of round n that has heard these full reports, each as its sender's compact report. */
  const hearing = (n: number, reports: readonly Report[], allowed: number[], r = compactRules) => {
    let ls: CompactLeader = { ...idleCompactLeader(1), n, allowed };
    for (const { i, s } of reports) {
      const { v, last } = latestValue(s);
      ls = noteCompactReport(r, ls, compactReport(i, n, v, last));
    }
    return ls;
  };
  const sets: { name: string; n: number; reports: Report[] }[] = [
    {
      name: 'no values',
      n: 2,
      reports: [
        { i: 0, s: ['no', 'no'] },
        { i: 2, s: ['no', 'no'] },
      ],
    },
    {
      name: 'one value',
      n: 2,
      reports: [
        { i: 0, s: [7, 'no'] },
        { i: 1, s: ['no', 'no'] },
      ],
    },
    {
      name: 'the latest of two',
      n: 3,
      reports: [
        { i: 2, s: [7, 'no', 'no'] },
        { i: 0, s: ['no', 8, 'no'] },
      ],
    },
    {
      name: 'an earlier value behind a later one at the same agent',
      n: 3,
      reports: [
        { i: 1, s: [7, 8, 'no'] },
        { i: 2, s: [7, 'no', 'no'] },
        { i: 0, s: ['no', 'no', 'no'] },
      ],
    },
    {
      name: 'a duplicate',
      n: 2,
      reports: [
        { i: 1, s: [7, 'no'] },
        { i: 1, s: [7, 'no'] },
        { i: 0, s: ['no', 'no'] },
      ],
    },
  ];
  it.each(sets)('$name', ({ n, reports }) => {
    const ls = hearing(n, reports, [8, 9]);
    const distinct = reports.filter((r, k) => reports.findIndex((x) => x.i === r.i) === k);
    expect(ls.heard).toEqual([...new Set(reports.map((r) => r.i))].sort());
    expect(pickCompact(ls.best, ls.allowed)).toEqual(pickLatest(distinct, n, [8, 9]));
    expect(compactChoices(c, compactRules, ls)).toEqual(pickLatest(distinct, n, [8, 9]));
  });

  it('counting reports, a duplicate makes one agent a majority', () => {
    const one: Report[] = [
      { i: 1, s: [7, 'no'] },
      { i: 1, s: [7, 'no'] },
    ];
    expect(compactChoices(c, compactRules, hearing(2, one, [8]))).toEqual([]);
    expect(
      compactChoices(c, compactCountReports, hearing(2, one, [8], compactCountReports)),
    ).toEqual([7]);
  });
});

describe('10 compact agents implement chapter 08’s (the check itself and its pins: 10-multi-paxos.test.ts)', () => {
  it('the next mutant is caught at the first query below which a round stays neutral', async () => {
    const r = await runMutant(compactMutants[0], testContext);
    expect(r.counterexample!.property).toBe('obligation 2: every step is simulated');
    expect(r.counterexample!.message).toContain('Deliver(query((1,l2)) → a)');
  });

  it('the counting mutant is caught once a duplicated report makes a "majority"', async () => {
    const r = await runMutant(compactMutants[1], testContext);
    expect(r.counterexample!.message).toContain('chapter 08’s leader {}');
  });

  it('beyond the bound: an agent that accepted in two rounds keeps only the later, and f takes the earlier from the history', () => {
    // l1 commands 7 with a and b; c accepts it without a query; then l2, with a and b
    // again, commands 8, and c accepts that too: its compact state forgets 7.
    const leg = (l: string, v: number, report: (i: string) => string, queryC: boolean) => [
      `Allow(${l}, ${v})`,
      `NewRound(${l})`,
      `Deliver(query((1,${l})) → a)`,
      `Deliver(query((1,${l})) → b)`,
      `Deliver(${report('a')} → ${l})`,
      `Deliver(${report('b')} → ${l})`,
      `Command(${l}, ${v})`,
      ...(queryC ? [`Deliver(query((1,${l})) → c)`] : []),
      `Deliver(command((1,${l}), ${v}) → c)`,
    ];
    const sys = compactPaxos(config);
    const compact = lastState(
      replay(sys, [
        ...leg('l1', 7, (i) => `report(${i}, none)`, false),
        ...leg('l2', 8, (i) => `report(${i}, none)`, false),
      ]),
    );
    expect(forgotValue.holds(compact)).toBe(true);
    expect(decodeCompact(compact.agents[2]!, 2)).toEqual(['no', 8]);
    const spec = messagePaxos(config);
    const fy = compactToNet(spec)(compact);
    expect(fy.agents[2]!.s).toEqual([7, 8] satisfies Status[]);
    // Chapter 08's agent gets there by answering each query first; the reports it sends
    // are the ones f adds, which the leaders, having chosen, never hear.
    const full = lastState(
      replay(spec, [
        ...leg('l1', 7, (i) => `report(${i}, [])`, true),
        ...leg('l2', 8, (i) => `report(${i}, [no])`, true),
      ]),
    );
    expect(spec.key(fy)).toBe(spec.key(full));
  });
});
