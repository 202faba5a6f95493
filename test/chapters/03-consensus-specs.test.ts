import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/03-consensus-specs';
import {
  checkProphecyHarmless,
  included,
  plainSimulation,
  prophecySimulation,
} from '../../src/chapters/03-consensus-specs/checks';
import { config } from '../../src/chapters/03-consensus-specs/config';
import { prophecyDecides, prophecyIgnored } from '../../src/chapters/03-consensus-specs/mutants';
import type { Seen } from '../../src/chapters/03-consensus-specs/properties';
import { observed } from '../../src/chapters/03-consensus-specs/properties';
import { dWithProphecy } from '../../src/chapters/03-consensus-specs/prophecy';
import { forwardSimulation } from '../../src/chapters/03-consensus-specs/simulation';
import type { CState } from '../../src/chapters/03-consensus-specs/specs';
import { C, D, specC, specD, specT } from '../../src/chapters/03-consensus-specs/specs';
import type {
  ExploreResult,
  RefinesResult,
  TraceInclusionResult,
  WithHistory,
} from '../../src/index';
import {
  explore,
  labelText,
  override,
  renderRefinementFailure,
  replay,
  traceIncluded,
  tracePath,
} from '../../src/index';
import { testContext as ctx, describeChapter } from '../contract';

const { result, mutantResult } = describeChapter(chapter);
const V = config.values;
const facts = chapter.facts!;
const checkNamed = (name: string) => chapter.checks.find((c) => c.name === name)!;

describe('03 consensus specs: the machines', () => {
  it('read like the tables: external actions marked, choose as several outcomes', () => {
    const ext = (m: { actions: readonly { name: string; external: boolean }[] }) =>
      m.actions.map((a) => `${a.external ? '*' : ''}${a.name}`);
    expect(ext(specC(V))).toEqual(['*Allow', '*Outcome']);
    expect(ext(specT(V))).toEqual(['*Allow', '*Outcome', '*Done', 'Terminate']);
    expect(ext(specD(V))).toEqual(['*Allow', '*Outcome', '*Done', 'Agree', 'Terminate']);
    // C's Allow(1) from the start: choose outcome := 1 or skip
    expect(C.Allow.effect({ outcome: null }, 1)).toEqual([
      { next: { outcome: 1 } },
      { next: { outcome: null } },
    ]);
  });

  it('have as many reachable states as the chapter says', async () => {
    expect(explore(specC(V)).stats.states).toBe(facts['C states']);
    expect(explore(specT(V)).stats.states).toBe(facts['T states']);
    expect(explore(specD(V)).stats.states).toBe(
      (await result('no forward simulation D to T')).stats.states,
    );
  });
});

describe('03 consensus specs: Agreement, Validity and T’s promise', () => {
  it('hold on C, T and D with their histories, completely, meeting every goal', async () => {
    const c = (await result('C: Agreement, Validity')) as ExploreResult<unknown>;
    expect(c.complete).toBe(true);
    expect(c.witnesses.size).toBe(2);
    expect((await result('T: Agreement, Validity, promise')).complete).toBe(true);
    const d = (await result('D: Agreement, Validity, promise')) as ExploreResult<unknown>;
    expect(d.complete).toBe(true);
    expect(d.witnesses.get('done')!.steps.map((s) => labelText(s.label))).toEqual([
      'Allow(1)',
      'Agree(1)',
      'Terminate',
    ]);
  });

  it('the history changes no trace, for traces of every length', async () => {
    expect((await result('history changes no trace')).complete).toBe(true);
  });

  it('the history check can fail: a history that steers Outcome changes C’s traces', () => {
    const steered = override(observed(specC(V)), C.Outcome, {
      guard: (x: WithHistory<CState, Seen>) => x.h.results.length === 0,
    });
    const r = included(specC(V), steered, ctx);
    expect(r.holds).toBe(false);
    expect(r.badTrace).toEqual(['Allow(1)', 'Outcome -> 1', 'Outcome -> 1']);
  });

  it('catches an Allow that overwrites the outcome: Agreement, in four steps', async () => {
    const r = await mutantResult('Allow overwrites');
    expect(r.counterexample!.property).toBe('Agreement');
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(1)',
      'Outcome -> 1',
      'Allow(2)',
      'Outcome -> 2',
    ]);
  });

  it('catches an Outcome that returns a value never allowed: Validity, in one step', async () => {
    const r = await mutantResult('Outcome invents a value');
    expect(r.counterexample!.property).toBe('Validity');
    expect(tracePath(r.counterexample!.trace)).toEqual(['Outcome -> 1']);
  });

  it('catches a Terminate without its guard: the promise, in two steps', async () => {
    const r = await mutantResult('Terminate unguarded');
    expect(r.counterexample!.property).toBe('once done, Outcome never returns nil');
    expect(tracePath(r.counterexample!.trace)).toEqual(['Terminate', 'Outcome -> nil']);
  });
});

