import { createHash } from 'node:crypto';
import type { KindSpec } from './resources/kindSpec.js';

/**
 * The API server's legacy discovery documents (`/api`, `/api/v1`, `/apis`, `/apis/GROUP`,
 * `/apis/GROUP/VERSION`), from the kinds it serves, in the order it serves them: `kubectl get --raw`
 * prints them and kubectl's RESTMapper is built from them.
 */

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** base64 of the first 8 bytes of sha256("group/version/kind") (apiserver storageversionhash). */
function storageVersionHash(k: KindSpec): string {
  return createHash('sha256').update(`${k.group}/${k.version}/${k.kind}`).digest().subarray(0, 8).toString('base64');
}

/** The groups in the server's order (first appearance among its kinds), each with its versions, preferred first. */
function groups(kinds: KindSpec[]): { name: string; versions: string[] }[] {
  const out: { name: string; versions: string[] }[] = [];
  for (const k of kinds) {
    if (!k.group) continue;
    let g = out.find((x) => x.name === k.group);
    if (!g) out.push((g = { name: k.group, versions: [] }));
    if (!g.versions.includes(k.version)) g.versions.push(k.version);
  }
  return out;
}

function apiGroup(g: { name: string; versions: string[] }) {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

/** An APIResource entry and its subresources, as discovery lists them. */
function resources(k: KindSpec): Record<string, unknown>[] {
  const main: Record<string, unknown> = {
    name: k.plural,
    singularName: k.singular,
    namespaced: k.namespaced,
    kind: k.kind,
    verbs: [...(k.verbs ?? ALL_VERBS)].sort(),
  };
  if (k.shortNames?.length) main.shortNames = k.shortNames;
  if (k.categories?.length) main.categories = k.categories;
  main.storageVersionHash = storageVersionHash(k);
  const out = [main];
  if (k.scale)
    out.push({ name: `${k.plural}/scale`, singularName: '', namespaced: k.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  if (k.statusSubresource) out.push({ name: `${k.plural}/status`, singularName: '', namespaced: k.namespaced, kind: k.kind, verbs: ['get', 'patch', 'update'] });
  return out;
}

/**
 * The discovery document at a path, or undefined when there is none (the server answers 404).
 * Resources are sorted by name within a group-version, as the API server lists them.
 */
export function discoveryDocument(kinds: KindSpec[], path: string): unknown {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'api') {
    if (parts.length === 1) return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '192.168.1.10:6443' }] };
    if (parts.length === 2 && parts[1] === 'v1') return resourceList(kinds.filter((k) => k.group === '' && k.version === 'v1'), 'v1', false);
    return undefined;
  }
  if (parts[0] !== 'apis') return undefined;
  const gs = groups(kinds);
  if (parts.length === 1) return { kind: 'APIGroupList', apiVersion: 'v1', groups: gs.map(apiGroup) };
  const g = gs.find((x) => x.name === parts[1]);
  if (!g) return undefined;
  if (parts.length === 2) return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) };
  if (parts.length === 3 && g.versions.includes(parts[2]))
    return resourceList(kinds.filter((k) => k.group === g.name && k.version === parts[2]), `${g.name}/${parts[2]}`, true);
  return undefined;
}

function resourceList(kinds: KindSpec[], groupVersion: string, withApiVersion: boolean) {
  const list = [...kinds].sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0)).flatMap(resources);
  // the core group's list carries no apiVersion; the named groups' lists do
  return withApiVersion ? { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: list } : { kind: 'APIResourceList', groupVersion, resources: list };
}
