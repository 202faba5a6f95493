/**
 * Chapter 10's exercises against plausible wrong answers (the starters and
 * the reference solutions are run by test/meta/exercises.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { chapter } from '../../src/chapters/10-multi-paxos/index';
import type { AgentState, CommandMsg, Seen, Slot } from '../../src/chapters/10-multi-paxos/system';
import { commandStep, noteReport } from '../../src/chapters/10-multi-paxos/system';
import { nil } from '../../src/index';

const ex = (id: string) => chapter.exercises.find((e) => e.id === id)!;

describe('exercise 10.1 against plausible wrong answers', () => {
  const verdict = (f: (seen: Seen, i: number, slots: readonly Slot[]) => Seen) =>
    ex('10.1').check({ noteReport: f });

  it('catches a leader that counts reports, not agents', async () => {
    const v = await verdict((seen, i, slots) => ({
      ...noteReport({ ...seen, heard: [] }, i, slots),
      heard: [...seen.heard, i],
    }));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('you keep heard [a, a]');
    expect(v.explanation).toContain('two copies of one report are no majority');
  });

  it('catches a leader that keeps the values of the first report', async () => {
    const v = await verdict((seen, i, slots) =>
      seen.heard.includes(i)
        ? seen
        : { heard: [...seen.heard, i], best: seen.heard.length ? seen.best : slots },
    );
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('the reported value of the largest round');
  });

  it('catches a leader that keeps the largest value rather than the value of the largest round', async () => {
    const v = await verdict((seen, i, slots) =>
      seen.heard.includes(i)
        ? seen
        : {
            heard: [...seen.heard, i],
            best: seen.best.map((b, p) =>
              b.v === nil || (slots[p]!.v !== nil && slots[p]!.v! > b.v!) ? slots[p]! : b,
            ),
          },
    );
    expect(v.passed).toBe(false);
    // It keeps 8 from round 0 where 7 from round 1 was reported.
    expect(v.explanation).toMatch(/you keep heard \[[^\]]*\], best \[[^\]]*8@0/);
    expect(v.explanation).toMatch(/the largest round, \[[^\]]*7@1/);
  });
});

describe('exercise 10.2 against plausible wrong answers', () => {
  const correct = commandStep((p) => p - 1);
  const verdict = (f: (a: AgentState, m: CommandMsg) => AgentState) =>
    ex('10.2').check({ onCommand: f });

  it('catches an outcome applied to the command’s own instance', async () => {
    const v = await verdict(commandStep((p) => p));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('A step is not simulated by the sequence of D');
  });

  it('catches an agent that accepts a command below its next', async () => {
    const v = await verdict((a, m) => {
      const b = correct({ ...a, next: -1 }, m);
      return b.slots === a.slots ? { ...b, next: a.next } : b;
    });
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('“in every instance, at most one value is chosen” fails');
  });

  it('catches an agent that ignores the outcome a command carries', async () => {
    const v = await verdict((a, m) => correct(a, { ...m, out: nil }));
    expect(v.passed).toBe(false);
    expect(v.explanation).toContain('an agent learns an outcome from a command');
  });
});
