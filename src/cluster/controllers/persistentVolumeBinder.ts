import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { parseQuantity } from '../meta/quantity.js';
import { selectorMatches } from '../meta/selectors.js';
import { storageClassOf } from '../api/resources/volumes.js';
import { rfc3339 } from '../clock.js';
import type { ControllerSpec } from './controllerSpec.js';

/**
 * persistent-volume-binder (pkg/controller/volume/persistentvolume): binds each pending claim to the
 * smallest available volume that satisfies it (same storage class, every requested access mode, enough
 * capacity, same volume mode, the claim's selector), writes the bind on both sides, and keeps the phases:
 * a volume is Available, Bound or Released; a claim is Pending, Bound or Lost. There is no provisioner in
 * the simulated cluster, so a claim with no matching volume stays Pending with a FailedBinding event.
 */

const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';

function claimKey(ns: string | undefined, name: string | undefined): string {
  return `${ns ?? ''}/${name ?? ''}`;
}

/** Whether a volume can serve a claim (findMatchingVolume's checks, minus the node topology). */
export function volumeMatches(pv: KubeObject, claim: KubeObject): boolean {
  if (storageClassOf(pv) !== storageClassOf(claim)) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (claim.spec?.volumeMode ?? 'Filesystem')) return false;
  const modes: string[] = pv.spec?.accessModes ?? [];
  if (!(claim.spec?.accessModes ?? []).every((m: string) => modes.includes(m))) return false;
  const want = parseQuantity(claim.spec?.resources?.requests?.storage) ?? 0;
  const have = parseQuantity(pv.spec?.capacity?.storage) ?? 0;
  if (have < want) return false;
  if (claim.spec?.selector && !selectorMatches(claim.spec.selector, pv.metadata.labels)) return false;
  return true;
}

/** WaitForFirstConsumer classes bind only once a pod uses the claim (the scheduler's part, folded in here). */
function waitsForConsumer(ctx: SyncContext, claim: KubeObject): boolean {
  const cls = storageClassOf(claim);
  if (!cls) return false;
  const sc = ctx.view.get('storage.k8s.io/storageclasses', undefined, cls);
  if (sc?.volumeBindingMode !== 'WaitForFirstConsumer') return false;
  return !ctx.view
    .list('/pods', claim.metadata.namespace)
    .some((p) => (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === claim.metadata.name));
}

async function setPhase(ctx: SyncContext, spec: any, obj: KubeObject, status: Record<string, unknown>): Promise<KubeObject> {
  return ctx.client.update(spec, { ...structuredClone(obj), status: { ...(obj.status ?? {}), ...status } }, { subresource: 'status' });
}

