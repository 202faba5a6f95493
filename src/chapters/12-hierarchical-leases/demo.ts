/**
 * Chapter 12's demo: scripted runs of the hierarchical lease system, step
 * by step, with real time, every process's clock, the terms consensus has
 * decided, what each candidate counts as its own term, each master's
 * sub-lease and until when its own clock lets it use it, and the image f(y)
 * in spec Lease. The first elects a czar, hands a master a sub-lease and
 * renews it without consensus, renews the czar's own lease by consensus,
 * and after the czar crashes lets a new czar in once the old term has
 * surely ended. The second is the mutant whose czar counts its renewal
 * before consensus decides it: consensus picks a rival, and two masters
 * hold the resource at once.
 *
 * @module
 */
import type { Trace } from '../../index';
import { labelText, nil, replay, textTable } from '../../index';
import { epsilon } from '../11-leases/config';
import { clientName } from '../11-leases/system';
import type { Writer } from '../chapter';
import { hierAbstraction, masters } from './abstraction';
import type { HierConfig } from './config';
import { demoConfig, raceConfig } from './config';
import { optimisticRenewal } from './mutants';
import type { HierRules, HierState, HierSystem } from './system';
import { candidateName, hierSystem, resourceName, rules } from './system';

// #region scripts
/**
 * The demo: c1 and c2 both propose a term and consensus picks c1's; p1 asks
 * c1 for a sub-lease on x0, writes, and renews it twice with c1, which
 * costs no consensus; meanwhile c1 renews its own lease by consensus, so
 * p1's third sub-lease is under the new term. Then c1 crashes and recovers
 * with nothing: it learns the latest term but is not czar. c2 waits until
 * its clock is past c1's t + ε, proposes, and consensus picks it; p2 gets
 * a sub-lease from c2 and reads p1's write.
 */
export const demoScript: readonly string[] = [
  'Propose(c1)',
  'Propose(c2)',
  'Tick(1)',
  'Deliver(propose(#0, t=11) → cons)',
  'Deliver(propose(#0, t=13) → cons)',
  'Agree(czar c1, t=11)',
  'Tick(2)',
  'Deliver(outcome(#0 = c1, t=11) → c1)',
  'Deliver(outcome(#0 = c1, t=11) → c2)',
  'Deliver(outcome(#0 = c1, t=11) → p1)',
  'Deliver(outcome(#0 = c1, t=11) → p2)',
  'Ask(p1, x0)',
  'Tick(3)',
  'Deliver(req(x0, #1) → c1)',
  'Tick(4)',
  'Deliver(grant(x0, s=8, #1, term 0) → p1)',
  'Write(p1, x0, p1.1)',
  'Ask(p1, x0)',
  'Renew(c1)',
  'Tick(5)',
  'Deliver(write(x0 := p1.1) → cons)',
  'Deliver(get(x0) → cons)',
  'Deliver(req(x0, #2) → c1)',
  'Deliver(propose(#1, t=15, renew) → cons)',
  'Agree(czar c1, t=15)',
  'Tick(6)',
  'Deliver(ack(x0 = p1.1) → p1)',
  'Deliver(value(x0 = p1.1) → p1)',
  'Deliver(grant(x0, s=10, #2, term 0) → p1)',
  'Deliver(outcome(#1 = c1, t=15) → c1)',
  'Deliver(outcome(#1 = c1, t=15) → c2)',
  'Deliver(outcome(#1 = c1, t=15) → p1)',
  'Deliver(outcome(#1 = c1, t=15) → p2)',
  'Ask(p1, x0)',
  'Tick(7)',
  'Deliver(req(x0, #3) → c1)',
  'Tick(8)',
  'Deliver(grant(x0, s=12, #3, term 1) → p1)',
  'Crash(c1)',
  'Tick(9)',
  'Recover(c1)',
  'Propose(c1)',
  'Tick(10)',
  'Deliver(propose(#0, t=20) → cons)',
  'Expire(p1)',
  'Tick(11)',
  'Deliver(outcome(#1 = c1, t=15) → c1)',
  'Tick(12)',
  'Tick(13)',
  'Tick(14)',
  'Tick(15)',
  'Tick(16)',
  'Tick(17)',
  'Propose(c2)',
  'Tick(18)',
  'Deliver(propose(#2, t=30) → cons)',
  'Agree(czar c2, t=30)',
  'Tick(19)',
  'Deliver(outcome(#2 = c2, t=30) → c1)',
  'Deliver(outcome(#2 = c2, t=30) → c2)',
  'Deliver(outcome(#2 = c2, t=30) → p1)',
  'Deliver(outcome(#2 = c2, t=30) → p2)',
  'Ask(p2, x0)',
  'Tick(20)',
  'Deliver(req(x0, #1) → c2)',
  'Tick(21)',
  'Deliver(grant(x0, s=27, #1, term 2) → p2)',
  'Tick(22)',
  'Deliver(get(x0) → cons)',
  'Tick(23)',
  'Deliver(value(x0 = p1.1) → p2)',
  'Read(p2, x0) -> p1.1',
];

