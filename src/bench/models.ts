/**
 * Scalable toy models for the explorer benchmark: k counters, each from 0 to
 * m, with an action Inc(i) for each counter; (m+1)^k states, each with up to
 * k successors. The same model twice: with states as arrays and string keys
 * (how chapter models are written), and packed into one integer (how a
 * model written for speed can be).
 *
 * @module
 */
import type { Machine } from '../index';
import { action, machine, to } from '../index';

/**
 * The grid with array states and string keys.
 *
 * @param k - number of counters
 * @param m - each counter's maximum
 * @returns the machine
 */
export function gridObjects(k: number, m: number): Machine<readonly number[]> {
  const counters = Array.from({ length: k }, (_, i) => i);
  return machine<readonly number[]>({
    name: `grid-objects-${k}x${m}`,
    init: [counters.map(() => 0)],
    actions: [
      action({
        name: 'Inc',
        external: false,
        params: () => counters,
        guard: (s: readonly number[], i: number) => s[i]! < m,
        effect: (s, i) => {
          const n = s.slice();
          n[i]!++;
          return to(n);
        },
      }),
    ],
    key: (s) => s.join(','),
  });
}

/**
 * The grid with each state packed into an integer (counter i is digit i in base m+1).
 *
 * @param k - number of counters
 * @param m - each counter's maximum
 * @returns the machine
 */
export function gridPacked(k: number, m: number): Machine<number> {
  const base = m + 1;
  const weight = Array.from({ length: k }, (_, i) => base ** i);
  const counters = Array.from({ length: k }, (_, i) => i);
  return machine<number>({
    name: `grid-packed-${k}x${m}`,
    init: [0],
    actions: [
      action({
        name: 'Inc',
        external: false,
        params: () => counters,
        guard: (s: number, i: number) => Math.floor(s / weight[i]!) % base < m,
        effect: (s, i) => to(s + weight[i]!),
      }),
    ],
    key: (s) => s,
  });
}
