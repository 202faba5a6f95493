/**
 * Transcripts shown in chapters are regenerated output, never typed: each
 * file in chapters/transcripts/ equals what the code prints now, and there
 * is one for each chapter's demo, its checks and each of its named runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import { allTranscripts, TRANSCRIPTS } from '../../src/site/transcripts';

const all = allTranscripts();

describe('transcripts', () => {
  it('has one for each demo, each chapter’s checks and each named run in the registry', () => {
    const expected = chapters.flatMap((c) => {
      const nn = c.id;
      return [`${nn}-demo.txt`, `${nn}-check.txt`, ...c.runs.map((r) => `${nn}-run-${r.name}.txt`)];
    });
    expect([...all.keys()].sort()).toEqual([...expected].sort());
  });

  // A chapter's check transcript is compared by its own test file, from the
  // results it has already computed (test/contract.ts); a named run's, by
  // test/site/site.test.ts, from the run its figure is drawn from; the
  // demos' here.
  const compared = [...all.keys()].filter((n) => !n.endsWith('-check.txt') && !n.includes('-run-'));
  it.each(compared)('%s is up to date (npm run transcripts)', async (name) => {
    const file = join(TRANSCRIPTS, name);
    expect(existsSync(file), `${file} exists`).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(`${await all.get(name)!()}\n`);
  });

  it('has no stale transcript files', () => {
    const stale = readdirSync(TRANSCRIPTS).filter((f) => f.endsWith('.txt') && !all.has(f));
    expect(stale).toEqual([]);
  });
});
