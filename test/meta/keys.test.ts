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
import { canonical, equals, explore, reachableGraph } from '../../src/index';
import { Bytes, Codec } from '../../src/lib/_internal/codec';
import { hashValue } from '../../src/lib/_internal/hash';

// Each machine once (a later chapter may register an earlier chapter's), and
// not a quotient, whose key merges states on purpose.
const seen = new Set<string>();
const models = chapters.flatMap((ch) =>
  (ch.models ?? [])
    .filter((m) => m.quotient === undefined)
    .filter((m) => !seen.has(m.name) && seen.add(m.name) !== undefined)
    .map((m) => [`${ch.id}: ${m.name}`, m] as const),
);

/** The same machine, with the default key (the structural fingerprint). */
const canonically = <S>(m: Machine<S>): Machine<S> => {
  const { fingerprint: _own, ...rest } = m;
  return { ...rest, key: canonical };
};

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

describe('the frontier’s encoding', () => {
  // The explorer keeps a level's states as bytes: every state of every
  // model must come back equal, with the same fingerprint.
  it.each(models)('%s: its states come back from the bytes equal', (_name, model) => {
    const m = model.machine();
    const g = reachableGraph(m, { maxStates: 2000 });
    const codec = new Codec();
    const bytes = new Bytes();
    const offsets: number[] = [];
    for (const s of g.states) {
      offsets.push(bytes.length);
      codec.encode(s, bytes);
    }
    const bad = g.states.filter((s, i) => {
      const back = codec.decode(bytes.buf, offsets[i]!);
      return (
        !equals(back, s) || hashValue(back) !== hashValue(s) || canonical(back) !== canonical(s)
      );
    });
    expect(bad.length).toBe(0);
    expect(g.states.length).toBeGreaterThan(0);
  });
});
