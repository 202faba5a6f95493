/**
 * The sloppy election of §6.5 as pure step functions: what a potential
 * leader does when it hears another's name, and how long its timers wait.
 * Like chapter 08's processes, nothing here knows about the network, the
 * model checker or real time: a timer is a number on the process's own
 * clock, and the caller says what the clock reads.
 *
 * @module
 */
import type { Nil } from '../../index';
import type { LeaderState } from '../08-paxos-messages/processes';

// #region potential
/** follower: waits for its timer; candidate: has broadcast its name and waits a round trip; leader: runs Paxos rounds. */
export type Standing = 'follower' | 'candidate' | 'leader';

/** A potential leader: its role in the election, its one timer, and chapter 08's leader state. */
export interface PotentialLeader {
  readonly role: Standing;
  /**
   * When its next timed step is due, on its own clock: a follower then
   * broadcasts, a candidate becomes leader, a leader starts a new round.
   * nil: nothing is due (a leader whose outcome is published).
   */
  readonly timer: number | Nil;
  /** n_l, u_l, allowed_l, what it heard, and its clock j_l (chapter 08). */
  readonly paxos: LeaderState;
}
// #endregion potential

/** The message of the election: a potential leader's name, with its clock j (so that a new leader starts above it). */
export interface NameMsg {
  readonly k: 'name';
  /** The sender. */
  readonly l: number;
  /** The sender's j_l when it sent this. */
  readonly j: number;
  readonly key: string;
}

/** name(l, j). */
export const nameMsg = (l: number, j: number): NameMsg => ({ k: 'name', l, j, key: `n${l}.${j}` });

/** What a potential leader does on hearing a name: its new state, and whether it answers with its own. */
export interface Heard {
  readonly state: PotentialLeader;
  readonly answer: boolean;
}

/** The times the election needs, in ticks. */
export interface Times {
  /** δ, the maximum message delay of a timely network. */
  readonly delta: number;
  /** T, the election timeout. */
  readonly timeout: number;
}

/** The replaceable parts of the election. {@link election} is the correct one; a mutant or an exercise replaces one. */
export interface Election {
  /** The name l broadcasts. Names are compared as numbers: the bigger one wins. */
  readonly name: (l: number) => number;
  /** How long a candidate waits after its broadcast before it leads. */
  readonly wait: (t: Times) => number;
  /** How long a leader gives its round before it starts another. */
  readonly patience: (t: Times) => number;
  /** What potential leader `me` does on hearing the name of `from`, at time `clock` on its clock. */
  readonly hear: Hear;
}

/**
 * What potential leader `me`, in state p, does on hearing the name of
 * `from` at time `clock` on its clock, by the election e and the times t.
 */
export type Hear = (
  e: Election,
  t: Times,
  p: PotentialLeader,
  me: number,
  from: number,
  clock: number,
) => Heard;

// #region hear
/**
 * On hearing a name: a bigger one makes a candidate or leader step down,
 * and every potential leader that hears it stays a follower for another T;
 * a smaller one is answered with the hearer's own name, so that its sender
 * hears a bigger name within one round trip of its broadcast.
 */
export const hearName: Hear = (e, t, p, me, from, clock) => {
  if (e.name(from) > e.name(me))
    return { state: { ...p, role: 'follower', timer: clock + t.timeout }, answer: false };
  return { state: p, answer: e.name(from) < e.name(me) };
};
// #endregion hear

// #region timing
/** A candidate leads one round-trip time after its broadcast: 2δ. */
export const roundTrip = (t: Times): number => 2 * t.delta;

/** A round publishes within two round trips of its start (query, report, command, report): 4δ. */
export const twoRoundTrips = (t: Times): number => 4 * t.delta;
// #endregion timing

/** The correct election: names l1 < l2 < ..., a round trip's wait, two round trips' patience. */
export const election: Election = {
  name: (l) => l + 1,
  wait: roundTrip,
  patience: twoRoundTrips,
  hear: hearName,
};

/** A follower whose timer runs out at `timer` on its clock. */
export const follower = (timer: number, paxos: LeaderState): PotentialLeader => ({
  role: 'follower',
  timer,
  paxos,
});

/** The leader's Paxos clock catches up with a j it heard, so that its next round is bigger. */
export const catchUp = (ls: LeaderState, j: number): LeaderState => (j > ls.j ? { ...ls, j } : ls);
