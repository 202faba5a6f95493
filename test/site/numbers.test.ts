/**
 * Numbers in the prose: `{{NN/<check name>/<field>}}` is a check's pin
 * (`deep.<field>` its deep pin) and `{{NN/facts/<name>}}` a chapter's fact,
 * shown with thousands separators; a placeholder that names nothing is one
 * line naming it and what is accepted. (That every placeholder the
 * chapters write names a number is `test/meta/numbers.test.ts`'s; that the
 * built pages show them, the browser tests'.)
 */
import { describe, expect, it } from 'vitest';
import type { Chapter } from '../../src/chapters/chapter';
import { formatNumber, renderNumbers, resolvePlaceholder } from '../../src/site/numbers';

const toy = {
  id: '08',
  checks: [
    {
      name: 'channel invariants',
      claim: '',
      pinned: { states: 81981, transitions: 250112, depth: 19 },
      deepPinned: { states: 1234567 },
      run: () => {
        throw new Error('not run');
      },
    },
    { name: 'order matters', claim: '', run: () => ({}) as never },
  ],
  facts: { 'deep runs': 2000, agents: 3 },
} as Partial<Chapter> as Chapter;
const other = { id: '01', checks: [], facts: {} } as Partial<Chapter> as Chapter;
const chs = [other, toy];
const problem = (inner: string) => {
  const r = resolvePlaceholder(chs, inner);
  return 'problem' in r ? r.problem : `value ${r.value}`;
};

describe('numbers in the prose', () => {
  it('are the registry’s pins and facts, with thousands separators', () => {
    expect(formatNumber(81981)).toBe('81,981');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(0.25)).toBe('0.25');
    const r = renderNumbers(
      'It finds {{08/channel invariants/states}} states and {{08/channel invariants/transitions}} steps, ' +
        'depth {{08/channel invariants/depth}}; deep, {{08/channel\n invariants/deep.states}}; ' +
        '{{08/facts/deep runs}} runs of {{08/facts/agents}} agents.',
      chs,
    );
    expect(r.problems).toEqual([]);
    expect(r.text).toBe(
      'It finds 81,981 states and 250,112 steps, depth 19; deep, 1,234,567; 2,000 runs of 3 agents.',
    );
  });

  it('fail on a placeholder that names nothing, in one line naming it and what is accepted', () => {
    expect(problem('09/channel invariants/states')).toBe(
      "'{{09/channel invariants/states}}' names no chapter 09; the chapters are 01, 08",
    );
    expect(problem('08/channel invariant/states')).toBe(
      "'{{08/channel invariant/states}}' names no check of chapter 08; its checks are 'channel invariants', 'order matters'",
    );
    expect(problem('08/channel invariants/steps')).toBe(
      "'{{08/channel invariants/steps}}': 'steps' is not a field; the fields are states, transitions, runs, depth, deep.states, deep.transitions, deep.runs, deep.depth",
    );
    expect(problem('08/channel invariants/runs')).toBe(
      "'{{08/channel invariants/runs}}': chapter 08's check 'channel invariants' pins no runs; it pins states, transitions, depth, deep.states",
    );
    expect(problem('08/order matters/states')).toBe(
      "'{{08/order matters/states}}': chapter 08's check 'order matters' pins no states; it pins nothing",
    );
    expect(problem('08/facts/leaders')).toBe(
      "'{{08/facts/leaders}}' names no fact of chapter 08; its facts are 'deep runs', 'agents'",
    );
    expect(problem('01/facts/x')).toBe(
      "'{{01/facts/x}}' names no fact of chapter 01; it has no facts",
    );
    expect(problem('8/channel invariants/states')).toContain(
      'is not a number placeholder: write {{NN/<check name>/<field>}} or {{NN/facts/<name>}}',
    );
    const r = renderNumbers('a {{08/facts/agents}} b {{08/facts/nope}} c', chs);
    expect(r.text).toBe('a 3 b {{08/facts/nope}} c');
    expect(r.problems).toHaveLength(1);
    for (const p of r.problems) expect(p).not.toContain('\n');
  });
});
