/**
 * Chapter 12's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import type { Invariant, Nil, Trace } from '../../index';
import { explore, invariant, nil, renderRefinementFailure, renderTrace } from '../../index';
import { epsilon } from '../11-leases/config';
import { clientName } from '../11-leases/system';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import { noSubLeaseOutlivesCzar, refinementToLease, uses } from './abstraction';
import type { HierVariant, Setup } from './checks';
import { checkSetup, correct, setups } from './checks';
import type { HierConfig } from './config';
import { optimisticRenewal, uncapped } from './mutants';
import type { HierRules, HierState, HierSystem } from './system';
import { candidateName, hierSystem, resourceName, rules } from './system';

const SLUG = '12-hierarchical-leases';

/** A setup an exercise explores, and how its verdict names it. */
interface Where {
  readonly s: Setup;
  readonly name: string;
}

const configText = (c: HierConfig) =>
  `${c.candidates} candidate${c.candidates === 1 ? '' : 's'}, ${c.masters} master${c.masters === 1 ? '' : 's'}, Lc = ${c.czarLease}, Ls = ${c.subLease}, b = ${c.clockBound} so ε = ${epsilon(c)}, δ = ${c.delta}, clock offsets [${c.skew.join(', ')}] (cons, candidates, masters)${c.drifts > 0 ? `, ${c.drifts} drift of a clock` : ''}${c.crashes.candidates > 0 ? `, ${c.crashes.candidates} candidate crash` : ''}, time up to ${c.horizon}`;

const change: Where = { s: setups.change, name: 'the configuration with a czar change' };
/** The czar change, cut short before c2 can be elected: enough for the bugs 12.2 must catch. */
const early: Where = {
  s: { config: { ...setups.change.config, horizon: 9 }, goals: [] },
  name: 'the configuration with a czar change, up to time 9',
};
const crash: Where = { s: setups.crash, name: 'the configuration with a czar crash' };

/** The system's state as a trace shows it, with every process's clock beside real time. */
function withClocks(sys: HierSystem): Pick<HierSystem, 'view'> {
  return {
    view: (s: HierState) => ({
      ...sys.view(s),
      clocks: sys.names.map((n, p) => `${n} ${s.now + s.clocks[p]!}`).join(', '),
    }),
  };
}

/**
 * A variant through the chapter's exhaustive check of a setup: its state
 * count if it holds, else what went wrong, with the run.
 */
function explored(
  w: Where,
  v: HierVariant,
): { readonly states: number; readonly run?: string; readonly unreached?: string } {
  const res = checkSetup(w.s, v, { seed: 1 });
  if (res.holds) return { states: res.stats.states };
  const sys = hierSystem({ ...w.s.config, ...v.config }, v.rules);
  const view = withClocks(sys);
  if (res.counterexample) {
    const ce = res.counterexample;
    const run = res.failure
      ? renderRefinementFailure(view, refinementToLease(sys).spec, res)
      : `“${ce.property}” fails${ce.message === 'violated' ? '' : `: ${ce.message}`}, in this run:\n\n${renderTrace(view, ce.trace)}`;
    return { states: res.stats.states, run };
  }
  return { states: res.stats.states, unreached: res.unreached.join('; ') };
}

// ---------------------------------------------------------------- 12.1

/** The czar's answer to a request: the sub-lease's expiry s, or nil to deny. */
type GrantUntil = (clock: number, t: number, c: HierConfig) => number | Nil;

/** When the table's czar term ends, on the czar's clock. */
const T = 10;

/** The sub-lease lengths of the table's rows. */
const LENGTHS: readonly number[] = [4, 6, 12];

/**
 * The reader's answer against the cap, one line per case it gets wrong:
 * for a czar whose term ends at T and sub-leases of Ls, at every clock
 * from well before T to past it.
 */
