/**
 * The checking constants of the hierarchical lease model (the role of a
 * TLA+ MC file): how many czar candidates, masters and resources, the czar's
 * lease and the masters' sub-leases, the clocks, the network's bound, the
 * crashes, and the bounds of the check. The clocks, the network and the
 * bounds on requests and writes mean what they mean in chapter 11's
 * `LeaseConfig`, and are declared there.
 *
 * @module
 */
import type { LeaseConfig } from '../11-leases/config';

// #region config
/** The constants of one hierarchical lease model. Times are whole ticks. */
export interface HierConfig
  extends Pick<
    LeaseConfig,
    | 'clockBound'
    | 'drifts'
    | 'driftBound'
    | 'delta'
    | 'maxDelay'
    | 'requests'
    | 'writes'
    | 'horizon'
  > {
  /** How many processes may become czar (c1, c2, ...). */
  readonly candidates: number;
  /** How many masters ask the czar for sub-leases (p1, p2, ...). */
  readonly masters: number;
  /** How many resources the czar hands out (x0, x1, ...), each with its own sub-leases. */
  readonly resources: number;
  /** Lc: how long a czar's term lasts from its proposal, on the proposer's own clock. */
  readonly czarLease: number;
  /**
   * How early the czar may renew its term: in the last `renewAhead` ticks
   * before t, by its own clock (earlier would only add states).
   */
  readonly renewAhead: number;
  /** Ls: how long a sub-lease lasts from its grant, on the czar's clock (never past the czar's term). */
  readonly subLease: number;
  /**
   * Each process's clock offset at time 0, each within ±b: the consensus
   * oracle first, then the candidates, then the masters.
   */
  readonly skew: readonly number[];
  /**
   * Whether the run starts with consensus run once already: instance 0
   * decided as (c1, c1's clock + Lc), c1 knowing it is czar and everyone
   * knowing the term. Otherwise every candidate proposes at once.
   */
  readonly elected: boolean;
  /** How many terms each candidate may propose (renewals count), a bound of the check. */
  readonly proposals: number;
  /**
   * How many times a candidate, and a master, may crash (each recovers with
   * nothing but its counts).
   */
  readonly crashes: { readonly candidates: number; readonly masters: number };
}
// #endregion config

/**
 * Check a configuration, or say what is wrong with it.
 *
 * @param c - the configuration
 * @returns the same configuration
 * @throws Error naming the bad field and what is accepted (one line)
 */
export function validHierConfig(c: HierConfig): HierConfig {
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!(Number.isInteger(v) && v >= min && v <= max))
      throw new Error(
        `hierarchical lease config: ${name} must be a whole number from ${min} to ${max}, got ${v}`,
      );
  };
  const budget = (name: string, v: number) => {
    if (v !== Number.POSITIVE_INFINITY) whole(name, v, 0, 1000);
  };
  whole('candidates', c.candidates, 1, 3);
  whole('masters', c.masters, 1, 4);
  whole('resources', c.resources, 1, 64);
  whole('czarLease', c.czarLease, 1, 1000);
  whole('subLease', c.subLease, 1, 1000);
  whole('renewAhead', c.renewAhead, 1, 1000);
  whole('clockBound', c.clockBound, 0, 100);
  whole('delta', c.delta, 1, 100);
  whole('proposals', c.proposals, 0, 1000);
  whole('requests', c.requests, 0, 100_000);
  whole('writes', c.writes, 0, 1000);
  whole('horizon', c.horizon, 0, 1_000_000);
  budget('drifts', c.drifts);
  budget('crashes.candidates', c.crashes.candidates);
  budget('crashes.masters', c.crashes.masters);
  if (c.maxDelay !== undefined && c.maxDelay !== Number.POSITIVE_INFINITY)
    whole('maxDelay', c.maxDelay, 1, 1000);
  const n = 1 + c.candidates + c.masters;
  if (c.skew.length !== n || !c.skew.every((o) => Number.isInteger(o)))
    throw new Error(
      `hierarchical lease config: skew must be ${n} whole numbers (the oracle, each candidate, then each master), got ${JSON.stringify(c.skew)}`,
    );
  const b = c.driftBound ?? c.clockBound;
  if (c.skew.some((o) => Math.abs(o) > b))
    throw new Error(
      `hierarchical lease config: every skew must be within ±${b} (the drift bound), got ${JSON.stringify(c.skew)}`,
    );
  return c;
}

