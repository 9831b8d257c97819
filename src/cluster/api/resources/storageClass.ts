import { age } from '../../meta/duration.js';
import { forbiddenField, invalid, isQualifiedName, notSupported, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

/** storageutil.IsDefaultAnnotation: the GA or the beta annotation set to "true". */
export function isDefaultClass(o: KubeObject): boolean {
  const a = o.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

export const storageClass = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  plural: 'storageclasses',
  singular: 'storageclass',
  shortNames: ['sc'],
  namespaced: false,
  defaults(obj) {
    // SetDefaults_StorageClass
    obj.reclaimPolicy ||= 'Delete';
    obj.volumeBindingMode ||= 'Immediate';
  },
  validate(obj, old) {
    const errs: FieldError[] = [];
    if (!obj.provisioner) errs.push(required('provisioner'));
    else for (const m of isQualifiedName(String(obj.provisioner).toLowerCase())) errs.push(invalid('provisioner', obj.provisioner, m));
    if (!RECLAIM_POLICIES.includes(obj.reclaimPolicy)) errs.push(notSupported('reclaimPolicy', obj.reclaimPolicy, RECLAIM_POLICIES));
    if (!BINDING_MODES.includes(obj.volumeBindingMode)) errs.push(notSupported('volumeBindingMode', obj.volumeBindingMode, BINDING_MODES));
    if (old) {
      if (JSON.stringify(old.parameters ?? {}) !== JSON.stringify(obj.parameters ?? {}))
        errs.push(forbiddenField('parameters', 'updates to parameters are forbidden.'));
      if (old.provisioner !== obj.provisioner) errs.push(forbiddenField('provisioner', 'updates to provisioner are forbidden.'));
      if (old.reclaimPolicy !== obj.reclaimPolicy) errs.push(forbiddenField('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
      if (old.volumeBindingMode !== obj.volumeBindingMode) errs.push(invalid('volumeBindingMode', obj.volumeBindingMode, 'field is immutable'));
    }
    return errs;
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Provisioner' },
      { name: 'ReclaimPolicy' },
      { name: 'VolumeBindingMode' },
      { name: 'AllowVolumeExpansion' },
      { name: 'Age' },
    ],
    row: (o, now) => [
      isDefaultClass(o) ? `${o.metadata.name} (default)` : o.metadata.name!,
      o.provisioner ?? '',
      o.reclaimPolicy ?? 'Delete',
      o.volumeBindingMode ?? 'Immediate',
      o.allowVolumeExpansion ? 'true' : 'false',
      age(o.metadata.creationTimestamp, now),
    ],
  },
} satisfies KindSpec;
