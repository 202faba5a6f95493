import { describe, expect, it } from 'vitest';
import type { Machine, NetworkKind } from '../../src/index';
import {
  action,
  actors,
  canonical,
  explore,
  invariant,
  labelText,
  layout,
  machine,
  nil,
  processAction,
  reachable,
  reachableGraph,
  replay,
  role,
  stepsFrom,
  to,
  tracePath,
} from '../../src/index';
import { H } from '../../src/lib/_internal/hash';
import type { VotersState } from './toys';
import {
  anyOrder,
  Bump,
  echo,
  keeper,
  Ping,
  resender,
  retransmit,
  sequence,
  Vote,
  voters,
} from './toys';

/**
 * The voters written by hand as a plain machine, the reference for the
 * actor system's counts: each voter has voted or not, has copies of its
 * vote in flight, and has been heard or not; the faults used are counted
 * when their budget is finite; a partition is the set of voters on the
 * tally's side.
 */
interface Ref {
  readonly voted: readonly boolean[];
  readonly flight: readonly number[];
  readonly heard: readonly boolean[];
  readonly copies: number;
  readonly lost: number;
  readonly dup: number;
  readonly parts: number;
  readonly side: readonly boolean[] | null;
}
function reference(o: {
  n: number;
  network: NetworkKind;
  lose?: number;
  duplicate?: number;
  partition?: number;
  countCopies?: boolean;
  symmetric?: boolean;
}) {
  const { n, network } = o;
  const L = o.lose ?? 0;
  const D = network === 'set' ? 0 : (o.duplicate ?? 0);
  const P = o.partition ?? 0;
  const count = (b: number) => b !== Number.POSITIVE_INFINITY;
  const set = <T>(xs: readonly T[], i: number, x: T) => xs.map((y, j) => (j === i ? x : y));
  const voters = Array.from({ length: n }, (_, i) => i);
  const reaches = (s: Ref, i: number) => s.side === null || s.side[i]!;
  const sides: boolean[][] = [];
  for (let mask = 0; mask < 2 ** n - 1; mask++) sides.push(voters.map((i) => !!(mask & (1 << i))));
  const key = (s: Ref) => {
    const per = voters.map(
      (i) => `${s.voted[i]}${s.flight[i]}${s.heard[i]}${s.side ? s.side[i] : ''}`,
    );
    if (o.symmetric) per.sort();
    return `${per.join('|')}/${s.copies}/${s.lost}/${s.dup}/${s.parts}/${s.side !== null}`;
  };
  return machine<Ref>({
    name: 'voters by hand',
    init: [
      {
        voted: voters.map(() => false),
        flight: voters.map(() => 0),
        heard: voters.map(() => false),
        copies: 0,
        lost: 0,
        dup: 0,
        parts: 0,
        side: null,
      },
    ],
    actions: [
      action({
        name: 'Vote',
        external: false,
        params: () => voters,
        guard: (s: Ref, i: number) => !s.voted[i],
        effect: (s, i) =>
          to({ ...s, voted: set(s.voted, i, true), flight: set(s.flight, i, s.flight[i]! + 1) }),
      }),
      action({
        name: 'Deliver',
        external: false,
        params: () => voters,
        guard: (s: Ref, i: number) => s.flight[i]! > 0 && reaches(s, i),
        effect: (s, i) =>
          to({
            ...s,
            flight: network === 'set' ? s.flight : set(s.flight, i, s.flight[i]! - 1),
            heard: set(s.heard, i, true),
            copies: o.countCopies ? s.copies + 1 : 0,
          }),
      }),
      action({
        name: 'Lose',
        external: false,
        params: () => voters,
        guard: (s: Ref, i: number) => s.flight[i]! > 0 && s.lost < L,
        effect: (s, i) =>
          to({
            ...s,
            flight: set(s.flight, i, s.flight[i]! - 1),
            lost: s.lost + (count(L) ? 1 : 0),
          }),
      }),
      action({
        name: 'Duplicate',
        external: false,
        params: () => voters,
        guard: (s: Ref, i: number) => s.flight[i]! > 0 && s.dup < D,
        effect: (s, i) =>
          to({ ...s, flight: set(s.flight, i, s.flight[i]! + 1), dup: s.dup + (count(D) ? 1 : 0) }),
      }),
      action({
        name: 'Partition',
        external: false,
        params: (s: Ref) => (s.side === null && s.parts < P ? sides : []),
        effect: (s, side) => to({ ...s, side, parts: s.parts + (count(P) ? 1 : 0) }),
      }),
      action({
        name: 'Heal',
        external: false,
        guard: (s: Ref) => s.side !== null,
        effect: (s) => to({ ...s, side: null }),
      }),
    ],
    key,
  });
}