describe('03 consensus specs: D implements T', () => {
  it('by trace inclusion, for traces of every length', async () => {
    expect((await result('D implements T')).complete).toBe(true);
  });

  it('and trace inclusion with a bound is bounded: complete is false', () => {
    const r = traceIncluded(specD(V), { spec: specT(V), maxLength: 4 });
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(false);
  });

  it('catches a D that agrees on a value nobody allowed: T cannot return it', async () => {
    const r = (await mutantResult('Agree on anything')) as TraceInclusionResult<unknown>;
    expect(r.badTrace).toEqual(['Outcome -> 1']);
    expect(tracePath(r.counterexample!.trace)).toEqual(['Agree(1)', 'Outcome -> 1']);
  });

  it('not by the plain forward simulation: it fails at D’s internal Agree step', () => {
    const r = plainSimulation(ctx, specD(V));
    expect(r.holds).toBe(false);
    expect(r.failure!.obligation).toBe('step');
    const at = r.failure!.step!.label;
    expect(D.Agree.is(at) && !at.external && at.param).toBe(1);
    expect(r.failure!.fy).toEqual({ outcome: null, done: false });
    expect(r.failure!.fy2).toEqual({ outcome: 1, done: false });
    expect(tracePath(r.counterexample!.trace)).toEqual(['Allow(1)', 'Agree(1)']);
    // T could do nothing internal from f(y): every move it has is external
    expect(r.failure!.specCould.every((m) => m.external)).toBe(true);
    const text = renderRefinementFailure(specD(V), specT(V), r);
    expect(text).toContain('Obligation 2 fails at the internal step Agree(1)');
  });

  it('the “fails at Agree” check can fail: T simulates itself under the same f', async () => {
    const r = await checkNamed('plain simulation fails at Agree').run(ctx, specT(V));
    expect(r.holds).toBe(false);
    expect(r.counterexample!.message).toBe('the plain forward simulation holds');
  });

  it('no forward simulation exists at all, by any function or relation', async () => {
    const r = forwardSimulation(specD(V), specT(V));
    expect(r.holds).toBe(false);
    expect(r.pairs).toEqual({
      kept: facts['simulation pairs kept'],
      of: facts['simulation pairs'],
    });
    expect(r.pairs.of).toBe(
      (await result('no forward simulation D to T')).stats.states * facts['T states']!,
    );
    // and the check can fail: D with the prophecy has one, as does T with itself
    expect(forwardSimulation(dWithProphecy(V), specT(V)).holds).toBe(true);
    expect(forwardSimulation(specT(V), specT(V)).holds).toBe(true);
    const p = await checkNamed('no forward simulation D to T').run(ctx, dWithProphecy(V));
    expect(p.holds).toBe(false);
  });

  it('the prophecy changes no trace and makes f a simulation, completely', async () => {
    expect((await result('prophecy changes no trace')).complete).toBe(true);
    expect((await result('D+p simulates T')).complete).toBe(true);
  });

  it('catches a prophecy that Agree ignores: the simulation fails at Agree again', async () => {
    const r = (await mutantResult('prophecy ignored')) as RefinesResult<unknown, unknown>;
    expect(D.Agree.is(r.failure!.step!.label)).toBe(true);
    expect(tracePath(r.counterexample!.trace)).toEqual(['Allow(1)', 'Agree(1)']);
    // it is still harmless to the traces: the refinement check is what catches it
    expect(checkProphecyHarmless(ctx, prophecyIgnored).holds).toBe(true);
  });

  it('catches a prophecy that decides: D has a trace that D+p lacks', async () => {
    const r = (await mutantResult('prophecy decides')) as TraceInclusionResult<unknown>;
    expect(r.badTrace).toEqual(['Allow(1)', 'Allow(2)', 'Outcome -> 2']);
    // and it still simulates T: only the trace check catches it
    expect(prophecySimulation(ctx, prophecyDecides).holds).toBe(true);
  });
});

describe('03 consensus specs: the chapter', () => {
  it('the demo runs D, shows T with the same trace, the failing and the closing obligation', () => {
    const lines: string[] = [];
    chapter.demo((l) => lines.push(l), ctx);
    const text = lines.join('\n');
    expect(text).toContain(
      'Its trace, what a client sees: Allow(7), Allow(8), Outcome -> 8, Done -> true.',
    );
    expect(text).toContain('Obligation 2 fails at the internal step Agree(7)');
    expect(text).toContain('Obligation 2 holds at the internal step Agree(8)');
    expect(text).toContain(
      `the simulation holds (${checkNamed('D+p simulates T').pinned!.states} states`,
    );
  });

  it('the demo’s run of D replays, and T’s run of its trace chooses 8 at Allow(8)', () => {
    const run = chapter.runs.find((r) => r.name === 'same-trace-in-T')!.run(ctx);
    expect(tracePath(run.trace)).toEqual([
      'Allow(7)',
      'Allow(8)',
      'Outcome -> 8',
      'Terminate',
      'Done -> true',
    ]);
    expect(run.trace.steps[1]!.to).toEqual({ outcome: 8, done: false });
    const d = replay(specD(), ['Allow(7)', 'Allow(8)', 'Agree(8)']);
    expect(labelText(d.steps[2]!.label)).toBe('Agree(8)');
  });
});
