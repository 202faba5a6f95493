/**
 * Chapter 11's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import type { Label, Nil, Trace } from '../../index';
import { nil, renderRefinementFailure, renderTrace } from '../../index';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import { refinementToLease } from './abstraction';
import { checkRefinesLease } from './checks';
import type { LeaseConfig } from './config';
import { config, epsilon, redoLogConfig, sharedConfig } from './config';
import type { Decision, LeaseRules, LeaseState, LeaseSystem, Mode } from './system';
import { clientName, HOME, homeRule, leaseSystem, rules } from './system';

const SLUG = '11-leases';

/** A configuration an exercise explores, and how its verdict names it. */
interface Where {
  readonly c: LeaseConfig;
  readonly name: string;
}

const configText = (c: LeaseConfig) =>
  `${c.clients} clients, L = ${c.lease}, b = ${c.clockBound} so ε = ${epsilon(c)}, δ = ${c.delta}, clock offsets [${c.skew.join(', ')}] (home first)${c.drifts > 0 ? `, ${c.drifts} drift of a clock` : ''}, time up to ${c.horizon}`;

const chapterConfig: Where = { c: config, name: 'the chapter’s configuration' };
const shared: Where = { c: sharedConfig, name: 'the configuration with shared leases' };
const careful: Where = {
  c: redoLogConfig,
  name: 'the configuration with careful writes (a redo log, then two halves)',
};

/**
 * Shared leases, and one clock that may jump a tick ahead (within ±b):
 * small enough to search on demand for a run that shows why the home
 * denies a shared lease to a client whose exclusive one is live.
 */
const driftShared: Where = {
  c: { ...sharedConfig, drifts: 1, horizon: 4 },
  name: 'the configuration with shared leases and a clock that drifts',
};

/** Process p's clock in s: real time plus its offset. */
const clockAt = (s: LeaseState, p: number) => s.now + s.clocks[p]!;

/** The system's state as a trace shows it, with every process's clock beside real time. */
function withClocks(sys: LeaseSystem): Pick<LeaseSystem, 'view'> {
  return {
    view: (s: LeaseState) => ({
      ...sys.view(s),
      clocks: sys.names.map((n, p) => `${n} ${clockAt(s, p)}`).join(', '),
    }),
  };
}

/**
 * The rules through the chapter's exhaustive check in one configuration:
 * its state count if it holds, else what went wrong, with the run.
 */
function explore(
  w: Where,
  r: LeaseRules,
): {
  readonly states: number;
  readonly run?: string;
  readonly trace?: Trace<LeaseState>;
  readonly unreached?: string;
  readonly sys: LeaseSystem;
} {
  const res = checkRefinesLease(w.c, { rules: r }, { seed: 1 });
  const sys = leaseSystem(w.c, r);
  if (res.holds) return { states: res.stats.states, sys };
  const view = withClocks(sys);
  if (res.counterexample) {
    const ce = res.counterexample;
    const run = res.failure
      ? renderRefinementFailure(view, refinementToLease(sys).spec, res)
      : `“${ce.property}” fails${ce.message === 'violated' ? '' : `: ${ce.message}`}, in this run:\n\n${renderTrace(view, ce.trace)}`;
    return { states: res.stats.states, run, trace: ce.trace, sys };
  }
  return { states: res.stats.states, unreached: res.unreached.join('; '), sys };
}

const names = (qs: readonly number[]) => qs.map(clientName).join(' and ');

// ---------------------------------------------------------------- 11.1

/** The test a holder applies before it starts a write. */
type MayStartWrite = (clock: number, t: number, c: LeaseConfig) => boolean;

/** When the table's leases expire, on the home's clock. */
const T = 10;

/** The (b, δ) of the table's rows: the chapter's first. */
const ROWS: readonly { readonly b: number; readonly delta: number }[] = [
  { b: 1, delta: 1 },
  { b: 1, delta: 2 },
  { b: 2, delta: 1 },
  { b: 0, delta: 1 },
  { b: 2, delta: 3 },
];

/**
 * The reader's test against the margin argument, one line per (b, δ) on
 * which they differ: a write started at clock x lands when the home's
 * clock reads at most x + ε + δ (the holder's clock up to ε behind the
 * home's, the write taking all of δ), and the home counts the lease live
 * until its clock passes t.
 */
