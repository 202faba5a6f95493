import { describe, expect, it } from 'vitest';
import * as solution from '../../solutions/01-replicated-state-machines/1.1-receive';
import { chapter } from '../../src/chapters/01-replicated-state-machines';
import { equalLogsCheck } from '../../src/chapters/01-replicated-state-machines/checks';
import { config } from '../../src/chapters/01-replicated-state-machines/config';
import { demoRun } from '../../src/chapters/01-replicated-state-machines/demo';
import { clockedStorage } from '../../src/chapters/01-replicated-state-machines/mutants';
import type {
  Scenario,
  TwoOrders,
} from '../../src/chapters/01-replicated-state-machines/properties';
import { replication } from '../../src/chapters/01-replicated-state-machines/replication';
import { rules } from '../../src/chapters/01-replicated-state-machines/rules';
import {
  replicationToSingleCopy,
  singleCopy,
} from '../../src/chapters/01-replicated-state-machines/singleCopy';
import { run } from '../../src/chapters/01-replicated-state-machines/stateMachine';
import {
  Read,
  showInput,
  storage,
  Write,
} from '../../src/chapters/01-replicated-state-machines/storage';
import type { ExploreResult, PropertyResult } from '../../src/index';
import { tracePath } from '../../src/index';
import { describeChapter, testContext } from '../contract';

const { result, mutantResult } = describeChapter(chapter);

describe('01 replicated state machines', () => {
  it('the storage service is the paper’s: Write(x, 3) then Read(x) returns 3', () => {
    expect(run(storage, [Write('x', 3), Read('x'), Read('y')]).outputs).toEqual(['ok', 3, null]);
  });

  it('the exhaustive check meets both of its goals', async () => {
    const r = (await result('replicas agree')) as ExploreResult<unknown>;
    expect(r.complete).toBe(true);
    expect(r.witnesses.size).toBe(2);
  });

  it('the same inputs in two orders diverge: fast-check shrinks it to two writes to one address', async () => {
    const r = (await result('order matters')) as PropertyResult<TwoOrders>;
    const xs = r.example!;
    expect(xs).toHaveLength(2);
    expect(xs.every(([i]) => i.op === 'Write' && i.a === xs[0]![0].a)).toBe(true);
    expect(r.exampleTrace!.steps).toHaveLength(4);
  });

  it('catches a replica that applies on arrival, with a shortest run', async () => {
    const r = await mutantResult('apply on arrival');
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Request(Write(x, 1))',
      'Request(Write(x, 2))',
      'Deliver(2 → r1)',
    ]);
  });

  it('the single copy sees a replica that applies on arrival at the delivery', async () => {
    const r = await mutantResult('apply on arrival, under the single copy');
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Request(Write(x, 1))',
      'Request(Write(x, 2))',
      'Deliver(2 → r1)',
    ]);
  });

  it('maps the initial state to the single copy’s', () => {
    const [y] = replication(config).init();
    expect(replicationToSingleCopy(y!)).toEqual([...singleCopy(config).init()][0]);
  });

  it('catches a service that reads a clock, on random logs, with a shrunk log', async () => {
    const r = (await mutantResult('clocked service')) as PropertyResult<Scenario>;
    expect(r.example!.log.map(showInput)).toEqual(['Write(x, 0)']);
    expect(r.example!.replicas).toBe(2);
  });

  it('a failing random check prints the seed and path that replay exactly its shrunk run', async () => {
    const clocked = { ...rules, serviceAt: clockedStorage };
    const r = (await equalLogsCheck.run({ seed: 7 }, clocked)) as PropertyResult<Scenario>;
    expect(r.holds).toBe(false);
    const [, seed, path] = r.replay!.match(/^--seed (\d+) --path ([\d:]+)$/)!;
    const again = (await equalLogsCheck.run(
      { seed: Number(seed), path },
      clocked,
    )) as PropertyResult<Scenario>;
    expect(again.holds).toBe(false);
    expect(again.example).toEqual(r.example);
    expect(again.stats.runs).toBe(1); // just that run
  });

  it('the demo applies the paper’s Write(x, 3), Read(x) on three replicas that end equal', () => {
    const lines: string[] = [];
    chapter.demo((l) => lines.push(l), testContext);
    const text = lines.join('\n');
    expect(text).toContain('1:Write(x, 3) 2:Read(x)');
    expect(text.match(/state \{x: 3, y: 5\}, outputs \[ok 3 ok 5\]/g)).toHaveLength(3);
  });

  it('draws the demo with a lane per process and says what each delivery did', () => {
    const demo = chapter.runs.find((r) => r.name === 'demo')!;
    const d = demo.diagram!(demoRun().trace);
    expect(d.lanes).toEqual(['primary', 'r1', 'r2', 'r3']);
    const notes = d.events.filter((e) => e.lane === 'r2').map((e) => e.note);
    expect(notes.slice(0, 2)).toEqual(['waits for 1', 'applies 1, 2: {x: 3}']);
    expect(d.events.find((e) => e.kind === 'external')?.note).toBe('numbers it 1');
  });
});

describe('exercise 1.1 against plausible wrong answers', () => {
  type Receive = typeof solution.receive;
  const ex = chapter.exercises.find((e) => e.id === '1.1')!;
  const verdict = (receive: Receive) => ex.check({ receive });

  /** Apply the ready entries at the front of waiting: all of them, or (the bug) only the first. */
  const applying =
    (all: boolean, ignoreDuplicates = true): Receive =>
    (m, r, e) => {
      if (ignoreDuplicates && (e.n < r.next || r.waiting.some((w) => w.n === e.n))) return r;
      const waiting = [...r.waiting, e].sort((a, b) => a.n - b.n);
      let { next, state } = r;
      const outputs = [...r.outputs];
      do {
        if (waiting[0]?.n !== next) break;
        const out = m.transition(state, waiting.shift()!.input);
        state = out.state;
        outputs.push(out.output);
        next++;
      } while (all);
      return { next, state, outputs, waiting };
    };

  it('passes the reference solution', async () => {
    const v = await ex.check(solution);
    expect(v.passed, v.explanation).toBe(true);
  });

  it('catches `if` where `while` is needed in the exhaustive phase: a replica that never catches up', async () => {
    const v = await verdict(applying(false));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain(
      '"with nothing in flight, every replica has applied the whole log" fails',
    );
    expect(v.explanation).toMatch(
      /the single copy, given the same entries, has .* and answered \[/,
    );
    expect(v.explanation).toContain('in delivery order');
  });

  it('catches a receive that does not ignore a duplicate in the exhaustive phase', async () => {
    const v = await verdict(applying(true, false));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Exploring three replicas with your receive');
    expect(v.explanation).toMatch(/Deliver\(.*\)/);
  });

  it('catches a receive that applies on arrival, whatever the number', async () => {
    const v = await verdict((m, r, e) => {
      const out = m.transition(r.state, e.input);
      return { ...r, next: r.next + 1, state: out.state, outputs: [...r.outputs, out.output] };
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('Exploring three replicas with your receive');
  });
});
