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
    return naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0;
  }
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * fvbommel/sortorder's NaturalLess, which kubectl sorts strings with: digit runs compare as numbers
 * (`pod9` before `pod10`), digits before other characters, everything else byte by byte.
 */
export function naturalLess(s1: string, s2: string): boolean {
  const a = Buffer.from(s1);
  const b = Buffer.from(s2);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const d1 = isDigit(a[i]);
    const d2 = isDigit(b[j]);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (a[i] !== b[j]) return a[i] < b[j];
      i++;
      j++;
      continue;
    }
    while (i < a.length && a[i] === 48) i++;
    while (j < b.length && b[j] === 48) j++;
    const nz1 = i;
    const nz2 = j;
    while (i < a.length && isDigit(a[i])) i++;
    while (j < b.length && isDigit(b[j])) j++;
    if (i - nz1 !== j - nz2) return i - nz1 < j - nz2;
    const n1 = a.subarray(nz1, i).toString();
    const n2 = b.subarray(nz2, j).toString();
    if (n1 !== n2) return n1 < n2;
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return a.length < b.length;
}
