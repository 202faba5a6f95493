/**
 * Chapter 03, Specifying consensus: C, T and D (§3, §4.2): the chapter as
 * the tools see it.
 *
 * @module
 */
import {
  type CheckResult,
  externalLabels,
  labelText,
  type Machine,
  renderRefinementFailure,
  renderTrace,
  replay,
  type Trace,
} from '../../index';
import type { Chapter, CheckContext, NamedRun, Writer } from '../chapter';
import {
  checkC,
  checkDImplementsT,
  checkHistoryHarmless,
  checkNoForwardSimulation,
  checkPlainFailsAtAgree,
  checkProphecyHarmless,
  checkT,
  plainSimulation,
  prophecySimulation,
} from './checks';
import { exercises } from './exercises';
import {
  allowOverwrites,
  outcomeDefault,
  prophecyDecides,
  prophecyIgnored,
  terminateUnguarded,
} from './mutants';
import { CHECK_VALUES, observed } from './properties';
import { dpToT, dWithProphecy } from './prophecy';
import { renderClosedObligation, runFor, runLike } from './simulation';
import { specC, specD, specT, VALUES } from './specs';

/** The demo's run of D: two values allowed, the second agreed, then termination. */
export const demoPath = [
  'Allow(7)',
  'Allow(8)',
  'Agree(8)',
  'Outcome -> 8',
  'Terminate',
  'Done -> true',
];

/** The demo's run of D, replayed. */
export function demoRun(): { machine: Machine<any>; trace: Trace<any> } {
  const m = specD();
  return { machine: m, trace: replay(m, demoPath) };
}

/** The run of T with the same trace as the demo's run of D (T must choose 8 at Allow(8)). */
export function sameTraceInT(): { machine: Machine<any>; trace: Trace<any> } {
  const t = specT();
  const d = demoRun().trace;
  return { machine: t, trace: runFor(t, [...t.init()][0]!, externalLabels(d))! };
}

/** The demo's run of D again, with the prophecy guessing 8 at Allow(8). */
export function prophecyRun(): { machine: Machine<any>; trace: Trace<any> } {
  const m = dWithProphecy();
  return {
    machine: m,
    trace: runLike(
      m,
      demoRun().trace.steps.map((s) => s.label),
    )!,
  };
}

function demo(out: Writer, ctx: CheckContext): void {
  const d = demoRun();
  out('Spec D (§4.2) defers the choice: Allow(v) only adds v to allowed, and the');
  out('internal Agree(v) chooses later. A run of D (starred steps are external):');
  out('');
  out(renderTrace(d.machine, d.trace));
  out('');
  const trace = externalLabels(d.trace).map(labelText);
  out(`Its trace, what a client sees: ${trace.join(', ')}.`);
  out('T has no Agree: it chooses inside Allow. Here is T producing the same trace;');
  out('it must choose 8 at Allow(8), before anything says which value D will pick:');
  out('');
  const t = sameTraceInT();
  out(renderTrace(t.machine, t.trace));
  out('');
  out('Trace by trace, D implements T: the check "D implements T" covers every');
  out('trace. Step by step, with the obvious abstraction function');
  out('f(d) = (outcome, done), it does not: at D’s Agree, T would need an internal');
  out('step that sets outcome, and it has none.');
  out('');
  out(renderRefinementFailure(specD(), specT(), plainSimulation(ctx, VALUES)));
  out('');
  const p = prophecyRun();
  out('Add a prophecy variable p: at each Allow(v), D+p may guess that Agree will');
  out('choose v (if nothing is guessed yet), and Agree(v) must honour the guess. The');
  out('run of D above, with the guess that makes it possible:');
  out('');
  out(renderTrace(p.machine, p.trace));
  out('');
  out('With f(d) = (outcome if not nil, else p; done), T chooses where p is');
  out('guessed, at Allow(8):');
  out('');
  const allow8 = p.trace.steps[1]!;
  out(renderClosedObligation(p.machine, specT(), dpToT, allow8));
  out('');
  out('and D’s Agree, which defeated the plain simulation, is now a step that T');
  out('matches by doing nothing, since f already shows 8:');
  out('');
  const agree = p.trace.steps.find((s) => s.label.action === 'Agree')!;
  out(renderClosedObligation(p.machine, specT(), dpToT, agree));
  out('');
  const r = prophecySimulation(ctx);
  out(
    `Checked for every reachable state of D+p over values {${CHECK_VALUES.join(', ')}}: the simulation ${r.holds ? 'holds' : 'FAILS'} (${r.stats.states} states, ${r.stats.transitions} steps).`,
  );
}

/** The shortest run of a mutant to the state or step its check rejects. */
function caught(
  m: Machine<any>,
  check: (m: Machine<any>, ctx: CheckContext) => CheckResult<any>,
): { machine: Machine<any>; trace: Trace<any> } {
  return { machine: observed(m), trace: check(m, { seed: 1 }).counterexample!.trace };
}

