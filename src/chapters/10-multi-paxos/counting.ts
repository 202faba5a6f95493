/**
 * Counting the cost of a consensus (§7): scripted runs of multi-Paxos, each
 * step picked by its label, and a count of the messages sent and of the
 * message delays (the longest chain of messages, each sent on the arrival
 * of the one before) from the primary's first step for an instance to the
 * report that decides it.
 *
 * @module
 */
import type { Trace } from '../../index';
import { labelText, stepsFrom } from '../../index';
import { countConfig } from './config';
import type { MultiState, MultiSystem } from './system';
import { multiPaxos } from './system';

/** What a scripted run cost one consensus. */
export interface Cost {
  /** Messages sent, lost ones included. */
  readonly messages: number;
  /** Message delays on the longest chain to the deciding report. */
  readonly delays: number;
}

/** Does a label text contain the parts of a pattern, separated by '…', in order? */
const matches = (text: string, pattern: string): boolean => {
  let at = 0;
  for (const part of pattern.split('…')) {
    const k = text.indexOf(part, at);
    if (k < 0) return false;
    at = k + part.length;
  }
  return true;
};

/**
 * Run a script: at each step, the first enabled step whose label text
 * contains the given text (its parts separated by '…', in order).
 *
 * @param sys - the system
 * @param script - the texts, in order
 * @returns the run
 * @throws Error naming the first text no enabled step matches
 */
export function drive(sys: MultiSystem, script: readonly string[]): Trace<MultiState> {
  const init = [...sys.init()][0]!;
  const steps: Trace<MultiState>['steps'][number][] = [];
  let y = init;
  for (const [k, want] of script.entries()) {
    const all = stepsFrom(sys, y);
    const s = all.find((x) => matches(labelText(x.label), want));
    if (!s)
      throw new Error(
        `drive: step ${k + 1}, '${want}', is not enabled; enabled are ${all.map((x) => labelText(x.label)).join('; ')}`,
      );
    steps.push(s);
    y = s.to;
  }
  return { init, steps };
}

// #region count
/**
 * The cost of one consensus along a run: from step `from` (the primary's
 * first step for it) to the step where the primary, in round n, decides
 * instance p, the messages sent and the message delays (each message is one
 * delay later than the message whose arrival sent it, or than the latest
 * arrival at its sender, for a step of its own; messages sent before the
 * count starts are at delay 0).
 *
 * @param sys - the system
 * @param t - the run
 * @param from - the index of the step the count starts at
 * @param p - the instance
 * @returns the cost
 * @throws Error if the run does not decide instance p after step `from`
 */
export function costOf(sys: MultiSystem, t: Trace<MultiState>, from: number, p: number): Cost {
  const depth = new Map<object, number>();
  const seen = new Map<number, number>();
  let messages = 0;
  for (const [k, s] of t.steps.entries()) {
    // The count starts afresh at step `from`: what came before is delay 0.
    if (k === from) {
      seen.clear();
      for (const e of depth.keys()) depth.set(e, 0);
    }
    const actor = sys.actor(s.label);
    let at = actor === undefined ? 0 : (seen.get(actor) ?? 0);
    if (sys.Deliver.is(s.label)) {
      const d = depth.get(s.label.param.env) ?? 0;
      at = Math.max(at, d);
      seen.set(s.label.param.to, at);
    }
    const before = new Set(s.from.net);
    for (const e of s.to.net)
      if (!before.has(e) && !depth.has(e)) {
        depth.set(e, at + 1);
        if (k >= from) messages++;
      }
    if (k < from) continue;
    const decided = s.to.leaders.some(
      (ls, l) => ls.slot > p && !(s.from.leaders[l]!.slot > p && s.from.leaders[l]!.n === ls.n),
    );
    if (decided && sys.Deliver.is(s.label)) return { messages, delays: at };
  }
  throw new Error(`costOf: the run does not decide instance ${p} after step ${from}`);
}
// #endregion count

const all = (what: string) => ['a', 'b', 'c'].map((i) => `${what} → ${i})`);
const query = (l: string) => [
  `NewRound(${l})`,
  ...all(`Deliver(query((1,${l}))`),
  ...['a', 'b', 'c'].map((i) => `Deliver(report(${i}, (1,${l})`),
];
const instance = (l: string, p: number, start: string) => [
  start,
  ...['a', 'b', 'c'].map((i) => `Deliver(command((1,${l}), p${p}, …→ ${i})`),
  ...['a', 'b', 'c'].map((i) => `Deliver(accepted(${i}, (1,${l}), p${p}`),
];

// #region scripts
/** Steady state: l1 is primary and runs instances 0 and 1; instance 1 is counted. */
export const steadyScript = [
  ...query('l1'),
  ...instance('l1', 0, 'Allow(l1, p0'),
  ...instance('l1', 1, 'Allow(l1, p1'),
];

/**
 * A primary change: l1 commands 7 in instance 0, which reaches only agent
 * a; l2 starts its round, queries, finds 7 half-chosen and commands it
 * again. Instance 0 is counted from NewRound(l2).
 */
export const changeScript = [
  ...query('l1'),
  'Allow(l1, p0',
  'Deliver(command((1,l1), p0, 7) → a)',
  ...query('l2'),
  ...instance('l2', 0, 'Command(l2)'),
];

/**
 * A lost command: in steady state, the command of instance 1 is lost on
 * its way to b and to c; a's report arrives, nothing is left in flight,
 * and l1 sends the command again.
 */
export const lostScript = [
  ...query('l1'),
  ...instance('l1', 0, 'Allow(l1, p0'),
  'Allow(l1, p1',
  'Lose(command((1,l1), p1, 7, out 7) → b)',
  'Lose(command((1,l1), p1, 7, out 7) → c)',
  'Deliver(command((1,l1), p1, 7, out 7) → a)',
  'Deliver(accepted(a, (1,l1), p1',
  'Retransmit(l1)',
  ...all('Deliver(command((1,l1), p1, 7, out 7)'),
  'Deliver(accepted(a, (1,l1), p1',
  'Deliver(accepted(b, (1,l1), p1',
];
// #endregion scripts

const system = () => multiPaxos(countConfig);

/**
 * The cost of a consensus in steady state.
 *
 * @returns messages and delays for instance 1
 */
export function steadyCost(): Cost {
  const sys = system();
  return costOf(sys, drive(sys, steadyScript), steadyScript.indexOf('Allow(l1, p1'), 1);
}

/**
 * The cost of the first consensus after a primary change, query included.
 *
 * @returns messages and delays for instance 0, from NewRound(l2)
 */
export function changeCost(): Cost {
  const sys = system();
  return costOf(sys, drive(sys, changeScript), changeScript.indexOf('NewRound(l2)'), 0);
}

/**
 * The cost of a consensus whose command is lost on its way to two agents of three.
 *
 * @returns messages (lost ones included) and delays for instance 1
 */
export function lostCost(): Cost {
  const sys = system();
  return costOf(sys, drive(sys, lostScript), lostScript.indexOf('Allow(l1, p1'), 1);
}
