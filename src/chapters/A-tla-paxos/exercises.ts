/**
 * The appendix's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import { explore, invariant, renderTrace, show } from '../../index';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import type { Acceptor, Ballot, Constants, Value } from './config';
import { ballotsOf, config, quorumsOf } from './config';
import type { Statuses } from './mapping';
import { votingToStatuses } from './mapping';
import type { VotingState } from './voting';
import { ShowsSafeAt, voting } from './voting';

const SLUG = 'A-tla-paxos';

/**
 * Explore Voting with the reference constants and stop at the first state
 * where `differs` names a difference.
 */
function compareOnVoting(
  what: string,
  differs: (s: VotingState) => string | undefined,
): ExerciseVerdict {
  let bad = '';
  const agree = invariant<VotingState>(`your function ${what} agrees with the chapter’s`, (s) => {
    const d = differs(s);
    if (d !== undefined) bad = d;
    return d === undefined;
  });
  const m = voting(config);
  const r = explore(m, { invariants: [agree] });
  if (!r.holds && r.counterexample)
    return {
      passed: false,
      explanation: `In the last state of this run, ${bad}.\n\n${renderTrace(m, r.counterexample.trace)}`,
    };
  return {
    passed: true,
    explanation: `Your function ${what} agrees with the chapter’s in all ${r.stats.states} reachable states of Voting with the reference constants.`,
  };
}

function checkStatuses(mod: Record<string, unknown>): ExerciseVerdict {
  const yours = exportedFunction<(k: Constants, s: VotingState) => Statuses>(mod, 'statuses');
  const ref = votingToStatuses(config);
  return compareOnVoting('statuses', (s) => {
    const got = yours(config, s);
    const want = ref(s);
    for (const a of config.acceptors)
      for (const b of ballotsOf(config))
        if (got[a]?.[b] !== want[a]![b])
          return `s[${a}][${b}] is ${show(got[a]?.[b])} where it should be ${want[a]![b]}`;
    return undefined;
  });
}

function checkShowsSafeAt(mod: Record<string, unknown>): ExerciseVerdict {
  const yours = exportedFunction<
    (k: Constants, s: VotingState, Q: readonly Acceptor[], b: Ballot, v: Value) => boolean
  >(mod, 'ShowsSafeAt');
  return compareOnVoting('ShowsSafeAt', (s) => {
    for (const Q of quorumsOf(config))
      for (const b of ballotsOf(config))
        for (const v of config.values) {
          const got = yours(config, s, Q, b, v);
          const want = ShowsSafeAt(config, s, Q, b, v);
          if (got !== want)
            return `ShowsSafeAt({${Q.join(', ')}}, ${b}, ${v}) is ${show(got)} where it should be ${want}`;
        }
    return undefined;
  });
}

/** The exercises of the appendix. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: 'A.1',
    name: 'A.1-statuses',
    title: 'Lamport’s variables as Lampson’s statuses',
    task: 'Write statuses(k, s): for each acceptor a and ballot b, the Value a voted for in b, or no if a cannot vote in b any more, or neutral.',
    hint: 'No is CannotVoteAt(a, b): maxBal[a] > b and no vote in b. The inequality is strict.',
    check: checkStatuses,
  }),
  exercise(SLUG, {
    id: 'A.2',
    name: 'A.2-shows-safe-at',
    title: 'ShowsSafeAt',
    task: 'Write ShowsSafeAt(k, s, Q, b, v) from Voting.tla: every member of Q has joined b, and for some c in -1..(b-1), c is -1 or a member of Q voted for v in c, and no member of Q voted in a ballot strictly between c and b.',
    hint: 'Try every c from -1 to b - 1; Voting.tla’s range (c+1)..(b-1) is empty when c = b - 1.',
    check: checkShowsSafeAt,
  }),
];
