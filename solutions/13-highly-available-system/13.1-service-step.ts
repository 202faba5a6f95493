/**
 * Exercise 13.1, a reference solution: the service keeps each client's
 * last call and reply, so a call whose number is not above the last is
 * answered from that table and not applied again (§8: the state machine
 * detects duplicates).
 */
import { storage } from '../../src/chapters/01-replicated-state-machines/storage';
import type {
  ServiceInput,
  ServiceState,
} from '../../src/chapters/13-highly-available-system/service';

export function serviceStep(s: ServiceState, i: ServiceInput) {
  if (i.k === 'lease') return { state: s, output: null };
  const seen = s.last[i.c]!;
  if (i.seq <= seen.seq) return { state: s, output: seen.reply };
  const r = storage.transition(s.store, i.input);
  const last = s.last.map((x, c) => (c === i.c ? { seq: i.seq, reply: r.output } : x));
  return { state: { store: r.state, last }, output: r.output };
}
