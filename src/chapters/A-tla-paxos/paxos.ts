/**
 * Lamport's module Paxos: leaders (one per ballot) and acceptors that
 * communicate through a set msgs of messages, which only grows. Action,
 * variable and operator names are the module's.
 *
 * @module
 */
import type { Action, Machine, ValueSet } from '../../index';
import { action, machine, set, to } from '../../index';
import type { Acceptor, Ballot, Constants, Value } from './config';
import { ballotsOf, quorumsOf, validConstants } from './config';
import type { Vote, VotingState } from './voting';

// #region paxos-state
/** None: a value that is not a Value; we use `null`. */
export type None = null;

/** A phase 1a message: the leader of ballot bal begins it. */
export interface Msg1a {
  readonly type: '1a';
  readonly bal: Ballot;
}

/** A phase 1b message: acc joins ballot bal and reports its latest vote ⟨mbal, mval⟩. */
export interface Msg1b {
  readonly type: '1b';
  readonly acc: Acceptor;
  readonly bal: Ballot;
  readonly mbal: Ballot;
  readonly mval: Value | None;
}

/** A phase 2a message: the leader of ballot bal asks the acceptors to vote for val. */
export interface Msg2a {
  readonly type: '2a';
  readonly bal: Ballot;
  readonly val: Value;
}

/** A phase 2b message: acc voted for val in ballot bal. */
export interface Msg2b {
  readonly type: '2b';
  readonly acc: Acceptor;
  readonly bal: Ballot;
  readonly val: Value;
}

/** Message: every message the algorithm can send. */
export type Message = Msg1a | Msg1b | Msg2a | Msg2b;

/** The state of Paxos: VARIABLES maxBal, maxVBal, maxVal, msgs. */
export interface PaxosState {
  /** maxBal[a]: as in Voting, the highest ballot a has joined; -1 at first. */
  readonly maxBal: Readonly<Record<Acceptor, Ballot>>;
  /** maxVBal[a]: the ballot of a's latest vote, or -1. */
  readonly maxVBal: Readonly<Record<Acceptor, Ballot>>;
  /** maxVal[a]: the value of a's latest vote, or None. */
  readonly maxVal: Readonly<Record<Acceptor, Value | None>>;
  /** msgs: every message ever sent. */
  readonly msgs: ValueSet<Message>;
}
// #endregion paxos-state

/**
 * Paxos's initial state: maxBal and maxVBal are -1, maxVal is None, msgs is empty.
 *
 * @param k - the constants
 * @returns Init
 */
export function paxosInit(k: Constants): PaxosState {
  const each = <T>(x: T) => Object.fromEntries(k.acceptors.map((a) => [a, x]));
  return { maxBal: each(-1), maxVBal: each(-1), maxVal: each(null), msgs: set() };
}

/** A message as the report prints it: `1b(a1, 1, 0, v1)`. */
export function showMessage(m: Message): string {
  switch (m.type) {
    case '1a':
      return `1a(${m.bal})`;
    case '1b':
      return `1b(${m.acc}, ${m.bal}, ${m.mbal}, ${m.mval ?? 'None'})`;
    case '2a':
      return `2a(${m.bal}, ${m.val})`;
    case '2b':
      return `2b(${m.acc}, ${m.bal}, ${m.val})`;
  }
}

// #region send
/** Send(m): msgs' = msgs ∪ {m}. Sending a message already sent is a stuttering step. */
const send = (s: PaxosState, m: Message): ValueSet<Message> => s.msgs.with(m);
// #endregion send

/** The parameter of Phase1b(a) and Phase2b(a): the acceptor and the witness m ∈ msgs. */
export interface ReceiveParam {
  readonly a: Acceptor;
  readonly m: Message;
}

/**
 * The parameter of Phase2a(b, v), with the witnesses TLC enumerates: the
 * quorum Q of `∃ Q ∈ Quorum`, and the message m of `∃ m ∈ Q1bv`, or null
 * for the other disjunct, Q1bv = {}.
 */
export interface Phase2aParam {
  readonly b: Ballot;
  readonly v: Value;
  readonly Q: readonly Acceptor[];
  readonly m: Msg1b | null;
}

/**
 * The messages of a state sorted by type, and the 1b messages by ballot,
 * computed once per state: an action's parameters and guard read them
 * many times.
 */
interface MsgIndex {
  readonly s: PaxosState;
  readonly of1a: readonly Msg1a[];
  readonly of2a: readonly Msg2a[];
  /** oneB[b]: the 1b messages of ballot b. */
  readonly oneB: readonly (readonly Msg1b[])[];
}

let lastIndex: MsgIndex | undefined;

