/**
 * Compute a value once per object: for the parts of states, which a step
 * shares with the state it came from unless it changes them. Values that
 * are not objects are computed each time.
 *
 * @param f - the function to cache
 * @returns the same function, computed once per object argument
 */
export function oncePerObject<K, V>(f: (k: K) => V): (k: K) => V {
  const cache = new WeakMap<object, V>();
  return (k) => {
    if (typeof k !== 'object' || k === null) return f(k);
    let v = cache.get(k);
    if (v === undefined) {
      v = f(k);
      cache.set(k, v);
    }
    return v;
  };
}
