/**
 * Exercise 9.2, a reference solution: the biggest name broadcasts by T and
 * leads a round trip later; its round takes five message delays more.
 */
import type { Times } from '../../src/chapters/09-leader-election/election';

export function leaderBound(t: Times): number {
  return t.timeout + 2 * t.delta;
}

export function decisionBound(t: Times): number {
  return t.timeout + 7 * t.delta;
}
