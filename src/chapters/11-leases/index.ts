/**
 * Chapter 11, leases (§2.2): the chapter as the tools see it.
 *
 * @module
 */
import type { Label } from '../../index';
import type { Chapter, NamedRun } from '../chapter';
import { explorable, mutantsOf } from '../chapter';
import { leaseAbstraction, noMasterWithReaders, observeLease, oneMaster } from './abstraction';
import { leasesBench } from './bench';
import type { LeaseVariant } from './checks';
import { carefulCheck, checkRefinesLease, checks, refinesCheck, sharedCheck } from './checks';
import type { LeaseConfig } from './config';
import { config, demoConfig, epsilon, explorerConfig, redoLogConfig, sharedConfig } from './config';
import { crashScript, demo, handOverScript, scripted } from './demo';
import { exercises } from './exercises';
import { measuredLeases, seconds } from './measure';
import {
  driftBeyond,
  mutants,
  noMargin,
  optimisticRenewal,
  releaseEarly,
  twoParts,
  unboundedWrite,
  writeIgnoresReaders,
} from './mutants';
import { plots } from './plots';
import type { LeaseSpecState } from './spec';
import { leaseSpec } from './spec';
import type { LeaseState, LeaseSystem } from './system';
import { leaseSystem } from './system';
import { timelineOfRun } from './timeline';

export * from './abstraction';
export * from './checks';
export * from './config';
export * from './demo';
export * from './mutants';
export * from './spec';
export * from './system';

/**
 * A mutant's shortest counterexample to the check that catches it, as a named run.
 *
 * @param name - the run's name
 * @param description - what it shows
 * @param c - the check's configuration
 * @param v - the mutant
 * @returns the run
 */
const counterexample = (
  name: string,
  description: string,
  c: LeaseConfig,
  v: LeaseVariant,
): NamedRun => ({
  name,
  description,
  run: (ctx) => shortest(c, v, ctx.seed),
});

/**
 * A mutant's shortest counterexample and the system that made it.
 *
 * @param c - the check's configuration
 * @param v - the mutant
 * @param seed - the check's seed
 * @returns the system and the run
 */
const shortest = (c: LeaseConfig, v: LeaseVariant, seed = 1) => ({
  machine: leaseSystem({ ...c, ...v.config }, v.rules),
  trace: checkRefinesLease(c, v, { seed }).counterexample!.trace,
});

/** The explorer's model of a variant (the correct rules, or a mutant's). */
const explorerModel = (v: LeaseVariant) => {
  // The system, made once it is first asked for.
  let made: LeaseSystem | undefined;
  const sys = () => (made ??= leaseSystem({ ...explorerConfig, ...v.config }, v.rules));
  return {
    machine: sys,
    spec: () => leaseSpec(explorerConfig.clients, explorerConfig.writes),
    abstraction: (y: LeaseState) => leaseAbstraction(sys())(y),
    observe: (l: Label) => observeLease(sys())(l),
    invariants: () => [oneMaster(sys()), noMasterWithReaders(sys())],
  };
};

const correctModel = explorerModel({ rules: leaseSystem(explorerConfig).rules });

