import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/08-paxos-messages';
import { demoRun, fiveDelaysRun } from '../../src/chapters/08-paxos-messages/demo';
import {
  acceptReport,
  agentReceive,
  command,
  config,
  deadReport,
  exampleCheck,
  exampleTable,
  freshAgent,
  hops,
  idleLeader,
  leaderReceive,
  longRunsCheck,
  majorityName,
  messagePaxos,
  PAPER_LEFT,
  paxosDiagram,
  query,
  rules,
  statusReport,
  THREE_ROUNDS_STEPS,
  threeRoundsConfig,
} from '../../src/chapters/08-paxos-messages/index';
import { countReports, earliestValue } from '../../src/chapters/08-paxos-messages/mutants';
import { canonical, reachableGraph, tracePath } from '../../src/index';
import { DEEP, describeChapter, pinsOf, testContext } from '../contract';

// The three-round check explores what 'implements abstract Paxos' and the
// channel invariants do, with one leader and a round more: the deep tier's.
// Its mutant (earliest value) runs by default.
const { result, mutantResult } = describeChapter(chapter, { deep: ['three rounds'] });
const c = config.paxos;
const fact = (name: string) => chapter.facts![name]!;

describe('08 Paxos with messages: the processes', () => {
  it('an agent answers query(n) by giving up earlier neutral rounds, and reports them', () => {
    const a = { s: ['neutral', 7, 'neutral'] as const, outcome: null };
    const st = agentReceive(rules, { ...a, s: [...a.s] }, 0, query(2));
    expect(st.state.s).toEqual(['no', 7, 'neutral']);
    expect(st.send).toEqual([statusReport(0, 2, ['no', 7])]);
  });

  it('an agent accepts a command only while neutral, and reports its status either way', () => {
    const a = { ...freshAgent(2), s: ['no', 'neutral'] as const };
    expect(agentReceive(rules, a, 1, command(0, 7)).send).toEqual([acceptReport(1, 0, 'no')]);
    const st = agentReceive(rules, a, 1, command(1, 7));
    expect(st.state.s).toEqual(['no', 7]);
    expect(st.send).toEqual([acceptReport(1, 1, 7)]);
  });

  it('a leader counts agents, not reports; and ignores reports for another round', () => {
    const ls = { ...idleLeader(1), n: 1 };
    const once = leaderReceive(c, rules, ls, statusReport(0, 1, ['no'])).state;
    expect(leaderReceive(c, rules, once, statusReport(0, 1, ['no'])).state).toBe(once);
    expect(leaderReceive(c, rules, ls, statusReport(0, 0, [])).state).toBe(ls);
    const twice = leaderReceive(c, countReports, once, statusReport(0, 1, ['no'])).state;
    expect(twice.reports).toHaveLength(2);
  });

  it('rejects a bad configuration with a one-line error', () => {
    expect(() => messagePaxos({ ...config, losses: -1 })).toThrow(
      /losses must be a whole number from 0, or Infinity/,
    );
    expect(() => messagePaxos({ ...config, paxos: { ...c, agents: 0 } })).toThrow(/agents/);
    expect(() => messagePaxos({ ...config, forgetDeadReports: true })).toThrow(
      /forgetDeadReports needs maxInFlight Infinity/,
    );
    expect(() => messagePaxos({ ...config, inOrder: true })).toThrow(/inOrder needs pairs false/);
  });
});

describe('08 Paxos with messages: dead reports', () => {
  const one = { ...threeRoundsConfig, paxos: { ...threeRoundsConfig.paxos, maxJ: 2, values: [7] } };

  it('a report is dead once its leader has left the round, chosen, or published', () => {
    const sys = messagePaxos(one);
    const y = [...sys.init()][0]!;
    const at = (ls: object) => ({ ...y, leaders: [{ ...y.leaders[0]!, ...ls }] });
    const status = statusReport(0, 1, ['no']);
    expect(deadReport(one.paxos, at({ n: 1, u: null }), status)).toBe(false);
    expect(deadReport(one.paxos, at({ n: 1, u: 7 }), status)).toBe(true);
    expect(deadReport(one.paxos, at({ n: null }), status)).toBe(true);
    expect(deadReport(one.paxos, at({ n: 1, u: 7 }), acceptReport(0, 1, 7))).toBe(false);
    // An accept of another value than u_l (here: a refusal) is never counted.
    expect(deadReport(one.paxos, at({ n: 1, u: 7 }), acceptReport(0, 1, 'no'))).toBe(true);
    expect(deadReport(one.paxos, at({ n: 1, u: 7, published: true }), acceptReport(0, 1, 7))).toBe(
      true,
    );
    expect(deadReport(one.paxos, at({ n: 1 }), query(0))).toBe(false);
  });

  it('forgetting them merges states but loses no state of the processes', () => {
    const processes = (nc: typeof one) => {
      const g = reachableGraph(messagePaxos(nc));
      const parts = new Set(
        g.states.map((y) => canonical([y.agents, y.leaders, y.up, y.history, y.faults])),
      );
      return { states: g.states.length, parts };
    };
    // Two agents, to keep the full state space small: two rounds and a
    // leader crash, and three rounds.
    const small = [
      { ...one, leaderCrashes: 1, paxos: { ...one.paxos, agents: 2, values: [7, 8] } },
      { ...one, paxos: { ...one.paxos, agents: 2, maxJ: 3 } },
    ];
    for (const nc of small) {
      const merged = processes(nc);
      const full = processes({ ...nc, forgetDeadReports: false });
      expect(merged.states).toBeLessThan(full.states);
      expect([...merged.parts].sort()).toEqual([...full.parts].sort());
    }
  });
});

