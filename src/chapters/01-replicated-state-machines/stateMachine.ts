/**
 * A deterministic state machine (§2.1): the transition is a function from
 * (state, input) to (new state, output).
 *
 * @module
 */

// #region interface
/** A deterministic state machine: one initial state, and a transition function. */
export interface DeterministicStateMachine<State, Input, Output> {
  /** The state every replica starts in. */
  readonly initial: State;
  /** (state, input) -> (new state, output): a function, so replicas agree. */
  readonly transition: (
    state: State,
    input: Input,
  ) => { readonly state: State; readonly output: Output };
}
// #endregion interface

/**
 * Apply a sequence of inputs, in order, from the initial state.
 *
 * @param m - the state machine
 * @param inputs - the inputs, in the order to apply them
 * @returns the final state and the output of each input
 */
export function run<State, Input, Output>(
  m: DeterministicStateMachine<State, Input, Output>,
  inputs: readonly Input[],
): { readonly state: State; readonly outputs: readonly Output[] } {
  let state = m.initial;
  const outputs: Output[] = [];
  for (const i of inputs) {
    const r = m.transition(state, i);
    state = r.state;
    outputs.push(r.output);
  }
  return { state, outputs };
}