/**
 * The czar counts its renewal before consensus decides it (the mutant
 * `czar counts its renewal before consensus`): c1, czar until 11 on its
 * clock, proposes to renew to 21 at its clock 9 and counts that at once.
 * Consensus has not decided when c2, its clock past 11 + ε, proposes;
 * consensus picks c2. Meanwhile p1 renews its sub-lease with c1, whose
 * decided term has lapsed, up to s = 20; c2 grants p2 a sub-lease too, and
 * both may touch x0.
 */
export const raceScript: readonly string[] = [
  'Tick(1)',
  'Tick(2)',
  'Tick(3)',
  'Tick(4)',
  'Tick(5)',
  'Tick(6)',
  'Tick(7)',
  'Tick(8)',
  'Tick(9)',
  'Tick(10)',
  'Renew(c1)',
  'Ask(p1, x0)',
  'Tick(11)',
  'Deliver(propose(#1, t=21, renew) → cons)',
  'Deliver(req(x0, #1) → c1)',
  'Tick(12)',
  'Deliver(grant(x0, s=16, #1, term 1) → p1)',
  'Ask(p1, x0)',
  'Tick(13)',
  'Deliver(req(x0, #2) → c1)',
  'Deliver(get(x0) → cons)',
  'Propose(c2)',
  'Tick(14)',
  'Deliver(value(x0 = v0) → p1)',
  'Deliver(grant(x0, s=18, #2, term 1) → p1)',
  'Ask(p1, x0)',
  'Deliver(propose(#1, t=26) → cons)',
  'Agree(czar c2, t=26)',
  'Tick(15)',
  'Deliver(req(x0, #3) → c1)',
  'Deliver(outcome(#1 = c2, t=26) → c1)',
  'Deliver(outcome(#1 = c2, t=26) → c2)',
  'Deliver(outcome(#1 = c2, t=26) → p1)',
  'Deliver(outcome(#1 = c2, t=26) → p2)',
  'Ask(p2, x0)',
  'Tick(16)',
  'Deliver(grant(x0, s=20, #3, term 1) → p1)',
  'Deliver(req(x0, #1) → c2)',
  'Tick(17)',
  'Deliver(grant(x0, s=23, #1, term 1) → p2)',
];
// #endregion scripts

/** The demo's system (the correct rules, or a mutant's). */
export const demoSystem = (c: HierConfig = demoConfig, r: HierRules = rules): HierSystem =>
  hierSystem(c, r);

/**
 * A script, run.
 *
 * @param script - the label texts, in order
 * @param c - the configuration (default the demo's)
 * @param r - the rules (default the correct ones)
 * @returns the system and the run
 */
export function scripted(
  script: readonly string[],
  c: HierConfig = demoConfig,
  r: HierRules = rules,
): { readonly machine: HierSystem; readonly trace: Trace<HierState> } {
  const machine = demoSystem(c, r);
  return { machine, trace: replay(machine, script) };
}

/** The demo's run. */
export const demoRun = () => scripted(demoScript);

/** The run in which the czar's renewal loses to a rival, under the mutant's rules. */
export const raceRun = () => scripted(raceScript, raceConfig, optimisticRenewal.rules);

/**
 * The latest term consensus has decided: `#1 c1 t=15`, or `-`.
 *
 * @param y - the state
 * @returns the term, in words
 */
export function decided(y: HierState): string {
  const log = y.cons[0]!.log;
  const k = log.length - 1;
  return k < 0 ? '-' : `#${k} ${candidateName(log[k]!.czar)} t=${log[k]!.t}`;
}

/**
 * What candidate j counts as its own term: `czar #1 to 15`, with `+` while
 * a proposal of its is undecided; `down`, or `-`.
 *
 * @param sys - the system
 * @param y - the state
 * @param j - the candidate
 * @returns its term, in words
 */
export function czarship(sys: HierSystem, y: HierState, j: number): string {
  if (!y.up[sys.ids.candidates[j]!]) return 'down';
  const c = y.candidates[j]!;
  const mine = c.mine === nil ? '-' : `czar #${c.mine.k} to ${c.mine.t}`;
  return c.proposed === nil ? mine : `${mine} +`;
}

/**
 * What master i holds, as its own clock sees it: per resource, the
 * sub-lease's s (on the czar's clock) and the last tick of its own clock on
 * which it may still use it (s − ε − 1).
 *
 * @param sys - the system
 * @param y - the state
 * @param i - the master
 * @returns `x0 s=8 to 5`, `down`, or `-`
 */
