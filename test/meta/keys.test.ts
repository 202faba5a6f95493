/**
 * A hand-written state key (a chapter's compact key, an actor system's role
 * keys) must tell states apart exactly as the canonical key does: a key
 * that merges two different states would silently drop part of the state
 * space. Every model a chapter registers is explored both ways, at its
 * default configuration, and the counts must agree.
 */
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import type { Machine } from '../../src/index';
import { canonical, explore } from '../../src/index';

// Each machine once (a later chapter may register an earlier chapter's), and
// not a quotient, whose key merges states on purpose.
const seen = new Set<string>();
const models = chapters.flatMap((ch) =>
  (ch.models ?? [])
    .filter((m) => m.quotient === undefined)
    .filter((m) => !seen.has(m.name) && seen.add(m.name) !== undefined)
    .map((m) => [`${ch.slug.slice(0, 2)}: ${m.name}`, m] as const),
);

/** The same machine, keyed canonically. */
const canonically = <S>(m: Machine<S>): Machine<S> => ({ ...m, key: canonical });

describe('state keys', () => {
  it('every chapter registers the models its checks explore, and says why a quotient merges states', () => {
    for (const ch of chapters) {
      expect(ch.models?.length ?? 0, ch.slug).toBeGreaterThan(0);
      for (const m of ch.models ?? [])
        if (m.quotient !== undefined) expect(m.quotient).not.toBe('');
    }
  });

  it.each(models)('%s: its key gives the canonical key’s counts', (_name, model) => {
    const m = model.machine();
    const opts = model.within ? { within: model.within } : {};
    const own = explore(m, opts);
    const plain = explore(canonically(m), opts);
    expect(own.stats.states).toBe(plain.stats.states);
    expect(own.stats.transitions).toBe(plain.stats.transitions);
  });
});
