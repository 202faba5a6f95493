/**
 * Chapter 08's demo: a successful round under loss, duplication and an
 * agent crash, step by step, with what each step changed and which
 * abstract step it is; the five message delays, counted; and the paper's
 * worked example, with the erratum.
 *
 * @module
 */
import {
  explore,
  type Label,
  labelText,
  type Machine,
  type Move,
  replay,
  show,
  type Trace,
  textTable,
} from '../../index';
import { observe as observeD, abstraction as toDState } from '../06-paxos-state/abstraction';
import { paxos } from '../06-paxos-state/paxos';
import { agentName, leaderName, type PaxosConfig, roundName } from '../06-paxos-state/state';
import type { Writer } from '../chapter';
import { observe, toAbstract, witness } from './abstraction';
import { quietConfig } from './configs';
import { exactlyFive, hops, type TimedState, timedPaxos } from './delays';
import { agentChange, leaderChange } from './diagram';
import { exampleTable, majorityName, PAPER_LEFT } from './example';
import { type Msg, showMsg, toAgents } from './messages';
import { messagePaxos, type NetConfig, type NetState } from './system';

/** The demo's constants: 3 agents, 2 leaders (only l2 works), values {7, 8}, losses and one agent crash. */
export const demoConfig: NetConfig = {
  paxos: { agents: 3, leaders: 2, maxJ: 1, values: [7, 8] },
  pairs: false,
  maxInFlight: 1000,
  losses: 2,
  retransmit: true,
  agentCrashes: 1,
  leaderCrashes: 0,
};

/**
 * The demo's run: l2 starts round (1,l2); its query is lost after reaching
 * a and is sent again; a's report arrives twice; b crashes after reporting;
 * the round succeeds with a and c; b recovers and learns the outcome.
 */
export const demoPath = [
  'Allow(8, l2)',
  'NewRound(l2)',
  'Deliver(query((1,l2)) → a)',
  'Lose(query((1,l2)))',
  'Retransmit(l2)',
  'Deliver(query((1,l2)) → b)',
  'Deliver(report(a, [no]) → l2)',
  'Deliver(report(a, [no]) → l2)',
  'Deliver(report(b, [no]) → l2)',
  'CrashAgent(b)',
  'Command(l2, 8)',
  'Deliver(command((1,l2), 8) → a)',
  'Deliver(command((1,l2), 8) → c)',
  'Deliver(report(a, (1,l2), 8) → l2)',
  'Deliver(report(c, (1,l2), 8) → l2)',
  'Deliver(outcome(8) → a)',
  'Deliver(outcome(8) → c)',
  'RecoverAgent(b)',
  'Deliver(outcome(8) → b)',
  'Outcome(b) -> 8',
];

/** The demo's run. */
export function demoRun(): { machine: Machine<NetState>; trace: Trace<NetState> } {
  const m = messagePaxos(demoConfig);
  return { machine: m, trace: replay(m, demoPath) };
}

/** A step's effect on the process it happened at, in the paper's notation. */
export function stepNote(c: PaxosConfig, label: Label, y: NetState, y2: NetState): string {
  const p = label.param;
  const sent = y2.net.filter((m) => !y.net.some((x) => x.key === m.key)).map((m) => showMsg(c, m));
  const sends = sent.length ? `; sends ${sent.join(', ')}` : '';
  switch (label.action) {
    case 'Allow': {
      const { l } = p as { l: number };
      return `allowed_${leaderName(l)} := {${y2.leaders[l]!.allowed.join(', ')}}`;
    }
    case 'Outcome':
      return `${agentName(p as number)} answers with the outcome it was told`;
    case 'Deliver': {
      const { m, to } = p as { m: Msg; to: number };
      return (
        (toAgents(m)
          ? agentChange(c, to, y.agents[to]!, y2.agents[to]!)
          : leaderChange(to, y.leaders[to]!, y2.leaders[to]!, m)) + sends
      );
    }
    case 'NewRound': {
      const l = p as number;
      return `n_${leaderName(l)} := ${roundName(c, y2.leaders[l]!.n!)}${sends}`;
    }
    case 'Command': {
      const { l } = p as { l: number };
      return `u_${leaderName(l)} := ${y2.leaders[l]!.u}${sends}`;
    }
    case 'Retransmit':
      return `sends ${sent.join(', ')} again`;
    case 'Lose':
      return 'the network loses it';
    case 'CrashAgent':
      return `${agentName(p as number)} is down; s_${agentName(p as number)} survives`;
    case 'RecoverAgent':
      return `${agentName(p as number)} is up again`;
    case 'CrashLeader':
      return `${leaderName(p as number)} forgets all but its clock j`;
    default:
      return '';
  }
}

