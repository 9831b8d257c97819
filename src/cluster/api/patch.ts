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

/** RFC 6902 JSON patch: add, remove, replace, move, copy, test. */
export function jsonPatch(target: unknown, ops: unknown): Json {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target) as Json;
  const walk = (path: string): { parent: Json; key: string } => {
    if (path === '') return { parent: null, key: '' };
    const segs = path.split('/').slice(1).map(unescapePointer);
    let cur: Json = doc;
    for (const s of segs.slice(0, -1)) {
      if (Array.isArray(cur)) cur = cur[Number(s)];
      else if (isObject(cur)) cur = cur[s];
      else cur = undefined as unknown as Json;
      if (cur === undefined || cur === null) throw badRequest(`the server rejected our request due to an error in our request`);
    }
    return { parent: cur, key: segs[segs.length - 1] };
  };
  const get = (path: string): Json => {
    const { parent, key } = walk(path);
    if (path === '') return doc;
    const v = Array.isArray(parent) ? parent[Number(key)] : isObject(parent) ? parent[key] : undefined;
    if (v === undefined) throw badRequest(`the server rejected our request due to an error in our request`);
    return v;
  };
  const remove = (path: string): Json => {
    const { parent, key } = walk(path);
    if (Array.isArray(parent)) {
      const i = Number(key);
      if (!(i >= 0 && i < parent.length)) throw badRequest(`the server rejected our request due to an error in our request`);
      return parent.splice(i, 1)[0];
    }
    if (isObject(parent) && key in parent) {
      const v = parent[key];
      delete parent[key];
      return v;
    }
    throw badRequest(`the server rejected our request due to an error in our request`);
  };
  const add = (path: string, value: Json) => {
    if (path === '') {
      doc = value;
      return;
    }
    const { parent, key } = walk(path);
    if (Array.isArray(parent)) {
      const i = key === '-' ? parent.length : Number(key);
      if (!(i >= 0 && i <= parent.length)) throw badRequest(`the server rejected our request due to an error in our request`);
      parent.splice(i, 0, value);
    } else if (isObject(parent)) parent[key] = value;
    else throw badRequest(`the server rejected our request due to an error in our request`);
  };
  for (const op of ops as Record<string, Json>[]) {
    const path = String(op.path ?? '');
    switch (op.op) {
      case 'add':
        add(path, structuredClone(op.value));
        break;
      case 'remove':
        remove(path);
        break;
      case 'replace':
        remove(path);
        add(path, structuredClone(op.value));
        break;
      case 'move':
        add(path, remove(String(op.from)));
        break;
      case 'copy':
        add(path, structuredClone(get(String(op.from))));
        break;
      case 'test':
        if (JSON.stringify(get(path)) !== JSON.stringify(op.value))
          throw badRequest(`the server rejected our request due to an error in our request`);
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
