/**
 * Reference solution to exercise 2.1 (an abstraction function for a write buffer).
 */
import type { StorageState } from '../../src/chapters/01-replicated-state-machines/storage';
import type { BufferState } from '../../src/chapters/02-specifications/writeBuffer';

export function abstraction(y: BufferState): StorageState {
  // Drain everything now, oldest first: the newest write to an address wins.
  const m: Record<string, number> = { ...y.mem };
  for (const [a, d] of y.buf) m[a] = d;
  return m;
}