/** A witness move as chapter 06 writes it: `Query(a, (1,l2))`. */
function moveText(spec: Machine<unknown>, mv: Move): string {
  const act = spec.actions.find((a) => a.name === mv.action)!;
  if (mv.param === undefined) return mv.action;
  return `${mv.action}(${act.showParam ? act.showParam(mv.param) : show(mv.param)})`;
}

/**
 * Each step of a run beside the abstract Paxos step that simulates it (the
 * witness) and the D-step below that.
 *
 * @param c - the configuration
 * @param t - a run
 * @returns the table
 */
export function stepsTable(c: PaxosConfig, t: Trace<NetState>): string {
  const spec = paxos(c) as Machine<unknown>;
  const w = witness(c);
  const rows = t.steps.map((st, k) => {
    const moves = w(st.from, st.label, st.to) ?? [];
    const a = toDState(toAbstract(st.from));
    const b = toDState(toAbstract(st.to));
    const d: string[] = [];
    if (st.label.external) d.push(labelText(observeD(observe(st.label) as Label)));
    if (a.outcome === null && b.outcome !== null) d.push(`Agree(${b.outcome})`);
    if (!a.done && b.done) d.push('Terminate');
    return [
      String(k + 1),
      labelText(st.label),
      stepNote(c, st.label, st.from, st.to),
      moves.map((mv) => moveText(spec, mv)).join(', ') || '-',
      d.join(', ') || '-',
    ];
  });
  return textTable(['#', 'step', 'what it changed', 'abstract Paxos', 'D'], rows);
}

/** The fault-free run of one leader that counts message delays: a shortest run in which an agent learns after five. */
export function fiveDelaysRun(): { machine: Machine<TimedState>; trace: Trace<TimedState> } {
  const m = timedPaxos(quietConfig);
  const r = explore(m, { reachable: [exactlyFive] });
  return { machine: m, trace: r.witnesses.get(exactlyFive.name)! };
}

/**
 * Print the demo.
 *
 * @param out - where the lines go
 */
export function demo(out: Writer): void {
  const c = demoConfig.paxos;
  const { trace } = demoRun();
  out('Message-level Paxos (§6.4): agents a, b, c; leaders l1 and l2, of which only l2');
  out('works here, on round (1,l2). The network loses the query once (l2 sends it');
  out('again), delivers a’s report twice (l2 counts a once), and b crashes after');
  out('reporting; the round succeeds with a and c, and b learns the outcome when it');
  out('recovers. Each step: what it changed, the abstract step of chapter 06 that');
  out('simulates it, and the step of spec D below that.');
  out('');
  out(stepsTable(c, trace));
  out('');
  out('Five message delays (§6.1: 2½ round trips): one leader, no faults, the run that');
  out('first lets an agent learn the outcome. Each delivery, with the number of');
  out('message delays on the longest causal chain that leads to its message:');
  out('');
  const five = fiveDelaysRun();
  out(
    textTable(
      ['#', 'message', 'to', 'delays'],
      hops(quietConfig, five.trace).map((h) => [String(h.step), h.message, h.to, String(h.delays)]),
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
