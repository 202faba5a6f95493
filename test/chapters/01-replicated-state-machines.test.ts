import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/01-replicated-state-machines';
import { checkReplicas } from '../../src/chapters/01-replicated-state-machines/index';
import {
  clockedStorage,
  receiveOnArrival,
  submitReusingNumber,
} from '../../src/chapters/01-replicated-state-machines/mutants';
import {
  checkEqualLogs,
  checkOrderMatters,
} from '../../src/chapters/01-replicated-state-machines/properties';
import { receive } from '../../src/chapters/01-replicated-state-machines/replica';
import { config } from '../../src/chapters/01-replicated-state-machines/replication';
import { run } from '../../src/chapters/01-replicated-state-machines/stateMachine';
import {
  Read,
  showInput,
  storage,
  Write,
} from '../../src/chapters/01-replicated-state-machines/storage';
import { tracePath } from '../../src/index';

const ctx = { seed: 1 };

describe('01 replicated state machines', () => {
  it('the storage service is the paper’s: Write(x, 3) then Read(x) returns 3', () => {
    expect(run(storage, [Write('x', 3), Read('x'), Read('y')]).outputs).toEqual(['ok', 3, null]);
  });

  it('three replicas agree in every reachable state (14425 states, pinned)', () => {
    const r = checkReplicas(config, ctx);
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats.states).toBe(14425);
    expect(r.stats.transitions).toBe(65775);
    expect(r.witnesses.size).toBe(2);
  });

  it('equal logs give equal replicas for random logs, replica counts and delivery orders', () => {
    const r = checkEqualLogs(ctx.seed);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(300);
  });

  it('the same inputs in two orders diverge: fast-check shrinks it to two writes to one address', () => {
    const r = checkOrderMatters(ctx.seed);
    expect(r.holds).toBe(true);
    const xs = r.example!;
    expect(xs).toHaveLength(2);
    expect(xs.every(([i]) => i.op === 'Write' && i.a === xs[0]![0].a)).toBe(true);
    expect(r.exampleTrace!.steps).toHaveLength(4);
  });

  it('catches a replica that applies on arrival, with a shortest run', () => {
    const r = checkReplicas({ ...config, receive: receiveOnArrival }, ctx);
    expect(r.holds).toBe(false);
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Request(Write(x, 1))',
      'Request(Write(x, 2))',
      'Deliver(2 -> r1)',
    ]);
  });

  it('catches a primary that reuses a number', () => {
    const r = checkReplicas({ ...config, submit: submitReusingNumber }, ctx);
    expect(r.holds).toBe(false);
    expect(r.counterexample!.trace.steps.map((s) => s.label.action)).toEqual([
      'Request',
      'Request',
      'Deliver',
    ]);
  });

  it('catches a service that reads a clock, on random logs, with a shrunk log', () => {
    const r = checkEqualLogs(ctx.seed, 300, { receive, serviceAt: clockedStorage });
    expect(r.holds).toBe(false);
    expect(r.example!.log.map(showInput)).toEqual(['Write(x, 0)']);
    expect(r.example!.replicas).toBe(2);
  });

  it('a failing random check prints the seed and path that replay exactly its shrunk run', () => {
    const clocked = { receive, serviceAt: clockedStorage };
    const r = checkEqualLogs(7, 300, clocked);
    expect(r.holds).toBe(false);
    const [, seed, path] = r.replay!.match(/^--seed (\d+) --path ([\d:]+)$/)!;
    const again = checkEqualLogs(Number(seed), 300, clocked, path);
    expect(again.holds).toBe(false);
    expect(again.example).toEqual(r.example);
    expect(again.stats.states).toBe(1); // just that run
  });

  it('every mutant in the chapter is caught by the check it names', async () => {
    for (const m of chapter.mutants) {
      const r = await m.run(ctx);
      expect(r.holds, m.name).toBe(false);
    }
  });

  it('the demo applies the paper’s Write(x, 3), Read(x) on three replicas that end equal', () => {
    const lines: string[] = [];
    chapter.demo((l) => lines.push(l), ctx);
    const text = lines.join('\n');
    expect(text).toContain('1:Write(x, 3) 2:Read(x)');
    expect(text.match(/state \{x: 3, y: 5\}, outputs \[ok 3 ok 5\]/g)).toHaveLength(3);
  });
});
