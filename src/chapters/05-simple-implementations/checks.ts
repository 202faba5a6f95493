/**
 * Chapter 05's checks: both simple implementations refine D (safety holds
 * even with crashes), and neither is fault tolerant (runs get stuck).
 *
 * @module
 */
import type { Machine, Nil, Reachable, Refinement, RefinesResult, StuckResult } from '../../index';
import { findStuck, invariant, neverStuck, nil, reachable, refines } from '../../index';
import type { DState, Value } from '../03-consensus-specs/specs';
import { specD } from '../03-consensus-specs/specs';
import type { ChapterCheck, CheckContext } from '../chapter';
import { boundsOf, check } from '../chapter';
import type { MajorityConfig } from './config';
import {
  coordinatorConfig,
  deepMajorityConfig,
  lossOnlyCoordinatorConfig,
  lossOnlyMajorityConfig,
  majorityConfig,
} from './config';
import type { CoordinatorRules, CoordinatorState } from './coordinator';
import { C, coordinator, coordinatorRules, coordinatorToD } from './coordinator';
import type { MajorityRules, MajorityState } from './majority';
import {
  allAllowed,
  knownBy,
  majority,
  majorityChoice,
  majorityRules,
  majorityToD,
} from './majority';
import type { ExternalSteps } from './processes';
import { observeAsD, pname } from './processes';

/**
 * An implementation's refinement to D: the spec over its values, its
 * abstraction function, and how its external steps look to D.
 *
 * @param impl - the implementation's external steps
 * @param values - the values it may agree on
 * @param abstraction - its abstraction function to D
 * @returns the claim, for `refines`
 */
export function refinementToD<Y>(
  impl: ExternalSteps,
  values: readonly Value[],
  abstraction: (y: Y) => DState,
): Refinement<Y, DState> {
  return { spec: specD(values), abstraction, observe: observeAsD(impl) };
}

/** Agreement and Validity (§4.2), on what the processes know. */
function agreementAndValidity<S>(
  knows: (s: S) => readonly (Value | Nil)[],
  allowed: (s: S) => readonly Value[],
) {
  return [
    invariant<S>(
      'Agreement: every process that knows an outcome knows the same one',
      (s) => new Set(knows(s).filter((v) => v !== nil)).size <= 1,
      (s) =>
        `the processes know ${knows(s)
          .map((v, i) => `${pname(i)}: ${v ?? 'nil'}`)
          .join(', ')}`,
    ),
    invariant<S>(
      'Validity: a known outcome is an allowed value',
      (s) => knows(s).every((v) => v === nil || allowed(s).includes(v)),
      (s) => `known ${knows(s).join(', ')}; allowed ${allowed(s).join(', ')}`,
    ),
  ];
}

/** What both safety checks need of an implementation. */
interface SafetyClaim<S> {
  /** The implementation. */
  readonly impl: Machine<S> & ExternalSteps;
  /** Its values. */
  readonly values: readonly Value[];
  /** Its abstraction function to D. */
  readonly abstraction: (y: S) => DState;
  /** What each process knows, by index. */
  readonly knows: (s: S) => readonly (Value | Nil)[];
  /** Every value allowed so far. */
  readonly allowed: (s: S) => readonly Value[];
  /** What must be reachable, so that the check cannot pass vacuously. */
  readonly goals: readonly Reachable<S>[];
}

/**
 * The safety check both implementations share: `refines` to D, with
 * Agreement and Validity on what the processes know, and goals.
 *
 * @param c - the implementation and what to read off its states
 * @param ctx - the bounds, if any
 * @returns the verdict
 */
function refinesD<S>(c: SafetyClaim<S>, ctx?: CheckContext): RefinesResult<S, DState> {
  return refines(c.impl, refinementToD(c.impl, c.values, c.abstraction), {
    invariants: agreementAndValidity(c.knows, c.allowed),
    reachable: c.goals,
    ...(ctx ? boundsOf(ctx) : {}),
  });
}

/** The coordinator's outcome, in a state. */
const decided = (s: CoordinatorState) => s.processes[C]!.outcome;

