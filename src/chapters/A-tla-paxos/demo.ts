/**
 * The appendix's demo: a run of Paxos.tla in which ballot 2's leader must
 * propose the value of the highest vote it hears of, each step shown with
 * the Voting step it is under the refinement mapping; then the
 * cross-check table against TLC.
 *
 * @module
 */
import type { Trace } from '../../index';
import { labelText, matchSteps, replay, show, textTable } from '../../index';
import type { CheckContext, Writer } from '../chapter';
import type { Constants } from './config';
import { config } from './config';
import type { Statuses } from './mapping';
import { votingToStatuses } from './mapping';
import type { PaxosState } from './paxos';
import { paxos, paxosToVoting } from './paxos';
import { crossCheck, crossCheckTable } from './tlc';
import { chosen, voting } from './voting';

/**
 * The demo's run: a1 votes v1 in ballot 0 alone; ballot 1's leader hears
 * a2 and a3, who have not voted, proposes v2, and both vote for it, so v2
 * is chosen; ballot 2's leader hears a1 (a vote in ballot 0 for v1) and a3
 * (a vote in ballot 1 for v2) and must propose v2, the value of the
 * highest vote.
 */
export const demoPath = [
  'Phase1a(0)',
  'Phase1b(a1; m = 1a(0))',
  'Phase1b(a2; m = 1a(0))',
  'Phase2a(0, v1; Q = {a1, a2})',
  'Phase2b(a1; m = 2a(0, v1))',
  'Phase1a(1)',
  'Phase1b(a2; m = 1a(1))',
  'Phase1b(a3; m = 1a(1))',
  'Phase2a(1, v2; Q = {a2, a3})',
  'Phase2b(a2; m = 2a(1, v2))',
  'Phase2b(a3; m = 2a(1, v2))',
  'Phase1a(2)',
  'Phase1b(a1; m = 1a(2))',
  'Phase1b(a3; m = 1a(2))',
  'Phase2a(2, v2; Q = {a1, a3}, m = 1b(a3, 2, 1, v2))',
  'Phase2b(a1; m = 2a(2, v2))',
];

/**
 * The demo's run, replayed on Paxos with the reference constants.
 *
 * @returns the machine and the run
 */
export function demoRun() {
  const m = paxos(config);
  return { machine: m, trace: replay(m, demoPath) };
}

/**
 * For each step of a Paxos run, the Voting step it is under the mapping,
 * or `-` for a step that leaves votes and maxBal unchanged.
 *
 * @param k - the constants
 * @param t - the run
 * @returns one entry per step
 */
export function votingSteps(k: Constants, t: Trace<PaxosState>): string[] {
  const f = paxosToVoting(k);
  const v = voting(k);
  return t.steps.map((st) => {
    const x = f(st.from);
    const y = f(st.to);
    if (v.key(x) === v.key(y)) return '-';
    const run = matchSteps(v, x, [], { to: y, internalDepth: 1 });
    return run ? run.steps.map((s) => labelText(s.label)).join(', ') : 'none: not a Voting step';
  });
}

/** The statuses as chapter 06 tabulates them: a row per acceptor, a column per ballot. */
export function statusTable(k: Constants, t: Statuses): string {
  return textTable(
    ['s[a][b]', ...Array.from({ length: k.maxBallot + 1 }, (_, b) => `b = ${b}`)],
    k.acceptors.map((a) => [a, ...t[a]!]),
  );
}

/**
 * The demo: the run with its Voting steps, the statuses at the end, and
 * the cross-check table.
 *
 * @param out - where to write
 * @param ctx - the context
 */
export function demo(out: Writer, ctx: CheckContext): void {
  const { trace } = demoRun();
  const vsteps = votingSteps(config, trace);
  out('A run of Paxos.tla (3 acceptors, 2 values, ballots 0..2), step by step.');
  out('The right column is the Voting step that the refinement mapping makes of it.');
  out('');
  out(
    textTable(
      ['#', 'Paxos step', 'Voting step'],
      trace.steps.map((st, i) => [String(i + 1), labelText(st.label), vsteps[i]!]),
    ),
  );
  const last = trace.steps[trace.steps.length - 1]!.to;
  const vs = paxosToVoting(config)(last);
  out('');
  out(`At the end, chosen = ${show(chosen(config, vs))}; the statuses of chapter 06 are`);
  out('');
  out(statusTable(config, votingToStatuses(config)(vs)));
  out('');
  out('Our figures beside TLC’s. TLC counts an initial state as depth 1 and as a');
  out('generated state; ours are printed here the same way (states generated =');
  out('initial states + steps; depth = steps + 1).');
  out('');
  out(crossCheckTable(crossCheck(ctx)));
}
