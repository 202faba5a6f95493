/**
 * Networks for {@link actors}: what happens to a message between its send
 * and its delivery. Three semantics, each a parameter of a system:
 *
 * | kind       | a delivered message            | a send to several processes     | use it for                                   |
 * |------------|--------------------------------|---------------------------------|----------------------------------------------|
 * | `set`      | stays, and may arrive again    | one message, any of them may receive it | protocols that must bear loss, duplication and reordering (Paxos, §6.4): they come for free, and the state stays small |
 * | `multiset` | is gone                        | one copy each                   | protocols whose copies count (a log's entries, requests); duplicates only by the `Duplicate` fault |
 * | `ordered`  | is gone                        | one copy each                   | links that keep order (TCP): only the oldest message of each (sender, receiver) channel can arrive next |
 *
 * In every network a message may be lost (the `Lose` fault), and in a
 * timed system it carries the time it was sent. The functions here are
 * pure and know nothing of the checker.
 *
 * @module
 */

import { oncePerObject } from './_internal/memo';
import type { Send } from './process';
import { canonical } from './value';

/**
 * The network's semantics: see the module's table.
 *
 * @category Actors
 */
export type NetworkKind = 'set' | 'multiset' | 'ordered';

/**
 * A message in flight: who sent it, to whom, and, in a timed system, when.
 * In a `set` network `to` may list several receivers (a broadcast); in the
 * others it lists one.
 *
 * @category Actors
 */
export interface Envelope<M> {
  /** The sender's id. */
  readonly from: number;
  /** The receivers' ids, in increasing order. */
  readonly to: readonly number[];
  /** The message. */
  readonly msg: M;
  /** The real time it was sent (timed systems only). */
  readonly sent?: number;
}

/**
 * A delivery: one message in flight, arriving at one of its receivers.
 *
 * @category Actors
 */
export interface Delivery<M> {
  /** The message in flight. */
  readonly env: Envelope<M>;
  /** The receiver it arrives at. */
  readonly to: number;
}

/**
 * The messages in flight and what can happen to them, for one kind of
 * network. The network itself is a list of envelopes in a canonical order,
 * so that equal networks are equal lists.
 *
 * @category Actors
 */
export interface Network<M> {
  /** Its kind. */
  readonly kind: NetworkKind;
  /** A canonical key of an envelope (cached per envelope). */
  readonly key: (e: Envelope<M>) => string;
  /** The network after a process sends these messages (at time `sent`, in a timed system). */
  readonly send: (
    net: readonly Envelope<M>[],
    from: number,
    sends: readonly Send<M>[],
    sent?: number,
  ) => readonly Envelope<M>[];
  /** The deliveries that can happen next, in a fixed order. */
  readonly deliveries: (net: readonly Envelope<M>[]) => Delivery<M>[];
  /** The network after a delivery. */
  readonly afterDelivery: (net: readonly Envelope<M>[], d: Delivery<M>) => readonly Envelope<M>[];
  /** The distinct envelopes in flight, each once, in order (what may be lost or duplicated). */
  readonly distinct: (net: readonly Envelope<M>[]) => Envelope<M>[];
  /** The network after an envelope is lost (one copy of it). */
  readonly lose: (net: readonly Envelope<M>[], e: Envelope<M>) => readonly Envelope<M>[];
  /** The network after an envelope is duplicated (`multiset` and `ordered` only). */
  readonly duplicate: (net: readonly Envelope<M>[], e: Envelope<M>) => readonly Envelope<M>[];
  /** Is a copy of `msg` from `from` in flight (to `to`, if given)? */
  readonly inFlight: (net: readonly Envelope<M>[], from: number, msg: M, to?: number) => boolean;
}

const byKey =
  <M>(key: (e: Envelope<M>) => string) =>
  (a: Envelope<M>, b: Envelope<M>) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

/**
 * A network of the given kind.
 *
 * @param kind - `set`, `multiset` or `ordered` (see the module's table)
 * @param messageKey - a canonical key of a message
 * @returns the network's operations
 * @defaultValue messageKey: {@link canonical}
 * @category Actors
 */
