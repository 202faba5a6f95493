/**
 * Chapter 12, hierarchical leases (§2.3): the chapter as the tools see it.
 *
 * @module
 */
import type { Label } from '../../index';
import { epsilon } from '../11-leases/config';
import type { Chapter, NamedRun } from '../chapter';
import { explorable, mutantsOf } from '../chapter';
import { hierAbstraction, hierInvariants, observeHier } from './abstraction';
import { hierBench } from './bench';
import type { HierVariant, Setup } from './checks';
import {
  checkSetup,
  checks,
  czarChangeCheck,
  czarCrashCheck,
  RUN_STEPS,
  refinesCheck,
  renewalCheck,
  setups,
} from './checks';
import {
  changeConfig,
  config,
  crashConfig,
  demoConfig,
  raceConfig,
  renewalConfig,
  runsConfig,
} from './config';
import { counts, demo, demoRun, raceRun } from './demo';
import { exercises } from './exercises';
import { leads, measuredCzar, seconds } from './measure';
import {
  keepsCopy,
  mutants,
  noMargin,
  noWait,
  optimisticRenewal,
  resumesTerm,
  uncapped,
} from './mutants';
import { plots } from './plots';
import type { HierSpecState } from './spec';
import { hierSpec } from './spec';
import type { HierState, HierSystem } from './system';
import { hierSystem } from './system';
import { timelineOfRun } from './timeline';

export * from './abstraction';
export * from './checks';
export * from './config';
export * from './demo';
export * from './mutants';
export * from './spec';
export * from './system';
export * from './timeline';

/**
 * A mutant's shortest counterexample to the check that catches it.
 *
 * @param s - the check's setup
 * @param v - the mutant
 * @returns the system and the run
 */
export function shortest(
  s: Setup,
  v: HierVariant,
): { readonly machine: HierSystem; readonly trace: ReturnType<typeof demoRun>['trace'] } {
  const r = checkSetup(s, v, { seed: 1 });
  if (!r.counterexample) throw new Error('the mutant is not caught: no counterexample');
  return {
    machine: hierSystem({ ...s.config, ...v.config }, v.rules),
    trace: r.counterexample.trace,
  };
}

/**
 * A mutant's shortest counterexample, as a named run.
 *
 * @param name - the run's name
 * @param description - what it shows
 * @param s - the check's setup
 * @param v - the mutant
 * @returns the run
 */
const counterexample = (name: string, description: string, s: Setup, v: HierVariant): NamedRun => ({
  name,
  description,
  run: () => shortest(s, v),
});

/** The explorer's model of a variant (the correct rules, or a mutant's), in the demo's world. */
const explorerModel = (v: HierVariant) => {
  // The system, made once it is first asked for.
  let made: HierSystem | undefined;
  const sys = () => (made ??= hierSystem({ ...demoConfig, ...v.config }, v.rules));
  return {
    machine: sys,
    spec: () => hierSpec(demoConfig),
    abstraction: (y: HierState) => hierAbstraction(sys())(y),
    observe: (l: Label) => observeHier(sys())(l),
    invariants: () => hierInvariants(sys()),
  };
};

const correctModel = explorerModel({ rules: hierSystem(demoConfig).rules });

/** The demo's counts, made when first asked for. */
const demoCounts = counts(demoRun().trace);