describe('08 Paxos with messages: the checks', () => {
  it('the exhaustive checks are complete and meet every goal', async () => {
    for (const name of ['channel invariants', 'faults']) {
      const r = await result(name);
      expect(r.complete, name).toBe(true);
      expect(r.unreached, name).toEqual([]);
    }
  });

  it.skipIf(!DEEP)(
    'by default, the three-round check explores every run of up to its number of steps',
    async () => {
      const r = await result('three rounds');
      expect(r.complete).toBe(false);
      expect(r.stats.depth).toBe(THREE_ROUNDS_STEPS);
      expect(r.unreached).toEqual([]);
    },
  );

  // Deep tier (WORKBOOK_DEEP=1): the default tier runs the same check at its
  // default bounds (the contract: it holds, as pinned), and the mutants of
  // what it checks fail the exhaustive checks.
  it.skipIf(!DEEP)(
    'with --deep, the long random runs take the pinned number of steps, all simulated',
    async () => {
      const r = await longRunsCheck.run({ ...testContext, deep: true });
      expect(r.holds, r.counterexample?.message).toBe(true);
      expect(pinsOf(r, longRunsCheck.deepPinned!)).toEqual(longRunsCheck.deepPinned);
      expect(r.stats.transitions).toBeGreaterThan(100_000);
    },
    120_000,
  );

  it('the fault-free round costs a query, a report, a command, a report and an outcome per agent', () => {
    expect(fact('messages per round')).toBe(5 * 3);
  });
});

describe('08 Paxos with messages: five message delays', () => {
  it('along the shortest run the chain is query 1, report 2, command 3, report 4, outcome 5', () => {
    const five = fiveDelaysRun();
    const h = hops(five.system, five.trace);
    const first = (prefix: string) => h.find((x) => x.message.startsWith(prefix))!.delays;
    expect([
      first('query'),
      first('report(a, [])'),
      first('command'),
      first('report(a, (1,l1)'),
    ]).toEqual([1, 2, 3, 4]);
    expect(h.at(-1)).toMatchObject({ message: 'outcome(7)', delays: 5 });
  });
});

describe('08 Paxos with messages: the paper’s example (§6.4)', () => {
  const table = exampleTable();
  const row = (run: string, q: string) =>
    table.find((r) => r.run === run && majorityName(r.q) === q)!;

  it('computes the simple rule and the safe set for every majority of both runs', () => {
    expect(table.map((r) => [r.run, majorityName(r.q), r.simple, r.safe])).toEqual([
      ['left', 'a, b', [8], [8]],
      ['left', 'a, c', [9], [9]],
      ['left', 'b, c', [9], [9]],
      ['left', 'a, b, c', [9], [7, 8, 9]],
      ['right', 'a, b', [9], [9]],
      ['right', 'a, c', [9], [9]],
      ['right', 'b, c', [9], [9]],
      ['right', 'a, b, c', [9], [9]],
    ]);
  });

  it('the erratum: the paper’s text is wrong for a, c and its table for b, c (left run)', () => {
    const text = PAPER_LEFT.text as Record<string, readonly number[]>;
    const tab = PAPER_LEFT.table as Record<string, readonly number[]>;
    const wrong = (said: Record<string, readonly number[]>) =>
      Object.keys(said).filter((q) => said[q]!.join() !== row('left', q).safe.join());
    expect(wrong(text)).toEqual(['a, c']);
    expect(wrong(tab)).toEqual(['b, c']);
    expect(tab['a, c']).toBeUndefined();
  });
});

