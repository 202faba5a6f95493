import { describe, expect, it } from 'vitest';
import {
  action,
  explore,
  inductive,
  labelText,
  machine,
  matchSteps,
  override,
  reachableGraph,
  refines,
  returns,
  simulate,
  stepsFrom,
  to,
  traceIncluded,
  tracePath,
  withHistory,
} from '../../src/index';
import type { Counter } from './toys';
import { counter, evens, jugs, sum, twoCounters } from './toys';

/** A spec with two routes to an external Done: one internal step, or three. */
type Route = { readonly at: 'start' | 'a1' | 'a2' | 'a3' | 'b' | 'end'; readonly log: number };
const Hop = action({
  name: 'Hop',
  external: false,
  params: (s: Route) =>
    ({ start: ['a1', 'b'], a1: ['a2'], a2: ['a3'], a3: [], b: [], end: [] })[s.at] as Route['at'][],
  effect: (s, at) => to({ ...s, at }),
});
const Done = action({
  name: 'Done',
  external: true,
  guard: (s: Route) => s.at === 'a3' || s.at === 'b',
  effect: (s) => returns({ ...s, at: 'end' as const }, s.log),
});
const Log = action({
  name: 'Log',
  external: true,
  params: () => [1, 2],
  guard: (s: Route) => s.at === 'start',
  effect: (s, n) => to({ ...s, log: n }),
});
const routes = machine<Route>({
  name: 'Routes',
  init: [{ at: 'start', log: 0 }],
  actions: [Hop, Done, Log],
});
const at = (where: Route['at'], log = 0): Route => ({ at: where, log });
const start = at('start');

describe('stepsFrom', () => {
  it('lists every step out of a state in the fixed order: actions, parameters, outcomes', () => {
    expect(stepsFrom(routes, start).map((st) => labelText(st.label))).toEqual([
      'Hop(a1)',
      'Hop(b)',
      'Log(1)',
      'Log(2)',
    ]);
    const read = stepsFrom(counter(1), { n: 1 });
    expect(read).toHaveLength(1);
    expect(read[0]!.label).toMatchObject({ action: 'Read', external: true, ret: 1 });
    expect(read[0]!.from).toEqual({ n: 1 });
    expect(stepsFrom(evens, { x: 10 })).toEqual([]);
  });
});

describe('matchSteps', () => {
  const done = Done.move();
  const observedDone = { action: 'Done', param: undefined, ret: 0 };

  it('finds a shortest spec run whose external steps look like the observed ones', () => {
    const r = matchSteps(routes, start, [observedDone]);
    expect(tracePath(r!)).toEqual(['Hop(b)', 'Done -> 0']);
    const two = matchSteps(routes, start, [
      { action: 'Log', param: 2, ret: undefined },
      observedDone,
    ]);
    expect(two).toBeUndefined(); // Done returns the log, 2, not 0
    const logged = matchSteps(routes, start, [
      { action: 'Log', param: 2, ret: undefined },
      { action: 'Done', param: undefined, ret: 2 },
    ]);
    expect(tracePath(logged!)).toEqual(['Log(2)', 'Hop(b)', 'Done -> 2']);
    // Each step of the match is a step of the spec.
    for (const st of logged!.steps)
      expect(stepsFrom(routes, st.from).some((x) => routes.key(x.to) === routes.key(st.to))).toBe(
        true,
      );
    expect(done).toEqual({ action: 'Done' });
  });

  it('ends where it is told to, and takes no step when nothing is observed and it is there', () => {
    const viaA = matchSteps(routes, start, [], { to: at('a3') });
    expect(tracePath(viaA!)).toEqual(['Hop(a1)', 'Hop(a2)', 'Hop(a3)']);
    expect(matchSteps(routes, start, [], { to: start })!.steps).toEqual([]);
    expect(matchSteps(routes, start, [], { to: at('end', 1) })).toBeUndefined();
  });

  it('respects internalDepth: the most internal steps around each external one', () => {
    expect(matchSteps(routes, start, [], { to: at('a3'), internalDepth: 2 })).toBeUndefined();
    expect(matchSteps(routes, start, [observedDone], { internalDepth: 0 })).toBeUndefined();
    expect(matchSteps(routes, start, [observedDone], { internalDepth: 1 })!.steps).toHaveLength(2);
    expect(() => matchSteps(routes, start, [], { internalDepth: -1 })).toThrow(
      'internalDepth must be a whole number from 0 (or left out), got -1',
    );
  });
});

