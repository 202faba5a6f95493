/**
 * Reference solution to exercise 1.1 (apply by number).
 */
import type { Entry, Replica } from '../../src/chapters/01-replicated-state-machines/replica';
import type { DeterministicStateMachine } from '../../src/chapters/01-replicated-state-machines/stateMachine';

export function receive<State, Input, Output>(
  m: DeterministicStateMachine<State, Input, Output>,
  r: Replica<State, Input, Output>,
  e: Entry<Input>,
): Replica<State, Input, Output> {
  if (e.n < r.next || r.waiting.some((w) => w.n === e.n)) return r;
  const waiting = [...r.waiting, e].sort((a, b) => a.n - b.n);
  let { next, state } = r;
  const outputs = [...r.outputs];
  while (waiting[0]?.n === next) {
    const out = m.transition(state, waiting.shift()!.input);
    state = out.state;
    outputs.push(out.output);
    next++;
  }
  return { next, state, outputs, waiting };
}