function marginLines(may: MayStartWrite): { lenient: string[]; strict: string[] } {
  const lenient: string[] = [];
  const strict: string[] = [];
  for (const { b, delta } of ROWS) {
    const c: LeaseConfig = { ...config, clockBound: b, delta };
    const eps = epsilon(c);
    const safe = (x: number) => x + eps + delta <= T;
    const clocks = Array.from({ length: 25 }, (_, k) => T - 20 + k);
    const row = `With b = ${b} (ε = ${eps}) and δ = ${delta}`;
    const late = clocks.filter((x) => may(x, T, c) && !safe(x));
    if (late.length > 0) {
      const x = Math.max(...late);
      lenient.push(
        `${row}, your test lets a write start as late as clock ${x}. The holder’s clock may be ε behind the home’s, so the home’s may read ${x} + ${eps} = ${x + eps} then, and ${x + eps + delta} when the write lands δ later: past t = ${T}, when the home no longer counts the lease live and may have granted it to another.`,
      );
    }
    const refused = clocks.filter((x) => !may(x, T, c) && safe(x));
    if (refused.length > 0) {
      const x = Math.max(...refused);
      const every = refused.length === clocks.filter(safe).length;
      strict.push(
        `${row}, your test refuses ${every ? `every write, even one at clock ${x}` : `a write at clock ${x}`}, though it lands by the home’s clock ${x} + ${eps} + ${delta} = ${x + eps + delta} ≤ t = ${T} even with the holder’s clock ε behind the home’s and the write taking all of δ: the home still counts the lease live then, so the write is safe, and refusing it gives up part of the lease for nothing.`,
      );
    }
  }
  return { lenient, strict };
}

/**
 * The write in a run that lands after its lease is over on the home's
 * clock, in words: who started it, at what clock, under which t, and when
 * it landed.
 */
function lateWrite(sys: LeaseSystem, trace: Trace<LeaseState>): string | undefined {
  const steps = trace.steps;
  const sender = (l: Label) =>
    sys.Write.is(l) || sys.Rewrite.is(l) || sys.Continue.is(l) ? sys.actor(l) : undefined;
  for (let k = 0; k < steps.length; k++) {
    const st = steps[k]!;
    if (!sys.Deliver.is(st.label) || st.label.param.to !== HOME) continue;
    const { env } = st.label.param;
    if (env.msg.k !== 'write') continue;
    const p = env.from;
    const i = sys.ids.clients.indexOf(p);
    let j = k - 1;
    while (j >= 0 && sender(steps[j]!.label) !== p) j--;
    if (j < 0) continue;
    const lease = steps[j]!.from.clients[i]!.lease;
    const homeClock = clockAt(st.from, HOME);
    if (lease === nil || homeClock <= lease.t) continue;
    const what = sys.Write.is(steps[j]!.label)
      ? `its write ${env.msg.v}`
      : `a write of ${env.msg.v} (${env.msg.part})`;
    let granted = '';
    for (let g = j + 1; g < k; g++) {
      const before = steps[g]!.from.home[0]!.leases;
      const after = steps[g]!.to.home[0]!.leases;
      const q = after.findIndex((l, x) => x !== i && l !== nil && l !== before[x]);
      if (q >= 0) {
        granted = ` At step ${g + 1} the home, its clock at ${clockAt(steps[g]!.from, HOME)}, grants ${after[q]!.mode === 'w' ? 'the exclusive' : 'a shared'} lease to ${clientName(q)}.`;
        break;
      }
    }
    return `In this run ${clientName(i)} starts ${what} at step ${j + 1}, when its clock reads ${clockAt(steps[j]!.from, p)}, under a lease that expires at t = ${lease.t} on the home’s clock: your test lets it.${granted} At step ${k + 1} the write lands, the home’s clock at ${homeClock}: past t.`;
  }
  return undefined;
}

