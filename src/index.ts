/**
 * The workbook's spec library: machines in Lampson's sense and the checks
 * that prove (within bounds) that one machine implements another.
 *
 * A machine is initial states and actions; an action has a name, is external
 * or internal, ranges over a family of parameters, and has a guard and an
 * effect with one or more outcomes. The checks are {@link explore},
 * {@link refines}, {@link inductive}, {@link traceIncluded} and
 * {@link simulate}; each returns a {@link CheckResult} and never throws for a
 * failed property.
 *
 * @packageDocumentation
 */
export { type ActorDiagramOptions, actorDiagram } from './lib/actorDiagram';
export {
  type ActorHistory,
  type ActorState,
  type ActorSystem,
  type ActorsDefinition,
  type AnyRole,
  actors,
  type ClockDrift,
  type DriftBound,
  type FaultBudgets,
  type FaultsUsed,
  isActorSystem,
  layout,
  type RoleStates,
  type Symmetry,
  type SystemState,
  type TimeOptions,
} from './lib/actors';
export type { SequenceDiagram, SequenceEvent, SequenceEventKind } from './lib/diagram';
export {
  type DelayPolicy,
  type Demand,
  type Draw,
  type DriveEnd,
  type DriveOptions,
  type DriveResult,
  type DriveStep,
  drawer,
  drive,
  driveStep,
  mayTake,
  processStep,
  type Workload,
} from './lib/drive';
export { type ExploreOptions, type ExploreResult, explore } from './lib/explore';
export { exists, forAll, type PropertyOptions, type PropertyResult } from './lib/forAll';
export {
  casRegister,
  checkHistory,
  type HistoryFormat,
  HistoryFormatError,
  type KvOp,
  type KvState,
  kvStore,
  type ParsedHistory,
  parseEdnKv,
  parseHistory,
  parseJepsenLog,
  parseJsonHistory,
  type RegisterOp,
  type RegisterState,
} from './lib/histories';
export {
  type CounterexampleToInduction,
  type InductiveOptions,
  type InductiveResult,
  inductive,
  type Universe,
} from './lib/inductive';
export { type Label, labelKey, labelText } from './lib/label';
export {
  type LinearizabilityFailure,
  type LinearizabilityOptions,
  type LinearizabilityResult,
  type LinearizabilityStats,
  type LinearizabilityVerdict,
  type LinearizedStep,
  linearizable,
  type Operation,
  type PartitionVerdict,
  type SequentialSpec,
  showOperation,
} from './lib/linearizability';
export {
  type Action,
  type ActionDefinition,
  action,
  choose,
  type Effect,
  type Machine,
  type MachineDefinition,
  machine,
  type Outcome,
  returns,
  to,
} from './lib/machine';
export { type MatchOptions, matchSteps } from './lib/matchSteps';
export {
  type Delivery,
  type Envelope,
  type Network,
  type NetworkKind,
  network,
} from './lib/network';
export { override } from './lib/override';
export {
  type BuiltModel,
  exploreInWorkers,
  type ModelSource,
  type ParallelOptions,
} from './lib/parallel';
export {
  afterCrash,
  type CrashMode,
  type ProcessAction,
  type ProcessActionDefinition,
  type ProcessContext,
  type ProcessParam,
  processAction,
  type Reaction,
  type Role,
  role,
  type Send,
} from './lib/process';
export {
  allOf,
  type Invariant,
  invariant,
  type Reachable,
  reachable,
  type StepProperty,
  stable,
  stepProperty,
} from './lib/property';
export {
  type GraphEdge,
  type GraphOptions,
  type ReachableGraph,
  reachableGraph,
} from './lib/reachableGraph';
export {
  type Move,
  type Observed,
  type Refinement,
  type SpecMove,
  specMoves,
} from './lib/refinement';
export { type RefinementFailure, type RefinesResult, refines } from './lib/refines';
export {
  changes,
  renderRefinementFailure,
  renderState,
  renderTrace,
  textTable,
} from './lib/render';
export { replay } from './lib/replay';
export {
  type CheckKind,
  type CheckResult,
  type Counterexample,
  type Progress,
  type Stats,
  summarize,
} from './lib/result';
export { equals, set, subsets, ValueSet } from './lib/sets';
export { type SimulateOptions, type SimulateResult, simulate } from './lib/simulate';
export { stepsFrom } from './lib/stepsFrom';
export {
  faultFreeFrom,
  findStuck,
  neverStuck,
  type StuckQuestion,
  type StuckResult,
} from './lib/stuck';
export { externalLabels, lastState, type Step, type Trace, tracePath } from './lib/trace';
export {
  type TraceInclusionOptions,
  type TraceInclusionResult,
  traceIncluded,
} from './lib/traceIncluded';
export { canonical, compareText, type Nil, nil, show } from './lib/value';
export { type History, type WithHistory, withHistory } from './lib/withHistory';
