/**
 * Chapter 08's demo: a successful round under loss, duplication and an
 * agent crash, step by step, with what each step changed and which
 * abstract step it is; the five message delays, counted; and the paper's
 * worked example, with the erratum.
 *
 * @module
 */
import type { Machine, Move, Trace } from '../../index';
import { canonical, explore, labelText, replay, stepsFrom, textTable } from '../../index';
import { observeAsD as observeD, paxosToD } from '../06-paxos-state/abstraction';
import { paxos } from '../06-paxos-state/paxos';
import type { PaxosState } from '../06-paxos-state/state';
import type { Writer } from '../chapter';
import { messagesToPaxos, observe, witness } from './abstraction';
import { demoConfig, quietConfig } from './config';
import type { TimedState } from './delays';
import { exactlyFive, hops, timedPaxos } from './delays';
import { stepChange } from './diagram';
import { exampleTable, majorityName, PAPER_LEFT } from './example';
import type { NetState, PaxosSystem } from './system';
import { messagePaxos } from './system';

/**
 * The demo's run: l2 starts round (1,l2); its query is lost after reaching
 * a and is sent again; a's report arrives twice; b crashes after reporting;
 * the round succeeds with a and c; b recovers and learns the outcome.
 */
export const demoPath = [
  'Allow(l2, 8)',
  'NewRound(l2)',
  'Deliver(query((1,l2)) → a)',
  'Lose(query((1,l2)) → a b c)',
  'Retransmit(l2)',
  'Deliver(query((1,l2)) → b)',
  'Deliver(report(a, [no]) → l2)',
  'Deliver(report(a, [no]) → l2)',
  'Deliver(report(b, [no]) → l2)',
  'Crash(b)',
  'Command(l2, 8)',
  'Deliver(command((1,l2), 8) → a)',
  'Deliver(command((1,l2), 8) → c)',
  'Deliver(report(a, (1,l2), 8) → l2)',
  'Deliver(report(c, (1,l2), 8) → l2)',
  'Deliver(outcome(8) → a)',
  'Deliver(outcome(8) → c)',
  'Recover(b)',
  'Deliver(outcome(8) → b)',
  'Outcome(b) -> 8',
];

/** The step of the demo's run at which a majority has accepted 8: D's Agree(8). */
export const AGREE_STEP = demoPath.indexOf('Deliver(command((1,l2), 8) → c)') + 1;

/** The step at which the leader hears that majority and publishes: D's Terminate. */
export const PUBLISH_STEP = demoPath.indexOf('Deliver(report(c, (1,l2), 8) → l2)') + 1;

/** The demo's run. */
export function demoRun(): { machine: PaxosSystem; trace: Trace<NetState> } {
  const m = messagePaxos(demoConfig);
  return { machine: m, trace: replay(m, demoPath) };
}

/**
 * A witness move as chapter 06 writes it (`Query(a, (1,l2))`): the spec's
 * step from x to x2 with the move's parameter.
 */
function moveText(spec: Machine<PaxosState>, x: PaxosState, mv: Move, x2: PaxosState): string {
  const want = canonical(mv.param);
  const to = spec.key(x2);
  const step = stepsFrom(spec, x).find(
    (st) => canonical(st.label.param) === want && spec.key(st.to) === to,
  );
  return step ? labelText(step.label) : '?';
}

/**
 * Each step of a run beside the abstract Paxos step that simulates it (the
 * witness) and the D-step below that.
 *
 * @param sys - the system that made the run
 * @param t - a run
 * @returns the table
 */
