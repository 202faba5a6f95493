/**
 * The explorer without a browser: its models (each starts, has steps, and
 * maps its initial state to an initial state of the spec above), a run's
 * undo, reset and replay from a link, and the step obligation it shows.
 * The spec it shows above chapter 01's replication is checked with
 * `refines`: replication refines the single copy; the mutant that applies
 * entries on arrival does not.
 */
import { describe, expect, it } from 'vitest';
import { receiveOnArrival } from '../../src/chapters/01-replicated-state-machines/mutants';
import { config, replication } from '../../src/chapters/01-replicated-state-machines/replication';
import { refines } from '../../src/index';
import { formatLink, parseLink } from '../../src/site/explorer/app';
import { explorerModels, lossyReplication } from '../../src/site/explorer/models';
import { choicesFrom, Session } from '../../src/site/explorer/session';
import { singleCopy, toSingleCopy } from '../../src/site/explorer/singleCopy';

const model = (id: string) => explorerModels.find((m) => m.id === id)!;

describe('the explorer', () => {
  it('has at least chapter 01 replication and chapter 03 spec D, with unique ids', () => {
    const ids = explorerModels.map((m) => m.id);
    expect(ids).toContain('01-replication');
    expect(ids).toContain('03-spec-d');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(explorerModels.map((m) => [m.id, m] as const))(
    '%s starts, offers steps, and maps its initial state into the spec',
    (_id, m) => {
      const s = new Session(m);
      expect(s.choices().length).toBeGreaterThan(0);
      if (s.spec && m.abstraction) {
        const inits = [...s.spec.init()].map((x) => s.spec!.key(x));
        expect(inits).toContain(s.spec.key(s.image()));
      }
      const first = s.choices()[0]!;
      s.take(first.text);
      expect(s.trace.steps).toHaveLength(1);
      expect(s.diagram().lanes.length).toBeGreaterThan(0);
    },
  );

  it('undoes, resets, and replays a run from its link', () => {
    const s = new Session(model('01-replication'));
    s.take('Request(Write(x, 1))');
    s.take('Deliver(1 -> r2)');
    s.take('Drop(1 -> r3)');
    expect(s.obligation(1)).toEqual({ ok: true, via: ['Apply'] });
    expect(s.obligation(2)).toEqual({ ok: true, via: [] });
    const link = formatLink({ model: '01-replication', run: s.path });
    expect(parseLink(link)).toEqual({ model: '01-replication', run: s.path });
    const again = new Session(model('01-replication'));
    again.restore(parseLink(link)!.run);
    expect(again.machine.key(again.state)).toBe(s.machine.key(s.state));
    s.undo();
    expect(s.path).toEqual(['Request(Write(x, 1))', 'Deliver(1 -> r2)']);
    s.reset();
    expect(s.trace.steps).toHaveLength(0);
  });

  it('tells apart steps with the same label only when they lead to different states', () => {
    // In D's initial state, Outcome returns nil by either alternative: one choice.
    const d = new Session(model('03-spec-d'));
    expect(d.choices().map((c) => c.text)).toEqual([
      'Allow(7)',
      'Allow(8)',
      'Outcome -> nil',
      'Done -> false',
    ]);
    // In T, Allow(7) either chooses 7 or skips: two choices, and a link replays the second.
    const t = new Session({ ...model('03-spec-d'), machine: model('03-spec-d').spec! });
    expect(
      t
        .choices()
        .map((c) => c.text)
        .slice(0, 2),
    ).toEqual(['Allow(7)', 'Allow(7)#2']);
    t.restore(['Allow(7)#2']);
    expect(t.machine.view(t.state)).toEqual({ outcome: null, done: false });
    t.restore(['Allow(7)']);
    expect(t.machine.view(t.state)).toEqual({ outcome: 7, done: false });
    const lossy = lossyReplication(config);
    const init = [...lossy.init()][0]!;
    expect(choicesFrom(lossy, init).map((c) => c.text)).toEqual([
      'Request(Write(x, 1))',
      'Request(Write(x, 2))',
      'Request(Read(x))',
    ]);
  });

  it('rejects a step that is not enabled, saying what is', () => {
    const s = new Session(model('03-spec-d'));
    expect(() => s.take('Agree(7)')).toThrow(
      'explorer: step 1, Agree(7), is not enabled; enabled are Allow(7), Allow(8), Outcome -> nil, Done -> false',
    );
    expect(() => parseLink('#model=x&run=5')).toThrow('JSON list');
  });

  it('shows that T cannot match D’s Agree under f(d) = (outcome, done)', () => {
    const s = new Session(model('03-spec-d'));
    s.take('Allow(7)');
    // T's Allow(7) either chooses 7 or skips; f(d) did not change, so the skip matches
    expect(s.obligation(0)).toEqual({ ok: true, via: ['Allow(7) (choice 2)'] });
    s.take('Agree(7)');
    expect(s.obligation(1)).toEqual({ ok: false, via: [] });
  });

  it('runs chapter 05’s coordinator: its messages, faults and image in D', () => {
    const s = new Session(model('05-coordinator'));
    s.take('Allow(1)');
    s.take('Choose(1)');
    expect(s.obligation(1)).toEqual({ ok: true, via: ['Agree(1)'] });
    const faults = s
      .choices()
      .filter((c) => c.label.fault)
      .map((c) => c.text);
    expect(faults).toContain('Lose(outcome(1) -> p2)');
    expect(faults).toContain('Crash(p3)');
    s.take('Deliver(outcome(1) -> p2)');
    s.take('Deliver(outcome(1) -> p3)');
    expect(s.image()).toMatchObject({ outcome: 1, done: true });
    expect(s.obligation(3)).toEqual({ ok: true, via: ['Terminate'] });
    const d = s.diagram();
    expect(d.lanes).toEqual(['p1', 'p2', 'p3']);
    expect(d.events.filter((e) => e.kind === 'receive')).toHaveLength(2);
  });
});

describe('the single copy above chapter 01', () => {
  it('is refined by replication, with the lossy network too', () => {
    const r = refines(replication(config), { spec: singleCopy(config), abstraction: toSingleCopy });
    expect(r.holds, r.counterexample?.message).toBe(true);
    expect(r.complete).toBe(true);
    const small = { ...config, replicas: 2, maxRequests: 2 };
    const lossy = refines(lossyReplication(small), {
      spec: singleCopy(small),
      abstraction: toSingleCopy,
    });
    expect(lossy.holds, lossy.counterexample?.message).toBe(true);
  });

  it('is not refined by replicas that apply entries on arrival', () => {
    const r = refines(replication({ ...config, receive: receiveOnArrival }), {
      spec: singleCopy(config),
      abstraction: toSingleCopy,
    });
    expect(r.holds).toBe(false);
    expect(r.failure?.step?.label.action).toBe('Deliver');
  });
});
