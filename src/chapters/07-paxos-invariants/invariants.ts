/**
 * Invariants 3 and 4 of §6.3, the rearranged form "every round with a value
 * is anchored", and the conjuncts about commands and leaders that make
 * Invariant 2 inductive.
 *
 * @module
 */
import type { Invariant } from '../../index';
import { invariant } from '../../index';
import { invariantsOf } from '../06-paxos-state/invariants';
import { startedWith } from '../06-paxos-state/paxos';
import { anchored, anchoredFor, dead, successful, v_n } from '../06-paxos-state/predicates';
import type { PaxosConfig, PaxosState, Round } from '../06-paxos-state/state';
import { leaderName, roundName, roundOf } from '../06-paxos-state/state';

/** The first pair (m, n) with m ≤ n for which `bad` holds, if any. */
function firstPair(
  s: PaxosState,
  bad: (m: Round, n: Round) => boolean,
): [Round, Round] | undefined {
  const R = s.command.length;
  for (let n = 0; n < R; n++) for (let m = 0; m <= n; m++) if (bad(m, n)) return [m, n];
  return undefined;
}

/** The first round for which `bad` holds, if any. */
function firstRound(s: PaxosState, bad: (n: Round) => boolean): Round | undefined {
  for (let n = 0; n < s.command.length; n++) if (bad(n)) return n;
  return undefined;
}

/**
 * The invariants of §6.3 for a configuration.
 *
 * @param c - the configuration (it names rounds in explanations)
 * @returns Invariants 3 and 4 and the anchored form
 */
export function invariants34(c: PaxosConfig) {
  const rn = (n: Round) => roundName(c, n);
  // #region invariants-3-4
  /** v_n is nil or equals v_m: round n does not contradict round m. */
  const agrees = (s: PaxosState, m: Round, n: Round) => {
    const v = v_n(s, n);
    return v === null || v === v_n(s, m);
  };

  /** Invariant 3: for all n and m ≤ n, if m is successful then v_n = nil or v_n = v_m. */
  const invariant3 = invariant<PaxosState>(
    'Invariant 3: a successful round m binds every later round n',
    (s) => !firstPair(s, (m, n) => successful(s, m) && !agrees(s, m, n)),
    (s) => {
      const [m, n] = firstPair(s, (m, n) => successful(s, m) && !agrees(s, m, n))!;
      return `${rn(m)} is successful with ${v_n(s, m)} but v_${rn(n)} = ${v_n(s, n)}`;
    },
  );

  /** Invariant 4: for all n and m ≤ n, if m is not dead then v_n = nil or v_n = v_m. */
  const invariant4 = invariant<PaxosState>(
    'Invariant 4: a round m that is not dead binds every later round n',
    (s) => !firstPair(s, (m, n) => !dead(s, m) && !agrees(s, m, n)),
    (s) => {
      const [m, n] = firstPair(s, (m, n) => !dead(s, m) && !agrees(s, m, n))!;
      return `${rn(m)} is not dead and has v = ${v_n(s, m) ?? 'nil'}, but v_${rn(n)} = ${v_n(s, n)}`;
    },
  );

  /** Invariant 4 rearranged: for all n, v_n = nil or n is anchored. */
  const anchoredForm = invariant<PaxosState>(
    'Invariant 4 (rearranged): every round with a value is anchored',
    (s) => firstRound(s, (n) => v_n(s, n) !== null && !anchored(s, n)) === undefined,
    (s) => {
      const n = firstRound(s, (k) => v_n(s, k) !== null && !anchored(s, k))!;
      return `v_${rn(n)} = ${v_n(s, n)} but ${rn(n)} is not anchored`;
    },
  );
  // #endregion invariants-3-4
  return { invariant3, invariant4, anchoredForm };
}

/**
 * The conjuncts about commands and leaders that, with Invariant 1 and the
 * anchored form of Invariant 4, make Invariant 2 inductive.
 *
 * @param c - the configuration
 * @returns the four conjuncts
 */