/** The same system, keyed by `key` and fingerprinted by the hash of that key. */
const keyedBy = <S>(m: Machine<S>, key: (s: S) => string | number): Machine<S> => {
  const { fingerprint: _, ...rest } = m;
  return { ...rest, key };
};

const counts = (m: Machine<any>) => {
  const r = explore(m);
  expect(r.complete).toBe(true);
  return [r.stats.states, r.stats.transitions];
};

describe('an actor system', () => {
  it('has the states a hand count gives: 3^n without faults, on each network', () => {
    // Each voter: not voted, its vote in flight, or heard. A set network keeps
    // a heard vote, so it may arrive again: a transition that changes nothing.
    expect(counts(voters({ n: 3, network: 'multiset' }))).toEqual([27, 54]);
    expect(counts(voters({ n: 3, network: 'ordered' }))).toEqual([27, 54]);
    expect(counts(voters({ n: 3, network: 'set' }))).toEqual([27, 81]);
  });

  it('has the states and transitions of the reference machine, under every fault budget', () => {
    const configs = [
      { n: 3, network: 'multiset', lose: 1 }, // 3^3 + 3 * 3^2 = 54: at most one vote lost
      { n: 3, network: 'multiset', duplicate: 1, countCopies: true },
      { n: 3, network: 'multiset', duplicate: 1 },
      { n: 3, network: 'set', lose: 2 },
      { n: 3, network: 'multiset', lose: Number.POSITIVE_INFINITY }, // 4^3: not counted
      { n: 2, network: 'ordered', lose: 1, duplicate: 2, countCopies: true },
      { n: 2, network: 'multiset', partition: 1 },
      { n: 2, network: 'set', partition: 2, lose: 1 },
      { n: 2, network: 'multiset', partition: Number.POSITIVE_INFINITY },
    ] as const;
    const got = configs.map((c) =>
      counts(
        voters({
          n: c.n,
          network: c.network,
          countCopies: 'countCopies' in c,
          faults: {
            lose: 'lose' in c ? c.lose : 0,
            duplicate: 'duplicate' in c ? c.duplicate : 0,
            partition: 'partition' in c ? c.partition : 0,
          },
        }),
      ),
    );
    expect(got).toEqual(configs.map((c) => counts(reference(c))));
    // Pinned, so that a change to either is a visible diff.
    expect(got).toEqual([
      [54, 117],
      [100, 237],
      [100, 237],
      [117, 351],
      [64, 144],
      [100, 224],
      [45, 102],
      [189, 550],
      [36, 90],
    ]);
    // One duplicate of one vote: 3^3 + (3^3 - 2^3) + 2 * 3 * 3^2.
    expect(got[2]![0]).toBe(27 + 19 + 54);
  });

  it('keys its states as finely as canonical does: the same counts with either key', () => {
    const systems: Machine<any>[] = [
      voters({ n: 3, network: 'set', faults: { lose: 1, partition: 1 } }),
      voters({ n: 2, network: 'ordered', faults: { duplicate: 1, lose: 1 }, arrivals: true }),
      echo(2, 'multiset', { lose: 1, duplicate: 1, crash: { server: 1 } }),
      keeper('recover', 2),
      retransmit('set', 2),
      sequence(3, 'ordered', { lose: 1, duplicate: 1 }),
      resender({
        time: { maxDelay: 2, horizon: 6, drift: { bound: 1, budget: 1 } },
        faults: { lose: 1 },
      }),
    ];
    for (const sys of systems)
      expect(explore(keyedBy(sys, canonical)).stats).toMatchObject({
        states: explore(sys).stats.states,
        transitions: explore(sys).stats.transitions,
      });
  });

  it('fingerprints its states as its key tells them apart: same key, same fingerprint, on sampled states', () => {
    const systems: Machine<any>[] = [
      voters({ n: 3, network: 'set', faults: { lose: 1, partition: 1 } }),
      voters({ n: 2, network: 'ordered', faults: { duplicate: 1, lose: 1 }, arrivals: true }),
      voters({ n: 3, network: 'multiset', faults: { duplicate: 2 }, countCopies: true }),
      echo(2, 'multiset', { lose: 1, duplicate: 1, crash: { server: 1 } }),
      keeper('restart', 2),
      sequence(3, 'ordered', { lose: 1, duplicate: 1 }),
      resender({
        time: { maxDelay: 2, horizon: 6, drift: { bound: 1, budget: 1 } },
        faults: { lose: 1 },
      }),
      anyOrder(1, 'multiset', false, { maxDelay: Number.POSITIVE_INFINITY, horizon: 3 }),
      anyOrder(2, 'ordered', false),
    ];
    let repeats = 0;
    for (const sys of systems) {
      expect(sys.fingerprint, sys.name).toBeDefined();
      // Every state met, by every path that reaches it: equal states as different objects.
      const sampled: unknown[] = [];
      let level = [...sys.init()];
      for (let d = 0; d < 8 && sampled.length < 20_000; d++) {
        const next: unknown[] = [];
        for (const s of level) for (const st of stepsFrom(sys, s)) next.push(st.to);
        sampled.push(...next);
        const fresh = new Map(next.map((s) => [sys.key(s), s]));
        level = [...fresh.values()];
      }
      const byKey = new Map<string | number, string>();
      const byFingerprint = new Map<string, string | number>();
      for (const s of sampled) {
        const k = sys.key(s);
        const f = `${sys.fingerprint!(s)}:${H.hi}`;
        expect(byKey.get(k) ?? f, `${sys.name}: one key, two fingerprints`).toBe(f);
        expect(byFingerprint.get(f) ?? k, `${sys.name}: one fingerprint, two keys`).toBe(k);
        byKey.set(k, f);
        byFingerprint.set(f, k);
      }
      expect(byKey.size, sys.name).toBeGreaterThan(5);
      repeats += sampled.length - byKey.size;
      // And the search counts the same states and steps with either.
      expect(explore(keyedBy(sys, sys.key)).stats).toMatchObject({
        states: explore(sys).stats.states,
        transitions: explore(sys).stats.transitions,
      });
    }
    expect(repeats).toBeGreaterThan(1000);
  });

  it('has no fingerprint under symmetry: the least key over the renamings is the equivalence', () => {
    expect(voters({ n: 3, network: 'set', symmetric: true }).fingerprint).toBeUndefined();
  });

  it('names its processes, and says whose step each is', () => {
    const sys = echo(2, 'multiset', { crash: { server: 1 } });
    expect(sys.names).toEqual(['s', 'c1', 'c2']);
    expect(sys.ids).toEqual({ server: [0], clients: [1, 2] });
    expect([0, 1, 2].map(sys.roleOf)).toEqual(['server', 'clients', 'clients']);
    const t = replay(sys, ['Ping(c2)', 'Deliver(ping(c2) → s)', 'Crash(s)']);
    expect(t.steps.map((st) => sys.actor(st.label))).toEqual([2, 0, 0]);
    expect(Ping.is(t.steps[0]!.label) && t.steps[0]!.label.param).toEqual({ p: 2, arg: undefined });
    expect(sys.localText(t.steps[0]!.label)).toBe('Ping');
    expect(sys.isTimer(t.steps[0]!.label)).toBe(false);
    expect(sys.process(t.steps[1]!.to, 0)).toEqual({ served: 1 });
    expect(t.steps[0]!.label.external).toBe(true);
    expect(t.steps[2]!.label.fault).toBe(true);
  });

  it('tells each step who the process is, and who sent a message', () => {
    const seen: string[] = [];
    type M = { readonly n: number };
    const r = (prefix: string) =>
      role<{ readonly done: boolean }, M>({
        name: (i) => `${prefix}${i}`,
        init: () => ({ done: false }),
        receive: (s, m, ctx) => {
          seen.push(`${ctx.self}/${ctx.index} got ${m.n} from ${ctx.from} at ${ctx.clock}`);
          return { state: s };
        },
        actions: [
          processAction<{ readonly done: boolean }, M>({
            name: `Go${prefix}`,
            guard: (s) => !s.done,
            effect: (_s, _p, ctx) => ({
              state: { done: true },
              send: [{ to: 0, msg: { n: ctx.self * 10 + ctx.index } }],
            }),
          }),
        ],
      });
    const sys = actors({
      name: 'ctx',
      ids: layout({ a: 1, b: 2 }),
      roles: { a: r('p'), b: r('q') },
      network: 'multiset',
      showMessage: (m: M) => String(m.n),
    });
    explore(sys);
    expect([...new Set(seen)].sort()).toEqual([
      '0/0 got 0 from 0 at 0',
      '0/0 got 10 from 1 at 0',
      '0/0 got 21 from 2 at 0',
    ]);
  });
});