/** Goals for the coordinator: it can finish, and it can crash after choosing. */
export const coordinatorGoals = [
  reachable<CoordinatorState>('everyone knows the outcome', (s) =>
    s.processes.every((p) => p.outcome !== nil),
  ),
  reachable<CoordinatorState>(
    'the coordinator crashed after choosing',
    (s) => !s.up[C] && decided(s) !== nil,
  ),
];

// #region coordinator-check
/**
 * The coordinator refines D under §5.2's abstraction function, with loss
 * and a crash.
 *
 * @param rules - the coordinator's rules (a mutant's, or a reader's)
 * @param ctx - the bounds, if any
 * @returns the verdict
 */
export function checkCoordinator(rules: CoordinatorRules = coordinatorRules, ctx?: CheckContext) {
  return refinesD(
    {
      impl: coordinator(coordinatorConfig, rules),
      values: coordinatorConfig.values,
      abstraction: coordinatorToD,
      knows: (s) => s.processes.map((p) => p.outcome),
      allowed: (s) => s.processes[C]!.allowed,
      goals: coordinatorGoals,
    },
    ctx,
  );
}
// #endregion coordinator-check

/**
 * Goals for the majority: everyone can learn; a crash can leave the votes split.
 *
 * @param quorum - the size of a majority
 * @returns the goals
 */
export const majorityGoals = (quorum: number) => [
  reachable<MajorityState>('everyone knows the outcome', (s) =>
    knownBy(s, quorum).every((v) => v !== nil),
  ),
  reachable<MajorityState>(
    'a crashed process and no majority',
    (s) => s.up.includes(false) && majorityChoice(s, quorum) === nil,
  ),
];

/** A variant of the majority: other constants, or other rules. */
export interface MajorityVariant {
  /** The constants (default: the chapter's). */
  readonly config?: MajorityConfig;
  /** The rules (default: the correct ones). */
  readonly rules?: MajorityRules;
}

/**
 * The majority implementation refines D, with loss and a crash.
 *
 * @param v - other constants or rules, if any
 * @param ctx - the bounds, if any
 * @returns the verdict
 */
export function checkMajority(v: MajorityVariant = {}, ctx?: CheckContext) {
  const cfg = v.config ?? majorityConfig;
  return refinesD(
    {
      impl: majority(cfg, v.rules ?? majorityRules),
      values: cfg.values,
      abstraction: (y: MajorityState) => majorityToD(y, cfg.quorum),
      knows: (s) => knownBy(s, cfg.quorum),
      allowed: allAllowed,
      goals: majorityGoals(cfg.quorum),
    },
    ctx,
  );
}

/** The goal for liveness: every process that is up knows the outcome. */
const everyLiveProcessKnows = <S extends { readonly up: readonly boolean[] }>(
  knows: (s: S) => readonly (Value | Nil)[],
) =>
  reachable<S>('every live process knows the outcome', (s) =>
    knows(s).every((v, i) => !s.up[i] || v !== nil),
  );

/** The coordinator's liveness goal. */
export const coordinatorLive = everyLiveProcessKnows<CoordinatorState>((s) =>
  s.processes.map((p) => p.outcome),
);

/** The majority's liveness goal. */
export const majorityLive = everyLiveProcessKnows<MajorityState>((s) =>
  knownBy(s, majorityConfig.quorum),
);

/**
 * With loss but no crash, the coordinator never gets stuck: from every
 * reachable state, every process can still learn the outcome.
 *
 * @param rules - the coordinator's rules
 * @returns the verdict
 */
export function checkCoordinatorLive(rules: CoordinatorRules = coordinatorRules) {
  return neverStuck(coordinator(lossOnlyCoordinatorConfig, rules), { goal: coordinatorLive });
}

/**
 * With loss but no crash, the majority never gets stuck either.
 *
 * @param rules - the processes' rules
 * @returns the verdict
 */
export function checkMajorityLive(rules: MajorityRules = majorityRules) {
  return neverStuck(majority(lossOnlyMajorityConfig, rules), { goal: majorityLive });
}

let theMajority: Machine<MajorityState> | undefined;
/** The chapter's majority, built once so that its state graph is searched once for two checks. */
const majorityMachine = () => {
  theMajority ??= majority();
  return theMajority;
};