export function strengthening(c: PaxosConfig) {
  const rn = (n: Round) => roundName(c, n);
  // #region strengthening
  /** Every v_n is the value its leader commanded: v_n = nil or v_n = command[n]. */
  const valuesCommanded = invariant<PaxosState>(
    'every v_n is its round’s command',
    (s) => firstRound(s, (n) => v_n(s, n) !== null && v_n(s, n) !== s.command[n]) === undefined,
    (s) => {
      const n = firstRound(s, (k) => v_n(s, k) !== null && v_n(s, k) !== s.command[k])!;
      return `v_${rn(n)} = ${v_n(s, n)} but command[${rn(n)}] = ${s.command[n] ?? 'nil'}`;
    },
  );

  /** A command keeps its round anchored: for all m < n, m is dead or v_m = command[n]. */
  const commandsAnchored = invariant<PaxosState>(
    'every command keeps its round anchored',
    (s) =>
      firstRound(s, (n) => s.command[n] != null && !anchoredFor(s, n, s.command[n]!)) === undefined,
    (s) => {
      const n = firstRound(s, (k) => s.command[k] != null && !anchoredFor(s, k, s.command[k]!))!;
      return `command[${rn(n)}] = ${s.command[n]}, but an earlier round is neither dead nor has that value`;
    },
  );

  /** A leader that has not chosen u_l yet has sent no command in its round n_l. */
  const noCommandBeforeChoice = invariant<PaxosState>(
    'a leader that has not chosen has sent no command in n_l',
    (s) => s.leaders.every((l) => l.n === null || l.u !== null || s.command[l.n] === null),
    (s) => {
      const l = s.leaders.findIndex((x) => x.n !== null && x.u === null && s.command[x.n] !== null);
      const n = s.leaders[l]!.n!;
      return `u_${leaderName(l)} = nil but command[${rn(n)}] = ${s.command[n]}`;
    },
  );

  /** Only a round that its leader has started has a command (its clock j_l is past it). */
  const noCommandAhead = invariant<PaxosState>(
    'no command in a round its leader has not started',
    (s) =>
      firstRound(s, (n) => s.command[n] !== null && !startedWith(c, { roundOf }, s, n)) ===
      undefined,
    (s) => {
      const n = firstRound(s, (k) => s.command[k] !== null && !startedWith(c, { roundOf }, s, k))!;
      return `command[${rn(n)}] = ${s.command[n]} but its leader's clock has not reached it`;
    },
  );
  // #endregion strengthening
  return { valuesCommanded, commandsAnchored, noCommandBeforeChoice, noCommandAhead };
}

/** One step of strengthening: a name, the conjuncts, and what was added and why. */
export interface Stage {
  readonly name: string;
  readonly conjuncts: readonly Invariant<PaxosState>[];
  readonly added: string;
}

/**
 * The strengthening of Invariant 2, step by step, until it is inductive.
 *
 * @param c - the configuration
 * @returns the stages, weakest first; the last is inductive
 */
export function stages(c: PaxosConfig): Stage[] {
  const { invariant1, invariant2 } = invariantsOf(c);
  const { anchoredForm } = invariants34(c);
  const { valuesCommanded, commandsAnchored, noCommandBeforeChoice, noCommandAhead } =
    strengthening(c);
  const s1 = [invariant1, invariant2, anchoredForm];
  const s2 = [...s1, valuesCommanded, commandsAnchored];
  const s3 = [...s2, noCommandBeforeChoice];
  return [
    { name: 'Invariant 2 alone', conjuncts: [invariant2], added: 'Invariant 2' },
    {
      name: 'the paper’s strengthening',
      conjuncts: s1,
      added: 'Invariant 1 and Invariant 4 in its anchored form (§6.3)',
    },
    {
      name: 'with the commands',
      conjuncts: s2,
      added: 'every v_n is its round’s command; every command keeps its round anchored',
    },
    {
      name: 'with the leaders',
      conjuncts: s3,
      added: 'a leader that has not chosen has sent no command in n_l',
    },
    {
      name: 'the inductive invariant',
      conjuncts: [...s3, noCommandAhead],
      added: 'no command in a round its leader has not started',
    },
  ];
}