function capLines(grant: GrantUntil): { unsafe: string[]; other: string[] } {
  const unsafe: string[] = [];
  const other: string[] = [];
  for (const ls of LENGTHS) {
    const c: HierConfig = { ...setups.refines.config, subLease: ls };
    const row = `With Ls = ${ls} and the czar's term ending at t = ${T}`;
    for (let clock = 0; clock <= T + 2; clock++) {
      const got = grant(clock, T, c);
      const want = clock < T ? Math.min(clock + ls, T) : nil;
      if (got === want) continue;
      if (got !== nil && got > T) {
        unsafe.push(
          `${row}, at the czar's clock ${clock} you grant s = ${got}: past t. Consensus may elect a new czar once its clock is past t + ε, and the new czar may grant the resource to another master while this one, its clock up to ε behind, still uses it until s − ε.`,
        );
        break;
      }
      if (got !== nil && got > clock + ls) {
        other.push(
          `${row}, at the czar's clock ${clock} you grant s = ${got}, longer than the Ls = ${ls} a sub-lease lasts: at most ${Math.min(clock + ls, T)}.`,
        );
        break;
      }
      if (got !== nil && want === nil) {
        other.push(
          `${row}, at the czar's clock ${clock} you grant s = ${got}, though the czar's own lease has run out: s ≤ t ≤ ${clock}, so the master, which stops at s − ε on its own clock, can never use it. Deny it.`,
        );
        break;
      }
      if (got === nil && want !== nil) {
        other.push(
          `${row}, at the czar's clock ${clock} you deny the request, though the czar can grant s = ${want} without passing t.`,
        );
        break;
      }
      if (got !== nil && want !== nil && got < want) {
        other.push(
          `${row}, at the czar's clock ${clock} you grant only s = ${got}, where s = ${want} is safe: the master loses part of its sub-lease for nothing.`,
        );
        break;
      }
    }
  }
  return { unsafe, other };
}

function checkGrantUntil(mod: Record<string, unknown>): ExerciseVerdict {
  const grantUntil = exportedFunction<GrantUntil>(mod, 'grantUntil');
  const r: HierRules = { ...rules, grantUntil };
  const { unsafe, other } = capLines(grantUntil);
  const byCase = `Case by case, for a czar whose term ends at t = ${T} on its own clock:`;
  // Safe but not the rule: the table says so, and no run can show it.
  if (unsafe.length === 0 && other.length > 0)
    return {
      passed: false,
      explanation: [
        `Your czar never grants past its own term, but it does not answer as the czar must. ${byCase}`,
        ...other,
      ].join('\n\n'),
    };
  const counts: number[] = [];
  for (const w of [change, crash]) {
    const x = explored(w, { rules: r });
    if (x.run !== undefined)
      return {
        passed: false,
        explanation: [
          `Your czar is not safe: with it, the hierarchical lease system breaks in ${w.name} (${configText(w.s.config)}).`,
          ...(unsafe.length + other.length > 0 ? [byCase, ...unsafe, ...other] : []),
          `The run (clocks gives each process’s clock, now the real time):\n\n${x.run}`,
        ].join('\n\n'),
      };
    if (x.unreached !== undefined)
      return {
        passed: false,
        explanation: `Nothing goes wrong with your czar in ${w.name} (${configText(w.s.config)}), but nothing much happens either: no run reaches “${x.unreached}”.${other.length > 0 ? `\n\n${byCase}\n\n${other.join('\n\n')}` : ''}`,
      };
    counts.push(x.states);
  }
  if (unsafe.length > 0)
    return {
      passed: false,
      explanation: [
        `With your czar every run of the chapter’s two configurations is fine, but it is not safe. ${byCase}`,
        ...unsafe,
        ...other,
      ].join('\n\n'),
    };
  return {
    passed: true,
    explanation: `Your czar grants every sub-lease it can, for Ls or up to the end of its own term, whichever comes first, and denies once its term is over; with it the hierarchical lease system implements spec Lease, with the chapter's invariants, in every reachable state of the configuration with a czar change (${counts[0]} states) and of the one with a czar crash (${counts[1]}).`,
  };
}

// ---------------------------------------------------------------- 12.2

/** The reader's test: is master i's sub-lease on r, which it uses now, covered by its czar's lease? */
type CzarCovers = (sys: HierSystem, y: HierState, i: number, r: number) => boolean;

/** The reader's test as an invariant: every sub-lease in use is covered. */
function readersInvariant(sys: HierSystem, covers: CzarCovers): Invariant<HierState> {
  const bad = (y: HierState) =>
    y.masters.flatMap((m, i) =>
      m.holds.flatMap((h, r) =>
        h.sub !== nil && uses(sys, y, i, r) && !covers(sys, y, i, r)
          ? [`${clientName(i)}'s sub-lease on ${resourceName(r)} from ${candidateName(h.sub.c)}`]
          : [],
      ),
    );
  return invariant(
    'your invariant',
    (y) => bad(y).length === 0,
    (y) => `your czarCovers says no to ${bad(y).join(' and ')}`,
  );
}

