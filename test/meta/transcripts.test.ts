/**
 * Transcripts shown in chapters are regenerated output, never typed: each
 * file in chapters/transcripts/ equals what the code prints now.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allTranscripts, TRANSCRIPTS } from '../../src/site/transcripts';

const all = allTranscripts();

describe('transcripts', () => {
  it.each([...all.keys()])('%s is up to date (npm run transcripts)', async (name) => {
    const file = join(TRANSCRIPTS, name);
    expect(existsSync(file), `${file} exists`).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(`${await all.get(name)!()}\n`);
  });

  it('has no stale transcript files', () => {
    const stale = readdirSync(TRANSCRIPTS).filter((f) => f.endsWith('.txt') && !all.has(f));
    expect(stale).toEqual([]);
  });
});