describe('08 Paxos with messages: the mutants', () => {
  it('own value: caught by the refinement at the command, with the run the prose describes', async () => {
    const r = await mutantResult('own value');
    const path = tracePath(r.counterexample!.trace);
    expect(path).toHaveLength(fact('own value steps'));
    expect(path.at(-1)).toBe('Command(l2, 8)');
    expect(path).toContain('Deliver(report(b, [no]) → l2)');
    expect(path).toContain('Deliver(report(a, [7]) → l2)');
  });

  it('no promise: the leader reads neutral as dead and commands what abstract Paxos cannot', async () => {
    const r = await mutantResult('no promise');
    const path = tracePath(r.counterexample!.trace);
    expect(path).toHaveLength(fact('no promise steps'));
    expect(path).toContain('Deliver(report(a, [neutral]) → l2)');
    expect(path.at(-1)).toBe('Command(l2, 8)');
  });

  it('accept over no: a report in flight now contradicts its sender', async () => {
    const r = await mutantResult('accept over no');
    expect(r.counterexample!.property).toMatch(/a report in flight agrees/);
    expect(r.counterexample!.message).toBe(
      'report(a, [no]) → l2 is in flight but s_a = [7 neutral]',
    );
    expect(tracePath(r.counterexample!.trace).at(-1)).toBe('Deliver(command((1,l1), 7) → a)');
    expect(r.counterexample!.trace.steps).toHaveLength(fact('accept over no steps'));
  });

  it('earliest value: three rounds, and round (3,l1) commands 7 over round (2,l1)’s 8', async () => {
    const r = await mutantResult('earliest value');
    const path = tracePath(r.counterexample!.trace);
    expect(path).toHaveLength(fact('earliest value steps'));
    expect(path.filter((p) => p === 'NewRound')).toHaveLength(3);
    expect(path).toContain('Command(8)');
    expect(path.at(-1)).toBe('Command(7)');
    expect(r.counterexample!.property).toMatch(/obligation 2/);
  });

  it('earliest value: the paper’s example catches it too, hearing a and b in the left run', async () => {
    const r = await exampleCheck.run(testContext, earliestValue);
    expect(r.counterexample!.message).toBe(
      'in the left run, hearing from a, b, the leader may command 7, but only 8 is safe',
    );
    expect(tracePath(r.counterexample!.trace).at(-1)).toBe('Command(7)');
  });

  it('counting reports: a report delivered twice makes a majority of one', async () => {
    const r = await mutantResult('counting reports');
    const path = tracePath(r.counterexample!.trace);
    expect(path).toHaveLength(fact('counting reports steps'));
    expect(path.filter((p) => p === 'Deliver(report(a, [no]) → l2)')).toHaveLength(2);
    expect(path.at(-1)).toBe('Command(l2, 8)');
  });

  it('quorum of one: an outcome is published that no majority accepted', async () => {
    const r = await mutantResult('quorum of one');
    expect(r.counterexample!.message).toBe('the outcome is nil, but outcome(7)');
    const path = tracePath(r.counterexample!.trace);
    expect(path).toHaveLength(fact('quorum of one steps'));
    expect(path.at(-1)).toBe('Deliver(report(a, (1,l1), 7) → l1)');
  });
});

describe('08 Paxos with messages: the demo and the diagrams', () => {
  it('the demo shows the round, its abstract steps, the five delays and the erratum', () => {
    const lines: string[] = [];
    chapter.demo((l) => lines.push(l), testContext);
    const text = lines.join('\n');
    expect(text).toContain('already heard from a: ignored');
    expect(text).toMatch(
      new RegExp(`\\n${fact('agreement step')} .*Accept\\(c, \\(1,l2\\)\\)\\s+Agree\\(8\\)`),
    );
    expect(text).toMatch(new RegExp(`\\n${fact('publish step')} .*Publish\\(l2\\)\\s+Terminate`));
    expect(text).toMatch(/outcome\(7\)\s+a\s+5/);
    expect(text).toContain('lists b, c under');
  });

  it.each(chapter.runs.map((r) => [r.name, r] as const))(
    'named run %s has a sequence diagram whose receives match its sends',
    (_name, run) => {
      const { trace } = run.run(testContext);
      const d = run.diagram!(trace);
      expect(d.lanes).toContain('a');
      const sends = new Set(d.events.filter((e) => e.kind === 'send').map((e) => e.id));
      for (const e of d.events.filter((x) => x.kind === 'receive'))
        expect(sends.has(e.id), `${e.message} at step ${e.step}`).toBe(true);
    },
  );

  it('the demo’s diagram shows the loss, the duplicate and the crash, with the chapter’s notes', () => {
    const { machine, trace } = demoRun();
    const events = paxosDiagram(machine)(trace).events;
    const kinds = events.map((e) => e.kind);
    expect(kinds).toContain('drop');
    expect(kinds).toContain('duplicate');
    expect(kinds).toContain('crash');
    expect(kinds).toContain('recover');
    expect(events.map((e) => e.note)).toContain('heard from a, b');
  });
});