describe('crashes', () => {
  it('stop: the process keeps its last state, takes no step, and never recovers', () => {
    const sys = keeper('stop', 1);
    expect(counts(sys)).toEqual([6, 5]); // 3 up and 3 stopped
    expect(sys.actions.map((a) => a.name)).toEqual(['Bump', 'Deliver', 'Crash']);
    const t = replay(sys, ['Bump', 'Crash(k)']);
    const down = t.steps[1]!.to;
    expect(down.up).toEqual([false]);
    expect(down.keeper[0]).toEqual({ kept: 1, scratch: 1 });
    expect(down.faults.crashed).toEqual([1]);
    expect(stepsFrom(sys, down)).toEqual([]);
  });

  it('recover: the persistent fields survive, the others restart, and the process comes back', () => {
    const sys = keeper('recover', 1);
    // 3 before the crash; 3 down (kept 0..2, scratch 0); 6 after it.
    expect(counts(sys)).toEqual([12, 11]);
    const t = replay(sys, ['Bump', 'Bump', 'Crash(k)', 'Recover(k)']);
    expect(t.steps[2]!.to.keeper[0]).toEqual({ kept: 2, scratch: 0 });
    expect(t.steps[2]!.to.up).toEqual([false]);
    expect(replay(sys, ['Bump', 'Crash(k)', 'Recover(k)', 'Bump']).steps[3]!.to.keeper[0]).toEqual({
      kept: 2,
      scratch: 1,
    });
    expect(stepsFrom(sys, t.steps[2]!.to).map((st) => labelText(st.label))).toEqual(['Recover(k)']);
    expect(t.steps[3]!.to.up).toEqual([true]);
    expect(sys.Recover.is(t.steps[3]!.label) && t.steps[3]!.label.fault).toBe(false);
    expect(() => replay(sys, ['Crash(k)', 'Recover(k)', 'Crash(k)'])).toThrow(/not enabled/); // budget 1
  });

  it('restart: back at once with what survived; a crash that would forget nothing is not offered', () => {
    const sys = keeper('restart', 1);
    expect(counts(sys)).toEqual([6, 5]);
    const init = [...sys.init()][0]!;
    expect(stepsFrom(sys, init).map((st) => labelText(st.label))).toEqual(['Bump']);
    const t = replay(sys, ['Bump', 'Crash(k)', 'Bump']);
    expect(t.steps[1]!.to.up).toEqual([true]);
    expect(t.steps[1]!.to.keeper[0]).toEqual({ kept: 1, scratch: 0 });
    expect(t.steps[2]!.to.keeper[0]).toEqual({ kept: 2, scratch: 1 });
    expect(sys.actions.map((a) => a.name)).not.toContain('Recover');
  });

  it('counts crashes only against a finite budget', () => {
    const sys = keeper('recover', Number.POSITIVE_INFINITY);
    expect(counts(sys)).toEqual([9, 12]); // up: 6 (kept, scratch <= kept); down: 3
    for (const s of reachableGraph(sys).states) expect(s.faults.crashed).toEqual([0]);
    expect(counts(keeper('recover', 0))).toEqual([3, 2]);
    expect(keeper('recover', 0).actions.map((a) => a.name)).toEqual(['Bump', 'Deliver']);
  });

  it('a down process receives nothing, and its messages wait for it', () => {
    const sys = echo(1, 'multiset', { crash: { server: 1 } });
    const t = replay(sys, ['Ping', 'Crash(s)']);
    expect(stepsFrom(sys, t.steps[1]!.to).map((st) => labelText(st.label))).toEqual(['Recover(s)']);
    const back = replay(sys, ['Ping', 'Crash(s)', 'Recover(s)', 'Deliver(ping(c1) → s)']);
    expect(back.steps[3]!.to.net.map((e) => e.msg)).toEqual(['pong']);
  });
});