describe('reachableGraph', () => {
  it('has the states explore counts, each reached from its parent by its label', () => {
    const g = reachableGraph(jugs);
    const r = explore(jugs);
    expect(g.states).toHaveLength(r.stats.states);
    expect(g.transitions).toBe(r.stats.transitions);
    expect(g.depth).toBe(r.stats.depth);
    expect(g.complete).toBe(true);
    expect(g.initial).toBe(1);
    expect(new Set(g.states.map(jugs.key)).size).toBe(g.states.length);
    g.states.forEach((s, i) => {
      if (i < g.initial) {
        expect(g.parent[i]).toBe(-1);
        return;
      }
      const p = g.parent[i]!;
      expect(p).toBeLessThan(i);
      expect(
        g.edges[p]!.some((e) => e.to === i && labelText(e.label) === labelText(g.via[i]!)),
      ).toBe(true);
      expect(jugs.key(s)).toBe(
        jugs.key(
          stepsFrom(jugs, g.states[p]!).find((st) => labelText(st.label) === labelText(g.via[i]!))!
            .to,
        ),
      );
    });
    // Every step out of every state is an edge, in order.
    g.states.forEach((s, i) => {
      expect(g.edges[i]!.map((e) => jugs.key(g.states[e.to]!))).toEqual(
        stepsFrom(jugs, s).map((st) => jugs.key(st.to)),
      );
    });
  });

  it('keeps states outside `within` without expanding them, and stops at maxStates', () => {
    const g = reachableGraph(evens, { within: (s) => s.x < 4 });
    expect(g.states.map((s) => s.x)).toEqual([0, 2, 4]);
    expect(g.edges[2]).toEqual([]);
    const capped = reachableGraph(evens, { maxStates: 3 });
    expect(capped.states).toHaveLength(3);
    expect(capped.complete).toBe(false);
    expect(() => reachableGraph(evens, { maxStates: 0 })).toThrow(
      /^maxStates must be a whole number from 1/,
    );
  });
});

describe('override', () => {
  it('replaces one action in part, keeping the others, the key and the view', () => {
    const c = counter(3);
    const m = override(c, c.actions[0]!, { guard: (s: Counter) => s.n < 5 });
    expect(m.name).toBe('Counter (Inc changed)');
    expect(explore(m).stats.states).toBe(6);
    expect(explore(c).stats.states).toBe(4);
    expect(m.actions[1]).toBe(c.actions[1]);
    expect(m.actions.map((a) => a.name)).toEqual(['Inc', 'Read']);
    expect(m.actions[0]!.is({ action: 'Inc' })).toBe(true);
    expect(m.key({ n: 2 })).toBe(counter(3).key({ n: 2 }));
    expect(m.view({ n: 2 })).toEqual({ n: 2 });
  });

  it('is caught by the checks as the mutant it is', () => {
    const stale = override(twoCounters(3), { name: 'Read' }, { effect: (s) => returns(s, s.b) });
    const r = refines(stale, { spec: counter(3), abstraction: sum });
    expect(r.holds).toBe(false);
    expect(tracePath(r.counterexample!.trace)).toEqual(['Inc', 'Read -> 0']);
  });

  it('refuses an action the machine does not have, naming the ones it has', () => {
    expect(() => override(jugs, { name: 'Pour' }, {})).toThrow(
      'override: DieHard has no action Pour; it has FillSmall, FillBig, EmptySmall, EmptyBig, SmallToBig, BigToSmall',
    );
  });
});

