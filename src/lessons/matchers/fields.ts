import type { KubeObject } from '../../cluster/api/types.js';
import { findValues } from '../../commands/printers/jsonpath.js';
import type { FieldCondition } from '../schema.js';

/** The value at a field path (`spec.replicas`, `spec.containers[0].image`, `metadata.labels.app`). */
export function valueAt(obj: KubeObject, path: string): unknown {
  let vals: unknown[];
  try {
    vals = findValues(path.startsWith('.') ? path : `.${path}`, obj, { literalKeys: true });
  } catch {
    return undefined; // an index past the end of a list: the field is not there (yet)
  }
  return vals.length > 1 ? vals : vals[0];
}

function show(v: unknown): string {
  if (v === undefined) return 'not set';
  if (typeof v === 'string') return JSON.stringify(v);
  return JSON.stringify(v);
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return String(a) === String(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Checks one condition; returns undefined when it holds, else how it fails (`is 2, expected 3`). */
export function checkCondition(actual: unknown, cond: FieldCondition): string | undefined {
  // a list written as the condition means "equals this list" (not an object of comparisons that all pass)
  if (cond === null || typeof cond !== 'object' || Array.isArray(cond)) return same(actual, cond) ? undefined : `is ${show(actual)}, expected ${show(cond)}`;
  if ('equals' in cond && !same(actual, cond.equals)) return `is ${show(actual)}, expected ${show(cond.equals)}`;
  if ('notEquals' in cond && same(actual, cond.notEquals)) return `is ${show(actual)}, expected anything else`;
  if (cond.matches !== undefined && !(typeof actual === 'string' && new RegExp(cond.matches).test(actual)))
    return `is ${show(actual)}, expected something matching /${cond.matches}/`;
  if (cond.contains !== undefined) {
    const ok = Array.isArray(actual) ? actual.some((x) => same(x, cond.contains) || (typeof cond.contains === 'object' && contains(x, cond.contains))) : typeof actual === 'string' && actual.includes(String(cond.contains));
    if (!ok) return `is ${show(actual)}, expected it to contain ${show(cond.contains)}`;
  }
  if (cond.exists === true && actual === undefined) return 'is not set, expected it to be set';
  if (cond.exists === false && actual !== undefined) return `is ${show(actual)}, expected it not to be set`;
  if (cond.atLeast !== undefined && !(Number(actual) >= cond.atLeast)) return `is ${show(actual)}, expected at least ${cond.atLeast}`;
  if (cond.atMost !== undefined && !(Number(actual) <= cond.atMost)) return `is ${show(actual)}, expected at most ${cond.atMost}`;
  if (cond.in !== undefined && !cond.in.some((x) => same(actual, x))) return `is ${show(actual)}, expected one of ${cond.in.map(show).join(', ')}`;
  return undefined;
}

/** Whether `whole` contains every field of `part` (objects inside lists, e.g. a toleration). */
function contains(whole: unknown, part: unknown): boolean {
  if (part && typeof part === 'object' && !Array.isArray(part)) {
    if (!whole || typeof whole !== 'object') return false;
    return Object.entries(part).every(([k, v]) => contains((whole as Record<string, unknown>)[k], v));
  }
  return same(whole, part);
}

/** The first failing field of `where`, as `spec.replicas is 2, expected 3`. */
export function firstFailure(obj: KubeObject, where: Record<string, FieldCondition> | undefined): string | undefined {
  for (const [path, cond] of Object.entries(where ?? {})) {
    const why = checkCondition(valueAt(obj, path), cond);
    if (why) return `${path} ${why}`;
  }
  return undefined;
}

/** `deployment/web in namespace prod`, `node/node01`. */
export function describeRef(singular: string, name: string, namespace?: string): string {
  return namespace ? `${singular}/${name} in namespace ${namespace}` : `${singular}/${name}`;
}
