/**
 * Chapter 10's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import { nil, renderRefinementFailure, renderTrace } from '../../index';
import { agentName } from '../06-paxos-state/state';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import { refinementToD } from './abstraction';
import { checkRefinesD } from './checks';
import type { MultiConfig } from './config';
import { config, dupConfig } from './config';
import type { Rules, Seen, Slot } from './system';
import { multiPaxos, rules } from './system';

const SLUG = '10-multi-paxos';

/**
 * The reader's rules through a refinement check: passed, or the first step
 * no spec step simulates, the first broken invariant with its run, or the
 * goal not reached.
 *
 * @param c - the configuration
 * @param r - the rules with the reader's function in them
 * @param goals - the goals asked for
 * @returns undefined if it holds, else the verdict
 */
function refinementFails(
  c: MultiConfig,
  r: Rules,
  goals: readonly number[],
): { verdict?: ExerciseVerdict; states: number } {
  const res = checkRefinesD(c, r, { seed: 1 }, goals);
  if (res.holds) return { states: res.stats.states };
  const sys = multiPaxos(c, r);
  const why = res.failure
    ? `A step is not simulated by the sequence of D's:\n\n${renderRefinementFailure(sys, refinementToD(sys).spec, res)}`
    : res.counterexample
      ? `“${res.counterexample.property}” fails${res.counterexample.message === 'violated' ? '' : `: ${res.counterexample.message}`}, in this run (npm run workbook -- check 10 runs the same check on the chapter's rules):\n\n${renderTrace(sys, res.counterexample.trace)}`
      : `Nothing goes wrong, but some things never happen: no reachable state meets ${res.unreached.join('; ')}.`;
  return { verdict: { passed: false, explanation: why }, states: res.stats.states };
}

const slotText = (s: Slot) => (s.last < 0 ? '_' : `${s.v}@${s.last}`);
const seenText = (s: Seen) =>
  `heard [${s.heard.map(agentName).join(', ')}], best [${s.best.map(slotText).join(' ')}]`;

/** The (v, last) an agent may report in each of two instances: none, 8 in round 0, 7 in round 1. */
const OFFERS: readonly Slot[] = [
  { v: nil, last: -1 },
  { v: 8, last: 0 },
  { v: 7, last: 1 },
];

/**
 * §7's bookkeeping, on every arrival order of up to three reports from
 * three agents (a report may arrive twice) and every report each agent may
 * make in two instances: the leader has heard each agent once, and keeps
 * per instance the reported (v, last) with the largest last.
 *
 * @param note - the reader's noteReport
 * @returns the first case it gets wrong, in words, or undefined
 */
function bookkeepingFault(note: Rules['noteReport']): string | undefined {
  const reports: Slot[][] = OFFERS.flatMap((x) => OFFERS.map((y) => [x, y]));
  const orders: number[][] = [[]];
  for (let len = 0; len < 3; len++)
    for (const o of orders.filter((x) => x.length === len))
      for (let i = 0; i < 3; i++) orders.push([...o, i]);
  const empty: Seen = { heard: [], best: [OFFERS[0]!, OFFERS[0]!] };
  for (const order of orders.filter((o) => o.length > 0))
    for (const ra of reports)
      for (const rb of reports)
        for (const rc of reports) {
          const by = [ra, rb, rc];
          let seen = empty;
          for (const i of order) seen = note(seen, i, by[i]!);
          const agents = [...new Set(order)];
          const want = [0, 1].map((p) =>
            agents.map((i) => by[i]![p]!).reduce((b, s) => (s.last > b.last ? s : b), OFFERS[0]!),
          );
          const arrived = order.map((i) => `${agentName(i)}'s [${by[i]!.map(slotText).join(' ')}]`);
          const got = seenText(seen);
          const heardOk =
            seen.heard.length === agents.length && agents.every((i) => seen.heard.includes(i));
          if (!heardOk)
            return `After the reports ${arrived.join(', ')} arrive in that order, you keep ${got}: the leader must have heard ${agents.length === 1 ? `${agentName(agents[0]!)} once` : `${agents.map(agentName).join(', ')}, each once`}${agents.length < order.length ? ' (a report that arrives twice is one agent, not two: with three agents, two copies of one report are no majority)' : ''}.`;
          const bestOk = want.every(
            (w, p) => seen.best[p]!.last === w.last && seen.best[p]!.v === w.v,
          );
          if (!bestOk)
            return `After the reports ${arrived.join(', ')} arrive in that order, you keep ${got}: per instance the leader must keep the reported value of the largest round, [${want.map(slotText).join(' ')}].`;
        }
  return undefined;
}

function checkNoteReport(mod: Record<string, unknown>): ExerciseVerdict {
  const noteReport = exportedFunction<Rules['noteReport']>(mod, 'noteReport');
  const fault = bookkeepingFault(noteReport);
  if (fault)
    return {
      passed: false,
      explanation: `${fault}\nSee §7: “all a leader needs to remember from the reports is the largest round for which a value was reported and which agents have reported.”`,
    };
  const r: Rules = { ...rules, noteReport };
  const plain = refinementFails(config, r, [0, 1, 2]);
  if (plain.verdict) return plain.verdict;
  const dup = refinementFails(dupConfig, r, [0, 1]);
  if (dup.verdict) return dup.verdict;
  return {
    passed: true,
    explanation: `Your bookkeeping is §7's on every arrival order of up to three reports, and with it multi-Paxos implements a sequence of D's in every reachable state of the chapter's configuration (${plain.states} states) and of its configuration with a duplicate (${dup.states} states).`,
  };
}

function checkOnCommand(mod: Record<string, unknown>): ExerciseVerdict {
  const onCommand = exportedFunction<Rules['onCommand']>(mod, 'onCommand');
  const plain = refinementFails(config, { ...rules, onCommand }, [0, 1, 2]);
  if (plain.verdict) return plain.verdict;
  return {
    passed: true,
    explanation: `With your agent, multi-Paxos implements a sequence of D's in every reachable state of the chapter's configuration (${plain.states} states), agents learn outcomes from commands, and a new primary proposes a half-chosen value again.`,
  };
}

/** The exercises of chapter 10. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '10.1',
    title: 'What a leader keeps of the reports',
    task: 'Write noteReport(seen, i, slots): what the leader keeps once agent i’s report of its query arrives, carrying (v, last) for every instance (§7).',
    hint: 'The same report may arrive twice; the leader counts agents. For each instance it keeps the (v, last) with the largest last it has heard.',
    name: '10.1-note-report',
    check: checkNoteReport,
  }),
  exercise(SLUG, {
    id: '10.2',
    title: 'An agent’s step on a command',
    task: 'Write onCommand(a, m): the agent’s compact state after command(n, p, v, out), which carries the outcome of instance p - 1 (§7).',
    hint: 'First the outcome: it is for the instance before. Then accept only if round n is still neutral in instance p: at or above next, and above the round it last accepted in there. Accepting moves next up to n.',
    name: '10.2-on-command',
    check: checkOnCommand,
  }),
];
