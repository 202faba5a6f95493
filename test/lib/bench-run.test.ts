/**
 * `workbook bench` goes on past a group that cannot run: the others'
 * figures are printed, and the failure is returned in one line naming the
 * group and why. The linearizability group without its data says, in one
 * line, where it looked and what it expected there.
 */
import { describe, expect, it } from 'vitest';
import { linearizabilityRows } from '../../src/bench/linearizability';
import { benchGroups, runBench } from '../../src/bench/run';
import type { BenchGroup } from '../../src/chapters/chapter';

const ok: BenchGroup = {
  name: 'fine',
  about: 'a group that runs',
  rows: () => [{ name: 'fine', metric: 'count', value: 3, unit: 'things' }],
};
const broken: BenchGroup = {
  name: 'broken',
  about: 'a group whose data is missing',
  rows: () => {
    throw new Error('no data at /nowhere');
  },
};

describe('workbook bench', () => {
  it('prints the groups that run and names, in one line each, those that cannot', async () => {
    const lines: string[] = [];
    const failed = await runBench([broken, ok], true, (l) => lines.push(l));
    expect(failed).toEqual(["group 'broken' did not run: no data at /nowhere"]);
    expect(JSON.parse(lines.join('\n'))).toEqual([
      { name: 'fine', metric: 'count', value: 3, unit: 'things' },
    ]);
    expect(await runBench([ok], true, () => {})).toEqual([]);
  });

  it('has the linearizability group, which says in one line where its data should be', () => {
    expect(benchGroups().map((g) => g.name)).toContain('linearizability');
    let message = '';
    try {
      linearizabilityRows('/nowhere/linearizability');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^the linearizability data is not at \/nowhere\/linearizability \(.*\); it holds cas-register\/ and kv\/$/,
    );
    expect(message).not.toContain('\n');
  });
});
