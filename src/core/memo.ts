/**
 * The one way the engine bounds what it remembers: a cache is cleared when full, so a long run
 * (a 100,000-row list, a year of lists in one process) cannot grow it, and the next values it
 * meets are remembered again.
 */

/** Keeps `value` under `key` in a cache of at most `limit` entries, and returns it. */
export function remember<K, V>(cache: Map<K, V>, limit: number, key: K, value: V): V {
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}