describe('partitions', () => {
  const sys = voters({ n: 2, network: 'multiset', faults: { partition: 1 } });

  it('offers every split into two sides, the side with process 0 named first', () => {
    const init = [...sys.init()][0]!;
    expect(
      stepsFrom(sys, init)
        .filter((st) => sys.Partition.is(st.label))
        .map((st) => labelText(st.label)),
    ).toEqual(['Partition(t v2 | v1)', 'Partition(t v1 | v2)', 'Partition(t | v1 v2)']);
  });

  it('delivers nothing across the sides until the partition heals', () => {
    const g = reachableGraph(sys);
    let across = 0;
    g.states.forEach((s, i) => {
      for (const e of g.edges[i]!) {
        if (!sys.Deliver.is(e.label) || s.partition === nil) continue;
        const d = e.label.param;
        expect(s.partition.includes(d.env.from)).toBe(s.partition.includes(d.to));
        across++;
      }
      // A vote across the sides waits: it is in flight and cannot be delivered.
      if (s.partition !== nil)
        for (const env of s.net)
          if (!s.partition.includes(env.from))
            expect(
              stepsFrom(sys, s).some(
                (st) => sys.Deliver.is(st.label) && st.label.param.env === env,
              ),
            ).toBe(false);
    });
    expect(across).toBeGreaterThan(0); // deliveries on one side do happen
    const t = replay(sys, ['Vote(v1)', 'Partition(t | v1 v2)', 'Heal', 'Deliver(vote(v1) → t)']);
    expect(t.steps[3]!.to.tally[0]!.heard).toEqual([1]);
    expect(t.steps[2]!.to.faults.partitions).toBe(1);
    expect(stepsFrom(sys, t.steps[2]!.to).some((st) => sys.Partition.is(st.label))).toBe(false);
  });
});