/** Chapter 12. */
export const chapter: Chapter = {
  id: '12',
  slug: '12-hierarchical-leases',
  title: 'Hierarchical leases',
  paper: '§2.3',
  summary:
    'Consensus elects a czar and gives it a long lease, renewed by consensus; the czar hands out sub-leases on resources to masters, renewed with the czar alone and never past its own lease; it implements chapter 11’s flat spec Lease per resource, and a new czar never grants a sub-lease that overlaps an old one’s.',
  demo,
  checks,
  mutants,
  runs: [
    {
      name: 'demo',
      description:
        'consensus elects c1; p1 gets a sub-lease from c1 and renews it twice without consensus, while c1 renews its own lease by consensus; c1 crashes, c2 waits until c1’s term has surely ended, is elected, and grants p2 a sub-lease',
      run: demoRun,
    },
    {
      name: 'renewal-lost',
      description:
        'the czar counts its renewal before consensus decides it: consensus picks a rival, and p1, renewing with the old czar, and p2, granted by the new one, hold x0 at once',
      run: raceRun,
    },
    counterexample(
      'sub-lease-outlives',
      'the shortest run in which the czar grants a sub-lease past the end of its own term, and the master uses it after the czar’s lease has ended',
      setups.refines,
      uncapped,
    ),
    counterexample(
      'no-wait',
      'the shortest run in which a new czar, elected without waiting for the old term to end, grants a sub-lease beside the old czar’s',
      setups.change,
      noWait,
    ),
    counterexample(
      'optimistic-renewal',
      'the shortest run in which the czar grants against the term it proposed before consensus decides it, past its decided lease',
      setups.change,
      optimisticRenewal,
    ),
    counterexample(
      'resumes-term',
      'the shortest run in which a czar that crashed and recovered takes its old term back and grants a sub-lease beside one it forgot',
      setups.crash,
      resumesTerm,
    ),
    counterexample(
      'copy-kept',
      'the shortest run in which a master keeps its copy past its sub-lease, misses the acknowledgement of its own write, and reads the old value under its next sub-lease',
      setups.renewal,
      keepsCopy,
    ),
    counterexample(
      'no-margin',
      'the shortest run in which a master uses its sub-lease until s on its own clock, past the czar’s lease',
      setups.refines,
      noMargin,
    ),
  ],
  exercises,
  timelines: [
    timelineOfRun(
      'demo',
      'Consensus elects c1; p1 renews its sub-lease with c1 while c1 renews its lease by consensus; c1 crashes and c2 takes over once c1’s term has surely ended',
      demoRun,
    ),
    timelineOfRun(
      'renewal-lost',
      'The czar counts its renewal before consensus decides: consensus picks c2, and p1 and p2 both hold x0',
      raceRun,
    ),
    timelineOfRun(
      'no-wait',
      'A new czar that does not wait: c2 is elected while c1’s term runs, and grants beside c1',
      () => shortest(setups.change, noWait),
    ),
  ],
  models: [
    {
      name: 'hierarchical leases, a czar crash',
      machine: () => hierSystem(crashConfig),
    },
    {
      name: 'hierarchical leases, one master renewing',
      machine: () => hierSystem(renewalConfig),
    },
  ],
  explorer: [
    explorable<HierState, HierSpecState>({
      id: '12-hierarchical-leases',
      title: '12 · Hierarchical leases (consensus, 2 candidates, 2 masters)',
      about:
        'Let both candidates propose, deliver the proposals and pick the outcome with Agree; then ask the czar for a sub-lease as p1 and renew it, and watch that no Agree is needed. Renew the czar’s lease, crash it, and see the other candidate wait until its clock is past t + ε. Pick a mutant (the czar counts its renewal) and find two masters.',
      ...correctModel,
      mutants: [
        mutantsOf<HierState, HierSpecState, HierVariant>(
          [refinesCheck, renewalCheck, czarChangeCheck, czarCrashCheck],
          (v) => explorerModel(v),
        ),
      ],
    }),
  ],
  plots,
  benchmarks: [hierBench],
  facts: {
    // The measured systems' constants (the plot and `bench hierarchical-leases`).
    'measured tick ms': measuredCzar.tickMs,
    'measured lease s': seconds(measuredCzar.lease),
    'measured lead ms': leads().lead * measuredCzar.tickMs,
    'measured czar lead ms': leads().czarLead * measuredCzar.tickMs,
    'measured span s': seconds(measuredCzar.span),
    'measured masters': measuredCzar.masters,
    'measured most resources': measuredCzar.resources[measuredCzar.resources.length - 1]!,
    'czar lease': config.czarLease,
    'renew ahead': config.renewAhead,
    'sub lease': config.subLease,
    'clock bound': config.clockBound,
    epsilon: epsilon(config),
    delta: config.delta,
    'change sub lease': changeConfig.subLease,
    'change horizon': changeConfig.horizon,
    'renewal renew ahead': renewalConfig.renewAhead,
    'renewal sub lease': renewalConfig.subLease,
    'renewal requests': renewalConfig.requests,
    'renewal horizon': renewalConfig.horizon,
    'crash czar lease': crashConfig.czarLease,
    'crash sub lease': crashConfig.subLease,
    'crash horizon': crashConfig.horizon,
    'runs resources': runsConfig.resources,
    'runs delta': runsConfig.delta,
    'runs steps': RUN_STEPS,
    'demo czar lease': demoConfig.czarLease,
    'demo renew ahead': demoConfig.renewAhead,
    'demo sub lease': demoConfig.subLease,
    'demo consensus runs': demoCounts.consensus,
    'demo grants': demoCounts.grants,
    'race czar lease': raceConfig.czarLease,
  },
};
