import type { KindSpec } from './resources/kindSpec.js';
import { mergePatch } from './patch.js';

/**
 * Strategic merge patch: like a JSON merge patch, except that lists which Kubernetes declares with a
 * patch merge key (containers by name, ports by containerPort, env by name...) are merged element by
 * element instead of being replaced, and the directives `$patch: delete|replace|merge`,
 * `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>` and `$retainKeys` are honoured.
 * The patch metadata (patchMergeKey/patchStrategy struct tags of k8s.io/api) is keyed by field name,
 * with the parent path to tell apart the few names that mean different things in different places.
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
  schedulingGates: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  resourceClaims: 'name',
  addresses: 'type',
};

/** The patch merge key of a list field, or undefined for an atomic list (replaced whole). */
export function mergeKeyFor(field: string, parentPath: string[]): string | undefined {
  const parent = parentPath[parentPath.length - 1];
  if (field === 'ports') {
    // Container.ports merge by containerPort, ServiceSpec.ports by port; other ports lists are atomic
    if (parent === 'containers' || parent === 'initContainers' || parent === 'ephemeralContainers') return 'containerPort';
    if (parentPath.length === 1 && parent === 'spec') return 'port';
    return undefined;
  }
  if (field === 'secrets') return parentPath.length === 0 ? 'name' : undefined; // ServiceAccount.secrets
  return MERGE_KEYS[field];
}

/** Lists of scalars with patchStrategy merge: they are merged as sets (`finalizers`, `podCIDRs`). */
const SET_LISTS = new Set(['finalizers', 'podCIDRs']);

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const equal = (a: unknown, b: unknown): boolean => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObject(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';

function mergeValue(target: unknown, patch: unknown, path: string[]): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Obj = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith(SET_ORDER) || k === '$retainKeys' || k === '$patch') continue;
    if (k.startsWith(DELETE_PRIMITIVE)) {
      const field = k.slice(DELETE_PRIMITIVE.length);
      const cur = Array.isArray(out[field]) ? (out[field] as unknown[]) : [];
      out[field] = cur.filter((x) => !(v as unknown[]).includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const key = mergeKeyFor(k, path);
    if (Array.isArray(v) && key) {
      out[k] = mergeList(Array.isArray(out[k]) ? (out[k] as unknown[]) : [], v, key, [...path, k]);
    } else if (Array.isArray(v) && SET_LISTS.has(k) && Array.isArray(out[k])) {
      out[k] = [...new Set([...(out[k] as unknown[]), ...v])];
    } else {
      const merged = mergeValue(out[k], v, [...path, k]);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    }
  }
  // $setElementOrder: the listed elements first, in the order given, then the others as they were
  for (const [k, order] of Object.entries(patch)) {
    if (!k.startsWith(SET_ORDER) || !Array.isArray(order)) continue;
    const field = k.slice(SET_ORDER.length);
    const list = out[field];
    if (!Array.isArray(list)) continue;
    const key = mergeKeyFor(field, path);
    const pos = (x: unknown) => order.findIndex((o) => (key ? isObject(o) && isObject(x) && o[key] === x[key] : equal(o, x)));
    out[field] = list
      .map((x, i) => ({ x, i, p: pos(x) }))
      .sort((a, b) => (a.p < 0 || b.p < 0 ? (a.p < 0 && b.p < 0 ? a.i - b.i : a.p < 0 ? 1 : -1) : a.p - b.p))
      .map((e) => e.x);
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
  // custom resources have no patch strategies: the API server treats their patches as merge patches
  if ((spec as { custom?: boolean } | undefined)?.custom) return mergePatch(target, patch);
  return mergeValue(target, patch, []);
}

// ---------------------------------------------------------------- the three-way patch kubectl apply sends

/**
 * kubectl apply's patch (strategicpatch.CreateThreeWayMergePatch, or jsonmergepatch's for custom
 * resources when `strategic` is false): every field of `modified` (the manifest) that differs from
 * `current` (the live object) is set, and every field of `original` (the last-applied configuration)
 * that `modified` no longer has is deleted. Fields only the live object has are left alone. An empty
 * object means there is nothing to change.
 */
export function threeWayMergePatch(original: unknown, modified: unknown, current: unknown, strategic = true): Obj {
  return diffMaps(isObject(original) ? original : undefined, isObject(modified) ? modified : {}, isObject(current) ? current : {}, [], strategic);
}

function diffMaps(original: Obj | undefined, modified: Obj, current: Obj, path: string[], strategic: boolean): Obj {
  const patch: Obj = {};
  for (const [k, m] of Object.entries(modified)) {
    const c = current[k];
    const o = original?.[k];
    if (c === undefined) {
      if (m !== null) patch[k] = structuredClone(m);
      continue;
    }
    if (isObject(m) && isObject(c)) {
      const sub = diffMaps(isObject(o) ? o : undefined, m, c, [...path, k], strategic);
      if (Object.keys(sub).length) patch[k] = sub;
      continue;
    }
    if (Array.isArray(m) && Array.isArray(c) && strategic) {
      const key = mergeKeyFor(k, path);
      if (key) {
        diffMergeList(patch, k, Array.isArray(o) ? o : undefined, m, c, key, [...path, k]);
        continue;
      }
      if (SET_LISTS.has(k)) {
        const added = m.filter((x) => !c.some((y) => equal(x, y)));
        const removed = Array.isArray(o) ? o.filter((x) => !m.some((y) => equal(x, y))) : [];
        if (added.length) patch[k] = added;
        if (removed.length) patch[`${DELETE_PRIMITIVE}${k}`] = removed;
        if (added.length || removed.length) patch[`${SET_ORDER}${k}`] = structuredClone(m);
        continue;
      }
    }
    if (!equal(m, c)) patch[k] = structuredClone(m);
  }
  // what the last apply set and this one no longer does
  if (original)
    for (const k of Object.keys(original)) if (!(k in modified)) patch[k] = null;
  return patch;
}

function diffMergeList(patch: Obj, field: string, original: unknown[] | undefined, modified: unknown[], current: unknown[], key: string, path: string[]): void {
  const byKey = (list: unknown[] | undefined, v: unknown) => list?.find((x) => isObject(x) && x[key] === v);
  const items: unknown[] = [];
  for (const m of modified) {
    if (!isObject(m)) continue;
    const c = byKey(current, m[key]);
    if (!isObject(c)) {
      items.push(structuredClone(m));
      continue;
    }
    const o = byKey(original, m[key]);
    const sub = diffMaps(isObject(o) ? o : undefined, m, c, path, true);
    if (Object.keys(sub).length) items.push({ ...sub, [key]: m[key] });
  }
  for (const o of original ?? [])
    if (isObject(o) && !byKey(modified, o[key]) && byKey(current, o[key])) items.push({ $patch: 'delete', [key]: o[key] });
  if (!items.length) return;
  patch[`${SET_ORDER}${field}`] = modified.filter(isObject).map((m) => ({ [key]: m[key] }));
  patch[field] = items;
}
