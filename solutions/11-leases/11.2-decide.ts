/**
 * Exercise 11.2, a reference solution: shared leases sit beside each other,
 * the exclusive one beside nobody else's; whoever is in the way is asked to
 * release; and a client whose exclusive lease is live gets no shared one,
 * for a write of its own may still land.
 */
import type { Decision, Mode } from '../../src/chapters/11-leases/system';

export function decide(i: number, mode: Mode, live: readonly (Mode | null)[]): Decision {
  if (live[i] === 'w' && mode === 'r') return { grant: false, revoke: [] };
  const inTheWay = live.flatMap((l, q) =>
    q !== i && l !== null && (l === 'w' || mode === 'w') ? [q] : [],
  );
  return { grant: inTheWay.length === 0, revoke: inTheWay };
}