export function network<M>(kind: NetworkKind, messageKey?: (m: M) => string): Network<M> {
  if (kind !== 'set' && kind !== 'multiset' && kind !== 'ordered')
    throw new Error(
      `network: unknown kind '${String(kind)}'; the kinds are set, multiset, ordered`,
    );
  // A given key is taken to be cheap; the default one is computed once per message.
  const mk = messageKey ?? oncePerObject((m: M) => canonical(m));
  const keyOf = (from: number, to: readonly number[], sent: number | undefined, msg: M) =>
    `${from}>${to.length === 1 ? to[0] : to.join(',')}${sent === undefined ? '' : `@${sent}`}|${mk(msg)}`;
  /** The receivers in increasing order: the array itself if it already is. */
  const sorted = (to: number | readonly number[]): readonly number[] => {
    if (typeof to === 'number') return [to];
    for (let i = 1; i < to.length; i++)
      if (to[i - 1]! > to[i]!) return [...to].sort((a, b) => a - b);
    return to;
  };
  const keys = new WeakMap<Envelope<M>, string>();
  const key = (e: Envelope<M>): string => {
    let k = keys.get(e);
    if (k === undefined) {
      k = keyOf(e.from, e.to, e.sent, e.msg);
      keys.set(e, k);
    }
    return k;
  };

  const channel = (e: Envelope<M>) => `${e.from}>${e.to[0]}`;
  const order =
    kind === 'ordered'
      ? (a: Envelope<M>, b: Envelope<M>) => {
          const x = channel(a);
          const y = channel(b);
          return x < y ? -1 : x > y ? 1 : 0; // stable: keeps each channel's order
        }
      : byKey(key);
  const envelopesOf = (from: number, s: Send<M>, sent: number | undefined): Envelope<M>[] => {
    const to = sorted(s.to);
    const one = (t: readonly number[]): Envelope<M> =>
      sent === undefined ? { from, to: t, msg: s.msg } : { from, to: t, msg: s.msg, sent };
    if (kind === 'set') return to.length ? [one(to)] : [];
    return to.map((t) => one([t]));
  };
  const indexOf = (net: readonly Envelope<M>[], e: Envelope<M>) => {
    const k = key(e);
    return net.findIndex((x) => x === e || key(x) === k);
  };
  const without = (net: readonly Envelope<M>[], i: number) =>
    i < 0 ? net : [...net.slice(0, i), ...net.slice(i + 1)];
  return {
    kind,
    key,
    send(net, from, sends, sent) {
      if (!sends.length) return net;
      let out: Envelope<M>[] | undefined;
      if (kind === 'set') {
        for (const s of sends) {
          const to = sorted(s.to);
          if (!to.length) continue;
          const k = keyOf(from, to, sent, s.msg);
          const now = out ?? net;
          let there = false;
          for (let i = 0; i < now.length; i++)
            if (key(now[i]!) === k) {
              there = true;
              break;
            }
          if (there) continue;
          const e: Envelope<M> =
            sent === undefined ? { from, to, msg: s.msg } : { from, to, msg: s.msg, sent };
          keys.set(e, k);
          out = [...now, e];
        }
        return out ? out.sort(order) : net;
      }
      for (const s of sends) for (const e of envelopesOf(from, s, sent)) out = [...(out ?? net), e];
      return out ? out.sort(order) : net;
    },
    deliveries(net) {
      const out: Delivery<M>[] = [];
      if (kind === 'ordered') {
        let last = '';
        for (const env of net) {
          const c = channel(env);
          if (c === last) continue;
          last = c;
          out.push({ env, to: env.to[0]! });
        }
        return out;
      }
      let last = '';
      for (const env of net) {
        const k = key(env);
        if (k === last) continue; // identical copies: one delivery
        last = k;
        for (const to of env.to) out.push({ env, to });
      }
      return out;
    },
    afterDelivery(net, d) {
      return kind === 'set' ? net : without(net, indexOf(net, d.env));
    },
    distinct(net) {
      const out: Envelope<M>[] = [];
      const seen = new Set<string>();
      for (const e of net) {
        const k = key(e);
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(e);
      }
      return out;
    },
    lose(net, e) {
      return without(net, indexOf(net, e));
    },
    duplicate(net, e) {
      if (kind === 'set') return net;
      const i = indexOf(net, e);
      if (i < 0) return net;
      return [...net.slice(0, i + 1), e, ...net.slice(i + 1)];
    },
    inFlight(net, from, msg, to) {
      const k = mk(msg);
      for (const e of net)
        if (e.from === from && (to === undefined || e.to.includes(to)) && mk(e.msg) === k)
          return true;
      return false;
    },
  };
}
