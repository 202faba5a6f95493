/**
 * An explorer session without a browser, on a toy model and its spec: its
 * steps (alike labels told apart by `#2`, the same step counted once, and
 * each of them named by what it changes), undo, reset and replay from a
 * link, and the §5.1 obligation it shows for each step (matched, a stutter,
 * or no match). On a toy message-passing system: what a step changes in the
 * network, the enabled steps grouped by process, the steps the last step
 * enabled, and a delivery of a message its receiver has had before. On the
 * registry's models: the chapters' mutants, each stepped into its failure,
 * and links that name a mutant.
 */
import { describe, expect, it } from 'vitest';
import type { ExplorerModel } from '../../src/chapters/chapter';
import type { Nil } from '../../src/index';
import { action, choose, machine, nil, returns, to } from '../../src/index';
import { formatLink, openLink, parseLink } from '../../src/site/explorer/app';
import { explorerModels } from '../../src/site/explorer/models';
import {
  changeOf,
  choicesFrom,
  EXTERNAL,
  FAULTS,
  OTHER,
  Session,
} from '../../src/site/explorer/session';
import { echo } from '../lib/toys';
import { ownValuePath, paxosPath } from './explorerRuns';

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
    // The spec's two ways of Allow(1) are named by what they change, not by a number.
    expect(s.obligation(0)).toEqual({ ok: true, via: ['Allow(1) with no change'] });
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

  it('names the ways of a step that can turn out more than one way by what each changes', () => {
    const t = new Session({
      id: '99-eager',
      title: 'eager',
      about: 'Allow.',
      machine: () => eager,
    });
    const ways = t.enabled().map((c) => [c.text, c.way]);
    expect(ways).toEqual([
      ['Allow(1)', 'outcome := 1'],
      ['Allow(1)#2', 'no change'],
      ['Allow(2)', 'outcome := 2'],
      ['Allow(2)#2', 'no change'],
      ['Outcome -> nil', undefined],
    ]);
    expect(JSON.stringify(t.enabled())).not.toMatch(/choice/);
  });
});

/** A server and one client over a network of the given kind, which may lose or duplicate a message. */
const echoModel = (kind: 'set' | 'multiset'): ExplorerModel => ({
  id: '99-echo',
  title: 'echo',
  about: 'Ping, and deliver.',
  machine: () => echo(1, kind, { lose: 1, duplicate: 1 }),
});

describe('an explorer session of a message-passing system', () => {
  it('writes what a step changes in the network as messages added and removed', () => {
    const s = new Session(echoModel('multiset'));
    s.take('Ping');
    s.take('Deliver(ping(c1) → s)');
    const [ping, deliver] = s.history();
    expect(ping!.change).toBe('c1 := {sent: true, got: false}; network: + ping(c1) → s');
    // The whole network is pong alone now; the line says what came and went.
    expect(deliver!.change).toBe('s := {served: 1}; network: + pong → c1; − ping(c1) → s');
    const lose = s.enabled().find((c) => c.text === 'Lose(pong → c1)')!;
    expect(lose.change).toBe('network: − pong → c1');
    expect(changeOf(s.machine, s.state, s.state)).toBe('');
  });

  it('groups the enabled steps by process, external steps and faults apart, and marks what the last step enabled', () => {
    const s = new Session(echoModel('multiset'));
    const groups = () =>
      s.groups().map((g) => [g.name, g.steps.map((c) => (c.fresh ? `${c.text} (new)` : c.text))]);
    expect(groups()).toEqual([[EXTERNAL, ['Ping']]]);
    s.take('Ping');
    expect(groups()).toEqual([
      ['s', ['Deliver(ping(c1) → s) (new)']],
      [FAULTS, ['Lose(ping(c1) → s) (new)', 'Duplicate(ping(c1) → s) (new)']],
    ]);
    s.take('Duplicate(ping(c1) → s)');
    // Still enabled, so not new; the budget of one duplicate is spent.
    expect(groups()).toEqual([
      ['s', ['Deliver(ping(c1) → s)']],
      [FAULTS, ['Lose(ping(c1) → s)']],
    ]);
    // A machine with no processes: one group of internal steps.
    const d = new Session(toy);
    d.take('Allow(1)');
    expect(d.groups().map((g) => g.name)).toEqual([EXTERNAL, OTHER]);
  });

  it.each(['set', 'multiset'] as const)(
    'marks a delivery of a message its receiver has had before as a duplicate (%s network)',
    (kind) => {
      const s = new Session(echoModel(kind));
      s.take('Ping');
      // In a multiset network a second copy comes from the Duplicate fault; in a set, the message stays.
      if (kind === 'multiset') s.take('Duplicate(ping(c1) → s)');
      const deliver = () => s.enabled().find((c) => c.text === 'Deliver(ping(c1) → s)')!;
      expect(deliver().again).toBe(false);
      s.take('Deliver(ping(c1) → s)');
      expect(deliver().again).toBe(true);
      s.take('Deliver(ping(c1) → s)');
      expect(s.history().map((h) => h.again)).toEqual(
        kind === 'multiset' ? [false, false, false, true] : [false, false, true],
      );
      expect(s.enabled().find((c) => c.text === 'Deliver(pong → c1)')?.again).toBe(false);
    },
  );
});

/** A registry model, or one of its mutants. */
function sessionOf(id: string, mutant?: string): Session {
  const m = explorerModels.find((x) => x.id === id)!;
  if (mutant === undefined) return new Session(m);
  const mu = m.mutantModels.find((x) => x.name === mutant);
  if (!mu) throw new Error(`no mutant '${mutant}' of ${id}`);
  return new Session(mu.model);
}

