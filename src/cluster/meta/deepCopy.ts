/**
 * A deep copy of JSON data (what every stored object is), as Kubernetes' generated DeepCopy is for its
 * types. Several times faster than structuredClone, which serializes through the HTML clone algorithm:
 * listing 10,000 pods is where that shows.
 */
export function deepCopy<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const a = new Array(v.length);
    for (let i = 0; i < v.length; i++) a[i] = deepCopy(v[i]);
    return a as T;
  }
  const o: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const c = deepCopy((v as Record<string, unknown>)[k]);
    // a ConfigMap data key may be `__proto__`: keep it an own property
    if (k === '__proto__') Object.defineProperty(o, k, { value: c, enumerable: true, writable: true, configurable: true });
    else o[k] = c;
  }
  return o as T;
}