/** The reader's invariant on a variant in a setup: the first state it fails in, if any. */
function firstFailure(
  w: Where,
  v: HierVariant,
  covers: CzarCovers,
): { readonly states: number; readonly run?: string } {
  const sys = hierSystem({ ...w.s.config, ...v.config }, v.rules);
  const res = explore(sys, { invariants: [readersInvariant(sys, covers)] });
  if (res.holds) return { states: res.stats.states };
  const ce = res.counterexample!;
  return {
    states: res.stats.states,
    run: `${ce.message}, in this run:\n\n${renderTrace(withClocks(sys), ce.trace as Trace<HierState>)}`,
  };
}

/** The chapter's own invariant's shortest counterexample on a mutant, for a reader whose test misses it. */
function missed(w: Where, v: HierVariant): string {
  const sys = hierSystem({ ...w.s.config, ...v.config }, v.rules);
  const res = explore(sys, { invariants: [noSubLeaseOutlivesCzar(sys)] });
  const ce = res.counterexample!;
  return `${ce.message}, in this run:\n\n${renderTrace(withClocks(sys), ce.trace as Trace<HierState>)}`;
}

function checkCzarCovers(mod: Record<string, unknown>): ExerciseVerdict {
  const covers = exportedFunction<CzarCovers>(mod, 'czarCovers');
  const counts: number[] = [];
  for (const w of [change, crash]) {
    const x = firstFailure(w, correct, covers);
    if (x.run !== undefined)
      return {
        passed: false,
        explanation: `Your test says no where nothing is wrong: in ${w.name} (${configText(w.s.config)}), with the chapter's correct czar and masters, ${x.run}`,
      };
    counts.push(x.states);
  }
  const bugs: readonly { w: Where; v: HierVariant; what: string }[] = [
    {
      w: early,
      v: uncapped,
      what: 'a czar that grants sub-leases for Ls from its clock, past the end of its own term',
    },
    {
      w: early,
      v: optimisticRenewal,
      what: 'a czar that counts the term it proposed to renew its lease as its own before consensus decides it',
    },
  ];
  for (const b of bugs) {
    const x = firstFailure(b.w, b.v, covers);
    if (x.run === undefined)
      return {
        passed: false,
        explanation: `Your test never says no with ${b.what}, in every one of the ${x.states} reachable states of ${b.w.name} (${configText(b.w.s.config)}). Yet a master there uses a sub-lease its czar's lease no longer covers: ${missed(b.w, b.v)}`,
      };
  }
  return {
    passed: true,
    explanation: `Your test holds in every reachable state of the configuration with a czar change (${counts[0]} states) and of the one with a czar crash (${counts[1]}), and says no with a czar that grants past its own term and with one that counts its renewal before consensus decides it.`,
  };
}

/** The exercises of chapter 12. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '12.1',
    title: 'What the czar grants',
    task: 'Write grantUntil(clock, t, c): the czar’s answer to a master’s request that no other sub-lease is in the way of, when the czar’s own clock reads clock and its term, as consensus decided it, ends at t on that clock. Return the sub-lease’s expiry s (on the czar’s clock), or null to deny. c.subLease is Ls. The check compares your answer with the rule case by case, and explores every run of two of the chapter’s configurations with it in the czar.',
    hint: 'A new czar may be elected once the old term is over, and the old czar cannot take back a sub-lease it granted. A sub-lease is Ls long, and no master can use one whose s − ε is already behind it.',
    name: '12.1-grant-until',
    check: checkGrantUntil,
  }),
  exercise(SLUG, {
    id: '12.2',
    title: 'Which lease covers a sub-lease?',
    task: 'Write czarCovers(sys, y, i, r): in state y, where master i uses its sub-lease on resource r, does the czar that granted it still hold a lease that covers it? This is the heart of the invariant “no sub-lease outlives the czar’s lease”. The check uses your test as an invariant: it must hold in every reachable state of two of the chapter’s configurations, and fail with two seeded bugs.',
    hint: 'Whose word is the czar’s lease: the czar’s own, or consensus’s (y.cons[0]!.log)? And whose clock is its t on?',
    name: '12.2-czar-covers',
    check: checkCzarCovers,
  }),
];