describe('withHistory', () => {
  // The history: the external steps so far, as texts.
  const h = withHistory(twoCounters(2), {
    init: [] as readonly string[],
    record: (past, st) => (st.label.external ? [...past, labelText(st.label)] : past),
  });

  it('has exactly the machine steps and traces, and records them', () => {
    const g = reachableGraph(h, { within: (x) => x.h.length < 4 });
    const plain = reachableGraph(twoCounters(2));
    expect(new Set(g.states.map((x) => twoCounters(2).key(x.s)))).toEqual(
      new Set(plain.states.map(twoCounters(2).key)),
    );
    g.states.forEach((x, i) => {
      if (x.h.length >= 4) return;
      const inner = stepsFrom(twoCounters(2), x.s);
      expect(g.edges[i]!.map((e) => labelText(e.label))).toEqual(
        inner.map((st) => labelText(st.label)),
      );
      g.edges[i]!.forEach((e, k) => {
        const next = g.states[e.to]!;
        expect(twoCounters(2).key(next.s)).toBe(twoCounters(2).key(inner[k]!.to));
        expect(next.h).toEqual(e.label.external ? [...x.h, labelText(e.label)] : x.h);
      });
    });
    expect(h.name).toBe('TwoCounters with history');
    expect(h.view({ s: { a: 1, b: 0 }, h: ['Inc'] })).toEqual({ a: 1, b: 0, history: ['Inc'] });
  });

  it('gives record the whole step: the states before and after and the label', () => {
    const seen: string[] = [];
    const m = withHistory(counter(2), {
      init: 0,
      record: (n, st) => {
        seen.push(`${st.from.n}-${labelText(st.label)}->${st.to.n}`);
        return n + 1;
      },
    });
    const r = explore(m, { maxDepth: 2 });
    expect(r.stats.states).toBe(6); // (n, steps so far): (0,0) (1,1) (0,1) (2,2) (1,2) (0,2)
    expect(seen).toContain('0-Read -> 0->0');
    expect(seen).toContain('1-Inc->2');
  });
});

describe('typed labels', () => {
  it('say which action a step is, and build the moves a witness names', () => {
    const [l] = stepsFrom(routes, start).filter((st) => Log.is(st.label));
    expect(Log.is(l!.label) && l!.label.param).toBe(1);
    expect(Hop.is(l!.label)).toBe(false);
    expect(Log.move(2)).toEqual({ action: 'Log', param: 2 });
    const inc = counter(3).actions[0]!;
    const r = refines(twoCounters(3), {
      spec: counter(3),
      abstraction: sum,
      witness: (_y, label) =>
        label.action === 'Inc' ? [inc.move()] : label.action === 'Move' ? [] : undefined,
    });
    expect(r.holds).toBe(true);
  });
});

describe('validated bounds', () => {
  const cases: [string, () => unknown, string][] = [
    [
      'explore maxDepth',
      () => explore(jugs, { maxDepth: -1 }),
      'maxDepth must be a whole number from 0 (or left out), got -1',
    ],
    [
      'explore maxStates',
      () => explore(jugs, { maxStates: 0 }),
      'maxStates must be a whole number from 1 (or left out), got 0',
    ],
    [
      'explore maxDepth 1.5',
      () => explore(jugs, { maxDepth: 1.5 }),
      'maxDepth must be a whole number from 0 (or left out), got 1.5',
    ],
    [
      'refines maxDepth',
      () =>
        refines(twoCounters(2), { spec: counter(2), abstraction: sum }, { maxDepth: Number.NaN }),
      'maxDepth must be a whole number from 0 (or left out), got NaN',
    ],
    [
      'refines internalDepth',
      () => refines(twoCounters(2), { spec: counter(2), abstraction: sum, internalDepth: -2 }),
      'internalDepth must be a whole number from 0 (or left out), got -2',
    ],
    [
      'simulate runs',
      () => simulate(jugs, { runs: 0 }),
      'runs must be a whole number from 1 (or left out), got 0',
    ],
    [
      'simulate steps',
      () => simulate(jugs, { steps: -1 }),
      'steps must be a whole number from 0 (or left out), got -1',
    ],
    ['simulate seed', () => simulate(jugs, { seed: 0.5 }), 'seed must be a whole number, got 0.5'],
    [
      'traceIncluded maxLength',
      () => traceIncluded(twoCounters(2), { spec: counter(2), maxLength: -1 }),
      'maxLength must be a whole number from 0 (or left out), got -1',
    ],
    [
      'inductive numRuns',
      () => inductive(evens, { invariants: [], universe: { sample: null as never, numRuns: 0 } }),
      'numRuns must be a whole number from 1 (or left out), got 0',
    ],
  ];
  it.each(cases)('%s: a bad bound throws a one-line error naming it', (_name, run, message) => {
    expect(run).toThrow(message);
    try {
      run();
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('accepts Infinity as no bound, and 0 where 0 means something', () => {
    expect(explore(jugs, { maxDepth: Number.POSITIVE_INFINITY }).stats.states).toBe(16);
    expect(explore(jugs, { maxDepth: 0 }).stats.states).toBe(1);
    expect(simulate(jugs, { steps: 0, runs: 3 }).stats).toMatchObject({ runs: 3, transitions: 0 });
  });
});