describe('starts, constraints and history', () => {
  it('starts from several initial states', () => {
    const sys = voters({
      n: 2,
      network: 'multiset',
      starts: () => [{}, { voters: [{ voted: true }, { voted: false }] }],
    });
    const inits = [...sys.init()];
    expect(inits.map((s) => s.voters.map((v) => v.voted))).toEqual([
      [false, false],
      [true, false],
    ]);
    expect(explore(sys).stats.states).toBe(9 + 3); // the second start adds v1 voted with nothing sent
    const bad = voters({
      n: 2,
      network: 'multiset',
      starts: () => [{ voters: [{ voted: true }] }],
    });
    expect(() => [...bad.init()]).toThrow(
      'actors: a start gives 1 states for voters, which has 2 processes',
    );
  });

  it('takes no step the constraint refuses', () => {
    const sys = voters({
      n: 2,
      network: 'multiset',
      constraint: (_s, l) => !(Vote.is(l) && l.param.p === 2),
    });
    const r = explore(sys, {
      invariants: [invariant('v2 never votes', (s) => !s.voters[1]!.voted)],
    });
    expect(r.holds).toBe(true);
    expect(r.stats.states).toBe(3);
    const noLoss = voters({
      n: 1,
      network: 'multiset',
      faults: { lose: 1 },
      constraint: (s, l) => !(l.fault && s.voters[0]!.voted),
    });
    expect(explore(noLoss).stats.states).toBe(3);
  });

  it('records history on every step, from the state before it, and it counts in the key', () => {
    const sys = voters({ n: 3, network: 'multiset', arrivals: true });
    const g = reachableGraph(sys);
    // Each voter idle, in flight or heard; the heard ones in any order: sum of C(3,k) 2^(3-k) k!.
    expect(g.states).toHaveLength(8 + 12 + 12 + 6);
    g.states.forEach((s: VotersState, i) => {
      for (const e of g.edges[i]!) {
        const next = g.states[e.to] as VotersState;
        expect(next.history).toEqual(
          sys.Deliver.is(e.label) ? [...s.history, e.label.param.env.from] : s.history,
        );
      }
      expect([...s.history].sort()).toEqual(s.tally[0]!.heard);
    });
  });

  it('passes record the step, whose `to` still holds the history before it', () => {
    const steps: boolean[] = [];
    const sys = actors({
      name: 'h',
      ids: layout({ keeper: 1 }),
      roles: {
        keeper: role<{ readonly n: number }, string>({
          name: () => 'k',
          init: () => ({ n: 0 }),
          actions: [
            processAction<{ readonly n: number }, string>({
              name: 'Up',
              guard: (s) => s.n < 2,
              effect: (s) => ({ state: { n: s.n + 1 } }),
            }),
          ],
        }),
      },
      network: 'set',
      showMessage: (m: string) => m,
      history: {
        init: 0,
        record: (h: number, st) => {
          steps.push(st.to.history === h && st.to.keeper[0]!.n === st.from.keeper[0]!.n + 1);
          return h + 1;
        },
      },
    });
    const t = replay(sys, ['Up', 'Up']);
    expect(t.steps.map((st) => st.to.history)).toEqual([1, 2]);
    expect(steps).toEqual([true, true]);
  });
});

