import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/03-consensus-specs';
import {
  checkC,
  checkDImplementsT,
  checkHistoryHarmless,
  checkNoForwardSimulation,
  checkPlainFailsAtAgree,
  checkProphecyHarmless,
  checkT,
  included,
  plainSimulation,
  prophecySimulation,
} from '../../src/chapters/03-consensus-specs/checks';
import type { WithHistory } from '../../src/chapters/03-consensus-specs/history';
import {
  allowOverwrites,
  outcomeDefault,
  override,
  prophecyDecides,
  prophecyIgnored,
  terminateUnguarded,
} from '../../src/chapters/03-consensus-specs/mutants';
import {
  CHECK_VALUES,
  observed,
  type Seen,
} from '../../src/chapters/03-consensus-specs/properties';
import { dWithProphecy } from '../../src/chapters/03-consensus-specs/prophecy';
import { forwardSimulation } from '../../src/chapters/03-consensus-specs/simulation';
import { type CState, specC, specD, specT } from '../../src/chapters/03-consensus-specs/specs';
import {
  explore,
  labelText,
  renderRefinementFailure,
  replay,
  traceIncluded,
  tracePath,
} from '../../src/index';

const ctx = { seed: 1 };
const V = CHECK_VALUES;

describe('03 consensus specs: the machines', () => {
  it('read like the tables: external actions marked, choose as several outcomes', () => {
    const ext = (m: { actions: readonly { name: string; external: boolean }[] }) =>
      m.actions.map((a) => `${a.external ? '*' : ''}${a.name}`);
    expect(ext(specC(V))).toEqual(['*Allow', '*Outcome']);
    expect(ext(specT(V))).toEqual(['*Allow', '*Outcome', '*Done', 'Terminate']);
    expect(ext(specD(V))).toEqual(['*Allow', '*Outcome', '*Done', 'Agree', 'Terminate']);
    // C's Allow(1) from the start: choose outcome := 1 or skip
    const allow = specC(V).actions[0]!;
    expect(allow.effect({ outcome: null }, 1)).toEqual([
      { next: { outcome: 1 } },
      { next: { outcome: null } },
    ]);
  });

  it('have 4, 7 and 32 reachable states over {1, 2, 3}', () => {
    expect(explore(specC(V)).stats.states).toBe(4);
    expect(explore(specT(V)).stats.states).toBe(7);
    expect(explore(specD(V)).stats.states).toBe(32);
  });
});

describe('03 consensus specs: Agreement, Validity and T’s promise', () => {
  it('hold on C with its history (32 states, every one reachable, pinned)', () => {
    const r = checkC(specC(V), ctx);
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats).toMatchObject({ states: 32, transitions: 256 });
    expect(r.witnesses.size).toBe(2);
  });

  it('hold on T and on D, with the promise (56 and 56 states, pinned)', () => {
    const t = checkT(specT(V), ctx);
    expect(t.holds && t.complete).toBe(true);
    expect(t.stats).toMatchObject({ states: 56, transitions: 528 });
    const d = checkT(specD(V), ctx);
    expect(d.holds && d.complete).toBe(true);
    expect(d.stats).toMatchObject({ states: 56, transitions: 372 });
    expect(d.witnesses.get('done')!.steps.map((s) => s.label.action)).toEqual([
      'Allow',
      'Agree',
      'Terminate',
    ]);
  });

  it('the history changes no trace: six inclusions, every length (444 pairs, pinned)', () => {
    const r = checkHistoryHarmless(ctx);
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats.states).toBe(444);
  });

  it('the history check can fail: a history that steers Outcome changes C’s traces', () => {
    const steered = override(observed(specC(V)), 'Outcome', {
      guard: (x: WithHistory<CState, Seen>) => x.h.results.length === 0,
    });
    const r = included(specC(V), steered, ctx);
    expect(r.holds).toBe(false);
    expect(r.badTrace).toEqual(['Allow(1)', 'Outcome -> 1', 'Outcome -> 1']);
  });

  it('catches an Allow that overwrites the outcome: Agreement, in four steps', () => {
    const r = checkC(allowOverwrites(V), ctx);
    expect(r.holds).toBe(false);
    expect(r.counterexample!.property).toBe('Agreement');
    expect(tracePath(r.counterexample!.trace)).toEqual([
      'Allow(1)',
      'Outcome -> 1',
      'Allow(2)',
      'Outcome -> 2',
    ]);
  });

  it('catches an Outcome that returns a value never allowed: Validity, in one step', () => {
    const r = checkT(outcomeDefault(V), ctx);
    expect(r.holds).toBe(false);
    expect(r.counterexample!.property).toBe('Validity');
    expect(tracePath(r.counterexample!.trace)).toEqual(['Outcome -> 1']);
  });

  it('catches a Terminate without its guard: the promise, in two steps', () => {
    const r = checkT(terminateUnguarded(V), ctx);
    expect(r.holds).toBe(false);
    expect(r.counterexample!.property).toBe('once done, Outcome never returns nil');
    expect(tracePath(r.counterexample!.trace)).toEqual(['Terminate', 'Outcome -> nil']);
  });
});