/** The index of the messages of s (the last one is kept). */
function indexOf(s: PaxosState): MsgIndex {
  if (lastIndex?.s === s) return lastIndex;
  const of1a: Msg1a[] = [];
  const of2a: Msg2a[] = [];
  const oneB: Msg1b[][] = [];
  for (const m of s.msgs) {
    if (m.type === '1a') of1a.push(m);
    else if (m.type === '2a') of2a.push(m);
    else if (m.type === '1b') {
      if (!oneB[m.bal]) oneB[m.bal] = [];
      oneB[m.bal]!.push(m);
    }
  }
  lastIndex = { s, of1a, of2a, oneB };
  return lastIndex;
}

// #region q1b
/** Q1b: the phase 1b messages of ballot b from acceptors in Q. */
export const Q1b = (s: PaxosState, Q: readonly Acceptor[], b: Ballot): Msg1b[] =>
  (indexOf(s).oneB[b] ?? []).filter((m) => Q.includes(m.acc));

/** Q1bv: those of them whose sender had voted (mbal ≥ 0). */
export const Q1bv = (q1b: readonly Msg1b[]): Msg1b[] => q1b.filter((m) => m.mbal >= 0);

/** The heart of Paxos: m reports the vote with the highest ballot in Q1bv. */
export const highestVote = (m: Msg1b, q1bv: readonly Msg1b[]): boolean =>
  q1bv.every((mm) => m.mbal >= mm.mbal);
// #endregion q1b

// #region phase2a-enabled
/**
 * Phase2a(b, v)'s enabling condition, for the witnesses Q and m: no 2a
 * message of ballot b was sent, every acceptor of Q sent a 1b message for
 * b, and either none of them had voted (m is null) or m is a report of the
 * vote with the highest ballot among theirs, and that vote was for v.
 *
 * @param s - the state
 * @param p - b, v and the witnesses Q and m
 * @param isHighest - which reported vote fixes the value (a mutant replaces it)
 * @returns true if the step may happen with these witnesses
 */
export function phase2aEnabled(
  s: PaxosState,
  { b, v, Q, m }: Phase2aParam,
  isHighest: (m: Msg1b, q1bv: readonly Msg1b[]) => boolean = highestVote,
): boolean {
  if (indexOf(s).of2a.some((mm) => mm.bal === b)) return false;
  const q1b = Q1b(s, Q, b);
  if (!Q.every((a) => q1b.some((mm) => mm.acc === a))) return false;
  const q1bv = Q1bv(q1b);
  return m === null ? q1bv.length === 0 : m.mval === v && isHighest(m, q1bv);
}
// #endregion phase2a-enabled

/** Each acceptor with each of these messages, acceptor by acceptor. */
function received(k: Constants, ms: readonly Message[]): ReceiveParam[] {
  const out: ReceiveParam[] = [];
  for (const a of k.acceptors) for (const m of ms) out.push({ a, m });
  return out;
}

/** The Paxos machine, with its four actions by name. */
export interface PaxosMachine extends Machine<PaxosState> {
  readonly Phase1a: Action<PaxosState, Ballot>;
  readonly Phase1b: Action<PaxosState, ReceiveParam>;
  readonly Phase2a: Action<PaxosState, Phase2aParam>;
  readonly Phase2b: Action<PaxosState, ReceiveParam>;
}

/**
 * Paxos.tla's Spec: Init, and Next = ∃ b ∈ Ballot : Phase1a(b) ∨ ∃ v ∈
 * Value : Phase2a(b, v), or ∃ a ∈ Acceptor : Phase1b(a) ∨ Phase2b(a).
 *
 * Each action's parameter is one witness of its existentials, in the
 * order TLC enumerates them, so that our steps are TLC's generated states:
 * Phase1a(b) for each b, Phase1b(a) for each m ∈ msgs it may answer,
 * Phase2a(b, v) for each quorum Q and each report m that fixes v (or none),
 * Phase2b(a) for each m ∈ msgs it may vote for. Every action is internal.
 *
 * @param k - the constants
 * @returns the machine
 * @example
 * ```ts
 * explore(paxos(config), { invariants: paxosInv(config) }).stats.states; // 185369
 * ```
 */
