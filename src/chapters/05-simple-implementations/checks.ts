/**
 * Chapter 05's checks: both simple implementations refine D (safety holds
 * even with crashes), and neither is fault tolerant (runs get stuck).
 *
 * @module
 */
import {
  findStuck,
  invariant,
  type Machine,
  neverStuck,
  nil,
  reachable,
  refines,
} from '../../index';
import { specD } from '../03-consensus-specs/specs';
import type { CheckContext } from '../chapter';
import {
  C,
  type CoordConfig,
  type CoordinatorCode,
  type CoordState,
  coordAF,
  coordConfig,
  coordinator,
  coordinatorCode,
} from './coordinator';
import {
  allAllowed,
  known,
  type MajConfig,
  type MajorityCode,
  type MajState,
  majAF,
  majConfig,
  majority,
  majorityChoice,
  majorityCode,
} from './majority';
import { observeAsD, pname } from './processes';

/**
 * Remember f's last argument and result: the checker applies f to a state
 * once for each step out of it, one after another.
 */
function lastOne<Y, X>(f: (y: Y) => X): (y: Y) => X {
  let lastY: Y | undefined;
  let lastX: X | undefined;
  return (y) => {
    if (y !== lastY) {
      lastY = y;
      lastX = f(y);
    }
    return lastX!;
  };
}

function boundsOf(ctx: CheckContext | undefined) {
  return {
    ...(ctx?.depth ? { maxDepth: ctx.depth } : {}),
    ...(ctx?.onProgress ? { onProgress: ctx.onProgress } : {}),
  };
}

/** Agreement and Validity (§4.2), on what the processes know. */
function agreementAndValidity<S>(
  knows: (s: S) => (number | null)[],
  allowed: (s: S) => readonly number[],
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

// #region coordinator-check
/** The coordinator refines D under §5.2's abstraction function, with loss and a crash. */
export function checkCoordinator(
  cfg: CoordConfig = coordConfig,
  code: CoordinatorCode = coordinatorCode,
  ctx?: CheckContext,
) {
  return refines(
    coordinator(cfg, code),
    { spec: specD(cfg.values), abstraction: coordAF, observe: observeAsD },
    {
      invariants: agreementAndValidity<CoordState>(
        (s) => [...s.outcome],
        (s) => s.allowed,
      ),
      reachable: coordGoals,
      ...boundsOf(ctx),
    },
  );
}
// #endregion coordinator-check

/** Goals for the coordinator: it can finish, and it can crash after choosing. */
export const coordGoals = [
  reachable<CoordState>('everyone knows the outcome', (s) => s.outcome.every((o) => o !== nil)),
  reachable<CoordState>(
    'the coordinator crashed after choosing',
    (s) => !s.up[C] && s.outcome[C] !== nil,
  ),
];

/** The majority implementation refines D, with loss and a crash. */
export function checkMajority(
  cfg: MajConfig = majConfig,
  code: MajorityCode = majorityCode,
  ctx?: CheckContext,
) {
  return refines(
    majority(cfg, code),
    {
      spec: specD(cfg.values),
      abstraction: lastOne((y: MajState) => majAF(y, cfg.quorum)),
      observe: observeAsD,
    },
    {
      invariants: agreementAndValidity<MajState>(
        (s) => s.choice.map((_, i) => known(s, i, cfg.quorum)),
        allAllowed,
      ),
      reachable: majGoals(cfg.quorum),
      ...boundsOf(ctx),
    },
  );
}

/** Goals for the majority: everyone can learn; a crash can leave the votes split. */
export const majGoals = (quorum: number) => [
  reachable<MajState>('everyone knows the outcome', (s) =>
    s.choice.every((_, i) => known(s, i, quorum) !== nil),
  ),
  reachable<MajState>(
    'a crashed process and no majority',
    (s) => s.up.includes(false) && majorityChoice(s, quorum) === nil,
  ),
];

/** The goal for liveness: every process that is up knows the outcome. */
const everyLiveProcessKnows = <S>(
  knows: (s: S, i: number) => number | null,
  up: (s: S) => readonly boolean[],
) =>
  reachable<S>('every live process knows the outcome', (s) =>
    up(s).every((u, i) => !u || knows(s, i) !== nil),
  );

/** The coordinator's liveness goal. */
export const coordLive = everyLiveProcessKnows<CoordState>(
  (s, i) => s.outcome[i]!,
  (s) => s.up,
);

/** The majority's liveness goal. */
export const majLive = (quorum: number) =>
  everyLiveProcessKnows<MajState>(
    (s, i) => known(s, i, quorum),
    (s) => s.up,
  );

/**
 * With loss but no crash, the coordinator never gets stuck: from every
 * reachable state, every process can still learn the outcome.
 */
export function checkCoordinatorLive(code: CoordinatorCode = coordinatorCode) {
  return neverStuck(coordinator({ ...coordConfig, crashes: 0 }, code), { goal: coordLive });
}

let theMajority: Machine<MajState> | undefined;
/** The chapter's majority machine, built once so its state graph is searched once for two checks. */
const majorityMachine = () => {
  theMajority ??= majority();
  return theMajority;
};

// #region stuck-checks
/** With one crash, the coordinator can get stuck after choosing: a live process never learns. */
export function coordinatorStuck() {
  return findStuck(coordinator(), {
    goal: coordLive,
    where: (s: CoordState) => s.outcome[C] !== nil,
  });
}

/** With one crash, the majority can get stuck after a majority chose: a live process never learns. */
export function majorityStuck() {
  return findStuck(majorityMachine(), {
    goal: majLive(majConfig.quorum),
    where: (s: MajState) => majorityChoice(s, majConfig.quorum) !== nil,
  });
}

/** With one crash, the majority can end with no majority at all: the live processes chose and split. */
export function noMajority() {
  return findStuck(majorityMachine(), {
    goal: reachable<MajState>(
      'a majority chose a value',
      (s) => majorityChoice(s, majConfig.quorum) !== nil,
    ),
    where: (s: MajState) => s.choice.every((c, i) => !s.up[i] || c !== nil),
  });
}
// #endregion stuck-checks

/** With loss but no crash, the majority never gets stuck either. */
export function checkMajorityLive(code: MajorityCode = majorityCode) {
  return neverStuck(majority({ ...majConfig, crashes: 0 }, code), {
    goal: majLive(majConfig.quorum),
  });
}
