import { badRequest } from './status.js';
import type { KindSpec } from './resources/kindSpec.js';
import type { KubeObject } from './types.js';
import { strategicMerge } from './strategicMerge.js';

export type PatchType = 'json' | 'merge' | 'strategic';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);

/** RFC 7386 JSON merge patch: objects merge, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): Json {
  if (!isObject(patch)) return structuredClone(patch) as Json;
  const out: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * RFC 6902 JSON patch: add, remove, replace, move, copy, test, with the errors (and quirks) of
 * evanphx/json-patch v4 that the API server and kubectl use: `replace` of a missing key in an object
 * sets it, and `copy` from a missing key copies null.
 */
export function jsonPatch(target: unknown, ops: unknown): Json {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target) as Json;
  const MISSING = 'missing value';
  const INDEX = 'invalid index referenced';
  /** the container of a path's last segment, or undefined when the path leads nowhere */
  const find = (path: string): { parent: Json; key: string } | undefined => {
    const segs = path.split('/').slice(1).map(unescapePointer);
    let cur: Json = doc;
    for (const s of segs.slice(0, -1)) {
      if (Array.isArray(cur)) cur = cur[Number(s)];
      else if (isObject(cur)) cur = cur[s];
      else return undefined;
      if (cur === undefined || cur === null || typeof cur !== 'object') return undefined;
    }
    return { parent: cur, key: segs[segs.length - 1] };
  };
  const index = (arr: Json[], key: string, max: number): number | undefined => {
    const i = key === '-' ? arr.length : /^\d+$/.test(key) ? Number(key) : NaN;
    return i >= 0 && i <= max ? i : undefined;
  };
  const get = (path: string): Json => {
    if (path === '') return doc;
    const at = find(path);
    if (!at) throw badRequest(`copy operation does not apply: doc is missing from path: ${path}: ${MISSING}`);
    const v = Array.isArray(at.parent) ? at.parent[Number(at.key)] : isObject(at.parent) ? at.parent[at.key] : undefined;
    return v === undefined ? null : v;
  };
  const remove = (path: string, op: string): Json => {
    const at = find(path);
    if (!at) throw badRequest(`${op} operation does not apply: doc is missing path: ${JSON.stringify(path)}: ${MISSING}`);
    const where = op === 'move' ? at.key : path;
    if (Array.isArray(at.parent)) {
      const i = index(at.parent, at.key, at.parent.length - 1);
      if (i === undefined) throw badRequest(`error in ${op} for path: '${where}': Unable to access invalid index: ${at.key}: ${INDEX}`);
      return at.parent.splice(i, 1)[0];
    }
    if (isObject(at.parent) && at.key in at.parent) {
      const v = at.parent[at.key];
      delete at.parent[at.key];
      return v;
    }
    throw badRequest(`error in ${op} for path: '${where}': Unable to remove nonexistent key: ${at.key}: ${MISSING}`);
  };
  const add = (path: string, value: Json) => {
    if (path === '') {
      doc = value;
      return;
    }
    const at = find(path);
    if (!at) throw badRequest(`add operation does not apply: doc is missing path: ${JSON.stringify(path)}: ${MISSING}`);
    if (Array.isArray(at.parent)) {
      const i = index(at.parent, at.key, at.parent.length);
      if (i === undefined) throw badRequest(`error in add for path: '${path}': Unable to access invalid index: ${at.key}: ${INDEX}`);
      at.parent.splice(i, 0, value);
    } else if (isObject(at.parent)) at.parent[at.key] = value;
  };
  const replace = (path: string, value: Json) => {
    if (path === '') {
      doc = value;
      return;
    }
    const at = find(path);
    if (!at) throw badRequest(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
    if (Array.isArray(at.parent)) {
      const i = index(at.parent, at.key, at.parent.length - 1);
      if (i === undefined) throw badRequest(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
      at.parent[i] = value;
    } else if (isObject(at.parent)) at.parent[at.key] = value;
  };
  for (const op of ops as Record<string, Json>[]) {
    const path = String(op.path ?? '');
    switch (op.op) {
      case 'add':
        add(path, structuredClone(op.value));
        break;
      case 'remove':
        remove(path, 'remove');
        break;
      case 'replace':
        replace(path, structuredClone(op.value));
        break;
      case 'move':
        add(path, remove(String(op.from), 'move'));
        break;
      case 'copy':
        add(path, structuredClone(get(String(op.from))));
        break;
      case 'test':
        if (JSON.stringify(get(path)) !== JSON.stringify(op.value ?? null)) throw badRequest(`testing value ${path} failed: test failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return doc;
}

export function applyPatch(obj: KubeObject, type: PatchType, patch: unknown, spec: KindSpec): KubeObject {
  switch (type) {
    case 'json':
      return jsonPatch(obj, patch) as unknown as KubeObject;
    case 'merge':
      return mergePatch(obj, patch) as unknown as KubeObject;
    case 'strategic':
      // custom resources never get here: the API server refuses strategic patches for them (415)
      return strategicMerge(obj, patch, spec) as KubeObject;
  }
}
