/**
 * The stable predicates of §6.3, one `stable` step property for each
 * instance (each agent, round and value), so a failure names the instance.
 *
 * @module
 */
import type { StepProperty } from '../../index';
import { stable } from '../../index';
import { anchored, anchoredFor, dead, successful, v_n } from '../06-paxos-state/predicates';
import type { PaxosConfig, PaxosState } from '../06-paxos-state/state';
import { agentName, roundCount, roundName } from '../06-paxos-state/state';

/**
 * Every instance of the stable predicates of §6.3 for a configuration:
 * s[i][n] = no, s[i][n] = v, v_n = v, n is dead, n is successful, and
 * anchoring in the two forms that are stable: "v_n ≠ nil and n is anchored",
 * and "n is anchored for v" (every m < n is dead or has value v).
 *
 * @param c - the configuration
 * @returns the step properties, grouped by predicate in that order
 */
export function stablePredicates(c: PaxosConfig): StepProperty<PaxosState>[] {
  const R = roundCount(c);
  const rounds = Array.from({ length: R }, (_, n) => n);
  const agents = Array.from({ length: c.agents }, (_, i) => i);
  const rn = (n: number) => roundName(c, n);
  const si = (i: number, n: number) => `s[${agentName(i)}][${rn(n)}]`;
  // #region stable
  return [
    ...agents.flatMap((i) =>
      rounds.map((n) => stable(`${si(i, n)} = no`, (s: PaxosState) => s.s[i]![n] === 'no')),
    ),
    ...agents.flatMap((i) =>
      rounds.flatMap((n) =>
        c.values.map((v) => stable(`${si(i, n)} = ${v}`, (s: PaxosState) => s.s[i]![n] === v)),
      ),
    ),
    ...rounds.flatMap((n) =>
      c.values.map((v) => stable(`v_${rn(n)} = ${v}`, (s: PaxosState) => v_n(s, n) === v)),
    ),
    ...rounds.map((n) => stable(`${rn(n)} is dead`, (s: PaxosState) => dead(s, n))),
    ...rounds.map((n) => stable(`${rn(n)} is successful`, (s: PaxosState) => successful(s, n))),
    ...rounds.map((n) =>
      stable(
        `v_${rn(n)} ≠ nil and ${rn(n)} is anchored`,
        (s: PaxosState) => v_n(s, n) !== null && anchored(s, n),
      ),
    ),
    ...rounds.flatMap((n) =>
      c.values.map((v) =>
        stable(`${rn(n)} is anchored for ${v}`, (s: PaxosState) => anchoredFor(s, n, v)),
      ),
    ),
  ];
  // #endregion stable
}

/**
 * The paper's "n is anchored" read literally, v_n = nil included: not stable.
 *
 * @param c - the configuration
 * @returns one step property per round
 */
export function literalAnchored(c: PaxosConfig): StepProperty<PaxosState>[] {
  return Array.from({ length: roundCount(c) }, (_, n) =>
    stable(`${roundName(c, n)} is anchored`, (s: PaxosState) => anchored(s, n)),
  );
}