// #region configs
/**
 * The first exhaustive check's world: two candidates, both proposing at
 * once, two masters, one resource, a czar term of 8 ticks renewed in its
 * last 2, sub-leases of 4, b = 1 (ε = 2), δ = 1, the clocks skewed and one
 * of them drifting once, no crash.
 */
export const config: HierConfig = {
  candidates: 2,
  masters: 2,
  resources: 1,
  czarLease: 8,
  renewAhead: 2,
  subLease: 4,
  clockBound: 1,
  skew: [0, -1, 1, 0, 1],
  drifts: 1,
  delta: 1,
  elected: false,
  proposals: 2,
  requests: 1,
  writes: 1,
  crashes: { candidates: 0, masters: 0 },
  horizon: 8,
};

/** The first check's deep configuration (`--deep`): two drifts of a clock. */
export const deepConfig: HierConfig = { ...config, drifts: 2 };

/**
 * One czar and one master: the master renews its sub-lease with the czar
 * while the czar renews its own lease by consensus, early enough (in the
 * last 6 ticks of its term) for the master to hold on across it; c1 czar
 * from the start, sub-leases of 6, 3 requests, clocks fixed at their skew,
 * time to 12.
 */
export const renewalConfig: HierConfig = {
  ...config,
  candidates: 1,
  masters: 1,
  skew: [0, -1, 0],
  renewAhead: 6,
  subLease: 6,
  drifts: 0,
  elected: true,
  requests: 3,
  horizon: 12,
};

/**
 * A czar change: c1 czar from the start, and it may renew once; c2 waits
 * out c1's term and proposes, and consensus may pick c2 over c1's renewal
 * (sub-leases of 5, clocks fixed at their skew, time to 15).
 */
export const changeConfig: HierConfig = {
  ...config,
  subLease: 5,
  drifts: 0,
  elected: true,
  horizon: 15,
};

/**
 * A czar crash: c1 czar from the start with a long term and long
 * sub-leases, crashing and recovering with nothing while a master holds its
 * sub-lease (one proposal each, clocks fixed at their skew, time to 6).
 */
export const crashConfig: HierConfig = {
  ...config,
  czarLease: 10,
  subLease: 10,
  drifts: 0,
  elected: true,
  proposals: 1,
  crashes: { candidates: 1, masters: 0 },
  horizon: 6,
};

/**
 * The long random runs: three resources, δ = 2, candidates and masters
 * crashing, clocks drifting freely within ±b, many terms, requests and
 * writes, time to 150.
 */
export const runsConfig: HierConfig = {
  ...config,
  resources: 3,
  czarLease: 10,
  renewAhead: 4,
  subLease: 5,
  delta: 2,
  drifts: Number.POSITIVE_INFINITY,
  proposals: 40,
  requests: 60,
  writes: 30,
  crashes: { candidates: 4, masters: 2 },
  horizon: 150,
};

/**
 * The demo's world: consensus elects the czar from scratch, a czar term of
 * 12 ticks renewed in its last 8, sub-leases of 6, a candidate that may
 * crash, masters that renew (clocks fixed at their skew, time to 24).
 */
export const demoConfig: HierConfig = {
  ...config,
  czarLease: 12,
  renewAhead: 8,
  subLease: 6,
  drifts: 0,
  proposals: 3,
  requests: 4,
  writes: 2,
  crashes: { candidates: 1, masters: 0 },
  horizon: 24,
};

/**
 * The run where the czar's renewal loses to a rival: the demo's world, with
 * c1 czar from the start, 3 requests per master, no crash, time to 18.
 */
export const raceConfig: HierConfig = {
  ...demoConfig,
  elected: true,
  requests: 3,
  crashes: { candidates: 0, masters: 0 },
  horizon: 18,
};
// #endregion configs
