/**
 * A check that throws (a step its run cannot replay, a bug in the check)
 * is reported as that check failing, with the error's first line, and the
 * other checks still run; `workbook check N --json` then prints every
 * check and exits 1. Chapter 08's checks on an agent with an off-by-one in
 * its answer to a query each end with a verdict.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chapters } from '../../src/chapters';
import type { Chapter, ChapterCheck } from '../../src/chapters/chapter';
import { check, mutant } from '../../src/chapters/chapter';
import { main } from '../../src/cli/main';
import { PINNED_SEED, passed, renderReport, runChapter } from '../../src/cli/report';
import { action, explore, invariant, machine, replay, to } from '../../src/index';

/** A counter that counts up to `top`. */
const counter = (top: number) =>
  machine<number>({
    name: `counter to ${top}`,
    init: [0],
    actions: [
      action({ name: 'Inc', external: true, guard: (n) => n < top, effect: (n) => to(n + 1) }),
    ],
  });

const holds = check<number>({
  name: 'stays below 4',
  claim: 'The counter never reaches 4.',
  pinned: { states: 4 },
  run: (_ctx, top = 3) =>
    explore(counter(top), { invariants: [invariant('below 4', (n: number) => n < 4)] }),
});

/** A check that replays a run its model cannot take: `replay` throws, as chapter 08's example did. */
const throws = check<number>({
  name: 'replays a run',
  claim: 'The counter takes two steps.',
  pinned: { states: 3 },
  run: (_ctx, top = 3) => {
    replay(counter(top), ['Inc', 'Dec']);
    return explore(counter(top));
  },
});

/** A check whose promise rejects. */
const rejects = check<number>({
  name: 'rejects',
  claim: 'An asynchronous check that fails to run.',
  pinned: { states: 1 },
  run: async () => {
    throw new Error('the worker died\nwith a second line');
  },
});

const toy: Chapter = {
  id: '99',
  slug: '99-throws',
  title: 'A check that throws',
  paper: '§0',
  summary: 'A counter, and checks that throw.',
  demo: () => {},
  checks: [throws, holds, rejects],
  mutants: [
    mutant(holds, { name: 'counts to 5', bug: 'The counter goes one further.', variant: 5 }),
    mutant(throws, { name: 'thrown', bug: 'Its check throws.', variant: 5 }),
  ],
  runs: [],
  exercises: [],
};

// The command finds chapters in the registry: give it the toy as well.
vi.mock('../../src/chapters', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/chapters')>();
  return {
    ...real,
    get chapters() {
      return [...real.chapters, toy];
    },
  };
});

const REPLAY_ERROR =
  'the check threw: replay: step 2 of counter to 3, Dec, is not enabled; enabled are Inc';

describe('a check that throws', () => {
  it('is reported as failing with its one-line message, and the other checks run', async () => {
    const ended: string[] = [];
    const r = await runChapter(
      toy,
      { seed: PINNED_SEED },
      { begin: (what) => void ended.push(`begin ${what}`), end: () => void ended.push('end') },
    );
    expect(r.checks.map((c) => c.name)).toEqual(['replays a run', 'stays below 4', 'rejects']);
    const [thrown, held, rejected] = r.checks;
    expect(thrown).toMatchObject({ holds: false, kind: 'error', failure: REPLAY_ERROR });
    expect(held).toMatchObject({ holds: true, states: 4 });
    expect(held!.failure).toBeUndefined();
    expect(rejected).toMatchObject({ holds: false, failure: 'the check threw: the worker died' });
    // A mutant whose check throws gives no verdict: it is not caught.
    expect(r.mutants).toEqual([
      expect.objectContaining({ name: 'counts to 5', caught: true }),
      expect.objectContaining({
        name: 'thrown',
        caught: false,
        error: 'replay: step 2 of counter to 5, Dec, is not enabled; enabled are Inc',
      }),
    ]);
    // Every check that began also ended (a progress bar is never left running).
    expect(ended.filter((e) => e === 'end')).toHaveLength(5);
    expect(passed(r)).toBe(false);
    const text = renderReport(toy, r, { timings: false });
    expect(text).toContain(`FAILS: ${REPLAY_ERROR}`);
    expect(text).toContain('NOT CAUGHT (the check threw: replay: step 2 of counter to 5');
    expect(text).toContain('1 of 3 checks hold; 1 of 2 mutants caught.');
  });
});

describe('workbook check --json on a chapter with a check that throws', () => {
  afterEach(() => {
    process.exitCode = 0;
    vi.restoreAllMocks();
  });

  it('prints every check and exits 1', async () => {
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      printed.push(String(chunk));
      return true;
    });
    await main(['check', '99', '--json']);
    expect(process.exitCode).toBe(1);
    const doc = JSON.parse(printed.join(''));
    expect(doc.chapter).toBe('99-throws');
    expect(doc.checks.map((c: { name: string }) => c.name)).toEqual([
      'replays a run',
      'stays below 4',
      'rejects',
    ]);
    expect(doc.checks[0].failure).toBe(REPLAY_ERROR);
    expect(doc.mutants).toHaveLength(2);
  });
});

describe("chapter 08's checks on an agent with an off-by-one in its answer to a query", () => {
  const ch08 = chapters.find((c) => c.id === '08')!;
  const variant = (name: string) => ch08.mutants.find((m) => m.name === name)!.variant;
  // Chapter 08's variants are its rules. The mutant 'no promise' replaces
  // only the agent's answer to a query (the others keep it): replacing that
  // answer again gives the correct rules with our off-by-one, an agent that
  // gives up the rounds below n - 1 instead of the rounds below n.
  const noPromise = variant('no promise');
  const offByOne = {
    ...noPromise,
    onQuery: (s: readonly unknown[], n: number) =>
      s.map((st, m) => (m < n - 1 && st === 'neutral' ? 'no' : st)),
  };
  const onVariant: Chapter = {
    ...ch08,
    checks: ch08.checks.map((c): ChapterCheck => ({ ...c, run: (ctx) => c.run(ctx, offByOne) })),
    mutants: [],
  };

  it('gives a verdict for every check, and every check that can see the bug fails', async () => {
    for (const k of ['pick', 'mayAccept', 'isNew', 'enough'])
      expect(noPromise[k], k).toBe(variant(k === 'pick' ? 'accept over no' : 'own value')[k]);
    const r = await runChapter(onVariant, { seed: PINNED_SEED });
    expect(r.checks.map((c) => c.name)).toEqual(ch08.checks.map((c) => c.name));
    // One leader without faults never meets the bug: the count of message delays still holds.
    expect(r.checks.filter((c) => c.holds).map((c) => c.name)).toEqual(['five message delays']);
    const row = (name: string) => r.checks.find((c) => c.name === name)!;
    // The worked example's run cannot be played with this agent: its replay error is the failure.
    expect(row('the paper’s example').failure).toMatch(
      /^the check threw: replay: step \d+ of message Paxos.*, Deliver\(report\(b, \[no\]\) → l1\), is not enabled/,
    );
    // The long random runs fail with a shrunk run and the arguments that replay it.
    const long = row('long runs with every fault');
    expect(long.kind).toBe('simulate');
    expect(long.failure).toMatch(/^obligation 2: every step is simulated: /);
    expect(long.replay).toMatch(/^--only 'long runs with every fault' --seed 1 --path [\d:]+$/);
    expect(passed(r)).toBe(false);
  }, 120_000);
});
