import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { controllerRef, isControlledBy } from '../meta/ownerRefs.js';
import { podTemplateHash } from '../meta/hash.js';
import { isPodActive, isPodReady } from '../meta/podUtil.js';
import type { ControllerSpec } from './controllerSpec.js';
import { recordRevision } from './history.js';
import { createOrRecord, mayCreate, nextCreateRetry } from './createBackoff.js';

function ordinal(pod: KubeObject, set: KubeObject): number {
  const m = new RegExp(`^${set.metadata.name}-(\\d+)$`).exec(pod.metadata.name ?? '');
  return m ? Number(m[1]) : -1;
}

/**
 * The statefulset controller: pods `<name>-0..N-1` with stable names and hostnames, claims from
 * volumeClaimTemplates, created in order and each only once the previous is Running and Ready
 * (OrderedReady) or all at once (Parallel); scaled down from the highest ordinal; rolling updates from
 * the highest ordinal down to the partition.
 */
async function syncSet(ctx: SyncContext, set: KubeObject): Promise<void> {
  const podSpec = ctx.kinds.forKind('Pod', '')!;
  const stsSpec = ctx.kinds.forKind('StatefulSet', 'apps')!;
  const pvcSpec = ctx.kinds.forKind('PersistentVolumeClaim', '');
  const ns = set.metadata.namespace!;
  const name = set.metadata.name!;
  if (set.metadata.deletionTimestamp) return;
  const replicas = set.spec?.replicas ?? 1;
  const parallel = set.spec?.podManagementPolicy === 'Parallel';
  const hash = podTemplateHash(set.spec?.template);
  const revision = `${name}-${hash}`;
  await recordRevision(ctx, set, hash, revision);
  const owned = () => ctx.view.list('/pods', ns).filter((p) => isControlledBy(p, set));
  const byOrdinal = () => new Map(owned().map((p) => [ordinal(p, set), p]));
  // create missing pods in order; after a refused creation, none until the backoff is over
  creating: for (let i = 0; i < replicas && mayCreate(ctx, set); i++) {
    const pods = byOrdinal();
    const existing = pods.get(i);
    if (existing) {
      if (!parallel && (!isPodReady(existing) || existing.metadata.deletionTimestamp)) break;
      continue;
    }
    const podName = `${name}-${i}`;
    for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
      const claim = `${tmpl.metadata?.name}-${podName}`;
      const live = ctx.view.get('/persistentvolumeclaims', ns, claim);
      if (live?.metadata.deletionTimestamp) {
        // createPersistentVolumeClaims: no pod on a claim on its way out; a new claim once it is gone
        await ctx.events.record(set, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${name} failed error: pvc ${claim} is being deleted`);
        break creating;
      }
      if (pvcSpec && !live) {
        const made = await createOrRecord(
          ctx,
          set,
          pvcSpec,
          { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claim, namespace: ns, labels: { ...set.spec?.selector?.matchLabels } }, spec: structuredClone(tmpl.spec) },
          (err) => `create Claim ${claim} for Pod ${podName} in StatefulSet ${name} failed error: ${err}`,
        );
        if (!made) break creating;
        await ctx.events.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${claim} Pod ${podName} in StatefulSet ${name} success`);
      }
    }
    const t = set.spec.template ?? {};
    const spec = structuredClone(t.spec ?? {});
    spec.hostname = podName;
    if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
    for (const tmpl of set.spec?.volumeClaimTemplates ?? []) {
      const vname = tmpl.metadata?.name;
      spec.volumes = [...(spec.volumes ?? []).filter((v: any) => v.name !== vname), { name: vname, persistentVolumeClaim: { claimName: `${vname}-${podName}` } }];
    }
    const created = await createOrRecord(
      ctx,
      set,
      podSpec,
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: podName,
          namespace: ns,
          labels: {
            ...t.metadata?.labels,
            'apps.kubernetes.io/pod-index': String(i),
            'controller-revision-hash': revision,
            'statefulset.kubernetes.io/pod-name': podName,
          },
          ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
          ownerReferences: [controllerRef(set)],
        },
        spec,
      },
      (err) => `create Pod ${podName} in StatefulSet ${name} failed error: ${err}`,
    );
    if (!created) break;
    await ctx.events.record(set, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${name} successful`);
    if (!parallel) break;
  }
  // scale down from the highest ordinal, one at a time unless Parallel
  const extra = owned()
    .filter((p) => ordinal(p, set) >= replicas && !p.metadata.deletionTimestamp)
    .sort((a, b) => ordinal(b, set) - ordinal(a, set));
  for (const p of parallel ? extra : extra.slice(0, owned().some((x) => x.metadata.deletionTimestamp) ? 0 : 1)) {
    await ctx.client.delete(podSpec, ns, p.metadata.name!);
    await ctx.events.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`);
  }
  // rolling update: the highest stale ordinal at or above the partition goes once all are ready
  if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    const pods = owned().filter(isPodActive);
    if (pods.length === replicas && pods.every(isPodReady)) {
      const stale = pods
        .filter((p) => ordinal(p, set) >= partition && p.metadata.labels?.['controller-revision-hash'] !== revision)
        .sort((a, b) => ordinal(b, set) - ordinal(a, set))[0];
      if (stale) {
        await ctx.client.delete(podSpec, ns, stale.metadata.name!);
        await ctx.events.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${stale.metadata.name} in StatefulSet ${name} successful`);
      }
    }
  }
  const pods = owned().filter(isPodActive);
  const status: Record<string, unknown> = {
    availableReplicas: pods.filter(isPodReady).length,
    collisionCount: 0,
    currentReplicas: pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision).length,
    currentRevision: revision,
    observedGeneration: set.metadata.generation,
    readyReplicas: pods.filter(isPodReady).length,
    replicas: pods.length,
    updateRevision: revision,
    updatedReplicas: pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision).length,
  };
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (!status[k]) delete status[k];
  const fresh = ctx.view.get('apps/statefulsets', ns, name)!;
  if (JSON.stringify(status) !== JSON.stringify(fresh.status ?? {}))
    await ctx.client.update(stsSpec, { ...structuredClone(fresh), status }, { subresource: 'status' });
}

export const statefulSetController = {
  name: 'statefulset-controller',
  aliases: ['statefulset'],
  user: 'system:serviceaccount:kube-system:statefulset-controller',
  eventSource: 'statefulset-controller',
  async sync(ctx) {
    for (const s of ctx.view.list('apps/statefulsets')) await syncSet(ctx, s);
  },
  nextDue(view, now) {
    return nextCreateRetry(view.list('/events'), view.list('apps/statefulsets'), now);
  },
} satisfies ControllerSpec;
