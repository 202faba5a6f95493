/**
 * Chapter 06's demo: the right-hand run of the paper's example (§6.4), step
 * by step, with the rounds' table and what spec D sees of each step.
 *
 * @module
 */
import type { Trace } from '../../index';
import { labelText, renderTrace, replay, show, textTable } from '../../index';
import { specD } from '../03-consensus-specs/specs';
import type { Writer } from '../chapter';
import { observeAsD, paxosToD } from './abstraction';
import { demoConfig } from './config';
import { paxos, pickLatest } from './paxos';
import { anchored, dead, successful, v_n } from './predicates';
import type { PaxosConfig, PaxosState } from './state';
import { agentName, majorities, roundCount, roundName } from './state';

/**
 * The right-hand run of the paper's example: round (1,l1) gets 8 at a only,
 * round (1,l2) gets 9 at a and c and succeeds, round (2,l1) gets 9 at c only,
 * and the leader of round (2,l2) must choose 9 whichever majority it hears.
 */
export const demoPath = [
  'Allow(8, l1)',
  'Allow(9, l2)',
  'NewRound(l1)',
  'Choose(l1, {a, b})',
  'Accept(a, (1,l1))',
  'NewRound(l2)',
  'Query(b, (1,l2))',
  'Query(c, (1,l2))',
  'Choose(l2, {b, c})',
  'Accept(a, (1,l2))',
  'Accept(c, (1,l2))',
  'NewRound(l1)',
  'Query(b, (2,l1))',
  'Choose(l1, {b, c})',
  'Accept(c, (2,l1))',
  'NewRound(l2)',
  'Query(a, (2,l2))',
  'Query(b, (2,l2))',
  'Choose(l2, {a, b})',
  'Accept(a, (2,l2))',
  'Accept(b, (2,l2))',
  'Publish(l2)',
  'Outcome',
  'Done',
];

/** The demo's run. */
export function demoRun() {
  const m = paxos(demoConfig);
  const path = demoPath.map((p) =>
    p === 'Outcome' ? 'Outcome -> 9' : p === 'Done' ? 'Done -> true' : p,
  );
  return { machine: m, trace: replay(m, path) };
}

/**
 * The rounds as the paper tabulates them: v_n and each agent's status, and
 * whether the round is dead, successful or anchored.
 *
 * @param c - the configuration
 * @param s - the state
 * @returns the table
 */
export function roundsTable(c: PaxosConfig, s: PaxosState): string {
  const rows: string[][] = [];
  for (let n = 0; n < roundCount(c); n++)
    rows.push([
      roundName(c, n),
      show(v_n(s, n)),
      ...s.s.map((row) => show(row[n])),
      [dead(s, n) && 'dead', successful(s, n) && 'successful', anchored(s, n) && 'anchored']
        .filter(Boolean)
        .join(', '),
    ]);
  return textTable(
    ['round n', 'v_n', ...s.s.map((_, i) => `s[${agentName(i)}][n]`), 'the round is'],
    rows,
  );
}

/**
 * What spec D sees of each step of a run, through the abstraction function:
 * an external step is D's same action; an internal step is D's Agree when
 * the outcome goes from nil to a value, Terminate when done becomes true,
 * and nothing otherwise.
 *
 * @param t - a run of abstract Paxos
 * @returns the table
 */
export function dSteps(t: Trace<PaxosState>): string {
  const rows = t.steps.map((st, k) => {
    const a = paxosToD(st.from);
    const b = paxosToD(st.to);
    const d: string[] = [];
    if (a.outcome === null && b.outcome !== null) d.push(`Agree(${b.outcome})`);
    if (!a.done && b.done) d.push('Terminate');
    if (st.label.external) d.unshift(labelText(observeAsD(st.label)));
    return [String(k + 1), labelText(st.label), d.join(', ') || '(nothing)'];
  });
  return textTable(['#', 'Paxos step', 'D step'], rows);
}

/**
 * Print the demo.
 *
 * @param out - where the lines go
 */
export function demo(out: Writer): void {
  const { machine, trace } = demoRun();
  const c = demoConfig;
  out('Abstract Paxos (§6.2): three agents a, b, c; leaders l1 and l2; rounds');
  out('(1,l1) < (1,l2) < (2,l1) < (2,l2). This is the right-hand run of the paper’s');
  out('example (§6.4). Only statuses that are not neutral are listed; each row');
  out('shows what the step changed.');
  out('');
  out(renderTrace(machine, trace));
  out('');
  const before = trace.steps[demoPath.indexOf('Choose(l2, {a, b})')]!.from;
  out('The rounds just before l2 chooses a value for round (2,l2):');
  out('');
  out(roundsTable(c, before));
  out('');
  const n = before.leaders[1]!.n as number;
  const choices = majorities(c.agents)
    .map(
      (q) =>
        `{${q.map(agentName).join(', ')}} -> ${pickLatest(before, n, q, before.leaders[1]!.allowed).join(' or ')}`,
    )
    .join('; ');
  out(`What l2 may choose, by the majority it hears: ${choices}.`);
  out('Round (1,l2) succeeded, so every later round must carry 9.');
  out('');
  out('What spec D sees of each step, through the abstraction function:');
  out('');
  out(dSteps(trace));
  out('');
  const d = specD(c.values);
  out(`At the end, f(y) = ${show(d.view(paxosToD(trace.steps.at(-1)!.to)))}.`);
}
