/**
 * Chapter 07's demo: strengthening Invariant 2 step by step until it is
 * inductive, with the counterexample to induction that each weaker form has.
 *
 * @module
 */
import type { Trace } from '../../index';
import { renderTrace } from '../../index';
import { paxos, rules } from '../06-paxos-state/paxos';
import type { PaxosState } from '../06-paxos-state/state';
import type { CheckContext, Writer } from '../chapter';
import { checkInductive } from './checks';
import { config } from './config';
import { stages } from './invariants';
import { universe } from './universe';

/**
 * The counterexample to induction of stage k of the strengthening, as a
 * one-step run from the (unreachable) state to the state that breaks a conjunct.
 *
 * @param k - the stage, 0 for Invariant 2 alone
 * @param ctx - progress
 * @returns the machine and the one-step run
 */
export function ctiRun(k: number, ctx: Pick<CheckContext, 'onProgress'> = {}) {
  const st = stages(config)[k]!;
  const r = checkInductive(config, rules, st.conjuncts, ctx);
  if (!r.cti) throw new Error(`stage ${k} (${st.name}) is inductive: it has no counterexample`);
  const trace: Trace<PaxosState> = r.counterexample!.trace;
  return { machine: paxos(config), trace, broken: r.cti.broken };
}

/**
 * Print the demo.
 *
 * @param out - where the lines go
 */
export function demo(out: Writer): void {
  const u = universe(config);
  out('Is Invariant 2 inductive? The universe: every state of 3 agents, 2 leaders,');
  out('rounds (1,l1) and (1,l2) and values {7, 8} in which each round has at most');
  out(`one value, with every command and every leader state: ${u.size} states,`);
  out('reachable or not. A candidate is inductive if every state that satisfies it');
  out('steps only to states that satisfy it.');
  const all = stages(config);
  all.forEach((st, k) => {
    out('');
    out(`Stage ${k}: ${st.name}. Added: ${st.added}.`);
    const r = checkInductive(config, rules, st.conjuncts);
    if (!r.cti) {
      out(
        `Inductive: all ${r.hypothesisStates} states of the universe that satisfy the ${st.conjuncts.length} conjuncts step only to states that satisfy them.`,
      );
      return;
    }
    const broken = st.conjuncts.find((i) => i.name === r.cti!.broken)!;
    out(
      `Not inductive. A state that satisfies every conjunct (the first of ${r.stats.states} examined)`,
    );
    out(
      `takes the step ${r.counterexample!.trace.steps[0]!.label.action} below and breaks "${broken.name}":`,
    );
    out(`${broken.why ? broken.why(r.cti.next) : ''}.`);
    out('');
    out(renderTrace(paxos(config), r.counterexample!.trace));
  });
}
