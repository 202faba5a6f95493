/**
 * Chapter 01's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import { explore, invariant, renderTrace, show } from '../../index';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import { config } from './config';
import { checkEqualLogs } from './properties';
import type { receive as receiveType } from './replica';
import type { ReplicationState } from './replication';
import {
  goals,
  logOf,
  replicaName,
  replicasAgree,
  replicasFollowLog,
  replication,
} from './replication';
import { rules } from './rules';
import { run } from './stateMachine';
import type { StorageInput, StorageState } from './storage';
import { Read, showInput, showState, storage, Write } from './storage';

const SLUG = '01-replicated-state-machines';

/**
 * The exhaustive phase of exercise 1.1 (ours): three replicas, three
 * requests, and the network may deliver one entry twice; besides the
 * chapter's two invariants, every replica must catch up once nothing is in
 * flight (a receive that applies one waiting entry where it should apply
 * all the ones that are ready falls behind for good, and only this says so).
 */
export const receiveConfig = { ...config, faults: { duplicate: 1 } } as const;

/** With nothing in flight, every replica has applied the whole log. */
export const catchesUp = invariant<ReplicationState>(
  'with nothing in flight, every replica has applied the whole log',
  (s) => s.net.length > 0 || s.replicas.every((r) => r.next - 1 === logOf(s).length),
  (s) => {
    const behind = s.replicas
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.next - 1 !== logOf(s).length)
      .map(
        ({ r, i }) =>
          `${replicaName(i)} applied ${r.next - 1} (waiting: ${r.waiting.map((e) => e.n).join(', ') || 'none'})`,
      );
    const single = run(
      storage,
      logOf(s).map((e) => e.input),
    );
    return `nothing is in flight and the log has ${logOf(s).length} entries, but ${behind.join('; ')}; the single copy, given the same entries, has ${showState(single.state)} and answered [${single.outputs.join(' ')}]`;
  },
);

async function checkReceive(mod: Record<string, unknown>): Promise<ExerciseVerdict> {
  const receive = exportedFunction<typeof receiveType>(mod, 'receive');
  const yours = { ...rules, receive };
  const sys = replication(receiveConfig, yours);
  const r = explore(sys, {
    invariants: [replicasAgree, replicasFollowLog, catchesUp],
    reachable: goals(receiveConfig),
  });
  if (!r.holds) {
    if (r.counterexample)
      return {
        passed: false,
        explanation: `Exploring three replicas with your receive (every delivery order, one entry possibly delivered twice): "${r.counterexample.property}" fails.\n${r.counterexample.message}\n\nThe run, in delivery order (the shortest that fails; it is found again by npm run workbook -- exercise 1.1, with --file for another copy of your answer):\n${renderTrace(sys, r.counterexample.trace)}`,
      };
    return {
      passed: false,
      explanation: `Exploring three replicas with your receive, no run ever reaches: ${r.unreached.join('; ')}. Does receive apply anything?`,
    };
  }
  const p = checkEqualLogs(1, yours);
  if (!p.holds)
    return {
      passed: false,
      explanation: `The exhaustive check passed, but random logs with duplicated deliveries fail: ${p.counterexample?.message}`,
    };
  return {
    passed: true,
    explanation: `Exploring ${r.stats.states} states of three replicas, and ${p.stats.runs} random logs: every replica applies entries by number and agrees with the single copy.`,
  };
}

const INPUTS: StorageInput[] = [Read('x'), Read('y'), Write('x', 1), Write('x', 2), Write('y', 1)];
const STATES: readonly StorageState[] = [{}, { x: 1 }, { x: 2 }, { y: 1 }, { x: 1, y: 2 }];

/** a then b, and b then a, from s0: the two end states and each input's two outputs. */
function bothOrders(s0: StorageState, a: StorageInput, b: StorageInput) {
  const ab = run({ ...storage, initial: s0 }, [a, b]);
  const ba = run({ ...storage, initial: s0 }, [b, a]);
  const same =
    showState(ab.state) === showState(ba.state) &&
    ab.outputs[0] === ba.outputs[1] &&
    ab.outputs[1] === ba.outputs[0];
  return { ab, ba, same };
}

/** Do a and b commute: from every state, a;b and b;a end in the same state and give each input the same output? */
export function commuteByBruteForce(a: StorageInput, b: StorageInput): boolean {
  return STATES.every((s0) => bothOrders(s0, a, b).same);
}

/**
 * Where the two orders of a and b differ: the first state of the check's
 * from which they do, and what each order does from it (its end state, and
 * what its Reads answer); undefined if they commute.
 */
function whereOrdersDiffer(a: StorageInput, b: StorageInput): string | undefined {
  for (const s0 of STATES) {
    const { ab, ba, same } = bothOrders(s0, a, b);
    if (same) continue;
    const order = (
      first: StorageInput,
      second: StorageInput,
      r: { state: StorageState; outputs: readonly unknown[] },
    ) => {
      const reads = [first, second]
        .map((i, k) => (i.op === 'Read' ? `${showInput(i)} answering ${show(r.outputs[k])}` : ''))
        .filter(Boolean);
      return `${showInput(first)} then ${showInput(second)} ends in ${showState(r.state)}${reads.length ? ` with ${reads.join(' and ')}` : ''}`;
    };
    return `from the state ${showState(s0)}, ${order(a, b, ab)}, but ${order(b, a, ba)}`;
  }
  return undefined;
}

function checkCommute(mod: Record<string, unknown>): ExerciseVerdict {
  const commute = exportedFunction<(a: StorageInput, b: StorageInput) => boolean>(mod, 'commute');
  for (const a of INPUTS)
    for (const b of INPUTS) {
      const differ = whereOrdersDiffer(a, b);
      const got = commute(a, b);
      if (got !== (differ === undefined))
        return {
          passed: false,
          explanation: `commute(${showInput(a)}, ${showInput(b)}) returned ${got}, but they ${
            differ
              ? `do not commute: ${differ}.`
              : `do commute: from every state, both orders end in the same state and give each input the same output.`
          }`,
        };
    }
  return {
    passed: true,
    explanation: `Your commute agrees with brute force on all ${INPUTS.length ** 2} pairs of inputs.`,
  };
}

/** The exercises of chapter 01. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '1.1',
    title: 'Apply by number',
    task: 'Write receive: a replica gets numbered entries in any order, possibly twice, and must apply entry n only after entries 1 to n-1.',
    hint: 'Keep early entries in waiting, sorted by number; after adding one, apply from the front while its number is next.',
    name: '1.1-receive',
    check: checkReceive,
  }),
  exercise(SLUG, {
    id: '1.2',
    title: 'Which inputs commute?',
    task: 'Write commute(a, b): true exactly when applying a then b, or b then a, from any state gives the same state and the same output for each input. These are the pairs whose order a replicated storage service need not agree on.',
    hint: 'Two Reads always commute. A Read and a Write commute unless they touch the same address. Two Writes to one address commute only if they write the same data.',
    name: '1.2-commute',
    check: checkCommute,
  }),
];
