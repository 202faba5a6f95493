/**
 * Exercise 13.1: exactly once. Check with
 * `npm run workbook -- exercise 13.1`.
 *
 * The service applies the log's entries one by one. An entry is a lease
 * ({ k: 'lease' }: it changes nothing, output null) or client c's call
 * number seq ({ k: 'call', c, seq, input }). A client numbers its calls
 * 1, 2, ... and makes one at a time, but a call can reach the log more
 * than once (the client sent it again, and a primary commanded it again).
 * s.store is the storage (chapter 01's); s.last[c] is { seq, reply }, the
 * last call of client c the service applied and the reply it got.
 *
 * Return { state, output } for entry i: apply a call the service has not
 * applied yet, and answer one it has with the reply it got then.
 */
import { storage } from '../../src/chapters/01-replicated-state-machines/storage';
import type {
  ServiceInput,
  ServiceState,
} from '../../src/chapters/13-highly-available-system/service';

export function serviceStep(s: ServiceState, i: ServiceInput) {
  // TODO: this service applies every call, however often it reaches the log.
  if (i.k === 'lease') return { state: s, output: null };
  const r = storage.transition(s.store, i.input);
  return { state: { ...s, store: r.state }, output: r.output };
}
