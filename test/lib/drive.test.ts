import { describe, expect, it } from 'vitest';
import type { ActorState, DelayPolicy, Nil, Role, Workload } from '../../src/index';
import {
  action,
  actors,
  drive,
  driveStep,
  labelText,
  layout,
  machine,
  mayTake,
  nil,
  processAction,
  processStep,
  reachable,
  role,
  stepsFrom,
  to,
  tracePath,
} from '../../src/index';

/** The pinger: two clients ping a server when the workload says, and ping again on a timer until answered. */
type Msg = 'ping' | 'pong';
interface Client {
  /** Pings the workload asked for. */
  readonly asked: number;
  readonly pongs: number;
  /** When to ping again, on the client's clock (nil: answered). */
  readonly timer: number | Nil;
}
const PATIENCE = 6;
const MAX_DELAY = 4;
const Ping = processAction<Client, Msg>({
  name: 'Ping',
  external: true,
  effect: (s, _p, { clock }) => ({
    state: { ...s, asked: s.asked + 1, timer: s.timer === nil ? clock + PATIENCE : s.timer },
    send: [{ to: 0, msg: 'ping' }],
  }),
});
const Retry = processAction<Client, Msg>({
  name: 'Retry',
  due: (s) => s.timer,
  effect: (s, _p, { clock }) => ({
    state: { ...s, timer: clock + PATIENCE },
    send: [{ to: 0, msg: 'ping' }],
  }),
});
type Roles = {
  readonly server: Role<{ readonly served: number }, Msg>;
  readonly clients: Role<Client, Msg>;
};
type S = ActorState<Roles, Msg>;

function pinger(o: { lose?: number; crash?: number; horizon?: number } = {}) {
  const server = role<{ readonly served: number }, Msg>({
    name: () => 'srv',
    init: () => ({ served: 0 }),
    receive: (s, m, { from }) =>
      m === 'ping'
        ? { state: { served: s.served + 1 }, send: [{ to: from!, msg: 'pong' }] }
        : { state: s },
  });
  const clients = role<Client, Msg>({
    name: (i) => `c${i + 1}`,
    init: () => ({ asked: 0, pongs: 0, timer: nil }),
    receive: (s, m) => ({ state: m === 'pong' ? { ...s, pongs: s.pongs + 1, timer: nil } : s }),
    actions: [Ping, Retry],
  });
  return actors({
    name: 'pinger',
    ids: layout({ server: 1, clients: 2 }),
    roles: { server, clients },
    network: 'multiset',
    showMessage: (m: Msg) => m,
    faults: { lose: o.lose ?? 0, crash: { server: o.crash ?? 0 } },
    // c2's clock runs a tick ahead of real time.
    time: { maxDelay: MAX_DELAY, horizon: o.horizon ?? 200, skew: (p) => (p === 2 ? 1 : 0) },
  });
}

/** Each client pings at 10, 20, 30, 40 and 50 (real time). */
const EVERY = 10;
const pings: Workload<S> = (s) => {
  const steps = s.clients.flatMap((c, i) =>
    c.asked < 5 && c.asked < Math.floor(s.now / EVERY) ? [processStep(Ping, i + 1)] : [],
  );
  const asked = Math.min(...s.clients.map((c) => c.asked));
  return { steps, ...(asked < 5 ? { next: EVERY * (asked + 1) } : {}) };
};
const fixed =
  (d: number): DelayPolicy<S, Msg> =>
  () =>
    d;
const random: DelayPolicy<S, Msg> = (_e, _s, draw) => draw(1, MAX_DELAY);
const pongs = (s: S) => s.clients.reduce((n, c) => n + c.pongs, 0);

