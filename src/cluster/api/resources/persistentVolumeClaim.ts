import { age } from '../../meta/duration.js';
import { parseQuantity } from '../../meta/quantity.js';
import { decodeQuantities } from './quantities.js';
import { ACCESS_MODES, accessModesString, storageClassOf } from './volumes.js';
import { forbiddenField, notSupported, required, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';

const VOLUME_MODES = ['Block', 'Filesystem'];

export const persistentVolumeClaim = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  shortNames: ['pvc'],
  namespaced: true,
  statusSubresource: true,
  defaults(obj) {
    const spec = (obj.spec ??= {});
    decodeQuantities('PersistentVolumeClaim', 'v1', [spec.resources?.requests, spec.resources?.limits]);
    spec.volumeMode ??= 'Filesystem';
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending' };
  },
  validate(obj, old) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    const modes: string[] = spec.accessModes ?? [];
    if (!modes.length) errs.push(required('spec.accessModes', 'at least 1 access mode is required'));
    for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(notSupported('spec.accessModes', m, ACCESS_MODES));
    if (modes.includes('ReadWriteOncePod') && modes.length > 1)
      errs.push(forbiddenField('spec.accessModes', 'may not use ReadWriteOncePod with other access modes'));
    if (spec.resources?.requests?.storage === undefined) errs.push(required('spec.resources[storage]'));
    if (!VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
    if (old) {
      // only a bound claim may change its storage request; a pending claim may still be bound to a volume
      const bound = obj.status?.phase === 'Bound';
      const strip = (s: any) => {
        const c = structuredClone(s ?? {});
        if (bound && c.resources?.requests) delete c.resources.requests.storage;
        delete c.volumeAttributesClassName;
        if (!old.spec?.volumeName) delete c.volumeName;
        return JSON.stringify(c);
      };
      if (strip(spec) !== strip(old.spec))
        errs.push(forbiddenField('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
      // with RecoverVolumeExpansionFailure (beta, on by default in v1.32) a request may come back down
      // to retry a smaller expansion, but not to the size the volume already has
      const newSize = parseQuantity(spec.resources?.requests?.storage);
      const oldSize = parseQuantity(old.spec?.resources?.requests?.storage);
      if (newSize !== undefined && oldSize !== undefined && newSize < oldSize && newSize <= (parseQuantity(old.status?.capacity?.storage) ?? 0))
        errs.push(forbiddenField('spec.resources.requests.storage', 'field can not be less than status.capacity'));
    }
    return errs;
  },
  table: {
    columns: [
      { name: 'Name' },
      { name: 'Status' },
      { name: 'Volume' },
      { name: 'Capacity' },
      { name: 'Access Modes' },
      { name: 'StorageClass' },
      { name: 'VolumeAttributesClass' },
      { name: 'Age' },
      { name: 'VolumeMode', priority: 1 },
    ],
    row: (o, now) => {
      const spec = o.spec ?? {};
      const bound = !!spec.volumeName;
      return [
        o.metadata.name!,
        o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? ''),
        spec.volumeName ?? '',
        bound && o.status?.capacity?.storage !== undefined ? String(o.status.capacity.storage) : '',
        bound ? accessModesString(o.status?.accessModes) : '',
        storageClassOf(o),
        spec.volumeAttributesClassName ?? '<unset>',
        age(o.metadata.creationTimestamp, now),
        spec.volumeMode ?? '<unset>',
      ];
    },
  },
} satisfies KindSpec;
