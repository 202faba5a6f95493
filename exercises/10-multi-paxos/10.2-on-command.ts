/**
 * Exercise 10.2: an agent's step on a command. Check with
 * `npm run workbook -- exercise 10.2`.
 *
 * The agent a has one next for every instance, slots[p] = (v, last) for
 * each instance p, and known[p], the outcome of p it has been told (null if
 * none). The command m is command(n, p, v, out): round m.n proposes m.v in
 * instance m.p, and m.out is the outcome of instance m.p - 1 (null if none).
 * Return the agent's state after the command (§7). The agent then reports
 * that it accepted if its slots[m.p].last is m.n.
 */
import type { AgentState, CommandMsg } from '../../src/chapters/10-multi-paxos/system';

export function onCommand(a: AgentState, m: CommandMsg): AgentState {
  // TODO: this agent accepts every command and ignores the outcome it carries.
  return {
    ...a,
    slots: a.slots.map((s, p) => (p === m.p ? { v: m.v, last: m.n } : s)),
  };
}
