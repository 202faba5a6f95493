/**
 * Exercise 10.2, a solution: an agent's step on a command (§7).
 */
import type { AgentState, CommandMsg } from '../../src/chapters/10-multi-paxos/system';

export function onCommand(a: AgentState, m: CommandMsg): AgentState {
  let b = a;
  // The outcome rides on the command of the next instance: it is p - 1's.
  const q = m.p - 1;
  if (m.out !== null && q >= 0 && b.known[q] === null)
    b = { ...b, known: b.known.map((x, k) => (k === q ? m.out : x)) };
  // Accept while round n is neutral in instance p: at or above next, above last.
  const s = b.slots[m.p]!;
  if (m.n >= b.next && s.last < m.n)
    b = {
      ...b,
      next: m.n,
      slots: b.slots.map((x, k) => (k === m.p ? { v: m.v, last: m.n } : x)),
    };
  return b;
}
