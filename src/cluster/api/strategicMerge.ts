import type { KindSpec } from './resources/kindSpec.js';
import { mergePatch } from './patch.js';

/**
 * Strategic merge patch: like a JSON merge patch, except that lists which Kubernetes declares with a
 * patch merge key (containers by name, ports by containerPort, env by name...) are merged element by
 * element instead of being replaced, and `$patch: delete|replace` directives are honoured.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  conditions: 'type',
  ownerReferences: 'uid',
  readinessGates: 'conditionType',
  resourceClaims: 'name',
};

/** ports merge by containerPort in a container and by port in a Service */
function mergeKeyFor(field: string, parentPath: string[]): string | undefined {
  if (field === 'ports') return parentPath.includes('containers') || parentPath.includes('initContainers') ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
}

/** Lists whose elements are primitives merged as a set (`finalizers`). */
const SET_LISTS = new Set(['finalizers']);

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function mergeValue(target: unknown, patch: unknown, path: string[]): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Obj = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys' || k === '$patch') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = Array.isArray(out[field]) ? (out[field] as unknown[]) : [];
      out[field] = cur.filter((x) => !(v as unknown[]).includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const key = mergeKeyFor(k, path);
    if (Array.isArray(v) && key && Array.isArray(out[k])) {
      out[k] = mergeList(out[k] as unknown[], v, key, [...path, k]);
    } else if (Array.isArray(v) && SET_LISTS.has(k) && Array.isArray(out[k])) {
      out[k] = [...new Set([...(out[k] as unknown[]), ...v])];
    } else {
      const merged = mergeValue(out[k], v, [...path, k]);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const k of Object.keys(out)) if (!(patch.$retainKeys as string[]).includes(k)) delete out[k];
  }
  return out;
}

function mergeList(target: unknown[], patch: unknown[], key: string, path: string[]): unknown[] {
  if (patch.some((p) => isObject(p) && p.$patch === 'replace')) {
    return patch.filter((p) => !(isObject(p) && p.$patch === 'replace')).map((p) => structuredClone(p));
  }
  const out = target.map((t) => structuredClone(t));
  for (const p of patch) {
    if (!isObject(p)) {
      out.push(structuredClone(p));
      continue;
    }
    const idx = out.findIndex((t) => isObject(t) && t[key] === p[key]);
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = mergeValue(out[idx], p, path);
    else out.push(mergeValue(undefined, p, path));
  }
  return out;
}

export function strategicMerge(target: unknown, patch: unknown, spec?: Pick<KindSpec, 'group'> & { custom?: boolean }): unknown {
  if ((spec as { custom?: boolean } | undefined)?.custom) return mergePatch(target, patch);
  return mergeValue(target, patch, []);
}
