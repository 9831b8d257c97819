import { rfc3339 } from '../clock.js';
import type { StoreDocument } from '../store/document.js';
import { CRD_CLEANUP_FINALIZER, CRD_RESOURCE } from './crd.js';
import type { KindRegistry } from './registry.js';
import { resourceKey, type KindSpec } from './resources/kindSpec.js';
import type { KubeObject } from './types.js';
import { acceptNames } from './resources/customResourceDefinition.js';

/** What the cleanup needs from the API server: its kinds, its clock, and writes inside the current transaction. */
export interface CleanupHost {
  kinds: KindRegistry;
  now(): number;
  /** DELETE with default options: honours finalizers and grace periods */
  deleteObject(doc: StoreDocument, spec: KindSpec, namespace: string | undefined, name: string): void;
  /** stores a changed object (MODIFIED), or removes it (DELETED) when nothing holds it any more */
  writeObject(doc: StoreDocument, spec: KindSpec, obj: KubeObject): void;
}

// Condition texts of the namespace controller (pkg/controller/namespace/deletion/status_condition_utils.go).
const NAMESPACE_OK: [string, string, string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

function sameConditions(a: Condition[] | undefined, b: Condition[]): boolean {
  const strip = (cs: Condition[] | undefined) => (cs ?? []).map(({ lastTransitionTime: _t, ...c }) => c);
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** Keeps lastTransitionTime for conditions whose status did not flip. */
function carryTimes(old: Condition[] | undefined, next: Condition[]): Condition[] {
  return next.map((c) => {
    const prev = (old ?? []).find((o) => o.type === c.type);
    return prev && prev.status === c.status ? { ...c, lastTransitionTime: prev.lastTransitionTime } : c;
  });
}

/**
 * The namespace controller's deletion of a Terminating namespace's content, done by the API server
 * at the end of each write until the kube-controller-manager's `namespace` controller takes it over:
 * every namespaced object is deleted (their own finalizers and grace periods still apply); while some
 * remain the namespace reports why in its conditions; once none remain the `kubernetes` finalizer is
 * removed and the namespace vanishes.
 */
function finalizeNamespaces(doc: StoreDocument, host: CleanupHost): boolean {
  let changed = false;
  const nsSpec = host.kinds.byKey('/namespaces');
  if (!nsSpec) return false;
  for (const ns of Object.values(doc.objects['/namespaces'] ?? {})) {
    if (!ns.metadata.deletionTimestamp || !(ns.spec?.finalizers ?? []).includes('kubernetes')) continue;
    const name = ns.metadata.name!;
    const namespaced = host.kinds.all().filter((k) => k.namespaced);
    for (const spec of namespaced)
      for (const obj of Object.values(doc.objects[resourceKey(spec)] ?? {}))
        if (obj.metadata.namespace === name && !obj.metadata.deletionTimestamp) {
          host.deleteObject(doc, spec, name, obj.metadata.name!);
          changed = true;
        }
    const remaining: string[] = [];
    const finalizers = new Map<string, number>();
    for (const spec of namespaced) {
      const left = Object.values(doc.objects[resourceKey(spec)] ?? {}).filter((o) => o.metadata.namespace === name);
      if (left.length) remaining.push(`${spec.plural}.${spec.group} has ${left.length} resource instances`);
      for (const o of left) for (const f of o.metadata.finalizers ?? []) finalizers.set(f, (finalizers.get(f) ?? 0) + 1);
    }
    const now = rfc3339(host.now());
    const next = structuredClone(ns);
    if (!remaining.length) {
      next.spec = { ...next.spec, finalizers: (next.spec.finalizers as string[]).filter((f) => f !== 'kubernetes') };
      if (!next.spec.finalizers.length) delete next.spec.finalizers;
    }
    const conditions = NAMESPACE_OK.map(([type, reason, message]) => ({ type, status: 'False', lastTransitionTime: now, reason, message }));
    if (remaining.length)
      conditions[3] = { ...conditions[3], status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remaining.sort().join(', ')}` };
    if (finalizers.size)
      conditions[4] = {
        ...conditions[4],
        status: 'True',
        reason: 'SomeFinalizersRemain',
        message: `Some content in the namespace has finalizers remaining: ${[...finalizers]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([f, n]) => `${f} in ${n} resource instances`)
          .join(', ')}`,
      };
    const conditionsChanged = !sameConditions(ns.status?.conditions, conditions);
    if (conditionsChanged) next.status = { ...next.status, conditions: carryTimes(ns.status?.conditions, conditions) };
    if (conditionsChanged || !remaining.length) {
      host.writeObject(doc, nsSpec, next);
      changed = true;
    }
  }
  return changed;
}

/**
 * The CRD finalizer of apiextensions-apiserver: a CustomResourceDefinition being deleted first has all
 * its custom resources deleted; once they are gone its cleanup finalizer is removed and it vanishes.
 */
function finalizeCRDs(doc: StoreDocument, host: CleanupHost): boolean {
  let changed = false;
  const crdSpec = host.kinds.byKey(CRD_RESOURCE);
  if (!crdSpec) return false;
  for (const crd of Object.values(doc.objects[CRD_RESOURCE] ?? {})) {
    if (!crd.metadata.deletionTimestamp || !(crd.metadata.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER)) continue;
    const key = `${crd.spec.group}/${crd.status?.acceptedNames?.plural ?? crd.spec.names?.plural}`;
    const spec = host.kinds.byKey(key);
    if (spec)
      for (const obj of Object.values(doc.objects[key] ?? {}))
        if (!obj.metadata.deletionTimestamp) {
          host.deleteObject(doc, spec, obj.metadata.namespace, obj.metadata.name!);
          changed = true;
        }
    const left = Object.keys(doc.objects[key] ?? {}).length;
    if (left) continue;
    const next = structuredClone(crd);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f: string) => f !== CRD_CLEANUP_FINALIZER);
    if (!next.metadata.finalizers?.length) delete next.metadata.finalizers;
    next.status = {
      ...next.status,
      conditions: (next.status?.conditions ?? []).map((c: KubeObject) =>
        c.type === 'Terminating' ? { ...c, status: 'False', reason: 'InstanceDeletionCompleted', message: 'removed all instances' } : c,
      ),
    };
    delete doc.objects[key];
    host.writeObject(doc, crdSpec, next);
    reconsiderNames(doc, host, crdSpec, crd.spec.group);
    changed = true;
  }
  return changed;
}

/** A deleted CRD frees its names: the naming controller looks again at the CRDs of its group it refused. */
function reconsiderNames(doc: StoreDocument, host: CleanupHost, crdSpec: KindSpec, group: string): void {
  const ctx = { now: () => host.now(), list: (resource: string) => Object.values(doc.objects[resource] ?? {}) };
  for (const other of Object.values(doc.objects[CRD_RESOURCE] ?? {})) {
    if (other.spec?.group !== group || other.metadata.deletionTimestamp) continue;
    const accepted = (other.status?.conditions ?? []).some((c: KubeObject) => c.type === 'NamesAccepted' && c.status === 'True');
    if (accepted) continue;
    const next = structuredClone(other);
    acceptNames(next, ctx);
    if (JSON.stringify(next.status) !== JSON.stringify(other.status)) host.writeObject(doc, crdSpec, next);
  }
}

/** Runs the cleanups until nothing more changes (a namespace's last object may free it at once). */
export function runDeletionCleanup(doc: StoreDocument, host: CleanupHost): void {
  for (let round = 0; round < 10; round++) {
    const a = finalizeCRDs(doc, host);
    const b = finalizeNamespaces(doc, host);
    if (!a && !b) return;
  }
}
