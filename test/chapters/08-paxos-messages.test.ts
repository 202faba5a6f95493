import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/08-paxos-messages';
import { fiveDelaysRun } from '../../src/chapters/08-paxos-messages/demo';
import {
  acceptReport,
  agentReceive,
  checkChannel,
  checkDelays,
  checkLongRuns,
  checkRefinesD,
  checkRefinesPaxos,
  command,
  exampleTable,
  faultyConfig,
  hops,
  idleLeader,
  leaderReceive,
  majorityName,
  messagePaxos,
  netConfig,
  PAPER_LEFT,
  paxosDiagram,
  query,
  quietConfig,
  rules,
  statusReport,
} from '../../src/chapters/08-paxos-messages/index';
import { countReports } from '../../src/chapters/08-paxos-messages/mutants';
import { tracePath } from '../../src/index';

const ctx = { seed: 1 };
const c = netConfig.paxos;
const mutant = (name: string) => chapter.mutants.find((m) => m.name === name)!;

describe('08 Paxos with messages: the processes', () => {
  it('an agent answers query(n) by giving up earlier neutral rounds, and reports them', () => {
    const a = { s: ['neutral', 7, 'neutral'] as const, up: true, outcome: null };
    const st = agentReceive(rules, { ...a, s: [...a.s] }, 0, query(2));
    expect(st.state.s).toEqual(['no', 7, 'neutral']);
    expect(st.send).toEqual([statusReport(0, 2, ['no', 7])]);
  });

  it('an agent accepts a command only while neutral, and reports its status either way', () => {
    const a = { s: ['no', 'neutral'] as ('no' | 'neutral' | number)[], up: true, outcome: null };
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
    expect(() => messagePaxos({ ...netConfig, losses: -1 })).toThrow(
      /losses must be a whole number from 0, or Infinity/,
    );
    expect(() => messagePaxos({ ...netConfig, paxos: { ...c, agents: 0 } })).toThrow(/agents/);
  });
});

describe('08 Paxos with messages: the checks', () => {
  it('the channel invariants and Invariants 1, 2 of f(y) hold in all 81981 states (pinned)', () => {
    const r = checkChannel(netConfig, rules, ctx);
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats.states).toBe(81981);
    expect(r.stats.transitions).toBe(704196);
    expect([...r.witnesses.keys()]).toHaveLength(4);
  });

  it('implements chapter 06’s abstract Paxos, step by step with the witness', () => {
    const r = checkRefinesPaxos(netConfig, rules, ctx);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(81981);
  });

  it('and, composed with chapter 06’s abstraction function, implements D', () => {
    const r = checkRefinesD(netConfig, rules, ctx);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(81981);
  });

  it('long random runs with every fault, seed 1: more than 10^5 steps, all simulated', () => {
    const r = checkLongRuns(faultyConfig, rules, ctx, 300);
    expect(r.holds, r.counterexample?.message).toBe(true);
    expect(r.seed).toBe(1);
    expect(r.stats.states).toBe(131004);
    expect(r.stats.states).toBeGreaterThan(100_000);
  });

  it('the chapter’s own check makes fewer runs (pinned)', async () => {
    const r = await chapter.checks.find((k) => k.name === 'long runs with every fault')!.run(ctx);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(7317);
  });
});