function checkMayStartWrite(mod: Record<string, unknown>): ExerciseVerdict {
  const may = exportedFunction<MayStartWrite>(mod, 'mayStartWrite');
  const r: LeaseRules = { ...rules, mayWrite: may };
  const { lenient, strict } = marginLines(may);
  const byCase = `Case by case, for a lease that expires at t = ${T} on the home’s clock:`;
  // Safe but too strict: the table says so, and no run can show it.
  if (lenient.length === 0 && strict.length > 0)
    return {
      passed: false,
      explanation: [
        `Your test never lets a write land late, but it is stricter than the margin argument needs. ${byCase}`,
        ...strict,
      ].join('\n\n'),
    };
  const counts: string[] = [];
  for (const w of [chapterConfig, shared, careful]) {
    const x = explore(w, r);
    if (x.run !== undefined) {
      const late = x.trace ? lateWrite(x.sys, x.trace) : undefined;
      return {
        passed: false,
        explanation: [
          `Your test is not safe: with it, the lease system does not implement spec Lease in ${w.name} (${configText(w.c)}).${late ? ` ${late}` : ''}`,
          ...(lenient.length > 0 ? [byCase, ...lenient] : []),
          `The run (clocks gives each process’s clock, now the real time):\n\n${x.run}`,
        ].join('\n\n'),
      };
    }
    if (x.unreached !== undefined)
      return {
        passed: false,
        explanation: `Nothing goes wrong with your test in ${w.name} (${configText(w.c)}), but nothing much happens either: no run reaches “${x.unreached}”.`,
      };
    counts.push(`${x.states}`);
  }
  if (lenient.length > 0)
    return {
      passed: false,
      explanation: [
        `With your test every run of the chapter’s three configurations is fine (b = 1 and δ = 1 in each), but it is not the margin argument. ${byCase}`,
        ...lenient,
        ...strict,
      ].join('\n\n'),
    };
  return {
    passed: true,
    explanation: `With your test the lease system implements spec Lease, with at most one master and no master beside a reader, in every reachable state of the chapter’s configuration (${counts[0]} states), of the one with shared leases (${counts[1]}) and of the one with careful writes (${counts[2]}); and for every b from 0 to 2 and δ from 1 to 3 in the table, it lets a write start exactly when the write lands by the time the home’s clock reads t, even with the holder’s clock ε behind the home’s.`,
  };
}

// ---------------------------------------------------------------- 11.2

/** The home's decision, as the reader writes it. */
type Decide = (i: number, mode: Mode, live: readonly (Mode | Nil)[]) => Decision;

const leaseText = (m: Mode) => (m === 'w' ? 'the exclusive lease' : 'a shared lease');

/** What the home counts live, in words. */
function liveText(live: readonly (Mode | Nil)[]): string {
  const held = live.flatMap((m, q) =>
    m === nil ? [] : [`${clientName(q)}’s ${m === 'w' ? 'exclusive' : 'shared'} lease`],
  );
  return held.length === 0 ? 'no lease is live' : `the home counts ${held.join(' and ')} live`;
}

/** A decision in words: `grants it and asks p2 to give its lease back` (`should`: `grant it and ask ...`). */
const answerText = (d: Decision, should = false) => {
  const v = (does: string, doIt: string) => (should ? doIt : does);
  const back =
    d.revoke.length === 0
      ? ''
      : ` and ${v('asks', 'ask')} ${names(d.revoke)} to give ${d.revoke.length === 1 ? 'its lease' : 'their leases'} back`;
  return `${d.grant ? v('grants', 'grant') : v('denies', 'deny')} it${back}`;
};

/**
 * Every set of leases three clients may hold at once as the home counts
 * them (any shared ones, or one exclusive one), simplest first.
 */
function liveSets(): (Mode | Nil)[][] {
  const out: (Mode | Nil)[][] = [];
  const opts: (Mode | Nil)[] = [nil, 'r', 'w'];
  for (const c of opts)
    for (const b of opts)
      for (const a of opts) {
        const s = [a, b, c];
        const ws = s.filter((m) => m === 'w').length;
        if (ws === 0 || (ws === 1 && s.filter((m) => m === 'r').length === 0)) out.push(s);
      }
  const size = (s: (Mode | Nil)[]) => s.filter((m) => m !== nil).length;
  return out.sort((x, y) => size(x) - size(y));
}

/**
 * The reader's decision on one request against the home's rule: where
 * they differ, in words, with why; undefined where they agree.
 */
