/**
 * Chapter 06's exercises: what the reader writes, and how it is checked.
 *
 * @module
 */
import { explore, invariant, renderRefinementFailure, renderTrace, show } from '../../index';
import type { DState } from '../03-consensus-specs/specs';
import { specD } from '../03-consensus-specs/specs';
import type { Exercise, ExerciseVerdict } from '../chapter';
import { exercise, exportedFunction } from '../chapter';
import { checkRefinesD } from './checks';
import { config } from './config';
import { paxos, rules } from './paxos';
import { dead, successful, v_n } from './predicates';
import type { PaxosState, Round } from './state';
import { roundCount, roundName } from './state';

const SLUG = '06-paxos-state';

type RoundFn<T> = (s: PaxosState, n: Round) => T;

function checkRoundFunctions(mod: Record<string, unknown>): ExerciseVerdict {
  const fns = {
    v_n: exportedFunction<RoundFn<unknown>>(mod, 'v_n'),
    dead: exportedFunction<RoundFn<unknown>>(mod, 'dead'),
    successful: exportedFunction<RoundFn<unknown>>(mod, 'successful'),
  };
  const yours = fns;
  const ref = { v_n, dead, successful };
  const R = roundCount(config);
  let bad = '';
  const agree = invariant<PaxosState>('your functions agree with the paper’s definitions', (s) => {
    for (let n = 0; n < R; n++)
      for (const k of ['v_n', 'dead', 'successful'] as const) {
        const got = yours[k](s, n);
        const want = ref[k](s, n);
        if (got !== want) {
          bad = `${k}(s, ${roundName(config, n)}) returned ${show(got)} where the definition gives ${show(want)}`;
          return false;
        }
      }
    return true;
  });
  const m = paxos(config, rules);
  const r = explore(m, { invariants: [agree] });
  if (!r.holds && r.counterexample)
    return {
      passed: false,
      explanation: `In the last state of this run, ${bad}.\n\n${renderTrace(m, r.counterexample.trace)}`,
    };
  return {
    passed: true,
    explanation: `Your v_n, dead and successful agree with the definitions of §6.2 in all ${r.stats.states} reachable states of the default configuration.`,
  };
}

function checkAbstraction(mod: Record<string, unknown>): ExerciseVerdict {
  const f = exportedFunction<(s: PaxosState) => DState>(mod, 'abstraction');
  const r = checkRefinesD(config, rules, { seed: 1 }, f);
  if (!r.holds) {
    if (r.failure)
      return {
        passed: false,
        explanation: `Your abstraction function does not make Paxos simulate D.\n\n${renderRefinementFailure(paxos(config), specD(config.values), r)}`,
      };
    return {
      passed: false,
      explanation: `The check fails: ${r.counterexample?.message ?? `never reached ${r.unreached.join('; ')}`}`,
    };
  }
  return {
    passed: true,
    explanation: `Under your abstraction function every step of Paxos, from each of ${r.stats.states} reachable states, is simulated by D (§5.1).`,
  };
}

/** The exercises of chapter 06. */
export const exercises: readonly Exercise[] = [
  exercise(SLUG, {
    id: '6.1',
    title: 'v_n, dead and successful',
    task: 'Write v_n(s, n), dead(s, n) and successful(s, n) from their definitions in §6.2, reading only the agents’ statuses s.s[i][n].',
    hint: 'A status is a number (a Value), or the string no or neutral. A majority of the agents means more than half of s.s.length.',
    name: '6.1-rounds',
    check: checkRoundFunctions,
  }),
  exercise(SLUG, {
    id: '6.2',
    title: 'The abstraction function to D',
    task: 'Write abstraction(s), the D-state (outcome, done, allowed) that a Paxos state stands for, so that every step of Paxos is simulated by D.',
    hint: 'outcome comes from a successful round; allowed must never shrink, even when a leader crashes and forgets allowed_l; done is the published flag.',
    name: '6.2-abstraction',
    check: checkAbstraction,
  }),
];