/** Chapter 11. */
export const chapter: Chapter = {
  id: '11',
  slug: '11-leases',
  title: 'Leases',
  paper: '§2.2',
  summary:
    'A lease is a lock that runs out: a home grants a lease with an expiry t on its own clock, the holder uses it until t − ε on its own clock, clocks skew and drift within their bound and writes take at most δ; it implements a spec with one master at a time, with shared and exclusive leases, crashes, faults and careful writes.',
  demo,
  checks,
  mutants,
  runs: [
    {
      name: 'hand-over',
      description:
        'p1 gets the exclusive lease, writes and renews; p2 asks, the home revokes p1’s lease, p1 releases it and p2 reads p1’s write',
      run: () => scripted(handOverScript),
    },
    {
      name: 'holder-crash',
      description:
        'p1 holds the lease and crashes; p2 is told no, and gets the lease once the home’s clock is past t',
      run: () => scripted(crashScript),
    },
    counterexample(
      'no-margin',
      'the shortest run in which a holder that uses its lease until t on its own clock is master beside the next holder',
      config,
      noMargin,
    ),
    counterexample(
      'unbounded-write',
      'the shortest run in which a write takes longer than δ and lands after the lease has passed to another',
      config,
      unboundedWrite,
    ),
    counterexample(
      'renewal-races-expiry',
      'the shortest run in which a holder counts its renewal before the home grants it',
      config,
      optimisticRenewal,
    ),
    counterexample(
      'drift-beyond',
      'the shortest run in which clocks drift further than the margin assumes',
      config,
      driftBeyond,
    ),
    counterexample(
      'release-early',
      'the shortest run in which a holder releases its lease with its write on its way',
      config,
      releaseEarly,
    ),
    counterexample(
      'exclusive-beside-shared',
      'the shortest run in which the home grants the exclusive lease while a shared one is live',
      sharedConfig,
      writeIgnoresReaders,
    ),
    counterexample(
      'two-parts',
      'the shortest run in which an update in two writes loses its lease between them and the next holder reads half of it',
      redoLogConfig,
      twoParts,
    ),
  ],
  exercises,
  timelines: [
    timelineOfRun(
      'hand-over',
      'p1 holds the exclusive lease, writes and renews; asked to, it releases the lease, and p2 gets it',
      () => scripted(handOverScript),
    ),
    timelineOfRun(
      'holder-crash',
      'p1 crashes holding the lease; p2 gets it once the home’s clock has passed t',
      () => scripted(crashScript),
    ),
    timelineOfRun(
      'no-margin',
      'No ε margin: p1 uses its lease until t on its own clock, and p2 is master beside it',
      () => shortest(config, noMargin),
    ),
  ],
  plots,
  benchmarks: [leasesBench],
  models: [
    {
      name: 'leases, shared and exclusive, clocks fixed at their skew',
      machine: () => leaseSystem(sharedConfig),
    },
    {
      name: 'leases, careful writes with a redo log',
      machine: () => leaseSystem(redoLogConfig),
    },
  ],
  explorer: [
    explorable<LeaseState, LeaseSpecState>({
      id: '11-leases',
      title: '11 · Leases (a home, 2 clients, skewed clocks)',
      about:
        'Ask for the exclusive lease as p1, let time pass and deliver the grant, then write; watch each clock and the lease’s t. Ask as p2: the home says no and revokes p1’s lease. Or crash p1 and see p2 wait for the lease to run out. Pick a mutant (no ε margin) and find two masters.',
      ...correctModel,
      mutants: [
        mutantsOf<LeaseState, LeaseSpecState, LeaseVariant>(
          [refinesCheck, sharedCheck, carefulCheck],
          (v) => explorerModel(v),
        ),
      ],
    }),
  ],
  facts: {
    lease: config.lease,
    'clock bound': config.clockBound,
    epsilon: epsilon(config),
    delta: config.delta,
    'demo lease': demoConfig.lease,
    // The measured systems' constants (plots and `bench leases`).
    'measured tick ms': measuredLeases.tickMs,
    'measured b ms': measuredLeases.clockBound * measuredLeases.tickMs,
    'measured epsilon ms': 2 * measuredLeases.clockBound * measuredLeases.tickMs,
    'measured delta ms': measuredLeases.delta * measuredLeases.tickMs,
    'measured shortest lease ms': measuredLeases.leases[0] * measuredLeases.tickMs,
    'measured longest lease s': seconds(measuredLeases.leases[measuredLeases.leases.length - 1]!),
    'tight from ms': measuredLeases.tightFrom * measuredLeases.tickMs,
    'renewal periods': measuredLeases.renewal.periods,
    'crash runs': measuredLeases.crash.runs,
    'write every ms': measuredLeases.writeEvery * measuredLeases.tickMs,
  },
};
