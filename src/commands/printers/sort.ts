import type { KubeObject } from '../../cluster/api/types.js';
import { findValues } from './jsonpath.js';
import { parseQuantity } from '../../cluster/meta/quantity.js';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * `--sort-by=JSONPATH`: ascending; numbers numerically, times chronologically, quantities as
 * quantities, strings lexically; items without the field first. Stable, like kubectl's sort.
 */
export function sortObjects(items: KubeObject[], expr: string): KubeObject[] {
  const key = (o: KubeObject): unknown => findValues(expr, o)[0];
  const keyed = items.map((o, i) => ({ o, i, k: key(o) }));
  keyed.sort((a, b) => compare(a.k, b.k) || a.i - b.i);
  return keyed.map((x) => x.o);
}

function compare(a: unknown, b: unknown): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    if (RFC3339.test(a) && RFC3339.test(b)) return Date.parse(a) - Date.parse(b);
    const qa = parseQuantity(a);
    const qb = parseQuantity(b);
    if (qa !== undefined && qb !== undefined && /\d/.test(a[0]) && /\d/.test(b[0])) return qa - qb;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
