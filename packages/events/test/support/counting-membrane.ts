/**
 * A machine-independent measure of work: wraps a JSON value so that every property read, key listing and `in`
 * test on it, at any depth, is counted. Reads of the same value share one proxy, so identity checks still hold.
 */
export function countingMembrane<T>(value: T): { value: T; readonly reads: number } {
  let reads = 0;
  const proxies = new WeakMap<object, object>();
  const wrap = (target: unknown): unknown => {
    if (typeof target !== 'object' || target === null) return target;
    const known = proxies.get(target);
    if (known) return known;
    const proxy = new Proxy(target, {
      get(object, key, receiver) {
        reads++;
        return wrap(Reflect.get(object, key, receiver));
      },
      has(object, key) {
        reads++;
        return Reflect.has(object, key);
      },
      ownKeys(object) {
        reads++;
        return Reflect.ownKeys(object);
      },
      getOwnPropertyDescriptor(object, key) {
        reads++;
        return Reflect.getOwnPropertyDescriptor(object, key);
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };
  return {
    value: wrap(value) as T,
    get reads() {
      return reads;
    },
  };
}

/** How many values a JSON value holds (objects, arrays and leaves, the root included): its size for JSON.parse. */
export function nodeCount(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 1;
  let count = 1;
  for (const child of Object.values(value)) count += nodeCount(child);
  return count;
}