describe('08 Paxos with messages: five message delays', () => {
  it('no agent learns the outcome sooner than five delays; some learns it after exactly five', () => {
    const r = checkDelays();
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(892);
    expect(r.stats.transitions).toBe(13591);
  });

  it('along the shortest run the chain is query 1, report 2, command 3, report 4, outcome 5', () => {
    const h = hops(quietConfig, fiveDelaysRun().trace);
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

  it('played with messages, the leader commands a safe value for every majority', async () => {
    const r = await chapter.checks.find((k) => k.name === 'the paper’s example')!.run(ctx);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(8);
  });
});

describe('08 Paxos with messages: the mutants', () => {
  it('own value: caught by the refinement at the command, with a 15-step shortest run', async () => {
    const r = await mutant('own value').run(ctx);
    expect(r.holds).toBe(false);
    const path = tracePath(r.counterexample!.trace);
    expect(path).toHaveLength(15);
    expect(path.at(-1)).toBe('Command(l2, 8)');
    expect(path).toContain('Deliver(report(b, [7]) → l2)');
  });

  it('no promise: the leader reads neutral as dead and commands what abstract Paxos cannot', async () => {
    const r = await mutant('no promise').run(ctx);
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(8, l2)',
      'NewRound(l2)',
      'Deliver(query((1,l2)) → a)',
      'Deliver(query((1,l2)) → b)',
      'Deliver(report(a, [neutral]) → l2)',
      'Deliver(report(b, [neutral]) → l2)',
      'Command(l2, 8)',
    ]);
  });

  it('accept over no: a report in flight now contradicts its sender', async () => {
    const r = await mutant('accept over no').run(ctx);
    expect(r.counterexample!.property).toMatch(/a report in flight agrees/);
    expect(r.counterexample!.message).toBe(
      'report(a, [no]) → l2 is in flight but s_a = [7 neutral]',
    );
    expect(tracePath(r.counterexample!.trace).at(-1)).toBe('Deliver(command((1,l1), 7) → a)');
    expect(r.counterexample!.trace.steps).toHaveLength(10);
  });

  it('earliest value: in the left run, hearing a and b, it would command 7 where only 8 is safe', async () => {
    const r = await mutant('earliest value').run(ctx);
    expect(r.counterexample!.message).toBe(
      'in the left run, hearing from a, b, the leader may command 7, but only 8 is safe',
    );
    expect(tracePath(r.counterexample!.trace).at(-1)).toBe('Command(l1, 7)');
  });

  it('counting reports: a report delivered twice makes a majority of one', async () => {
    const r = await mutant('counting reports').run(ctx);
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(8, l2)',
      'NewRound(l2)',
      'Deliver(query((1,l2)) → a)',
      'Deliver(report(a, [no]) → l2)',
      'Deliver(report(a, [no]) → l2)',
      'Command(l2, 8)',
    ]);
  });

  it('quorum of one: an outcome is published that no majority accepted', async () => {
    const r = await mutant('quorum of one').run(ctx);
    expect(r.counterexample!.message).toBe('the outcome is nil, but outcome(7)');
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(7, l1)',
      'NewRound(l1)',
      'Deliver(query((1,l1)) → a)',
      'Deliver(report(a, []) → l1)',
      'Command(l1, 7)',
      'Deliver(command((1,l1), 7) → a)',
      'Deliver(report(a, (1,l1), 7) → l1)',
    ]);
  });
});

describe('08 Paxos with messages: the demo and the diagrams', () => {
  it('the demo shows the round, its abstract steps, the five delays and the erratum', () => {
    const lines: string[] = [];
    chapter.demo((l) => lines.push(l), ctx);
    const text = lines.join('\n');
    expect(text).toContain('already heard from a: ignored');
    expect(text).toMatch(/Accept\(c, \(1,l2\)\)\s+Agree\(8\)/);
    expect(text).toMatch(/outcome\(7\)\s+a\s+5/);
    expect(text).toContain('lists b, c under');
  });

  it.each(chapter.runs.map((r) => [r.name, r] as const))(
    'named run %s has a sequence diagram whose receives match its sends',
    (_name, run) => {
      const { trace } = run.run(ctx);
      const d = run.diagram!(trace);
      expect(d.lanes).toContain('a');
      const sends = new Set(d.events.filter((e) => e.kind === 'send').map((e) => e.id));
      for (const e of d.events.filter((x) => x.kind === 'receive'))
        expect(sends.has(e.id), `${e.message} at step ${e.step}`).toBe(true);
    },
  );

  it('the demo’s diagram shows the loss, the duplicate and the crash', () => {
    const { trace } = chapter.runs[0]!.run(ctx);
    const kinds = paxosDiagram(c)(trace).events.map((e) => e.kind);
    expect(kinds).toContain('drop');
    expect(kinds).toContain('duplicate');
    expect(kinds).toContain('crash');
    expect(kinds).toContain('recover');
  });
});
