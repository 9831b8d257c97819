import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { StatusError } from '../api/status.js';
import { isControlledBy } from '../meta/ownerRefs.js';
import { PVC_PROTECTION_FINALIZER } from '../api/admission/storageObjectInUseProtection.js';
import type { ControllerSpec } from './controllerSpec.js';

/**
 * persistentvolumeclaim-protection-controller (pkg/controller/volume/pvcprotection): a claim being
 * deleted keeps its `kubernetes.io/pvc-protection` finalizer while a pod uses it, and loses it (so goes)
 * once none does; a claim that is not being deleted gets the finalizer if it lacks it (one created while
 * the admission plugin was off).
 */

/**
 * podIsShutDown: deleted with a zero grace period, so the kubelet is done with it (or it was forced);
 * it no longer holds its generic ephemeral volume's claim.
 */
function podIsShutDown(pod: KubeObject): boolean {
  return !!pod.metadata.deletionTimestamp && pod.metadata.deletionGracePeriodSeconds === 0;
}

/**
 * podUsesPVC: only a scheduled pod counts (the kubelet never starts one on a claim being deleted), and
 * whatever its phase: a Completed pod still holds its claims. A generic ephemeral volume's claim is
 * `<pod>-<volume>` and must be controlled by that pod.
 */
export function podUsesPVC(pod: KubeObject, pvc: KubeObject): boolean {
  if (!pod.spec?.nodeName) return false;
  return (pod.spec.volumes ?? []).some(
    (v: KubeObject) =>
      (v.persistentVolumeClaim && v.persistentVolumeClaim.claimName === pvc.metadata.name) ||
      (!podIsShutDown(pod) && v.ephemeral && `${pod.metadata.name}-${v.name}` === pvc.metadata.name && isControlledBy(pvc, pod)),
  );
}

async function sync(ctx: SyncContext): Promise<void> {
  const spec = ctx.kinds.forKind('PersistentVolumeClaim', '');
  if (!spec) return;
  for (const pvc of ctx.view.list('/persistentvolumeclaims')) {
    const finalizers = pvc.metadata.finalizers ?? [];
    let wanted: string[] | undefined;
    if (pvc.metadata.deletionTimestamp) {
      // IsDeletionCandidate: being deleted and still protected
      if (!finalizers.includes(PVC_PROTECTION_FINALIZER)) continue;
      if (ctx.view.list('/pods', pvc.metadata.namespace).some((p) => podUsesPVC(p, pvc))) continue; // Keeping PVC because it is being used
      wanted = finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER);
    } else if (!finalizers.includes(PVC_PROTECTION_FINALIZER)) {
      // NeedToAddFinalizer
      wanted = [...finalizers, PVC_PROTECTION_FINALIZER];
    }
    if (!wanted) continue;
    const fresh = structuredClone(pvc);
    fresh.metadata.finalizers = wanted;
    try {
      await ctx.client.update(spec, fresh);
    } catch (e) {
      // changed or gone meanwhile: the next round looks again
      if (!(e instanceof StatusError) || (e.reason !== 'Conflict' && e.reason !== 'NotFound')) throw e;
    }
  }
}

export const pvcProtectionController = {
  name: 'persistentvolumeclaim-protection-controller',
  aliases: ['pvc-protection'],
  user: 'system:serviceaccount:kube-system:pvc-protection-controller',
  eventSource: 'pvc-protection-controller',
  sync,
} satisfies ControllerSpec;