describe('drive: the order of a moment', () => {
  const sys = pinger();
  // A ping and its pong take 8 ticks, more than the clients' patience: they ping again.
  const d = drive(sys, { seed: 1, horizon: 200, delay: fixed(4), workload: pings, trace: true });
  const steps = d.trace!.steps;

  it('delivers each copy at its time, runs each timer when due, and takes the workload steps when asked', () => {
    for (const st of steps) {
      if (sys.Deliver.is(st.label)) expect(st.from.now).toBe(st.label.param.env.sent! + 4);
      if (Ping.is(st.label)) expect(st.from.now % EVERY).toBe(0);
      if (Retry.is(st.label)) {
        const p = st.label.param.p;
        expect(st.from.now + st.from.clocks[p]!).toBe(st.from.clients[p - 1]!.timer);
      }
    }
    expect(steps.filter((st) => Ping.is(st.label)).length).toBe(10);
    expect(steps.filter((st) => Retry.is(st.label)).length).toBeGreaterThan(0);
    expect(d.ended).toBe('quiet');
  });

  it('delivers a copy due at the moment a timer runs out before the timer', () => {
    // A ping and its pong take 6 ticks, the clients' patience: each pong lands as the timer runs out.
    const e = drive(sys, { seed: 1, horizon: 200, delay: fixed(3), workload: pings, trace: true });
    expect(e.trace!.steps.filter((st) => Retry.is(st.label)).length).toBe(0);
    expect(pongs(e.end)).toBe(10);
  });

  it('lets time pass only when no copy is due, no timer is due, and the workload wants nothing', () => {
    const ticks = steps.filter((st) => sys.Tick.is(st.label));
    expect(ticks.length).toBe(d.ticks);
    for (const st of ticks) {
      const s = st.from;
      expect(s.net.some((e) => e.sent! + 4 <= s.now)).toBe(false);
      expect(
        sys.actions
          .filter((a) => sys.isTimer({ action: a.name }))
          .flatMap((a) => [...a.params!(s)]),
      ).toEqual([]);
      expect(pings(s)?.steps ?? []).toEqual([]);
    }
    // and then only up to the next event: a tick is never followed by nothing but ticks to the end
    expect(sys.Tick.is(steps.at(-1)!.label)).toBe(false);
  });

  it('counts the steps, the ticks and the copies sent, by kind', () => {
    expect(d.steps + d.ticks + d.lost).toBe(steps.length);
    const k = drive(sys, {
      seed: 1,
      horizon: 200,
      delay: fixed(4),
      workload: pings,
      kindOf: (m) => m,
    });
    const sentPings = steps.filter((st) => Ping.is(st.label) || Retry.is(st.label)).length;
    const sentPongs = steps.filter(
      (st) => sys.Deliver.is(st.label) && st.label.param.env.msg === 'ping',
    ).length;
    expect(k.sent).toEqual({ ping: sentPings, pong: sentPongs });
  });
});

describe('mayTake', () => {
  it('says whether a process may take an action now, as its guard says', () => {
    const sys = pinger();
    const s0 = [...sys.init()][0]!;
    // Ping is external and always enabled; Retry only once a timer is set and due.
    expect(mayTake(sys, Ping, s0, 1)).toBe(true);
    expect(mayTake(sys, Retry, s0, 1)).toBe(false);
    // The server has no Ping; nor is there a process 9.
    expect(mayTake(sys, Ping, s0, 0)).toBe(false);
    expect(mayTake(sys, Ping, s0, 9)).toBe(false);
  });
});

describe('drive: seeded and replayable', () => {
  const sys = pinger();
  const run = (seed: number) =>
    drive(sys, { seed, horizon: 200, delay: random, workload: pings, trace: true });

  it('gives the same run for the same seed, and a run of the machine', () => {
    const a = run(4);
    expect(tracePath(run(4).trace!)).toEqual(tracePath(a.trace!));
    // Every step is one the machine offers in the state before it, and leads where the machine's does.
    for (const st of a.trace!.steps)
      expect(
        stepsFrom(sys, st.from).some(
          (x) => labelText(x.label) === labelText(st.label) && sys.key(x.to) === sys.key(st.to),
        ),
      ).toBe(true);
    expect(tracePath(run(5).trace!)).not.toEqual(tracePath(a.trace!));
  });

  it('draws between copies due at the same moment', () => {
    // Both clients ping at 10 and every copy takes 3 ticks: the two pings tie at the server.
    const first = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const t = drive(sys, { seed, horizon: 20, delay: fixed(3), workload: pings, trace: true })
        .trace!;
      const st = t.steps.find((x) => sys.Deliver.is(x.label))!;
      if (sys.Deliver.is(st.label)) first.add(sys.names[st.label.param.env.from]!);
    }
    expect([...first].sort()).toEqual(['c1', 'c2']);
  });
});