async function sync(ctx: SyncContext): Promise<void> {
  const pvSpec = ctx.kinds.forKind('PersistentVolume', '');
  const pvcSpec = ctx.kinds.forKind('PersistentVolumeClaim', '');
  if (!pvSpec || !pvcSpec) return;
  const claims = new Map(ctx.view.list('/persistentvolumeclaims').map((c) => [claimKey(c.metadata.namespace, c.metadata.name), c]));

  // volumes first: a volume whose claim is gone is Released, then deleted if its policy says Delete.
  // A volume being deleted is synced too: Released is what lets pv-protection take its finalizer off.
  const taken = new Set<string>();
  for (let pv of ctx.view.list('/persistentvolumes')) {
    const ref = pv.spec?.claimRef;
    if (!ref) {
      if (!pv.metadata.deletionTimestamp && pv.status?.phase !== 'Available') await setPhase(ctx, pvSpec, pv, { phase: 'Available', lastPhaseTransitionTime: rfc3339(ctx.now) });
      continue;
    }
    const claim = claims.get(claimKey(ref.namespace, ref.name));
    if (claim && (!ref.uid || ref.uid === claim.metadata.uid)) {
      taken.add(pv.metadata.name!);
      continue;
    }
    if (!ref.uid) continue; // pre-bound to a claim that does not exist yet: kept for it
    // a Failed volume keeps its phase, so the user sees what went wrong
    if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed')
      pv = await setPhase(ctx, pvSpec, pv, { phase: 'Released', lastPhaseTransitionTime: rfc3339(ctx.now) });
    // deleteVolumeOperation leaves a volume that is already being deleted alone
    if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete' && !pv.metadata.deletionTimestamp)
      await ctx.client.delete(pvSpec, undefined, pv.metadata.name!).catch(() => undefined);
  }

  for (const claim of [...claims.values()].sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)))) {
    if (claim.metadata.deletionTimestamp) continue;
    const bound = claim.spec?.volumeName;
    if (bound) {
      const pv = ctx.view.get('/persistentvolumes', undefined, bound);
      if (!pv) {
        if (claim.status?.phase !== 'Lost') {
          await setPhase(ctx, pvcSpec, claim, { phase: 'Lost' });
          await ctx.events.record(claim, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
        }
        continue;
      }
      if (claim.status?.phase === 'Bound') continue;
      // a claim that names its volume: bind if the volume is free for it
      if (pv.spec?.claimRef && claimKey(pv.spec.claimRef.namespace, pv.spec.claimRef.name) !== claimKey(claim.metadata.namespace, claim.metadata.name)) continue;
      if (!volumeMatches(pv, claim)) continue;
      await bind(ctx, pv, claim);
      taken.add(pv.metadata.name!);
      continue;
    }
    if (waitsForConsumer(ctx, claim)) {
      await recordOnce(ctx, claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      continue;
    }
    const candidates = ctx.view
      .list('/persistentvolumes')
      .filter((pv) => !pv.metadata.deletionTimestamp && !taken.has(pv.metadata.name!) && pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed')
      .filter((pv) => {
        const ref = pv.spec?.claimRef;
        return !ref || (!ref.uid && claimKey(ref.namespace, ref.name) === claimKey(claim.metadata.namespace, claim.metadata.name));
      })
      .filter((pv) => volumeMatches(pv, claim))
      .sort((a, b) => (parseQuantity(a.spec.capacity.storage) ?? 0) - (parseQuantity(b.spec.capacity.storage) ?? 0) || a.metadata.name!.localeCompare(b.metadata.name!));
    const pv = candidates[0];
    if (!pv) {
      const cls = storageClassOf(claim);
      const msg = cls
        ? `storageclass.storage.k8s.io "${cls}" not found`
        : 'no persistent volumes available for this claim and no storage class is set';
      const hasClass = cls && ctx.view.get('storage.k8s.io/storageclasses', undefined, cls);
      // with a class that exists but no volume, the real controller waits for a provisioner that never comes here
      await recordOnce(ctx, claim, hasClass ? 'Normal' : 'Warning', hasClass ? 'ExternalProvisioning' : 'FailedBinding',
        hasClass ? `Waiting for a volume to be created either by the external provisioner '${hasClass.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.` : msg);
      continue;
    }
    await bind(ctx, pv, claim);
    taken.add(pv.metadata.name!);
  }
}

/** bindVolumeToClaim + bindClaimToVolume: claimRef on the volume, volumeName on the claim, then both phases. */
async function bind(ctx: SyncContext, pv: KubeObject, claim: KubeObject): Promise<void> {
  const pvSpec = ctx.kinds.forKind('PersistentVolume', '')!;
  const pvcSpec = ctx.kinds.forKind('PersistentVolumeClaim', '')!;
  let v = structuredClone(pv);
  if (!v.spec.claimRef?.uid) {
    v.spec.claimRef = {
      kind: 'PersistentVolumeClaim',
      namespace: claim.metadata.namespace,
      name: claim.metadata.name,
      uid: claim.metadata.uid,
      apiVersion: 'v1',
      resourceVersion: claim.metadata.resourceVersion,
    };
    if (!pv.spec?.claimRef) v.metadata.annotations = { ...(v.metadata.annotations ?? {}), [BOUND_BY_CONTROLLER]: 'yes' };
    v = await ctx.client.update(pvSpec, v);
  }
  await setPhase(ctx, pvSpec, v, { phase: 'Bound', lastPhaseTransitionTime: rfc3339(ctx.now) });
  let c = structuredClone(claim);
  c.spec.volumeName = pv.metadata.name;
  const ann: Record<string, string> = { ...(c.metadata.annotations ?? {}), [BIND_COMPLETED]: 'yes' };
  if (!claim.spec?.volumeName) ann[BOUND_BY_CONTROLLER] = 'yes';
  c.metadata.annotations = ann;
  c = await ctx.client.update(pvcSpec, c);
  await setPhase(ctx, pvcSpec, c, { phase: 'Bound', accessModes: [...(pv.spec.accessModes ?? [])], capacity: { ...(pv.spec.capacity ?? {}) } });
}

/** A claim's waiting event, once: the round would otherwise rewrite it forever. */
async function recordOnce(ctx: SyncContext, claim: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
  const seen = ctx.view.list('/events', claim.metadata.namespace).some((e) => e.involvedObject?.uid === claim.metadata.uid && e.reason === reason);
  if (!seen) await ctx.events.record(claim, type, reason, message);
}

export const persistentVolumeBinderController = {
  name: 'persistentvolume-binder-controller',
  aliases: ['persistentvolume-binder'],
  user: 'system:serviceaccount:kube-system:persistent-volume-binder',
  eventSource: 'persistentvolume-controller',
  sync,
} satisfies ControllerSpec;