describe('03 consensus specs: D implements T', () => {
  it('by trace inclusion, for traces of every length (83 pairs, pinned)', () => {
    const r = checkDImplementsT(ctx);
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats.states).toBe(83);
  });

  it('and trace inclusion with a bound is bounded: complete is false', () => {
    const r = traceIncluded(specD(V), specT(V), { maxLength: 4 });
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(false);
  });

  it('not by the plain forward simulation: it fails at D’s internal Agree step', () => {
    const r = plainSimulation(ctx);
    expect(r.holds).toBe(false);
    expect(r.failure!.obligation).toBe('step');
    expect(r.failure!.step!.label).toMatchObject({ action: 'Agree', external: false, param: 1 });
    expect(r.failure!.fy).toEqual({ outcome: null, done: false });
    expect(r.failure!.fy2).toEqual({ outcome: 1, done: false });
    expect(tracePath(r.counterexample!.trace)).toEqual(['Allow(1)', 'Agree(1)']);
    // T could do nothing internal from f(y): every move it has is external
    expect(r.failure!.xCould.every((m) => m.external)).toBe(true);
    const text = renderRefinementFailure(specD(V), specT(V), r);
    expect(text).toContain('Obligation 2 fails at the internal step Agree(1)');
    expect(checkPlainFailsAtAgree(ctx).holds).toBe(true);
  });

  it('the “fails at Agree” check can fail: T simulates itself under the same f', () => {
    const r = checkPlainFailsAtAgree(ctx, specT(V));
    expect(r.holds).toBe(false);
    expect(r.counterexample!.message).toBe('the plain forward simulation holds');
  });

  it('no forward simulation exists at all, by any function or relation', () => {
    const r = forwardSimulation(specD(V), specT(V));
    expect(r.holds).toBe(false);
    expect(r.pairs).toEqual({ kept: 36, of: 224 });
    expect(checkNoForwardSimulation(specD(V)).holds).toBe(true);
    // and the check can fail: D with the prophecy has one, as does T with itself
    expect(forwardSimulation(dWithProphecy(V), specT(V)).holds).toBe(true);
    expect(forwardSimulation(specT(V), specT(V)).holds).toBe(true);
    expect(checkNoForwardSimulation(dWithProphecy(V)).holds).toBe(false);
  });

  it('the prophecy changes no trace (178 pairs, pinned) and makes f a simulation (44 states)', () => {
    const same = checkProphecyHarmless(ctx);
    expect(same.holds && same.complete).toBe(true);
    expect(same.stats.states).toBe(178);
    const sim = prophecySimulation(ctx);
    expect(sim.holds && sim.complete).toBe(true);
    expect(sim.stats).toMatchObject({ states: 44, transitions: 312 });
  });

  it('catches a prophecy that Agree ignores: the simulation fails at Agree again', () => {
    const r = prophecySimulation(ctx, prophecyIgnored);
    expect(r.holds).toBe(false);
    expect(r.failure!.step!.label.action).toBe('Agree');
    expect(tracePath(r.counterexample!.trace)).toEqual(['Allow(1)', 'Agree(1)']);
    // it is still harmless to the traces: the refinement check is what catches it
    expect(checkProphecyHarmless(ctx, prophecyIgnored).holds).toBe(true);
  });

  it('catches a prophecy that decides: D has a trace that D+p lacks', () => {
    const r = checkProphecyHarmless(ctx, prophecyDecides);
    expect(r.holds).toBe(false);
    expect(r.badTrace).toEqual(['Allow(1)', 'Allow(2)', 'Outcome -> 2']);
    // and it still simulates T: only the trace check catches it
    expect(prophecySimulation(ctx, prophecyDecides).holds).toBe(true);
  });
});

describe('03 consensus specs: the chapter', () => {
  it('every check holds with its pinned count, and every mutant is caught', async () => {
    for (const c of chapter.checks) {
      const r = await c.run(ctx);
      expect(r.holds, c.name).toBe(true);
      if (c.states !== undefined) expect(r.stats.states, c.name).toBe(c.states);
    }
    for (const m of chapter.mutants) {
      const r = await m.run(ctx);
      expect(r.holds, m.name).toBe(false);
    }
  });

  it('the demo runs D, shows T with the same trace, the failing and the closing obligation', () => {
    const lines: string[] = [];
    chapter.demo((l) => lines.push(l), ctx);
    const text = lines.join('\n');
    expect(text).toContain(
      'Its trace, what a client sees: Allow(7), Allow(8), Outcome -> 8, Done -> true.',
    );
    expect(text).toContain('Obligation 2 fails at the internal step Agree(7)');
    expect(text).toContain('Obligation 2 holds at the internal step Agree(8)');
    expect(text).toContain('the simulation holds (44 states');
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
