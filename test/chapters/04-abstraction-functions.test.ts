import { describe, expect, it } from 'vitest';
import * as reference41 from '../../solutions/04-abstraction-functions/4.1-peterson';
import { chapter, fromUnreachable } from '../../src/chapters/04-abstraction-functions';
import { ringToMutex } from '../../src/chapters/04-abstraction-functions/abstraction';
import {
  checkInductive,
  ctiOf,
  refinementToMutex,
} from '../../src/chapters/04-abstraction-functions/checks';
import {
  candidates,
  oneToken,
  universe,
} from '../../src/chapters/04-abstraction-functions/invariants';
import { enterOnReceipt } from '../../src/chapters/04-abstraction-functions/mutants';
import type { MutexState } from '../../src/chapters/04-abstraction-functions/mutex';
import { mutex } from '../../src/chapters/04-abstraction-functions/mutex';
import {
  peterson,
  petersonMutex,
  petersonUniverse,
} from '../../src/chapters/04-abstraction-functions/peterson';
import { queue, twoStacks } from '../../src/chapters/04-abstraction-functions/queue';
import type { RingState } from '../../src/chapters/04-abstraction-functions/ring';
import { ring } from '../../src/chapters/04-abstraction-functions/ring';
import { simulationTable } from '../../src/chapters/04-abstraction-functions/simulation';
import type { InductiveResult, RefinesResult } from '../../src/index';
import {
  explore,
  inductive,
  labelText,
  refines,
  renderRefinementFailure,
  replay,
  tracePath,
} from '../../src/index';
import { testContext as ctx, describeChapter } from '../contract';

const { result, mutantResult } = describeChapter(chapter);
const key = (s: Parameters<ReturnType<typeof ring>['key']>[0]) => ring().key(s);
const facts = chapter.facts!;
const refinement = (name: string) =>
  mutantResult(name) as Promise<RefinesResult<RingState, MutexState>>;
const reachableStates = async () => (await result('the ring refines Mutex')).stats.states;