describe('drive: faults, stops and checks', () => {
  it('loses the copies the policy loses, only on a network that may lose them', () => {
    const losePings: DelayPolicy<S, Msg> = (e) => (e.msg === 'ping' ? 'lost' : 1);
    expect(() =>
      drive(pinger(), { seed: 1, horizon: 200, delay: losePings, workload: pings }),
    ).toThrow('drive: the delay policy lost a copy, but this network does not lose messages');
    const sys = pinger({ lose: Number.POSITIVE_INFINITY });
    const d = drive(sys, { seed: 1, horizon: 100, delay: losePings, workload: pings, trace: true });
    const lost = d.trace!.steps.filter((st) => sys.Lose.is(st.label));
    expect(lost.length).toBe(d.lost);
    expect(d.lost).toBeGreaterThan(10);
    expect(pongs(d.end)).toBe(0);
    expect(d.ended).toBe('horizon');
    expect(d.end.now).toBeLessThanOrEqual(100);
  });

  it('takes a crash the workload asks for; copies to the crashed process wait, then pass their deadline', () => {
    const sys = pinger({ crash: 1 });
    const crashAt15: Workload<S> = (s) => {
      if (!s.up[0]) return pings(s);
      if (s.now >= 15) return { steps: [driveStep(sys.Crash, 0)] };
      return { ...pings(s), next: Math.min(pings(s)?.next ?? 15, 15) };
    };
    const d = drive(sys, {
      seed: 2,
      horizon: 120,
      delay: fixed(3),
      workload: crashAt15,
      trace: true,
    });
    const steps = d.trace!.steps;
    const crash = steps.findIndex((st) => sys.Crash.is(st.label));
    expect(steps[crash]!.from.now).toBe(15);
    expect(
      steps.slice(crash).some((st) => sys.Deliver.is(st.label) && st.label.param.to === 0),
    ).toBe(false);
    expect(d.end.net.every((e) => e.sent! + MAX_DELAY >= d.end.now)).toBe(true);
    expect(steps.slice(crash).filter((st) => Retry.is(st.label)).length).toBeGreaterThan(4);
  });

  it('stops at the first state an invariant fails, and says which state', () => {
    const sys = pinger();
    const fewPongs = {
      name: 'at most 3 pongs',
      holds: (s: S) => pongs(s) <= 3,
      why: (s: S) => `${pongs(s)} pongs`,
    };
    const d = drive(sys, {
      seed: 3,
      horizon: 200,
      delay: random,
      workload: pings,
      invariants: [fewPongs],
      trace: true,
    });
    expect(d.ended).toBe('failure');
    expect(d.failure).toEqual({
      property: 'at most 3 pongs',
      message: '4 pongs',
      at: d.trace!.steps.length,
    });
    expect(pongs(d.trace!.steps.at(-2)!.to)).toBe(3);
  });

  it('stops when its condition holds, and records the goals met', () => {
    const sys = pinger();
    const d = drive(sys, {
      seed: 3,
      horizon: 200,
      delay: random,
      workload: pings,
      until: (s) => pongs(s) >= 2,
      goals: [
        reachable('a pong', (s: S) => pongs(s) > 0),
        reachable('ten pongs', (s: S) => pongs(s) >= 10),
      ],
    });
    expect(d.ended).toBe('until');
    expect(pongs(d.end)).toBe(2);
    expect(d.reached).toEqual(['a pong']);
  });

  it('checks the step obligation on every step, given a refinement', () => {
    type X = { readonly n: number };
    const spec = machine<X>({
      name: 'counter',
      init: [{ n: 0 }],
      actions: [
        action<X, undefined>({ name: 'Ping', external: true, effect: (x) => to({ n: x.n + 1 }) }),
      ],
    });
    const observe = () => ({ action: 'Ping', param: undefined, ret: undefined });
    const sys = pinger();
    const asked = (s: S) => ({ n: s.clients.reduce((n, c) => n + c.asked, 0) });
    const ok = drive(sys, {
      seed: 1,
      horizon: 200,
      delay: random,
      workload: pings,
      refinement: { spec, abstraction: asked, observe },
    });
    expect(ok.failure).toBeUndefined();
    const wrong = drive(sys, {
      seed: 1,
      horizon: 200,
      delay: random,
      workload: pings,
      refinement: { spec, abstraction: (s) => ({ n: pongs(s) }), observe },
    });
    expect(wrong.failure?.property).toBe('obligation 2: every step is simulated');
  });

  it('says what is wrong with a policy or a workload', () => {
    const sys = pinger();
    expect(() => drive(sys, { seed: 1, horizon: 50, delay: fixed(0), workload: pings })).toThrow(
      'a delay must be a whole number of ticks from 1',
    );
    expect(() =>
      drive(sys, { seed: 1, horizon: 50, delay: fixed(MAX_DELAY + 2), workload: pings }),
    ).toThrow('drive: time cannot pass');
    const crashTwice: Workload<S> = () => ({
      steps: [driveStep(sys.Crash, 0), driveStep(sys.Crash, 0)],
    });
    expect(() => drive(sys, { seed: 1, horizon: 50, delay: random, workload: crashTwice })).toThrow(
      'drive: the workload asked for Crash, not an action of pinger',
    );
    const crashable = pinger({ crash: 1 });
    expect(() =>
      drive(crashable, { seed: 1, horizon: 50, delay: random, workload: crashTwice }),
    ).toThrow('drive: the workload asked for Crash(srv) at time 0, which is not enabled');
    const untimed = actors({
      name: 'untimed',
      ids: layout({ one: 1 }),
      roles: {
        one: role<{ readonly x: number }, string>({ name: () => 'one', init: () => ({ x: 0 }) }),
      },
      network: 'multiset',
      showMessage: (m: string) => m,
    });
    expect(() => drive(untimed, { seed: 1, horizon: 5, delay: () => 1 })).toThrow(
      'drive: untimed is not timed',
    );
  });
});
