/**
 * An explorer session without a browser, on a toy model and its spec: its
 * steps (alike labels told apart by `#2`, the same step counted once), undo,
 * reset and replay from a link, and the §5.1 obligation it shows for each
 * step (matched, a stutter, or no match).
 */
import { describe, expect, it } from 'vitest';
import type { ExplorerModel } from '../../src/chapters/chapter';
import type { Nil } from '../../src/index';
import { action, choose, machine, nil, returns, to } from '../../src/index';
import { formatLink, parseLink } from '../../src/site/explorer/app';
import { choicesFrom, Session } from '../../src/site/explorer/session';

/** A spec that chooses at once: `*Allow(v)` either sets the outcome or leaves it. */
interface Eager {
  readonly outcome: number | Nil;
}
const eager = machine<Eager>({
  name: 'eager',
  init: [{ outcome: nil }],
  actions: [
    action({
      name: 'Allow',
      external: true,
      params: () => [1, 2],
      effect: (s, v: number) => choose(to({ outcome: s.outcome === nil ? v : s.outcome }), to(s)),
    }),
    action({ name: 'Outcome', external: true, effect: (s) => returns(s, s.outcome) }),
  ],
});

/** An implementation that chooses later, by an internal `Agree`, and may `Tidy` (a stutter). */
interface Deferred {
  readonly allowed: readonly number[];
  readonly outcome: number | Nil;
  readonly tidy: boolean;
}
const deferred = machine<Deferred>({
  name: 'deferred',
  init: [{ allowed: [], outcome: nil, tidy: false }],
  actions: [
    action({
      name: 'Allow',
      external: true,
      params: () => [1, 2],
      guard: (s: Deferred, v: number) => !s.allowed.includes(v),
      effect: (s, v) => to({ ...s, allowed: [...s.allowed, v] }),
    }),
    action({
      name: 'Agree',
      external: false,
      params: (s: Deferred) => s.allowed,
      guard: (s: Deferred) => s.outcome === nil,
      effect: (s, v: number) => to({ ...s, outcome: v }),
    }),
    action({
      name: 'Tidy',
      external: false,
      guard: (s: Deferred) => !s.tidy,
      effect: (s) => to({ ...s, tidy: true }),
    }),
    action({ name: 'Outcome', external: true, effect: (s) => returns(s, s.outcome) }),
  ],
});

/** The toy as an explorer model. */
const toy: ExplorerModel<Deferred, Eager> = {
  id: '99-toy',
  title: 'a toy',
  about: 'Allow, then Agree.',
  machine: () => deferred,
  spec: () => eager,
  abstraction: (y) => ({ outcome: y.outcome }),
};

describe('an explorer session', () => {
  it('tells apart steps with the same label only when they lead to different states', () => {
    const init = [...eager.init()][0]!;
    expect(choicesFrom(eager, init).map((c) => c.text)).toEqual([
      'Allow(1)',
      'Allow(1)#2',
      'Allow(2)',
      'Allow(2)#2',
      'Outcome -> nil',
    ]);
    // Once the outcome is set, both of Allow's alternatives lead to the same state: one choice.
    expect(choicesFrom(eager, { outcome: 1 }).map((c) => c.text)).toEqual([
      'Allow(1)',
      'Allow(2)',
      'Outcome -> 1',
    ]);
    const t = new Session({
      id: '99-eager',
      title: 'eager',
      about: 'Allow.',
      machine: () => eager,
    });
    t.restore(['Allow(1)#2']);
    expect(t.state).toEqual({ outcome: nil });
    t.restore(['Allow(1)']);
    expect(t.state).toEqual({ outcome: 1 });
  });

  it('shows the §5.1 obligation: matched, a stutter, or no match', () => {
    const s = new Session(toy);
    expect(s.image()).toEqual({ outcome: nil });
    s.take('Allow(1)');
    // f did not change: the spec's Allow(1) that leaves the outcome matches.
    expect(s.obligation(0)).toEqual({ ok: true, via: ['Allow(1) (choice 2)'] });
    s.take('Tidy');
    expect(s.obligation(1)).toEqual({ ok: true, via: [] });
    s.take('Agree(1)');
    // The eager spec has no internal step to choose with.
    expect(s.obligation(2)).toEqual({ ok: false, via: [] });
    s.take('Outcome -> 1');
    expect(s.obligation(3)).toEqual({ ok: true, via: ['Outcome -> 1'] });
    expect(s.obligation(4)).toBeUndefined();
    expect(new Session({ ...toy, spec: undefined }).obligation(0)).toBeUndefined();
  });

  it('undoes, resets, and replays a run from its link', () => {
    const s = new Session(toy);
    s.take('Allow(2)');
    s.take('Agree(2)');
    const link = formatLink({ model: toy.id, run: s.path });
    expect(parseLink(link)).toEqual({ model: toy.id, run: ['Allow(2)', 'Agree(2)'] });
    const again = new Session(toy);
    again.restore(parseLink(link)!.run);
    expect(again.state).toEqual(s.state);
    s.undo();
    expect(s.path).toEqual(['Allow(2)']);
    s.reset();
    expect(s.trace.steps).toHaveLength(0);
    // Without a chapter diagram, one lane per state variable.
    again.take('Allow(1)');
    expect(again.diagram().lanes).toEqual(['action', 'allowed', 'outcome', 'tidy']);
  });

  it('rejects a step that is not enabled, saying what is, and a link that is not a list', () => {
    const s = new Session(toy);
    expect(() => s.take('Agree(1)')).toThrow(
      'explorer: step 1, Agree(1), is not enabled; enabled are Allow(1), Allow(2), Tidy, Outcome -> nil',
    );
    expect(() => parseLink('#model=x&run=5')).toThrow('JSON list');
    // A link cut short is one line of explanation, not the JSON parser's.
    expect(() => parseLink('#model=x&run=%5B%22Allow(2)%22%2C%22Agr')).toThrow(
      /^explorer: this link's run is damaged .*: starting from the initial state$/,
    );
    expect(parseLink('')).toBeUndefined();
  });
});
