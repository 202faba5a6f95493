/**
 * The checking constants of the lease model (the role of a TLA+ MC file):
 * how many clients, the lease length, the clocks' skew bound and drift, the
 * longest a message (a write among them) takes, the faults, and the horizon.
 * Every configuration the chapter uses is here.
 *
 * @module
 */

// #region config
/** The constants of one lease model. Times are whole ticks. */
export interface LeaseConfig {
  /** How many clients compete for the one resource (p1, p2, ...). */
  readonly clients: number;
  /** L: how long a lease lasts from its grant, on the home's clock. */
  readonly lease: number;
  /**
   * b: every clock is within b of real time, so any two are within ε = 2b
   * of each other (the paper's maximum skew).
   */
  readonly clockBound: number;
  /** Each process's clock offset at time 0 (home first, then the clients), each within ±b. */
  readonly skew: readonly number[];
  /**
   * How many times a clock may move a tick either way within ±b during a
   * run (0: the offsets stay as they start; Infinity: no budget).
   */
  readonly drifts: number;
  /**
   * How far the clocks really drift: ±b unless a configuration lets them
   * go further than the margin assumes.
   *
   * @defaultValue clockBound
   */
  readonly driftBound?: number;
  /** δ: the longest a message takes, a write to the home among them. */
  readonly delta: number;
  /**
   * How long the network may really take: δ, or more (Infinity: writes may
   * take unbounded time), while the clients' margins assume δ.
   *
   * @defaultValue delta
   */
  readonly maxDelay?: number;
  /** How many leases each client may ask for (renewals count), a bound of the check. */
  readonly requests: number;
  /** How many writes each client may make, a bound of the check. */
  readonly writes: number;
  /**
   * How an update reaches the resource: one write, two writes one after the
   * other, or a log record and then the two writes (see `Update`).
   *
   * @defaultValue `'atomic'`
   */
  readonly update?: 'atomic' | 'two-parts' | 'redo-log';
  /** Whether clients ask for shared read leases as well as exclusive ones. */
  readonly shared: boolean;
  /** Messages that may be lost, duplicated; clients that may crash (and recover with nothing). */
  readonly faults: { readonly lose: number; readonly duplicate: number; readonly crash: number };
  /** A bound of the check: time does not pass beyond it. */
  readonly horizon: number;
}

/** ε, the most two clocks may differ: twice the bound on each clock's distance from real time. */
export const epsilon = (c: Pick<LeaseConfig, 'clockBound'>) => 2 * c.clockBound;
// #endregion config

/**
 * Check a configuration, or say what is wrong with it.
 *
 * @param c - the configuration
 * @returns the same configuration
 * @throws Error naming the bad field and what is accepted
 */
export function validLeaseConfig(c: LeaseConfig): LeaseConfig {
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!(Number.isInteger(v) && v >= min && v <= max))
      throw new Error(
        `lease config: ${name} must be a whole number from ${min} to ${max}, got ${v}`,
      );
  };
  whole('clients', c.clients, 1, 4);
  whole('lease', c.lease, 1, 1000);
  whole('clockBound', c.clockBound, 0, 100);
  whole('delta', c.delta, 1, 100);
  whole('requests', c.requests, 0, 1000);
  whole('writes', c.writes, 0, 1000);
  whole('horizon', c.horizon, 0, 1_000_000);
  if (c.maxDelay !== undefined && c.maxDelay !== Number.POSITIVE_INFINITY)
    whole('maxDelay', c.maxDelay, 1, 1000);
  if (c.skew.length !== c.clients + 1 || !c.skew.every((o) => Number.isInteger(o)))
    throw new Error(
      `lease config: skew must be ${c.clients + 1} whole numbers (the home, then each client), got ${JSON.stringify(c.skew)}`,
    );
  const b = c.driftBound ?? c.clockBound;
  if (c.skew.some((o) => Math.abs(o) > b))
    throw new Error(
      `lease config: every skew must be within ±${b} (the drift bound), got ${JSON.stringify(c.skew)}`,
    );
  return c;
}

// #region configs
/** The exhaustive check's configuration: two clients, skewed clocks, one drift, a write each, no faults. */
export const config: LeaseConfig = {
  clients: 2,
  lease: 3,
  clockBound: 1,
  skew: [1, -1, 0],
  drifts: 1,
  delta: 1,
  requests: 2,
  writes: 1,
  shared: false,
  faults: { lose: 0, duplicate: 0, crash: 0 },
  horizon: 7,
};

/** Shared read leases beside the exclusive one: a client may ask for either. */
export const sharedConfig: LeaseConfig = { ...config, shared: true, drifts: 0, horizon: 6 };

/** A client may crash and recover with nothing but its counts (clocks fixed, to keep it small). */
export const crashConfig: LeaseConfig = {
  ...config,
  drifts: 0,
  faults: { lose: 0, duplicate: 0, crash: 1 },
  horizon: 6,
};

/** A message may be lost (each client asks once, to keep it small). */
export const lossConfig: LeaseConfig = {
  ...config,
  drifts: 0,
  requests: 1,
  faults: { lose: 1, duplicate: 0, crash: 0 },
  horizon: 6,
};

/** A message may be duplicated. */
export const dupConfig: LeaseConfig = {
  ...crashConfig,
  faults: { lose: 0, duplicate: 1, crash: 0 },
};

/** Careful writes: each update is a log record and then its two halves, which the home redoes from the log (clocks fixed). */
export const redoLogConfig: LeaseConfig = { ...config, update: 'redo-log', drifts: 0 };

/** The long random runs: many requests and writes, every fault without a budget, clocks drifting freely within ±b. */
export const runsConfig: LeaseConfig = {
  ...config,
  shared: true,
  drifts: Number.POSITIVE_INFINITY,
  requests: 40,
  writes: 20,
  faults: { lose: Number.POSITIVE_INFINITY, duplicate: Number.POSITIVE_INFINITY, crash: 3 },
  horizon: 120,
};

/**
 * The demo's world: two clients, a lease of 6 ticks, clocks skewed as in
 * `config` and free to drift once, a client that may crash, time to 16.
 */
export const demoConfig: LeaseConfig = {
  ...config,
  lease: 6,
  requests: 3,
  faults: { lose: 0, duplicate: 0, crash: 1 },
  horizon: 16,
};

/** The deep check's configuration (`--deep`): a longer lease, two drifts, more time. */
export const deepConfig: LeaseConfig = { ...config, lease: 4, drifts: 2, horizon: 8 };

/** The explorer's world: the demo's, with shared leases too. */
export const explorerConfig: LeaseConfig = { ...demoConfig, shared: true };
// #endregion configs
