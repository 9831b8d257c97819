import type { StoreDocument } from '../store/document.js';
import { CRD_CLEANUP_FINALIZER, CRD_RESOURCE } from './crd.js';
import type { KindRegistry } from './registry.js';
import type { KindSpec } from './resources/kindSpec.js';
import type { KubeObject } from './types.js';
import { acceptNames } from './resources/customResourceDefinition.js';

/** What the CRD finalizer needs from the API server: its kinds, its clock, and writes inside the current transaction. */
export interface FinalizerHost {
  kinds: KindRegistry;
  now(): number;
  /** DELETE with default options: honours finalizers and grace periods */
  deleteObject(doc: StoreDocument, spec: KindSpec, namespace: string | undefined, name: string): void;
  /** stores a changed object (MODIFIED), or removes it (DELETED) when nothing holds it any more */
  writeObject(doc: StoreDocument, spec: KindSpec, obj: KubeObject): void;
}

/**
 * The CRD finalizer of apiextensions-apiserver: a CustomResourceDefinition being deleted first has all
 * its custom resources deleted; once they are gone its cleanup finalizer is removed and it vanishes.
 */
function finalizeCRDs(doc: StoreDocument, host: FinalizerHost): void {
  const crdSpec = host.kinds.byKey(CRD_RESOURCE);
  if (!crdSpec) return;
  for (const crd of Object.values(doc.objects[CRD_RESOURCE] ?? {})) {
    if (!crd.metadata.deletionTimestamp || !(crd.metadata.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER)) continue;
    const key = `${crd.spec.group}/${crd.status?.acceptedNames?.plural ?? crd.spec.names?.plural}`;
    const spec = host.kinds.byKey(key);
    if (spec)
      for (const obj of Object.values(doc.objects[key] ?? {}))
        if (!obj.metadata.deletionTimestamp) host.deleteObject(doc, spec, obj.metadata.namespace, obj.metadata.name!);
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
  }
}

/** A deleted CRD frees its names: the naming controller looks again at the CRDs of its group it refused. */
function reconsiderNames(doc: StoreDocument, host: FinalizerHost, crdSpec: KindSpec, group: string): void {
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

/**
 * The CRD finalizer runs inside kube-apiserver (in its apiextensions-apiserver), not in the controller
 * manager, so the API server runs it at the end of each write.
 */
export function runCRDFinalizer(doc: StoreDocument, host: FinalizerHost): void {
  finalizeCRDs(doc, host);
}