export function paxos(k: Constants): PaxosMachine {
  validConstants(k);
  const ballots = ballotsOf(k);
  const quorums = quorumsOf(k);
  // #region phase1a
  const Phase1a = action({
    name: 'Phase1a',
    external: false,
    params: () => ballots,
    effect: (s: PaxosState, b: Ballot) => {
      const msgs = send(s, { type: '1a', bal: b });
      return to(msgs === s.msgs ? s : { ...s, msgs });
    },
  });
  // #endregion phase1a
  // #region phase1b
  const Phase1b = action({
    name: 'Phase1b',
    external: false,
    // ∃ m ∈ msgs, the messages of another type left out at once.
    params: (s: PaxosState) => received(k, indexOf(s).of1a),
    guard: (s, { a, m }: ReceiveParam) => m.type === '1a' && m.bal > s.maxBal[a]!,
    effect: (s, { a, m }) =>
      to({
        ...s,
        maxBal: { ...s.maxBal, [a]: m.bal },
        msgs: send(s, {
          type: '1b',
          acc: a,
          bal: m.bal,
          mbal: s.maxVBal[a]!,
          mval: s.maxVal[a]!,
        }),
      }),
    showParam: ({ a, m }) => `${a}; m = ${showMessage(m)}`,
  });
  // #endregion phase1b
  // #region phase2a
  const Phase2a = action({
    name: 'Phase2a',
    external: false,
    // The witnesses of ∃ Q ∈ Quorum and ∃ m ∈ Q1bv (null: the disjunct
    // Q1bv = {}). Like TLC, which evaluates the conjuncts in order, we look
    // for them only in a ballot without a 2a message, and only for a quorum
    // that has all sent 1b messages.
    params: (s: PaxosState) => {
      const out: Phase2aParam[] = [];
      const { of2a, oneB } = indexOf(s);
      for (const b of ballots) {
        if (of2a.some((m) => m.bal === b) || oneB[b] === undefined) continue;
        const reports: [readonly Acceptor[], Msg1b[]][] = [];
        for (const Q of quorums) {
          const q1b = Q1b(s, Q, b);
          if (q1b.length >= Q.length) reports.push([Q, Q1bv(q1b)]);
        }
        for (const v of k.values)
          for (const [Q, q1bv] of reports) {
            out.push({ b, v, Q, m: null });
            for (const m of q1bv) out.push({ b, v, Q, m });
          }
      }
      return out;
    },
    guard: (s, p: Phase2aParam) => phase2aEnabled(s, p),
    effect: (s, { b, v }) => to({ ...s, msgs: send(s, { type: '2a', bal: b, val: v }) }),
    showParam: ({ b, v, Q, m }) =>
      `${b}, ${v}; Q = {${Q.join(', ')}}${m === null ? '' : `, m = ${showMessage(m)}`}`,
  });
  // #endregion phase2a
  // #region phase2b
  const Phase2b = action({
    name: 'Phase2b',
    external: false,
    params: (s: PaxosState) => received(k, indexOf(s).of2a),
    guard: (s, { a, m }: ReceiveParam) => m.type === '2a' && m.bal >= s.maxBal[a]!,
    effect: (s, { a, m }) => {
      if (m.type !== '2a') return to(s); // not enabled: the guard asks for a 2a message
      const { bal, val } = m;
      return to({
        maxBal: { ...s.maxBal, [a]: bal },
        maxVBal: { ...s.maxVBal, [a]: bal },
        maxVal: { ...s.maxVal, [a]: val },
        msgs: send(s, { type: '2b', acc: a, bal, val }),
      });
    },
    showParam: ({ a, m }) => `${a}; m = ${showMessage(m)}`,
  });
  // #endregion phase2b
  return Object.assign(
    machine<PaxosState>({
      name: 'Paxos',
      init: [paxosInit(k)],
      actions: [Phase1a, Phase1b, Phase2a, Phase2b],
    }),
    { Phase1a, Phase1b, Phase2a, Phase2b },
  );
}

// #region votes
/**
 * votes, the refinement mapping's image of Voting's variable: votes[a] =
 * {⟨m.bal, m.val⟩ : m ∈ msgs a 2b message from a}.
 *
 * @param s - a Paxos state
 * @param acceptors - Acceptor
 * @returns votes
 */
export function votesOf(
  s: PaxosState,
  acceptors: readonly Acceptor[],
): Record<Acceptor, ValueSet<Vote>> {
  const votes: Record<Acceptor, ValueSet<Vote>> = {};
  for (const a of acceptors) votes[a] = set<Vote>();
  for (const m of s.msgs) if (m.type === '2b') votes[m.acc] = votes[m.acc]!.with([m.bal, m.val]);
  return votes;
}

/**
 * The refinement mapping of `V == INSTANCE Voting`: votes as above, and
 * Voting's maxBal is Paxos's maxBal.
 *
 * @param k - the constants
 * @returns the abstraction function
 */
export const paxosToVoting =
  (k: Constants) =>
  (s: PaxosState): VotingState => ({ votes: votesOf(s, k.acceptors), maxBal: s.maxBal });
// #endregion votes