describe('04 abstraction functions and simulation', () => {
  it('Mutex has four states; the ring reaches as many as the refinement check explores', async () => {
    expect(explore(mutex()).stats.states).toBe(4);
    expect(explore(ring()).stats.states).toBe(await reachableStates());
    expect((await result('the ring refines Mutex')).complete).toBe(true);
  });

  it('mutual exclusion alone is not inductive: p1 in cs and p2 holding a token, then Acquire(p2)', () => {
    const r = checkInductive(candidates[0]!);
    expect(r.holds).toBe(false);
    expect(key(r.cti!.state)).toBe('Ct-|000');
    expect(labelText(r.cti!.label)).toBe('Acquire(p2)');
    expect(r.cti!.broken).toBe('mutual exclusion');
  });

  it('adding one holder still leaves a counterexample: a second token in flight to p2', () => {
    const r = checkInductive(candidates[1]!);
    expect(r.holds).toBe(false);
    expect(key(r.cti!.state)).toBe('t--|100');
    expect(labelText(r.cti!.label)).toBe('Receive(p2)');
    expect(r.cti!.broken).toBe('one holder');
  });

  it('adding one token makes it inductive, and it holds of exactly the reachable states', async () => {
    const r = (await result('one token is inductive')) as InductiveResult<unknown>;
    expect(r.stats.states).toBe(universe().length);
    expect(r.hypothesisStates).toBe(await reachableStates());
    // one token alone is inductive too: it implies the other two
    expect(checkInductive([oneToken]).holds).toBe(true);
  });

  it('the unreachability check can fail: a reachable state is caught', async () => {
    const reachableCti = { ...ctiOf(0), state: [...ring().init()][0]! };
    const r = await chapter.checks
      .find((c) => c.name === 'the counterexamples are unreachable')!
      .run(ctx, [reachableCti]);
    expect(r.holds).toBe(false);
  });

  it('without the invariant f is not even defined: two processes in cs have no holder', () => {
    expect(ringToMutex(ctiOf(0).next).holder).toBe('undefined (p1 and p2 in cs)');
    const { machine, spec, result: r } = fromUnreachable();
    expect(r.holds).toBe(false);
    expect(r.failure?.obligation).toBe('step');
    expect(labelText(r.failure!.step!.label)).toBe('Acquire(p2)');
    const text = renderRefinementFailure(machine, spec, r);
    expect(text).toContain('Obligation 2 fails at the external step Acquire(p2)');
    expect(text).toContain('* Release(p1)  ->  {holder: nil}');
  });

  it('catches the wrong abstraction function "the token is the lock" at obligation 1', async () => {
    const r = await refinement('the token is the lock');
    expect(r.failure?.obligation).toBe('initial');
    expect(r.failure?.fy).toEqual({ holder: 'p1' });
  });

  it('catches entering on receipt at an internal step no Mutex step simulates', async () => {
    const r = await refinement('enter on receipt');
    expect(tracePath(r.counterexample!.trace)).toEqual(['Pass(p1)', 'Receive(p2)']);
    expect(r.failure?.fy).toEqual({ holder: null });
    expect(r.failure?.fy2).toEqual({ holder: 'p2' });
    expect(renderRefinementFailure(ring(3, enterOnReceipt), mutex(), r)).toContain(
      'Obligation 2 fails at the internal step Receive(p2)',
    );
  });

  it('catches a release without the lock at an external step Mutex cannot take', async () => {
    const r = await refinement('release without the lock');
    expect(tracePath(r.counterexample!.trace)).toEqual(['Release(p1)']);
    expect(r.failure?.step?.label.external).toBe(true);
  });

  it('catches passing from cs with the invariant, before the refinement can fail', async () => {
    const r = await mutantResult('pass from cs');
    expect(r.counterexample?.property).toBe('one token');
    expect(tracePath(r.counterexample!.trace)).toEqual(['Acquire(p1)', 'Pass(p1)']);
  });

  it('catches an invariant that forgets tokens in flight: Pass breaks it', async () => {
    const r = (await mutantResult('in-flight tokens forgotten')) as InductiveResult<unknown>;
    expect(labelText(r.cti!.label)).toBe('Pass(p1)');
    expect(r.cti!.broken).toBe('one token held');
  });

  it('the simulation table shows each ring step beside the Mutex steps that simulate it', () => {
    const m = ring();
    const t = simulationTable(
      m,
      refinementToMutex(),
      replay(m, ['Acquire(p1)', 'Release(p1)', 'Pass(p1)']),
    );
    expect(t).toContain('* Acquire(p1)  Acquire(p1)  {holder: p1}');
    expect(t).toContain('Pass(p1)     (none)       {holder: nil}');
    const bad = ring(3, enterOnReceipt);
    expect(
      simulationTable(bad, refinementToMutex(), replay(bad, ['Pass(p1)', 'Receive(p2)'])),
    ).toContain('none: the diagram does not close');
  });

  it('Peterson: mutual exclusion holds on its reachable states but is not inductive', () => {
    expect(explore(peterson, { invariants: [petersonMutex] }).stats.states).toBe(
      facts['Peterson reachable states'],
    );
    expect(petersonUniverse()).toHaveLength(facts['Peterson universe states']!);
    const r = inductive(peterson, {
      invariants: [petersonMutex],
      universe: { enumerate: petersonUniverse },
    });
    expect(r.holds).toBe(false);
    expect(labelText(r.cti!.label)).toMatch(/^Enter\(/);
  });

  it('the reference solution to 4.1 admits the states the chapter says', async () => {
    const ex = chapter.exercises.find((e) => e.id === '4.1')!;
    const v = await ex.check(reference41);
    expect(v.explanation).toContain(
      `every one of the ${facts['Peterson inductive states']} states (of ${facts['Peterson universe states']})`,
    );
    expect(v.explanation).toContain(`the ${facts['Peterson reachable states']} reachable states`);
  });

  it('the two stacks refine Queue with the right abstraction function (49 states)', () => {
    const r = refines(twoStacks, {
      spec: queue,
      abstraction: (y) => ({ q: [...y.out].reverse().concat(y.in) }),
    });
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(49);
  });

  it('the demo shows the diagram closing, failing from an unreachable state, and failing on a bug', async () => {
    const lines: string[] = [];
    chapter.demo((l) => lines.push(l), ctx);
    const text = lines.join('\n');
    const pins = chapter.checks.find((c) => c.name === 'the ring refines Mutex')!.pinned!;
    expect(text).toContain(`holds: ${pins.states} states, ${pins.transitions} transitions`);
    expect(text).toContain("f(y') = {holder: undefined (p1 and p2 in cs)}");
    expect(text).toContain('Obligation 2 fails at the internal step Receive(p2)');
  });
});
