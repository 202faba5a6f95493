/**
 * Exercise 9.1, a reference solution: wait a round trip; step down for a
 * bigger name and stay a follower for another T; answer a smaller one.
 */
import type {
  Election,
  Heard,
  PotentialLeader,
  Times,
} from '../../src/chapters/09-leader-election/election';

export function wait(t: Times): number {
  return 2 * t.delta;
}

export function hear(
  e: Election,
  t: Times,
  p: PotentialLeader,
  me: number,
  from: number,
  clock: number,
): Heard {
  if (e.name(from) > e.name(me))
    return { state: { ...p, role: 'follower', timer: clock + t.timeout }, answer: false };
  return { state: p, answer: e.name(from) < e.name(me) };
}
