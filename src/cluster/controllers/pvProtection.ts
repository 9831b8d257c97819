import type { SyncContext } from '../component.js';
import { StatusError } from '../api/status.js';
import { PV_PROTECTION_FINALIZER } from '../api/admission/storageObjectInUseProtection.js';
import type { ControllerSpec } from './controllerSpec.js';

/**
 * persistentvolume-protection-controller (pkg/controller/volume/pvprotection): a volume being deleted
 * keeps its `kubernetes.io/pv-protection` finalizer while its phase is Bound (the binder moves it to
 * Released once its claim is gone), then loses it and goes; a volume not being deleted gets the
 * finalizer if it lacks it.
 */
async function sync(ctx: SyncContext): Promise<void> {
  const spec = ctx.kinds.forKind('PersistentVolume', '');
  if (!spec) return;
  for (const pv of ctx.view.list('/persistentvolumes')) {
    const finalizers = pv.metadata.finalizers ?? [];
    let wanted: string[] | undefined;
    if (pv.metadata.deletionTimestamp) {
      // isBeingUsed: the binder's status says whether a claim holds it
      if (!finalizers.includes(PV_PROTECTION_FINALIZER) || pv.status?.phase === 'Bound') continue;
      wanted = finalizers.filter((f) => f !== PV_PROTECTION_FINALIZER);
    } else if (!finalizers.includes(PV_PROTECTION_FINALIZER)) {
      wanted = [...finalizers, PV_PROTECTION_FINALIZER];
    }
    if (!wanted) continue;
    const fresh = structuredClone(pv);
    fresh.metadata.finalizers = wanted;
    try {
      await ctx.client.update(spec, fresh);
    } catch (e) {
      // changed or gone meanwhile: the next round looks again
      if (!(e instanceof StatusError) || (e.reason !== 'Conflict' && e.reason !== 'NotFound')) throw e;
    }
  }
}

export const pvProtectionController = {
  name: 'persistentvolume-protection-controller',
  aliases: ['pv-protection'],
  user: 'system:serviceaccount:kube-system:pv-protection-controller',
  eventSource: 'pv-protection-controller',
  sync,
} satisfies ControllerSpec;
