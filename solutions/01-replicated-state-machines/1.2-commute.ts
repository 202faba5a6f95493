/**
 * Reference solution to exercise 1.2 (which inputs commute).
 */
import type { StorageInput } from '../../src/chapters/01-replicated-state-machines/storage';

export function commute(a: StorageInput, b: StorageInput): boolean {
  if (a.a !== b.a) return true; // different addresses never interfere
  if (a.op === 'Read' && b.op === 'Read') return true;
  if (a.op === 'Write' && b.op === 'Write') return a.d === b.d;
  return false; // a Read and a Write of the same address: the Read sees the order
}
