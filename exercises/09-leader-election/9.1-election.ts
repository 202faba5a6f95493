/**
 * Exercise 9.1: the sloppy election's decision rule. Check with
 * `npm run workbook -- exercise 9.1`.
 *
 * A follower whose timer runs out broadcasts its name and becomes a
 * candidate; when its timer runs out again it leads. Write the two parts
 * of §6.5's rule that decide whether it should:
 *
 * - wait(t): how long a candidate waits after its broadcast, in ticks
 *   (t.delta is δ, t.timeout is T).
 * - hear(e, t, p, me, from, clock): what potential leader `me`, in state
 *   p, does when the name of `from` arrives at time `clock` on its clock.
 *   Names are compared with e.name(l). Return its new state and whether it
 *   answers with its own name (the caller sends the answer).
 *
 * The check runs the chapter's exhaustive timely check with your rule, then
 * 200 seeded runs of a bigger system, and prints the first run that goes
 * wrong.
 */
import type {
  Election,
  Heard,
  PotentialLeader,
  Times,
} from '../../src/chapters/09-leader-election/election';

export function wait(t: Times): number {
  // TODO: long enough for an answer to come back.
  void t;
  return 0;
}

export function hear(
  e: Election,
  t: Times,
  p: PotentialLeader,
  me: number,
  from: number,
  clock: number,
): Heard {
  // TODO: a bigger name, and a smaller one.
  void [e, t, me, from, clock];
  return { state: p, answer: false };
}
