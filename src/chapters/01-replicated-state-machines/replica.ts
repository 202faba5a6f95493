/**
 * Replicas that apply a numbered log, and a primary that numbers requests
 * 1, 2, 3, ... (§2.1, "primary copy").
 *
 * @module
 */
import type { DeterministicStateMachine } from './stateMachine';

/** An input with its number in the agreed order. */
export interface Entry<Input> {
  /** Its place in the order: 1, 2, 3, ... */
  readonly n: number;
  /** The input. */
  readonly input: Input;
}

/** A replica: the state machine's state, what it has output, and entries waiting for their turn. */
export interface Replica<State, Input, Output> {
  /** The number of the next entry to apply (1 at first). */
  readonly next: number;
  /** The state after applying entries 1 .. next-1. */
  readonly state: State;
  /** The outputs of entries 1 .. next-1. */
  readonly outputs: readonly Output[];
  /** Entries received before their turn, by number. */
  readonly waiting: readonly Entry<Input>[];
}

/**
 * A new replica in the machine's initial state.
 *
 * @param m - the state machine
 * @returns a replica that has applied nothing
 */
export function newReplica<State, Input, Output>(
  m: DeterministicStateMachine<State, Input, Output>,
): Replica<State, Input, Output> {
  return { next: 1, state: m.initial, outputs: [], waiting: [] };
}

/**
 * A replica receives a numbered entry, in whatever order the network
 * delivers it. It applies entries strictly by number: entry n only after
 * entries 1 .. n-1. An entry received early waits; one received twice is
 * ignored.
 */
export function receive<State, Input, Output>(
  m: DeterministicStateMachine<State, Input, Output>,
  r: Replica<State, Input, Output>,
  e: Entry<Input>,
): Replica<State, Input, Output> {
  if (e.n < r.next || r.waiting.some((w) => w.n === e.n)) return r; // a duplicate
  let { next, state } = r;
  const outputs = [...r.outputs];
  const waiting = [...r.waiting, e].sort((a, b) => a.n - b.n);
  while (waiting.length > 0 && waiting[0]!.n === next) {
    const result = m.transition(state, waiting.shift()!.input);
    state = result.state;
    outputs.push(result.output);
    next++;
  }
  return { next, state, outputs, waiting };
}

/** The primary: the log of numbered entries it has sent. */
export interface Primary<Input> {
  /** Entries 1 .. log.length, in order. */
  readonly log: readonly Entry<Input>[];
}

// #region submit
/** The primary gives each request the next number: 1, 2, 3, ... */
export function submit<Input>(
  p: Primary<Input>,
  input: Input,
): { primary: Primary<Input>; entry: Entry<Input> } {
  const entry = { n: p.log.length + 1, input };
  return { primary: { log: [...p.log, entry] }, entry };
}
// #endregion submit
