/**
 * The abstraction function from the token ring to Mutex, and why it is
 * partial.
 *
 * @module
 */
import { nil } from '../../index';
import type { MutexState, Proc } from './mutex';
import { procNames } from './mutex';
import type { RingState } from './ring';

/**
 * What f returns where it is not defined: a holder no Mutex state has, so
 * the checker reports the step at which f stops making sense.
 *
 * @param why - which processes are in their critical sections
 * @returns the marker
 */
export const undefinedHolder = (why: string): Proc => `undefined (${why})`;

// #region abstraction
/**
 * f: the lock's holder is the process in its critical section, or nil if
 * none is. The token is not the lock: a process that holds the token
 * outside its critical section does not hold the lock.
 *
 * f is defined only where at most one process is in its critical section;
 * the invariants must show that every reachable state is such a state.
 */
export function ringToMutex(y: RingState): MutexState {
  const names = procNames(y.p.length);
  const inCs = names.filter((_, i) => y.p[i] === 'cs');
  if (inCs.length > 1) return { holder: undefinedHolder(`${inCs.join(' and ')} in cs`) };
  return { holder: inCs[0] ?? nil };
}
// #endregion abstraction
