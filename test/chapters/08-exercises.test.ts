/**
 * Chapter 08's exercises against plausible wrong answers (the starters and
 * the reference solutions are run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { anchored, anchoredFor, v_n } from '../../src/chapters/06-paxos-state/predicates';
import type { PaxosState, Round, Status, Value } from '../../src/chapters/06-paxos-state/state';
import { checkRefinesPaxos } from '../../src/chapters/08-paxos-messages/checks';
import { config } from '../../src/chapters/08-paxos-messages/config';
import { chapter } from '../../src/chapters/08-paxos-messages/index';
import type { Report } from '../../src/chapters/08-paxos-messages/rules';
import { rules } from '../../src/chapters/08-paxos-messages/rules';

const ex = (id: string) => chapter.exercises.find((e) => e.id === id)!;

describe('exercise 8.1 against plausible wrong answers', () => {
  type Pick = (reports: readonly Report[], n: Round, allowed: readonly Value[]) => Value[];
  const verdict = (pick: Pick) => ex('8.1').check({ pick });

  it('catches a leader that looks forward from round 0, not back from n - 1', async () => {
    const v = await verdict((reports, n, allowed) => {
      for (let m = 0; m < n; m++)
        for (const r of reports) if (typeof r.s[m] === 'number') return [r.s[m] as Value];
      return [...allowed];
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^On the paper’s example \(§6\.4\): /);
    expect(v.explanation).toContain('trace 8 example-left');
  });

  it('catches a leader that ignores the reports', async () => {
    const v = await verdict((_reports, _n, allowed) => [...allowed]);
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^On the paper’s example \(§6\.4\): /);
  });

  it('catches a leader that allows every value reported in any earlier round', async () => {
    const v = await verdict((reports, n, allowed) => {
      const seen = new Set<Value>();
      for (const r of reports)
        for (let m = 0; m < n; m++) if (typeof r.s[m] === 'number') seen.add(r.s[m] as Value);
      return seen.size > 0 ? [...seen] : [...allowed];
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toMatch(/^On the paper’s example \(§6\.4\): /);
  });
});

describe('exercise 8.2 against plausible wrong answers', () => {
  type OnQuery = (s: readonly Status[], n: Round) => Status[];
  const verdict = (onQuery: OnQuery) => ex('8.2').check({ onQuery });

  it('catches an agent that reports without giving up its neutral rounds', async () => {
    const v = await verdict((s) => [...s]);
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe(
      'onQuery([no, no, neutral], 3) returns [no, no, neutral]: round 2 should be no. The leader will read round 2 as dead from this report, so the agent must give it up.',
    );
  });

  it('catches an agent that gives up only round n - 1 (which the refinement alone passes)', async () => {
    const onlyLast: OnQuery = (s, n) =>
      s.map((st, m) => (m === n - 1 && st === 'neutral' ? 'no' : st));
    const v = await verdict(onlyLast);
    expect(v.passed).toBe(false);
    expect(checkRefinesPaxos(config, { ...rules, onQuery: onlyLast }, { seed: 1 }).holds).toBe(
      true,
    );
    expect(v.explanation).toBe(
      'onQuery([no, neutral, no], 3) returns [no, neutral, no]: round 1 should be no. The leader will read round 1 as dead from this report, so the agent must give it up.',
    );
  });

  it('catches an agent that gives up round n itself as well', async () => {
    const v = await verdict((s, n) => s.map((st, m) => (m <= n && st === 'neutral' ? 'no' : st)));
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe(
      'onQuery([no, no, neutral], 2) returns [no, no, no]: round 2 should be neutral. Query(2) changes only the neutral rounds below 2.',
    );
  });
});

describe('exercise 8.3 against plausible wrong answers', () => {
  type SafeValues = (
    s: PaxosState,
    q: readonly number[],
    n: Round,
    allowed: readonly Value[],
  ) => Value[];
  const verdict = (safeValues: SafeValues) => ex('8.3').check({ safeValues });
  /**
   * The enumeration of the silent agents' statuses, with what a silent
   * agent may have in an earlier round, and whether the completions that
   * break Invariants 1 and 4 are dropped, as parameters.
   */
  const enumeration =
    (statuses: (allowed: readonly Value[]) => Status[], dropImpossible: boolean): SafeValues =>
    (s, q, n, allowed) => {
      const silent = s.s.map((_, i) => i).filter((i) => !q.includes(i));
      const cells = silent.flatMap((i) => Array.from({ length: n }, (_, m) => [i, m] as const));
      const rows = s.s.map((row) => [...row]);
      const safe = new Set(allowed);
      const possible = (t: PaxosState) => {
        for (let m = 0; m < n; m++) {
          const values = new Set(t.s.map((row) => row[m]).filter((st) => typeof st === 'number'));
          if (values.size > 1) return false;
          if (v_n(t, m) !== null && !anchored(t, m)) return false;
        }
        return true;
      };
      const visit = (k: number) => {
        if (k === cells.length) {
          const t = { ...s, s: rows.map((r) => [...r]) };
          if (!dropImpossible || possible(t))
            for (const v of [...safe]) if (!anchoredFor(t, n, v)) safe.delete(v);
          return;
        }
        const [i, m] = cells[k]!;
        for (const st of statuses(allowed)) {
          rows[i]![m] = st;
          visit(k + 1);
        }
      };
      visit(0);
      return [...safe].sort((a, b) => a - b);
    };

  it('catches a leader that takes the silent agents to have no everywhere', async () => {
    const v = await verdict(enumeration(() => ['no'], true));
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe(
      'In the left run, when a, b report, you say {7, 8, 9} is safe for round 4, but the safe values are {8}.',
    );
  });

  it('catches an enumeration that keeps the completions the invariants rule out', async () => {
    const v = await verdict(enumeration((allowed) => ['no', 'neutral', ...allowed], false));
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe(
      'In the left run, when a, b report, you say {} is safe for round 4, but the safe values are {8}.',
    );
  });

  it('catches an enumeration that gives a silent agent no values: right on the paper’s rows only', async () => {
    const v = await verdict(enumeration(() => ['no', 'neutral'], true));
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe(
      'Your sets agree with the paper’s example, but not with the enumeration on these statuses in rounds 1 to 3: a [no, neutral, no], b [no, neutral, 7], c [no, 7, no] (round 4 neutral everywhere). When a, b report, you say {7, 8, 9} is safe for round 4, but the safe values are {7}. The leader has not heard c, and c may have [no, 7, no] (the invariants allow it): then round 2 is not dead and its value is 7, so a command of 8 in round 4 would not be anchored.',
    );
  });

  it('catches an enumeration that never leaves a silent agent neutral: right on the paper’s rows only', async () => {
    const v = await verdict(enumeration((allowed) => ['no', ...allowed], true));
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe(
      'Your sets agree with the paper’s example, but not with the enumeration on these statuses in rounds 1 to 3: a [no, neutral, no], b [no, 7, neutral], c [no, no, no] (round 4 neutral everywhere). When a, b report, you say {7} is safe for round 4, but the safe values are {}. The leader has not heard c, and c may have [no, no, neutral] (the invariants allow it): then round 3 is not dead and its value is nil, so a command of 7 in round 4 would not be anchored.',
    );
  });

  it('catches a leader that reads the statuses it did not hear from the state itself', async () => {
    const v = await verdict((s, _q, n, allowed) => allowed.filter((w) => anchoredFor(s, n, w)));
    expect(v.passed).toBe(false);
    expect(v.explanation).toBe(
      'In the left run, when a, b report, you say {7, 8, 9} is safe for round 4, but the safe values are {8}.',
    );
  });
});
