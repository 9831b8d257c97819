import { storageClassOf } from '../../api/resources/volumes.js';
import { PreFilterRejection, type SchedulerPlugin } from '../types.js';

/**
 * VolumeBinding's PreFilter: a pod whose PersistentVolumeClaim is missing, being deleted, or not yet bound
 * (unless its class waits for the first consumer) is turned away before any node is considered, with the
 * messages kube-scheduler gives. Binding itself is the persistentvolume-binder's work.
 */
export const VolumeBinding = {
  name: 'VolumeBinding',
  preFilter(pod, state) {
    if (!state.claim) return undefined;
    for (const v of pod.spec?.volumes ?? []) {
      const name = v.persistentVolumeClaim?.claimName;
      if (!name) continue;
      const claim = state.claim(pod.metadata.namespace!, name);
      if (!claim) return new PreFilterRejection(`persistentvolumeclaim "${name}" not found`);
      if (claim.metadata.deletionTimestamp) return new PreFilterRejection(`persistentvolumeclaim "${name}" is being deleted`);
      if (claim.status?.phase === 'Bound' || claim.spec?.volumeName) continue;
      const cls = storageClassOf(claim);
      if (cls && state.storageClass?.(cls)?.volumeBindingMode === 'WaitForFirstConsumer') continue;
      return new PreFilterRejection('pod has unbound immediate PersistentVolumeClaims');
    }
    return undefined;
  },
} satisfies SchedulerPlugin;
