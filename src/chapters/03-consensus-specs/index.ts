/**
 * Chapter 03, Specifying consensus: C, T and D (§3, §4.2): the chapter as
 * the tools see it.
 *
 * @module
 */
import type { CheckResult, Machine, Trace } from '../../index';
import {
  externalLabels,
  labelText,
  matchSteps,
  renderRefinementFailure,
  renderTrace,
  replay,
} from '../../index';
import type { Chapter, CheckContext, NamedRun, Writer } from '../chapter';
import { check, explorable, mutant } from '../chapter';
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
import { config, demoConfig, explorerConfig } from './config';
import { exercises } from './exercises';
import {
  agreeOnAnything,
  allowOverwrites,
  outcomeDefault,
  prophecyDecides,
  prophecyIgnored,
  terminateUnguarded,
} from './mutants';
import { observed } from './properties';
import type { ProphecyRules } from './prophecy';
import { dpToT, dWithProphecy } from './prophecy';
import { dToT, renderClosedObligation, runLike } from './simulation';
import type { DState, TState } from './specs';
import { D, specC, specD, specT } from './specs';

const { values } = config;

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
  const m = specD(demoConfig.values);
  return { machine: m, trace: replay(m, demoPath) };
}

/** The run of T with the same trace as the demo's run of D (T must choose 8 at Allow(8)). */
export function sameTraceInT(): { machine: Machine<any>; trace: Trace<any> } {
  const t = specT(demoConfig.values);
  const d = demoRun().trace;
  return { machine: t, trace: matchSteps(t, [...t.init()][0]!, externalLabels(d))! };
}

/** The demo's run of D again, with the prophecy guessing 8 at Allow(8). */
export function prophecyRun(): { machine: Machine<any>; trace: Trace<any> } {
  const m = dWithProphecy(demoConfig.values);
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
  const [d7, t7] = [specD(demoConfig.values), specT(demoConfig.values)];
  out(renderRefinementFailure(d7, t7, plainSimulation(ctx, d7, demoConfig.values)));
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
  out(renderClosedObligation(p.machine, t7, dpToT, allow8));
  out('');
  out('and D’s Agree, which defeated the plain simulation, is now a step that T');
  out('matches by doing nothing, since f already shows 8:');
  out('');
  const agree = p.trace.steps.find((s) => D.Agree.is(s.label))!;
  out(renderClosedObligation(p.machine, t7, dpToT, agree));
  out('');
  const r = prophecySimulation(ctx);
  out(
    `Checked for every reachable state of D+p over values {${values.join(', ')}}: the simulation ${r.holds ? 'holds' : 'FAILS'} (${r.stats.states} states, ${r.stats.transitions} steps).`,
  );
}

/** The shortest run of a mutant to the state or step its check rejects. */
function caught(
  m: Machine<any>,
  find: (m: Machine<any>, ctx: CheckContext) => CheckResult<any>,
): { machine: Machine<any>; trace: Trace<any> } {
  return { machine: observed(m), trace: find(m, { seed: 1 }).counterexample!.trace };
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
    run: (ctx) => {
      const d = specD(demoConfig.values);
      return {
        machine: d,
        trace: plainSimulation(ctx, d, demoConfig.values).counterexample!.trace,
      };
    },
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
    run: () => caught(allowOverwrites(values), checkC),
  },
  {
    name: 'outcome-invents',
    description: 'Validity fails when Outcome returns a default value instead of nil',
    run: () => caught(outcomeDefault(values), checkT),
  },
  {
    name: 'terminate-unguarded',
    description: 'T’s promise fails when Terminate has no guard',
    run: () => caught(terminateUnguarded(values), checkT),
  },
];

const onC = check<Machine<any>>({
  name: 'C: Agreement, Validity',
  claim:
    'Every reachable state of C with its history, over values {1, 2, 3}, satisfies Agreement and Validity.',
  pinned: { states: 32, transitions: 256 },
  run: (ctx, m = specC(values)) => checkC(m, ctx),
});

const onT = check<Machine<any>>({
  name: 'T: Agreement, Validity, promise',
  claim: 'T satisfies Agreement and Validity, and once done, Outcome never returns nil.',
  pinned: { states: 56, transitions: 528 },
  run: (ctx, m = specT(values)) => checkT(m, ctx),
});

const onD = check<Machine<any>>({
  name: 'D: Agreement, Validity, promise',
  claim: 'D satisfies Agreement, Validity and T’s promise.',
  pinned: { states: 56, transitions: 372 },
  run: (ctx, m = specD(values)) => checkT(m, ctx),
});

