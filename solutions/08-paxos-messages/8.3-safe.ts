/**
 * Exercise 8.3, a solution: the safe values for round n given what the
 * leader heard, by enumerating what it did not hear.
 */
import { anchored, anchoredFor, v_n } from '../../src/chapters/06-paxos-state/predicates';
import type { PaxosState, Status, Value } from '../../src/chapters/06-paxos-state/state';

export function safeValues(
  s: PaxosState,
  q: readonly number[],
  n: number,
  allowed: readonly Value[],
): Value[] {
  const statuses: Status[] = ['no', 'neutral', ...allowed];
  const silent = s.s.map((_, i) => i).filter((i) => !q.includes(i));
  const cells = silent.flatMap((i) => Array.from({ length: n }, (_, m) => [i, m] as const));
  const rows = s.s.map((row) => [...row]);
  const safe = new Set(allowed);
  const possible = (t: PaxosState) => {
    for (let m = 0; m < n; m++) {
      const values = new Set(t.s.map((row) => row[m]).filter((st) => typeof st === 'number'));
      if (values.size > 1) return false; // Invariant 1
      if (v_n(t, m) !== null && !anchored(t, m)) return false; // Invariant 4
    }
    return true;
  };
  const visit = (k: number) => {
    if (k === cells.length) {
      const t = { ...s, s: rows.map((r) => [...r]) };
      if (possible(t)) for (const v of [...safe]) if (!anchoredFor(t, n, v)) safe.delete(v);
      return;
    }
    const [i, m] = cells[k]!;
    for (const st of statuses) {
      rows[i]![m] = st;
      visit(k + 1);
    }
  };
  visit(0);
  return [...safe].sort((a, b) => a - b);
}