// #region stuck-checks
/** With one crash, the coordinator can get stuck after choosing: a live process never learns. */
export function coordinatorStuck() {
  return findStuck(coordinator(), {
    goal: coordinatorLive,
    where: (s) => decided(s) !== nil,
  });
}

/** With one crash, the majority can get stuck after a majority chose: a live process never learns. */
export function majorityStuck() {
  return findStuck(majorityMachine(), {
    goal: majorityLive,
    where: (s) => majorityChoice(s, majorityConfig.quorum) !== nil,
  });
}

/** With one crash, the majority can end with no majority at all: the live processes chose and split. */
export function noMajority() {
  return findStuck(majorityMachine(), {
    goal: reachable<MajorityState>(
      'a majority chose a value',
      (s) => majorityChoice(s, majorityConfig.quorum) !== nil,
    ),
    where: (s) => s.processes.every((p, i) => !s.up[i] || p.choice !== nil),
  });
}
// #endregion stuck-checks

/**
 * A claim that some reachable state is stuck, as a check: it holds when
 * a stuck state is found and confirmed.
 *
 * @param c - the name, the claim, the pins, and the search
 * @returns the check
 */
function stuckClaim(c: {
  readonly name: string;
  readonly claim: string;
  readonly pinned: { readonly states: number; readonly transitions: number };
  readonly find: () => StuckResult<unknown>;
}) {
  return check<undefined>({ name: c.name, claim: c.claim, pinned: c.pinned, run: () => c.find() });
}

/** The coordinator refines D: a mutant gives other rules. */
export const coordinatorRefinesD = check<CoordinatorRules>({
  name: 'coordinator refines D',
  claim:
    'With loss, reordering and one crash, the coordinator refines D under f: outcome = the coordinator’s outcome, done = everyone has it.',
  pinned: { states: 272, transitions: 1876 },
  run: (ctx, rules) => checkCoordinator(rules, ctx),
});

/** The majority refines D: a mutant gives other constants or rules. */
export const majorityRefinesD = check<MajorityVariant>({
  name: 'majority refines D',
  claim:
    'With loss, reordering and one crash, the majority refines D under f: outcome = the choice of a majority or nil, done = everyone has it.',
  pinned: { states: 27436, transitions: 207936 },
  deepPinned: { states: 186624, transitions: 1508544 },
  run: (ctx, v) =>
    checkMajority({ config: ctx.deep ? deepMajorityConfig : majorityConfig, ...v }, ctx),
});

/** Retransmission repairs loss in the coordinator: a mutant gives other rules. */
export const coordinatorSurvivesLoss = check<CoordinatorRules>({
  name: 'coordinator survives loss',
  claim:
    'Without crashes, from every reachable state every process can still learn the outcome: retransmission repairs lost messages.',
  pinned: { states: 68, transitions: 536 },
  run: (_ctx, rules) => checkCoordinatorLive(rules),
});

/** Retransmission repairs loss in the majority. */
export const majoritySurvivesLoss = check<MajorityRules>({
  name: 'majority survives loss',
  claim: 'Without crashes, from every reachable state every process can still learn the outcome.',
  pinned: { states: 6859, transitions: 59565 },
  run: (_ctx, rules) => checkMajorityLive(rules),
});

/** Chapter 05's checks, in the order the report prints them. */
export const checks: readonly ChapterCheck[] = [
  coordinatorRefinesD,
  majorityRefinesD,
  coordinatorSurvivesLoss,
  majoritySurvivesLoss,
  stuckClaim({
    name: 'a crashed coordinator strands the outcome',
    claim:
      'Some reachable state, after the coordinator chose, is stuck: without further faults a live process never learns the outcome.',
    pinned: { states: 272, transitions: 1876 },
    find: coordinatorStuck,
  }),
  stuckClaim({
    name: 'a crash in the majority strands the outcome',
    claim:
      'Some reachable state, after a majority chose, is stuck: without further faults a live process never learns the outcome.',
    pinned: { states: 27436, transitions: 207936 },
    find: majorityStuck,
  }),
  stuckClaim({
    name: 'a crash can leave no majority',
    claim:
      'Some reachable state, where every live process has chosen, is stuck with no majority for any value: the outcome stays nil forever.',
    pinned: { states: 27436, transitions: 207936 },
    find: noMajority,
  }),
];