export function stepsTable(sys: PaxosSystem, t: Trace<NetState>): string {
  const spec = paxos(sys.config.paxos);
  const w = witness(sys);
  const seen = observe(sys);
  const rows = t.steps.map((st, k) => {
    const moves = w(st.from, st.label, st.to) ?? [];
    const x = messagesToPaxos(st.from);
    const x2 = messagesToPaxos(st.to);
    const a = paxosToD(x);
    const b = paxosToD(x2);
    const d: string[] = [];
    if (st.label.external)
      d.push(labelText(observeD({ external: true, fault: false, ...seen(st.label) })));
    if (a.outcome === null && b.outcome !== null) d.push(`Agree(${b.outcome})`);
    if (!a.done && b.done) d.push('Terminate');
    const sent = st.to.net
      .filter((e) => !st.from.net.includes(e))
      .map((e) => sys.showMessage(e.msg));
    const change = [stepChange(sys, st), sent.length ? `sends ${sent.join(', ')}` : undefined];
    return [
      String(k + 1),
      labelText(st.label),
      change.filter(Boolean).join('; '),
      moves.map((mv) => moveText(spec, x, mv, x2)).join(', ') || '-',
      d.join(', ') || '-',
    ];
  });
  return textTable(['#', 'step', 'what it changed', 'abstract Paxos', 'D'], rows);
}

/** The fault-free run of one leader that counts message delays: a shortest run in which an agent learns after five. */
export function fiveDelaysRun(): {
  system: PaxosSystem;
  machine: Machine<TimedState>;
  trace: Trace<TimedState>;
} {
  const { system, machine } = timedPaxos(quietConfig);
  const r = explore(machine, { reachable: [exactlyFive] });
  return { system, machine, trace: r.witnesses.get(exactlyFive.name)! };
}

/**
 * Print the demo.
 *
 * @param out - where the lines go
 */
export function demo(out: Writer): void {
  const { machine, trace } = demoRun();
  out('Message-level Paxos (§6.4): agents a, b, c; leaders l1 and l2, of which only l2');
  out('works here, on round (1,l2). The network loses the query once (l2 sends it');
  out('again), delivers a’s report twice (l2 counts a once), and b crashes after');
  out('reporting; the round succeeds with a and c, and b learns the outcome when it');
  out('recovers. Each step: what it changed, the abstract step of chapter 06 that');
  out('simulates it, and the step of spec D below that.');
  out('');
  out(stepsTable(machine, trace));
  out('');
  out('Five message delays (§6.1: 2½ round trips): one leader, no faults, the run that');
  out('first lets an agent learn the outcome. Each delivery, with the number of');
  out('message delays on the longest causal chain that leads to its message:');
  out('');
  const five = fiveDelaysRun();
  out(
    textTable(
      ['#', 'message', 'to', 'delays'],
      hops(five.system, five.trace).map((h) => [String(h.step), h.message, h.to, String(h.delays)]),
    ),
  );
  out('');
  out('query (1), report (2), command (3), report (4), outcome (5).');
  out('');
  out('The paper’s example (§6.4), computed: what the leader of round 4 picks by the');
  out('simple rule after hearing a majority, and which values are safe (those that keep');
  out('round 4 anchored whatever the silent agent’s statuses are, as far as');
  out('Invariants 1 and 4 allow).');
  out('');
  const paper = PAPER_LEFT as {
    text: Record<string, readonly number[]>;
    table: Record<string, readonly number[]>;
  };
  out(
    textTable(
      ['run', 'heard from', 'simple rule', 'safe', 'paper’s text', 'paper’s table'],
      exampleTable().map((r) => {
        const k = majorityName(r.q);
        const said = (x: Record<string, readonly number[]>) =>
          r.run === 'right'
            ? '9'
            : !x[k]
              ? '(not given)'
              : r.q.length === 3
                ? 'any'
                : x[k].join(' and ');
        return [
          r.run,
          k,
          r.simple.join(', '),
          r.safe.join(', '),
          said(paper.text),
          said(paper.table),
        ];
      }),
    ),
  );
  out('');
  out('In the left run the paper’s text gives 8 for a, c, and its table lists b, c under');
  out('both 8 and 9. From the statuses, both must be 9: c reports 9 in round 3, and a');
  out('leader that has not heard from a and b together cannot know that round 3 is dead.');
}
