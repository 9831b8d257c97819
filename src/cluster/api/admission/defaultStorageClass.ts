import type { KubeObject } from '../types.js';
import { isDefaultClass } from '../resources/storageClass.js';
import type { AdmissionPlugin } from './admissionPlugin.js';

/** Of several default classes, the newest wins (then the name), as since v1.28. */
export function newest(classes: KubeObject[]): KubeObject | undefined {
  return [...classes].sort((a, b) =>
    a.metadata.creationTimestamp === b.metadata.creationTimestamp
      ? (a.metadata.name! < b.metadata.name! ? -1 : 1)
      : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? -1 : 1,
  )[0];
}

/**
 * DefaultStorageClass: a new PersistentVolumeClaim that names no storageClassName gets the default
 * StorageClass's (an explicit `""` asks for none and is kept).
 */
export const DefaultStorageClass = {
  name: 'DefaultStorageClass',
  mutate(attrs, doc) {
    if (attrs.operation !== 'CREATE' || attrs.subresource || attrs.spec.kind !== 'PersistentVolumeClaim' || attrs.spec.group !== '') return;
    const spec = (attrs.object.spec ??= {});
    if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
    const def = newest(Object.values(doc.objects['storage.k8s.io/storageclasses'] ?? {}).filter(isDefaultClass));
    if (def) spec.storageClassName = def.metadata.name;
  },
} satisfies AdmissionPlugin;