describe('bad definitions', () => {
  const k = role<{ readonly n: number }, string>({ name: () => 'k', init: () => ({ n: 0 }) });
  const def = {
    name: 'bad',
    ids: layout({ keeper: 1 }),
    roles: { keeper: k },
    network: 'multiset' as const,
    showMessage: (m: string) => m,
  };
  const cases: [string, () => unknown, string][] = [
    [
      'a reserved role name',
      () => actors({ ...def, ids: layout({ net: 1 }), roles: { net: k } }),
      "actors: a role may not be called 'net' (reserved: net, up, history, faults, now, clocks, partition)",
    ],
    [
      'repeated process names',
      () => actors({ ...def, ids: layout({ a: 1, b: 1 }), roles: { a: k, b: k } }),
      'actors: process names repeat (k, k)',
    ],
    [
      'a negative budget',
      () => actors({ ...def, faults: { lose: -1 } }),
      'actors: the lose budget must be a whole number from 0, or Infinity (no budget), got -1',
    ],
    [
      'a fractional crash budget',
      () => actors({ ...def, faults: { crash: { keeper: 0.5 } } }),
      'actors: the keeper crash budget must be a whole number from 0, or Infinity (no budget), got 0.5',
    ],
    [
      'a bad duplicate budget, even on a set network',
      () => actors({ ...def, network: 'set', faults: { duplicate: -2 } }),
      'actors: the duplicate budget must be a whole number from 0, or Infinity (no budget), got -2',
    ],
    [
      'a crash budget for a role that is not there',
      () => actors({ ...def, faults: { crash: { leader: 1 } as never } }),
      "actors: the crash budgets name 'leader', which is not a role (keeper)",
    ],
    [
      'a role with no ids',
      () => actors({ ...def, ids: {} as never }),
      "actors: the role 'keeper' has no ids in the layout",
    ],
    [
      'ids not laid out',
      () => actors({ ...def, ids: { keeper: [3] } }),
      'actors: ids must be numbered from 0, role after role (use layout)',
    ],
    [
      'a layout naming no role',
      () => actors({ ...def, ids: { ...layout({ keeper: 1 }), ghost: [] } as never }),
      "actors: the layout names 'ghost', which is not a role (keeper)",
    ],
    [
      'a bad layout',
      () => layout({ a: -1 }),
      'layout: a must be a whole number of processes from 0, got -1',
    ],
    [
      'two process actions of one name',
      () =>
        actors({
          ...def,
          ids: layout({ a: 1, b: 1 }),
          roles: {
            a: role({ ...k, actions: [Bump] as never }),
            b: role({ ...k, name: () => 'j', actions: [Bump] as never }),
          },
        }),
      'actors: two process actions are named Bump; names must be unique',
    ],
    [
      'symmetry of a role that is not there',
      () => actors({ ...def, symmetry: { role: 'agents' } }),
      "actors: symmetry names the role 'agents', which is not one of keeper",
    ],
    [
      'a delay of 0',
      () => actors({ ...def, time: { maxDelay: 0, horizon: 3 } }),
      'actors: maxDelay must be a whole number of ticks from 1, or Infinity, got 0',
    ],
    [
      'a negative horizon',
      () => actors({ ...def, time: { maxDelay: 1, horizon: -1 } }),
      'actors: horizon must be a whole number of ticks from 0, got -1',
    ],
    [
      'a negative drift bound',
      () => actors({ ...def, time: { maxDelay: 1, horizon: 1, drift: { bound: -1, budget: 1 } } }),
      'actors: the drift bound must be a whole number of ticks from 0, got -1',
    ],
    [
      'a bad drift budget',
      () => actors({ ...def, time: { maxDelay: 1, horizon: 1, drift: { bound: 1, budget: 1.5 } } }),
      'actors: the drift budget must be a whole number from 0, or Infinity (no budget), got 1.5',
    ],
    [
      'a timed set network with a bounded delay',
      () => actors({ ...def, network: 'set', time: { maxDelay: 2, horizon: 3 } }),
      'actors: a set network keeps a delivered message, so it cannot bound delays; use multiset or ordered with a finite maxDelay',
    ],
  ];
  it.each(cases)('%s: throws a one-line error', (_name, make, message) => {
    expect(make).toThrow(message);
    try {
      make();
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });
});

describe('symmetry', () => {
  it('counts states up to a permutation of the voters: C(n + 2, 2) instead of 3^n', () => {
    expect(counts(voters({ n: 3, network: 'multiset', symmetric: true }))[0]).toBe(10);
    expect(counts(voters({ n: 4, network: 'set', symmetric: true }))[0]).toBe(15);
    for (const c of [
      { n: 3, network: 'multiset', lose: 1 },
      { n: 3, network: 'multiset', duplicate: 1 },
      { n: 2, network: 'multiset', partition: 1 },
      { n: 3, network: 'set', lose: 1, partition: 1 },
    ] as const) {
      const sym = voters({
        n: c.n,
        network: c.network,
        symmetric: true,
        faults: {
          lose: 'lose' in c ? c.lose : 0,
          duplicate: 'duplicate' in c ? c.duplicate : 0,
          partition: 'partition' in c ? c.partition : 0,
        },
      });
      expect(explore(sym).stats.states).toBe(
        explore(reference({ ...c, symmetric: true })).stats.states,
      );
    }
  });

  it('gives the same verdicts, with shortest traces that replay', () => {
    const plain = voters({ n: 3, network: 'multiset', faults: { lose: 1 } });
    const sym = voters({ n: 3, network: 'multiset', faults: { lose: 1 }, symmetric: true });
    const claims = {
      invariants: [
        invariant('the tally hears at most two', (s: VotersState) => s.tally[0]!.heard.length < 3),
      ],
    };
    const a = explore(plain, claims);
    const b = explore(sym, claims);
    expect([a.holds, b.holds]).toEqual([false, false]);
    expect(b.counterexample!.trace.steps).toHaveLength(a.counterexample!.trace.steps.length);
    const again = replay(sym, tracePath(b.counterexample!.trace));
    expect(again.steps.map((st) => sym.key(st.to))).toEqual(
      b.counterexample!.trace.steps.map((st) => sym.key(st.to)),
    );
    expect(again.steps.at(-1)!.to.tally[0]!.heard).toEqual([1, 2, 3]);
    const goal = {
      reachable: [reachable('a vote is lost', (s: VotersState) => s.faults.lost === 1)],
    };
    expect([explore(plain, goal).holds, explore(sym, goal).holds]).toEqual([true, true]);
    expect(explore(sym, goal).witnesses.get('a vote is lost')!.steps).toHaveLength(2);
  });

  it('names a partition by the side with process 0, even when renaming moves process 0', () => {
    // Three interchangeable peers and one partition: every split is 2 | 1 up to renaming.
    const peer = role<{ readonly n: number }, string>({
      name: (i) => `p${i}`,
      init: () => ({ n: 0 }),
    });
    const peers = (symmetric: boolean) =>
      actors({
        name: 'peers',
        ids: layout({ peers: 3 }),
        roles: { peers: peer },
        network: 'multiset',
        showMessage: (m: string) => m,
        faults: { partition: 1 },
        ...(symmetric ? { symmetry: { role: 'peers' } } : {}),
      });
    expect(explore(peers(false)).stats.states).toBe(1 + 3 + 1);
    expect(explore(peers(true)).stats.states).toBe(1 + 1 + 1);
  });

  it('keeps the order of an ordered network: a symmetric key never merges two channel orders', () => {
    // Per sender: nothing sent; one of a, b in flight or received; both sent in one
    // order, with 0, 1 or 2 received: 1 + 4 + 6 = 11 states, and 11 * 12 / 2 pairs.
    expect(explore(anyOrder(2, 'ordered', false)).stats.states).toBe(121);
    const sym = anyOrder(2, 'ordered', true);
    expect(explore(sym).stats.states).toBe(66);
    const ba = reachable('a sender’s b arrives before its a', (s: any) =>
      s.receiver[0].logs.some((l: readonly string[]) => l.join() === 'b,a'),
    );
    expect(explore(sym, { reachable: [ba] }).holds).toBe(true);
  });
});
