import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/04-abstraction-functions';
import { f } from '../../src/chapters/04-abstraction-functions/abstraction';
import {
  checkInductive,
  checkRefinement,
  checkUnreachable,
  ctiOf,
} from '../../src/chapters/04-abstraction-functions/checks';
import { fromUnreachable } from '../../src/chapters/04-abstraction-functions/index';
import {
  candidates,
  oneToken,
  universe,
} from '../../src/chapters/04-abstraction-functions/invariants';
import {
  enterOnReceipt,
  oneTokenHeld,
  passFromCs,
  releaseWithoutLock,
  tokenIsTheLock,
} from '../../src/chapters/04-abstraction-functions/mutants';
import { mutex } from '../../src/chapters/04-abstraction-functions/mutex';
import {
  peterson,
  petersonMutex,
  petersonUniverse,
} from '../../src/chapters/04-abstraction-functions/peterson';
import { queue, twoStacks } from '../../src/chapters/04-abstraction-functions/queue';
import { ring } from '../../src/chapters/04-abstraction-functions/ring';
import { simulationTable } from '../../src/chapters/04-abstraction-functions/simulation';
import {
  explore,
  inductive,
  refines,
  renderRefinementFailure,
  replay,
  tracePath,
} from '../../src/index';

const ctx = { seed: 1 };
const key = (s: Parameters<ReturnType<typeof ring>['key']>[0]) => ring().key(s);

