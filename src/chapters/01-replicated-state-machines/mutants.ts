/**
 * Chapter 01's seeded bugs, each a minimal change to the correct code.
 *
 * @module
 */
import type { Entry, Primary, Replica } from './replica';
import type { DeterministicStateMachine } from './stateMachine';
import type { StorageInput, StorageOutput, StorageState } from './storage';
import { storage } from './storage';

// #region arrival-order
/** Mutant: a replica applies each entry the moment it arrives, ignoring its number. */
export function receiveOnArrival<State, Input, Output>(
  m: DeterministicStateMachine<State, Input, Output>,
  r: Replica<State, Input, Output>,
  e: Entry<Input>,
): Replica<State, Input, Output> {
  const result = m.transition(r.state, e.input);
  return {
    next: r.next + 1,
    state: result.state,
    outputs: [...r.outputs, result.output],
    waiting: [],
  };
}
// #endregion arrival-order

/** Mutant: the primary numbers requests 1, 1, 2, ... (an off-by-one reuses the first number). */
export function submitReusingNumber<Input>(
  p: Primary<Input>,
  input: Input,
): { primary: Primary<Input>; entry: Entry<Input> } {
  const entry = { n: Math.max(1, p.log.length), input };
  return { primary: { log: [...p.log, entry] }, entry };
}

/**
 * Mutant: a service that is not deterministic: Write stamps the data with
 * the replica's local clock, so the same input gives different states.
 *
 * @param clock - the replica's clock reading
 * @returns the service as that replica runs it
 */
export function clockedStorage(
  clock: number,
): DeterministicStateMachine<StorageState, StorageInput, StorageOutput> {
  return {
    initial: storage.initial,
    transition: (s, input) =>
      input.op === 'Read'
        ? storage.transition(s, input)
        : { state: { ...s, [input.a]: input.d * 100 + clock }, output: 'ok' },
  };
}
