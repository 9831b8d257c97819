import { rfc3339 } from '../../clock.js';
import { age } from '../../meta/duration.js';
import { decodeQuantities } from './quantities.js';
import { ACCESS_MODES, accessModesString, storageClassOf } from './volumes.js';
import { forbiddenField, invalid, notSupported, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const SOURCES = [
  'hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'cephfs', 'rbd', 'glusterfs', 'flexVolume', 'azureFile', 'azureDisk',
  'awsElasticBlockStore', 'gcePersistentDisk', 'cinder', 'vsphereVolume', 'portworxVolume', 'scaleIO', 'storageos', 'quobyte', 'photonPersistentDisk', 'flocker',
];

export const persistentVolume = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  shortNames: ['pv'],
  namespaced: false,
  statusSubresource: true,
  defaults(obj) {
    const spec = (obj.spec ??= {});
    decodeQuantities('PersistentVolume', 'v1', [spec.capacity]);
    spec.persistentVolumeReclaimPolicy ||= 'Retain';
    spec.volumeMode ??= 'Filesystem';
    if (spec.hostPath) spec.hostPath.type ??= '';
  },
  prepareForCreate(obj, ctx) {
    obj.status = { phase: 'Pending', lastPhaseTransitionTime: rfc3339(ctx.now()) };
  },
  validate(obj, old) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    const modes: string[] = spec.accessModes ?? [];
    if (!modes.length) errs.push(required('spec.accessModes'));
    for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES));
    if (modes.includes('ReadWriteOncePod') && modes.length > 1)
      errs.push(forbiddenField('spec.accessModes', 'may not use ReadWriteOncePod with other access modes'));
    if (!spec.capacity || !Object.keys(spec.capacity).length) errs.push(required('spec.capacity'));
    else if (spec.capacity.storage === undefined) errs.push(notSupported('spec.capacity', Object.keys(spec.capacity)[0], ['storage']));
    if (!RECLAIM_POLICIES.includes(spec.persistentVolumeReclaimPolicy))
      errs.push(notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, RECLAIM_POLICIES));
    if (!VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
    const sources = SOURCES.filter((s) => spec[s] !== undefined);
    if (!sources.length) errs.push(required('spec', 'must specify a volume type'));
    else if (sources.length > 1) errs.push(forbiddenField(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
    if (spec.hostPath && !spec.hostPath.path) errs.push(required('spec.hostPath.path'));
    if (spec.local && !spec.local.path) errs.push(required('spec.local.path'));
    if (spec.local && !spec.nodeAffinity) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
    if (spec.nfs) {
      if (!spec.nfs.server) errs.push(required('spec.nfs.server'));
      if (!spec.nfs.path) errs.push(required('spec.nfs.path'));
      else if (!String(spec.nfs.path).startsWith('/')) errs.push(invalid('spec.nfs.path', spec.nfs.path, 'must be an absolute path'));
    }
    if (old && old.spec?.volumeMode !== spec.volumeMode)
      errs.push(invalid('spec.volumeMode', spec.volumeMode, 'field is immutable'));
    return errs;
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Capacity' },
      { name: 'Access Modes' },
      { name: 'Reclaim Policy' },
      { name: 'Status' },
      { name: 'Claim' },
      { name: 'StorageClass' },
      { name: 'VolumeAttributesClass' },
      { name: 'Reason' },
      { name: 'Age' },
      { name: 'VolumeMode', priority: 1 },
    ],
    row: (o, now) => {
      const spec = o.spec ?? {};
      const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
      return [
        o.metadata.name!,
        spec.capacity?.storage !== undefined ? String(spec.capacity.storage) : '0',
        accessModesString(spec.accessModes),
        spec.persistentVolumeReclaimPolicy ?? '',
        o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
        claim,
        storageClassOf(o),
        spec.volumeAttributesClassName ?? '<unset>',
        o.status?.reason ?? '',
        age(o.metadata.creationTimestamp, now),
        spec.volumeMode ?? '<unset>',
      ];
    },
  },
} satisfies KindSpec;
