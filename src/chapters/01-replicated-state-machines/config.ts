/**
 * Chapter 01's checking constants (the role of TLA+'s MC files): how many
 * replicas, which requests, which faults, and how many random runs, for
 * every check, the demo and the explorer.
 *
 * @module
 */
import type { StorageInput } from './storage';
import { Read, Write } from './storage';

/** The constants of one replicated system. */
export interface ReplicationConfig {
  /** How many replicas. */
  readonly replicas: number;
  /** The requests clients may make. */
  readonly requests: readonly StorageInput[];
  /** How many requests at most. */
  readonly maxRequests: number;
  /**
   * How many messages the network may lose, and how many it may duplicate, in one run.
   *
   * @defaultValue none: every entry arrives, once
   */
  readonly faults?: { readonly lose?: number; readonly duplicate?: number };
}

/** The exhaustive checks': three replicas, up to three requests from Write(x, 1), Write(x, 2) and Read(x). */
export const config: ReplicationConfig = {
  replicas: 3,
  requests: [Write('x', 1), Write('x', 2), Read('x')],
  maxRequests: 3,
};

/** The demo's: the paper's requests, Write(x, 3) then Read(x), and two more. */
export const demoConfig: ReplicationConfig = {
  replicas: 3,
  requests: [Write('x', 3), Read('x'), Write('y', 5), Read('y')],
  maxRequests: 4,
};

/** The refinement check's: three replicas, up to two requests, on a network that may lose one entry and duplicate one. */
export const refinesConfig: ReplicationConfig = {
  ...config,
  maxRequests: 2,
  faults: { lose: 1, duplicate: 1 },
};

/** The explorer's: the checks' system on a network that may lose two entries and duplicate two. */
export const explorerConfig: ReplicationConfig = {
  ...config,
  faults: { lose: 2, duplicate: 2 },
};

/** The random check's: how many scenarios, and how big each may be. */
export const runsConfig = {
  /** Scenarios tried. */
  runs: 300,
  /** The longest log. */
  maxLog: 12,
  /** The most replicas. */
  maxReplicas: 5,
  /** The most scrambled deliveries to one replica before the rest arrive. */
  maxDeliveries: 16,
} as const;

/** The search for two orders that diverge: how many cases fast-check tries, and how many inputs each has at most. */
export const orderConfig = {
  /** Cases tried. */
  runs: 500,
  /** The most inputs in one case. */
  maxInputs: 8,
} as const;