export function holding(sys: HierSystem, y: HierState, i: number): string {
  if (!y.up[sys.ids.masters[i]!]) return 'down';
  const held = y.masters[i]!.holds.flatMap((h, r) =>
    h.sub === nil
      ? []
      : [`${resourceName(r)} s=${h.sub.t} to ${h.sub.t - epsilon(sys.config) - 1}`],
  );
  return held.length === 0 ? '-' : held.join(', ');
}

/**
 * A run as a table: the step; real time; each process's clock; the latest
 * decided term; each candidate's own term; each master's sub-leases; and
 * f(y)'s master and value in spec Lease (for resource x0).
 *
 * @param sys - the system
 * @param t - the run
 * @returns the table
 */
export function clockTable(sys: HierSystem, t: Trace<HierState>): string {
  const f = hierAbstraction(sys);
  const cs = sys.ids.candidates.map((_p, j) => j);
  const ms = sys.ids.masters.map((_p, i) => i);
  const row = (k: string, step: string, y: HierState) => {
    const image = f(y);
    const one = Array.isArray(image) ? image[0]! : image;
    const two = masters(sys, y, 0).length > 1 ? ' !' : '';
    return [
      k,
      step,
      String(y.now),
      y.clocks.map((o) => String(y.now + o)).join(' '),
      decided(y),
      ...cs.map((j) => czarship(sys, y, j)),
      ...ms.map((i) => holding(sys, y, i)),
      `${one.master === nil ? '-' : one.master} ${one.value}${two}`,
    ];
  };
  const rows = [row('', '(start)', t.init)];
  t.steps.forEach((s, k) => {
    const mark = s.label.fault ? '! ' : s.label.external ? '* ' : '  ';
    rows.push(row(String(k + 1), mark + labelText(s.label), s.to));
  });
  return textTable(
    [
      '#',
      'step',
      'now',
      `clocks ${sys.names.join(' ')}`,
      'decided',
      ...cs.map(candidateName),
      ...ms.map(clientName),
      'f: master value',
    ],
    rows,
  );
}

/**
 * How many consensus runs a run makes (decided instances), and how many
 * sub-leases the czars grant in it (renewals among them), which need none.
 *
 * @param t - the run
 * @returns the two counts
 */
export function counts(t: Trace<HierState>): {
  readonly consensus: number;
  readonly grants: number;
} {
  const last = t.steps.at(-1)?.to ?? t.init;
  const granted = (s: { from: HierState; to: HierState }) =>
    s.to.candidates.some((c, j) =>
      c.subs.some((ls, r) =>
        ls.some((l, i) => {
          const before = s.from.candidates[j]!.subs[r]![i];
          return l !== nil && (before === nil || before === undefined || before.n !== l.n);
        }),
      ),
    );
  return {
    consensus: last.cons[0]!.log.length - t.init.cons[0]!.log.length,
    grants: t.steps.filter(granted).length,
  };
}

/**
 * The demo.
 *
 * @param out - where to print
 */
export function demo(out: Writer): void {
  const c = demoConfig;
  const run = demoRun();
  const n = counts(run.trace);
  out(
    `Hierarchical leases on one resource x0: consensus elects a czar with a lease of Lc = ${c.czarLease} ticks on its own clock; the czar grants sub-leases of Ls = ${c.subLease} ticks, never past its own t. Every clock is within b = ${c.clockBound} of real time (ε = ${epsilon(c)}), messages within δ = ${c.delta}.`,
  );
  out(
    `A master uses its sub-lease while its own clock is below s − ε; a candidate proposes a new term once its clock is past the latest t + ε. Clocks start at offsets ${c.skew.join(', ')} (cons, c1, c2, p1, p2).`,
  );
  out('');
  out(
    'An election, sub-leases renewed with the czar, the czar’s lease renewed by consensus, a crash, and a new czar.',
  );
  out(clockTable(run.machine, run.trace));
  out('');
  out(
    `Consensus ran ${n.consensus} times (the election, the czar's renewal, the new czar); the czars granted ${n.grants} sub-leases without it.`,
  );
  out('');
  out(
    'The mutant whose czar counts its renewal before consensus decides: consensus picks c2, and p1 and p2 both hold x0 (marked !).',
  );
  const race = raceRun();
  out(clockTable(race.machine, race.trace));
  out('');
  out(
    '* an external step (a master’s Write or Read), ! a fault. decided: the latest term consensus decided; cN: the term the candidate counts as its own (+: a proposal of its is undecided); pN: its sub-lease’s s and the last tick of its own clock it may use it.',
  );
}