const runs: readonly NamedRun[] = [
  { name: 'demo', description: 'a run of D: allow 7 and 8, agree on 8, terminate', run: demoRun },
  {
    name: 'same-trace-in-T',
    description: 'T produces the demo’s trace, choosing 8 at Allow(8)',
    run: sameTraceInT,
  },
  {
    name: 'plain-simulation',
    description:
      'the shortest run of D to the step the obvious abstraction function cannot simulate',
    run: (ctx) => ({ machine: specD(), trace: plainSimulation(ctx, VALUES).counterexample!.trace }),
  },
  {
    name: 'with-prophecy',
    description: 'the demo’s run of D with the prophecy p, guessed at Allow(8)',
    run: prophecyRun,
  },
  {
    name: 'allow-overwrites',
    description:
      'Agreement fails when Allow may overwrite the outcome (the history shows both results)',
    run: () => caught(allowOverwrites(CHECK_VALUES), checkC),
  },
  {
    name: 'outcome-invents',
    description: 'Validity fails when Outcome returns a default value instead of nil',
    run: () => caught(outcomeDefault(CHECK_VALUES), checkT),
  },
  {
    name: 'terminate-unguarded',
    description: 'T’s promise fails when Terminate has no guard',
    run: () => caught(terminateUnguarded(CHECK_VALUES), checkT),
  },
];

/** Chapter 03. */
export const chapter: Chapter = {
  number: 3,
  slug: '03-consensus-specs',
  title: 'Specifying consensus: C, T and D',
  paper: '§3, §4.2',
  summary:
    'Three specs of consensus as machines; Agreement and Validity on each; D implements T, but only a prophecy variable makes the abstraction function work.',
  demo,
  checks: [
    {
      name: 'C: Agreement, Validity',
      claim:
        'Every reachable state of C with its history, over values {1, 2, 3}, satisfies Agreement and Validity.',
      states: 32,
      run: (ctx) => checkC(specC(CHECK_VALUES), ctx),
    },
    {
      name: 'T: Agreement, Validity, promise',
      claim: 'T satisfies Agreement and Validity, and once done, Outcome never returns nil.',
      states: 56,
      run: (ctx) => checkT(specT(CHECK_VALUES), ctx),
    },
    {
      name: 'D: Agreement, Validity, promise',
      claim: 'D satisfies Agreement, Validity and T’s promise.',
      states: 56,
      run: (ctx) => checkT(specD(CHECK_VALUES), ctx),
    },
    {
      name: 'history changes no trace',
      claim:
        'C, T and D each have exactly the traces of themselves with the history variable (six inclusions).',
      states: 444,
      run: checkHistoryHarmless,
    },
    {
      name: 'D implements T',
      claim: 'Every trace of D, of any length, is a trace of T.',
      states: 83,
      run: checkDImplementsT,
    },
    {
      name: 'plain simulation fails at Agree',
      claim:
        'With f(d) = (outcome, done), the forward simulation from D to T fails, at D’s internal Agree step.',
      states: 6,
      run: checkPlainFailsAtAgree,
    },
    {
      name: 'no forward simulation D to T',
      claim:
        'No abstraction function, indeed no relation, is a forward simulation from D to T: the greatest one leaves D’s initial state out.',
      states: 32,
      run: () => checkNoForwardSimulation(specD(CHECK_VALUES)),
    },
    {
      name: 'prophecy changes no trace',
      claim: 'D and D+p have the same traces.',
      states: 178,
      run: (ctx) => checkProphecyHarmless(ctx),
    },
    {
      name: 'D+p simulates T',
      claim:
        'With the prophecy, f(d) = (outcome ?? p, done) is a forward simulation from D+p to T.',
      states: 44,
      run: (ctx) => prophecySimulation(ctx),
    },
  ],
  mutants: [
    {
      name: 'Allow overwrites',
      bug: 'C’s Allow(v) drops its test outcome = nil: it may overwrite a chosen value.',
      caughtBy: 'C: Agreement, Validity',
      run: (ctx) => checkC(allowOverwrites(CHECK_VALUES), ctx),
    },
    {
      name: 'Outcome invents a value',
      bug: 'D’s Outcome returns a default value, 1, where it should return nil.',
      caughtBy: 'D: Agreement, Validity, promise',
      run: (ctx) => checkT(outcomeDefault(CHECK_VALUES), ctx),
    },
    {
      name: 'Terminate unguarded',
      bug: 'T’s Terminate has lost its guard outcome ≠ nil.',
      caughtBy: 'T: Agreement, Validity, promise',
      run: (ctx) => checkT(terminateUnguarded(CHECK_VALUES), ctx),
    },
    {
      name: 'prophecy ignored',
      bug: 'Agree no longer checks v = p: the prophecy predicts nothing.',
      caughtBy: 'D+p simulates T',
      run: (ctx) => prophecySimulation(ctx, prophecyIgnored),
    },
    {
      name: 'prophecy decides',
      bug: 'Allow must guess the first value allowed: the prophecy chooses instead of predicting.',
      caughtBy: 'prophecy changes no trace',
      run: (ctx) => checkProphecyHarmless(ctx, prophecyDecides),
    },
  ],
  runs,
  exercises,
};