function judge(
  decide: Decide,
  i: number,
  mode: Mode,
  live: readonly (Mode | Nil)[],
): { said: string; why: string; ownExclusive: boolean } | undefined {
  const want = homeRule(rules)(i, mode, live);
  const got = decide(i, mode, live);
  // A revoke of a client with no live lease sends nothing.
  const asked = [...new Set(got.revoke)].filter((q) => live[q] !== nil).sort();
  if (
    got.grant === want.grant &&
    asked.length === want.revoke.length &&
    asked.every((q, k) => q === want.revoke[k])
  )
    return undefined;
  const p = clientName(i);
  const ownExclusive = live[i] === 'w' && mode === 'r';
  const why: string[] = [];
  if (got.grant && !want.grant) {
    if (ownExclusive)
      why.push(
        `${p}’s own exclusive lease is still live at the home, so a write ${p} made under it may still be on its way: ${p} drops its lease by its own clock, which may jump ahead within ±b, and then asks again with its last write in flight. Granted now, shared copies of the resource go out without that write. The home denies the request until the exclusive lease is over.`,
      );
    for (const q of want.revoke)
      why.push(
        live[q] === 'w'
          ? `${clientName(q)}’s exclusive lease is in the way: while it is live ${clientName(q)} may write, so the home grants no other lease.`
          : `${clientName(q)}’s shared lease is in the way: while it is live ${clientName(q)} reads its copy, which a write under an exclusive lease would make stale.`,
      );
  }
  if (!got.grant && want.grant)
    why.push(
      `Nothing is in the way${live[i] !== nil ? `: ${p}’s own lease is no conflict, and the new lease replaces it (a renewal, or the exclusive lease in place of a shared one the client has dropped)` : mode === 'r' ? ': shared leases sit beside each other' : ''}.`,
    );
  if (asked.includes(i))
    why.push(
      `${p} is the one asking: its own lease is never in the way of its request, and asking it back makes a holder that is renewing give up its lease.`,
    );
  // Who is asked back matters once the answer itself is right.
  const missing = got.grant === want.grant ? want.revoke.filter((q) => !asked.includes(q)) : [];
  if (missing.length > 0)
    why.push(
      `${names(missing)} should be asked to release: ${missing.length === 1 ? 'its lease is' : 'their leases are'} in the way, and otherwise ${p} waits until ${missing.length === 1 ? 'it runs' : 'they run'} out.`,
    );
  const extra =
    got.grant === want.grant ? asked.filter((q) => q !== i && !want.revoke.includes(q)) : [];
  if (extra.length > 0)
    why.push(
      `${names(extra)}’s lease${extra.length === 1 ? ' is' : 's are'} not in the way of ${leaseText(mode)}: there is no need to ask ${extra.length === 1 ? 'it' : 'them'} back.`,
    );
  return {
    said: `${p} asks for ${leaseText(mode)} while ${liveText(live)}: your home ${answerText({ grant: got.grant, revoke: asked })}, where it should ${answerText(want, true)}.`,
    why: why.join(' '),
    ownExclusive: ownExclusive && got.grant,
  };
}

/**
 * The reader's decision against the home's rule on every request of three
 * clients and every set of live leases: the first case they differ on.
 */
function decisionFault(decide: Decide): { text: string; ownExclusive: boolean } | undefined {
  for (const live of liveSets())
    for (let i = 0; i < live.length; i++)
      for (const mode of ['r', 'w'] as const) {
        const j = judge(decide, i, mode, live);
        if (j) return { text: `${j.said} ${j.why}`, ownExclusive: j.ownExclusive };
      }
  return undefined;
}

/**
 * The first request in a run that the reader's home answers otherwise
 * than the home's rule, in words (and why, unless `why` is false).
 */
function wrongAnswer(
  sys: LeaseSystem,
  decide: Decide,
  trace: Trace<LeaseState>,
  why: boolean,
): string {
  for (const [k, st] of trace.steps.entries()) {
    if (!sys.Deliver.is(st.label) || st.label.param.to !== HOME) continue;
    const { env } = st.label.param;
    const home = st.from.home[0]!;
    const i = sys.ids.clients.indexOf(env.from);
    // A request older than one heard is dropped before the home decides.
    if (env.msg.k !== 'req' || env.msg.n < home.seen[i]!) continue;
    const clock = clockAt(st.from, HOME);
    const live = home.leases.map((l) => (l !== nil && clock <= l.t ? l.mode : nil));
    const j = judge(decide, i, env.msg.mode, live);
    if (j)
      return ` At step ${k + 1}, the home’s clock at ${clock}, ${j.said}${why ? ` ${j.why}` : ''}`;
  }
  return '';
}

