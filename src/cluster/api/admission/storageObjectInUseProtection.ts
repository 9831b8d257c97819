import type { AdmissionPlugin } from './admissionPlugin.js';

/** volumeutil.PVCProtectionFinalizer and PVProtectionFinalizer: the protection controllers take them off. */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/**
 * StorageObjectInUseProtection: every new PersistentVolumeClaim gets the pvc-protection finalizer and
 * every new PersistentVolume the pv-protection one, so a claim a pod uses, or a volume bound to a claim,
 * is not removed from under it: deleting it leaves it Terminating until the protection controller sees it
 * unused. Only on create, and not on subresources, as the real plugin's Handler(admission.Create).
 * (Its VolumeAttributesClass branch sits behind a feature gate that v1.32 leaves off.)
 */
export const StorageObjectInUseProtection = {
  name: 'StorageObjectInUseProtection',
  mutate(attrs) {
    if (attrs.operation !== 'CREATE' || attrs.subresource || attrs.spec.group !== '') return;
    const finalizer =
      attrs.spec.kind === 'PersistentVolumeClaim' ? PVC_PROTECTION_FINALIZER : attrs.spec.kind === 'PersistentVolume' ? PV_PROTECTION_FINALIZER : undefined;
    if (!finalizer) return;
    const m = attrs.object.metadata;
    if ((m.finalizers ?? []).includes(finalizer)) return;
    m.finalizers = [...(m.finalizers ?? []), finalizer];
  },
} satisfies AdmissionPlugin;