describe('04 abstraction functions and simulation', () => {
  it('Mutex has four states; the ring of three has nine reachable ones (pinned)', () => {
    expect(explore(mutex()).stats.states).toBe(4);
    const r = explore(ring());
    expect(r.stats.states).toBe(9);
    expect(r.stats.transitions).toBe(12);
  });

  it('the ring refines Mutex under f, meeting both obligations (9 states, pinned)', () => {
    const r = checkRefinement();
    expect(r.holds).toBe(true);
    expect(r.complete).toBe(true);
    expect(r.stats.states).toBe(9);
    expect(r.stats.transitions).toBe(12);
  });

  it('mutual exclusion alone is not inductive: p1 in cs and p2 holding a token, then Acquire(p2)', () => {
    const r = checkInductive(candidates[0]!);
    expect(r.holds).toBe(false);
    expect(r.stats.states).toBe(12);
    expect(key(r.cti!.state)).toBe('Ct-|000');
    expect(r.cti!.label.action).toBe('Acquire');
    expect(r.cti!.label.param).toBe('p2');
    expect(r.cti!.broken).toBe('mutual exclusion');
  });

  it('adding one holder still leaves a counterexample: a second token in flight to p2', () => {
    const r = checkInductive(candidates[1]!);
    expect(r.holds).toBe(false);
    expect(r.stats.states).toBe(23);
    expect(key(r.cti!.state)).toBe('t--|100');
    expect(r.cti!.label.action).toBe('Receive');
    expect(r.cti!.broken).toBe('one holder');
  });

  it('adding one token makes it inductive, and it holds of exactly the reachable states', () => {
    const r = checkInductive(candidates[2]!);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(216);
    expect(universe()).toHaveLength(216);
    expect(r.hypothesisStates).toBe(9); // = the 9 reachable states
    // one token alone is inductive too: it implies the other two
    expect(checkInductive([oneToken]).holds).toBe(true);
  });

  it('both counterexamples to induction are unreachable', () => {
    const r = checkUnreachable([ctiOf(0), ctiOf(1)]);
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(9);
    // the check can fail: a reachable state is caught
    const reachableCti = { ...ctiOf(0), state: ring().init()[Symbol.iterator]().next().value! };
    expect(checkUnreachable([reachableCti]).holds).toBe(false);
  });

  it('without the invariant f is not even defined: two processes in cs have no holder', () => {
    expect(f(ctiOf(0).next).holder).toBe('undefined (p1 and p2 in cs)');
    const { machine, spec, result } = fromUnreachable();
    expect(result.holds).toBe(false);
    expect(result.failure?.obligation).toBe('step');
    expect(result.failure?.step?.label.action).toBe('Acquire');
    const text = renderRefinementFailure(machine, spec, result);
    expect(text).toContain('Obligation 2 fails at the external step Acquire(p2)');
    expect(text).toContain('* Release(p1)  ->  {holder: nil}');
  });

  it('catches the wrong abstraction function "the token is the lock" at obligation 1', () => {
    const r = checkRefinement(ring(), tokenIsTheLock);
    expect(r.holds).toBe(false);
    expect(r.failure?.obligation).toBe('initial');
    expect(r.failure?.fy).toEqual({ holder: 'p1' });
  });

  it('catches entering on receipt at an internal step no Mutex step simulates', () => {
    const bug = ring(3, enterOnReceipt);
    const r = checkRefinement(bug);
    expect(r.holds).toBe(false);
    expect(tracePath(r.counterexample!.trace)).toEqual(['Pass(p1)', 'Receive(p2)']);
    expect(r.failure?.fy).toEqual({ holder: null });
    expect(r.failure?.fy2).toEqual({ holder: 'p2' });
    expect(renderRefinementFailure(bug, mutex(), r)).toContain(
      'Obligation 2 fails at the internal step Receive(p2)',
    );
  });

  it('catches a release without the lock at an external step Mutex cannot take', () => {
    const r = checkRefinement(ring(3, releaseWithoutLock));
    expect(r.holds).toBe(false);
    expect(tracePath(r.counterexample!.trace)).toEqual(['Release(p1)']);
    expect(r.failure?.step?.label.external).toBe(true);
  });

  it('catches passing from cs with the invariant, before the refinement can fail', () => {
    const r = checkRefinement(ring(3, passFromCs));
    expect(r.holds).toBe(false);
    expect(r.counterexample?.property).toBe('one token');
    expect(tracePath(r.counterexample!.trace)).toEqual(['Acquire(p1)', 'Pass(p1)']);
  });

  it('catches an invariant that forgets tokens in flight: Pass breaks it', () => {
    const r = checkInductive([...candidates[1]!, oneTokenHeld]);
    expect(r.holds).toBe(false);
    expect(r.cti!.label.action).toBe('Pass');
    expect(r.cti!.broken).toBe('one token held');
  });

  it('every mutant in the chapter is caught by the check it names', async () => {
    for (const m of chapter.mutants) {
      const r = await m.run(ctx);
      expect(r.holds, m.name).toBe(false);
      expect(
        chapter.checks.map((c) => c.name),
        m.name,
      ).toContain(m.caughtBy);
    }
  });

  it('every check holds with its pinned count', async () => {
    for (const c of chapter.checks) {
      const r = await c.run(ctx);
      expect(r.holds, c.name).toBe(true);
      expect(r.stats.states, c.name).toBe(c.states);
    }
  });

  it('the simulation table shows each ring step beside the Mutex steps that simulate it', () => {
    const m = ring();
    const t = simulationTable(
      m,
      { spec: mutex(), abstraction: f },
      replay(m, ['Acquire(p1)', 'Release(p1)', 'Pass(p1)']),
    );
    expect(t).toContain('* Acquire(p1)  Acquire(p1)  {holder: p1}');
    expect(t).toContain('Pass(p1)     (none)       {holder: nil}');
    const bad = ring(3, enterOnReceipt);
    expect(
      simulationTable(
        bad,
        { spec: mutex(), abstraction: f },
        replay(bad, ['Pass(p1)', 'Receive(p2)']),
      ),
    ).toContain('none: the diagram does not close');
  });

  it('Peterson: mutual exclusion holds on its 20 reachable states but is not inductive', () => {
    expect(explore(peterson, { invariants: [petersonMutex] }).stats.states).toBe(20);
    const r = inductive(peterson, [petersonMutex], { enumerate: petersonUniverse });
    expect(r.holds).toBe(false);
    expect(r.cti!.label.action).toBe('Enter');
  });

  it('the two stacks refine Queue with the right abstraction function (49 states)', () => {
    const r = refines(twoStacks, {
      spec: queue,
      abstraction: (y) => ({ q: [...y.out].reverse().concat(y.in) }),
    });
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(49);
  });

  it('the demo shows the diagram closing, failing from an unreachable state, and failing on a bug', () => {
    const lines: string[] = [];
    chapter.demo((l) => lines.push(l), ctx);
    const text = lines.join('\n');
    expect(text).toContain('holds: 9 states, 12 transitions');
    expect(text).toContain("f(y') = {holder: undefined (p1 and p2 in cs)}");
    expect(text).toContain('Obligation 2 fails at the internal step Receive(p2)');
  });
});