function checkDecide(mod: Record<string, unknown>): ExerciseVerdict {
  const decide = exportedFunction<Decide>(mod, 'decide');
  const r: LeaseRules = { ...rules, decide };
  const run = (w: Where, x: ReturnType<typeof explore>, lead: string) =>
    `${lead}In ${w.name} (${configText(w.c)}), with your home the lease system does not implement spec Lease.${x.trace ? wrongAnswer(x.sys, decide, x.trace, lead === '') : ''}\n\nThe run (clocks gives each process’s clock, now the real time):\n\n${x.run}`;
  const nothing = (w: Where, x: ReturnType<typeof explore>) =>
    `Nothing goes wrong with your home in ${w.name} (${configText(w.c)}), but nothing much happens either: no run reaches “${x.unreached}”.`;
  // Asked directly first: where the answer is wrong, a run shows what it costs, if one can.
  const fault = decisionFault(decide);
  if (fault) {
    const x = explore(shared, r);
    if (x.run !== undefined) return { passed: false, explanation: run(shared, x, '') };
    const asked = `asked directly, on every request of three clients against every set of leases the home may count live, your home gets one wrong. ${fault.text}`;
    const head =
      x.unreached !== undefined
        ? `${nothing(shared, x)} And ${asked}`
        : `Every run of ${shared.name} is fine with your home, but ${asked}`;
    if (!fault.ownExclusive) return { passed: false, explanation: head };
    // The hazard needs a clock that runs ahead: a configuration with a drift shows it.
    const y = explore(driftShared, r);
    return {
      passed: false,
      explanation:
        y.run === undefined
          ? head
          : run(
              driftShared,
              y,
              `${head}\n\nWith clocks that keep their offsets no run shows it; let one drift a tick within ±b and one does. `,
            ),
    };
  }
  const counts: string[] = [];
  for (const w of [chapterConfig, shared]) {
    const x = explore(w, r);
    if (x.run !== undefined) return { passed: false, explanation: run(w, x, '') };
    if (x.unreached !== undefined) return { passed: false, explanation: nothing(w, x) };
    counts.push(`${x.states}`);
  }
  return {
    passed: true,
    explanation: `On every request of three clients against every set of leases the home may count live, your home grants, denies and revokes as the home must; and with it the lease system implements spec Lease, with at most one master and no master beside a reader, in every reachable state of the chapter’s configuration (${counts[0]} states) and of the one with shared leases (${counts[1]}).`,
  };
}

/** The exercises of chapter 11. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '11.1',
    title: 'When may a holder still write?',
    task: 'Write mayStartWrite(clock, t, c): may the holder of the exclusive lease start a write when its own clock reads clock, under a lease that expires at t on the home’s clock? c.clockBound is b (so ε = 2b, the most two clocks differ) and c.delta is δ. The check compares your test with the margin argument case by case, and explores every run of three of the chapter’s configurations with it in the lease system: it must be safe, and no stricter than it needs to be.',
    hint: 'The home counts the lease live until its own clock passes t, and the holder’s clock may be ε behind the home’s. A write is not over when it starts: it lands up to δ later.',
    name: '11.1-may-start-write',
    check: checkMayStartWrite,
  }),
  exercise(SLUG, {
    id: '11.2',
    title: 'What the home does with a request',
    task: 'Write decide(i, mode, live): the home’s answer when client i asks for a lease of mode r (shared) or w (exclusive), where live[q] is the mode of client q’s lease that the home still counts live (null: none). Return { grant, revoke }: whether i gets the lease, and the clients asked to give theirs back. The check asks your rule every request of three clients against every set of live leases, and explores every run of two of the chapter’s configurations with it in the home.',
    hint: 'Shared leases sit beside each other; an exclusive one sits beside nobody else’s, and whoever is in the way is asked to release. The requester’s own lease is replaced by the new one, with one exception: what may still arrive from a client that held the exclusive lease?',
    name: '11.2-decide',
    check: checkDecide,
  }),
];