/** Take the steps; the obligation of each, true or false. */
function obligations(s: Session, path: readonly string[]): (boolean | undefined)[] {
  return path.map((t) => {
    s.take(t);
    return s.obligation(s.trace.steps.length - 1)?.ok;
  });
}

describe('the chapters’ mutants in the explorer', () => {
  it('are offered where the model can run them, by name and bug, in 04, 05, 06, 07 and 08', () => {
    const names = (id: string) =>
      explorerModels.find((m) => m.id === id)!.mutantModels.map((m) => m.name);
    expect(names('04-ring')).toEqual([
      'the token is the lock',
      'enter on receipt',
      'release without the lock',
      'pass from cs',
    ]);
    // 'in-flight tokens forgotten' is a wrong invariant, not a machine: left out.
    expect(names('05-coordinator')).toEqual(['answer before choosing', 'no retransmission']);
    expect(names('05-majority')).toEqual(['majorities of 2 of 4', 'changes its choice']);
    expect(names('06-paxos')).toContain('any allowed value');
    expect(names('07-paxos-invariants')).toContain('one report is enough');
    expect(names('08-paxos')).toContain('own value');
    const mu = explorerModels.find((m) => m.id === '06-paxos')!.mutantModels[1]!;
    expect(mu.bug).toMatch(/^A leader picks any value in allowed_l/);
  });

  it('step into their failure: no spec step matches where the correct model has one (06, 08)', () => {
    expect(obligations(sessionOf('06-paxos'), paxosPath).every(Boolean)).toBe(true);
    const bad = sessionOf('06-paxos', 'any allowed value');
    const ok = obligations(bad, paxosPath);
    // Round (1,l2) agreed on 8; now (1,l1), the first successful round, has 7: D cannot change its outcome.
    expect(ok.indexOf(false)).toBe(paxosPath.length - 1);
    expect(bad.invariants().find((i) => !i.holds)).toEqual({
      name: 'Invariant 2: any two successful rounds have the same value',
      holds: false,
      why: 'successful rounds with different values: (1,l1) has 7, (1,l2) has 8',
    });
    const right = obligations(sessionOf('08-paxos'), ownValuePath.slice(0, -1));
    expect(right.every(Boolean)).toBe(true);
    const own = sessionOf('08-paxos', 'own value');
    expect(obligations(own, ownValuePath).indexOf(false)).toBe(ownValuePath.length - 1);
  });

  it('show a mutant abstraction function that fails the first obligation (04)', () => {
    expect(sessionOf('04-ring').initialOk()).toBe(true);
    // Whoever has the token holds the lock: p1 holds it at the start, and Mutex's holder is nil.
    expect(sessionOf('04-ring', 'the token is the lock').initialOk()).toBe(false);
    expect(new Session({ ...toy, spec: undefined }).initialOk()).toBeUndefined();
  });

  it('step into their failure in 04, 05 and 07 too', () => {
    expect(obligations(sessionOf('04-ring'), ['Pass(p1)', 'Receive(p2)'])).toEqual([true, true]);
    expect(
      obligations(sessionOf('04-ring', 'enter on receipt'), ['Pass(p1)', 'Receive(p2)']),
    ).toEqual([true, false]);
    expect(
      obligations(sessionOf('05-coordinator', 'answer before choosing'), [
        'Allow(p1, 1)',
        'Outcome(p1) -> 1',
      ]),
    ).toEqual([true, false]);
    // Its constants are four processes, any two a "majority".
    expect(sessionOf('05-majority', 'majorities of 2 of 4').machine.name).toBe('Majority(2 of 4)');
    const inv = sessionOf('07-paxos-invariants', 'any allowed value');
    expect(inv.invariants().map((i) => i.holds)).toEqual([true, true, true, true, true]);
    obligations(inv, paxosPath.slice(0, 9));
    // Invariant 4 fails as soon as (1,l2) has a value that (1,l1), not dead, does not have.
    expect(
      inv
        .invariants()
        .filter((i) => !i.holds)
        .map((i) => i.name),
    ).toEqual([
      'Invariant 4: a round m that is not dead binds every later round n',
      'Invariant 4 (rearranged): every round with a value is anchored',
    ]);
  });

  it('are named in a link, which opens them, and a link naming an unknown mutant says so in one line', () => {
    const link = formatLink({
      model: '06-paxos',
      mutant: 'any allowed value',
      run: ['Allow(7, l1)'],
    });
    expect(link).toBe(
      '#model=06-paxos&mutant=any+allowed+value&run=%5B%22Allow%287%2C+l1%29%22%5D',
    );
    const parsed = parseLink(link)!;
    expect(parsed).toEqual({
      model: '06-paxos',
      mutant: 'any allowed value',
      run: ['Allow(7, l1)'],
    });
    const first = explorerModels[0]!;
    const opened = openLink(explorerModels, parsed, first);
    expect(opened.model.id).toBe('06-paxos');
    expect(opened.mutant?.name).toBe('any allowed value');
    expect(opened.error).toBeUndefined();
    expect(parseLink('#model=06-paxos')).toEqual({ model: '06-paxos', run: [] });
    const bad = openLink(explorerModels, { model: '06-paxos', mutant: 'nope', run: [] }, first);
    expect(bad.model.id).toBe('06-paxos');
    expect(bad.mutant).toBeUndefined();
    expect(bad.error).toMatch(
      /^explorer: this link's mutant is damaged \(06-paxos has no mutant 'nope'; its mutants are 'shared round numbers', .*\): starting from the initial state of the correct model$/,
    );
    expect(bad.error).not.toContain('\n');
    expect(openLink(explorerModels, { model: 'nope', run: [] }, first)).toEqual({
      model: first,
      error: `explorer: no model 'nope'; the models are ${explorerModels.map((m) => m.id).join(', ')}`,
    });
  });
});
