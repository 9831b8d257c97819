import { forbidden } from '../status.js';
import { parseQuantity } from '../../meta/quantity.js';
import { storageClassOf } from '../resources/volumes.js';
import type { AdmissionPlugin } from './admissionPlugin.js';

/**
 * PersistentVolumeClaimResize: a claim may ask for more storage only when it is bound and its
 * StorageClass says `allowVolumeExpansion: true` (the class's provisioner then grows the volume).
 */
export const PersistentVolumeClaimResize = {
  name: 'PersistentVolumeClaimResize',
  validate(attrs, doc) {
    if (attrs.operation !== 'UPDATE' || attrs.subresource || attrs.spec.plural !== 'persistentvolumeclaims' || attrs.spec.group !== '') return;
    const pvc = attrs.object;
    const old = attrs.oldObject!;
    const newSize = parseQuantity(pvc.spec?.resources?.requests?.storage) ?? 0;
    const oldSize = parseQuantity(old.spec?.resources?.requests?.storage) ?? 0;
    if (newSize <= oldSize) return;
    const refuse = (why: string) => {
      throw forbidden(attrs.spec.plural, attrs.spec.group, attrs.name, why);
    };
    if (old.status?.phase !== 'Bound') refuse('Only bound persistent volume claims can be expanded');
    const cls = storageClassOf(pvc);
    const sc = cls && cls === storageClassOf(old) ? doc.objects['storage.k8s.io/storageclasses']?.[`/${cls}`] : undefined;
    if (sc?.allowVolumeExpansion !== true)
      refuse('only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
  },
} satisfies AdmissionPlugin;