const history = check({
  name: 'history changes no trace',
  claim:
    'C, T and D each have exactly the traces of themselves with the history variable (six inclusions).',
  pinned: { states: 444, transitions: 3482 },
  run: (ctx) => checkHistoryHarmless(ctx),
});

const dImplementsT = check<Machine<any>>({
  name: 'D implements T',
  claim: 'Every trace of D, of any length, is a trace of T.',
  pinned: { states: 83, transitions: 534 },
  run: (ctx, m = specD(values)) => checkDImplementsT(ctx, m),
});

const failsAtAgree = check<Machine<any>>({
  name: 'plain simulation fails at Agree',
  claim:
    'With f(d) = (outcome, done), the forward simulation from D to T fails, at D’s internal Agree step.',
  pinned: { states: 6, transitions: 13 },
  run: (ctx, m = specD(values)) => checkPlainFailsAtAgree(ctx, m),
});

const noSimulation = check<Machine<any>>({
  name: 'no forward simulation D to T',
  claim:
    'No abstraction function, indeed no relation, is a forward simulation from D to T: the greatest one leaves D’s initial state out.',
  pinned: { states: 32, transitions: 216 },
  run: (_ctx, m = specD(values)) => checkNoForwardSimulation(m),
});

const prophecyHarmless = check<ProphecyRules>({
  name: 'prophecy changes no trace',
  claim: 'D and D+p have the same traces.',
  pinned: { states: 178, transitions: 1164 },
  run: (ctx, r) => checkProphecyHarmless(ctx, r),
});

const prophecySimulates = check<ProphecyRules>({
  name: 'D+p simulates T',
  claim: 'With the prophecy, f(d) = (outcome ?? p, done) is a forward simulation from D+p to T.',
  pinned: { states: 44, transitions: 312 },
  run: (ctx, r) => prophecySimulation(ctx, r),
});

/** Chapter 03. */
export const chapter: Chapter = {
  id: '03',
  slug: '03-consensus-specs',
  title: 'Specifying consensus: C, T and D',
  paper: '§3, §4.2',
  summary:
    'Three specs of consensus as machines; Agreement and Validity on each; D implements T, but only a prophecy variable makes the abstraction function work.',
  demo,
  checks: [
    onC,
    onT,
    onD,
    history,
    dImplementsT,
    failsAtAgree,
    noSimulation,
    prophecyHarmless,
    prophecySimulates,
  ],
  mutants: [
    mutant(onC, {
      name: 'Allow overwrites',
      bug: 'C’s Allow(v) drops its test outcome = nil: it may overwrite a chosen value.',
      variant: allowOverwrites(values),
    }),
    mutant(onD, {
      name: 'Outcome invents a value',
      bug: 'D’s Outcome returns a default value, 1, where it should return nil.',
      variant: outcomeDefault(values),
    }),
    mutant(onT, {
      name: 'Terminate unguarded',
      bug: 'T’s Terminate has lost its guard outcome ≠ nil.',
      variant: terminateUnguarded(values),
    }),
    mutant(dImplementsT, {
      name: 'Agree on anything',
      bug: 'D’s Agree(v) has lost v ∈ allowed: it may agree on a value nobody allowed.',
      variant: agreeOnAnything(values),
    }),
    mutant(prophecySimulates, {
      name: 'prophecy ignored',
      bug: 'Agree no longer checks v = p: the prophecy predicts nothing.',
      variant: prophecyIgnored,
    }),
    mutant(prophecyHarmless, {
      name: 'prophecy decides',
      bug: 'Allow must guess the first value allowed: the prophecy chooses instead of predicting.',
      variant: prophecyDecides,
    }),
  ],
  runs,
  exercises,
  models: [
    { name: 'C', machine: () => specC(values) },
    { name: 'T', machine: () => specT(values) },
    { name: 'D', machine: () => specD(values) },
    { name: 'C with its history', machine: () => observed(specC(values)) },
    { name: 'T with its history', machine: () => observed(specT(values)) },
    { name: 'D with its history', machine: () => observed(specD(values)) },
    { name: 'D with the prophecy', machine: () => dWithProphecy(values) },
  ],
  explorer: [
    explorable<DState, TState>({
      id: '03-spec-d',
      title: '03 · Spec D, deferred consensus',
      about:
        'Allow values, then Agree on one and Terminate. The image under f(d) = (outcome, done) is spec T: watch which steps T can match, and which it cannot (Agree: T chooses at Allow).',
      machine: () => specD(explorerConfig.values),
      spec: () => specT(explorerConfig.values),
      abstraction: dToT,
    }),
  ],
  facts: {
    'C states': 4,
    'T states': 7,
    'simulation pairs': 224,
    'simulation pairs kept': 36,
  },
};
