import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { controllerRef, isControlledBy } from '../meta/ownerRefs.js';
import { podTemplateHash } from '../meta/hash.js';
import { podMatchesNodeSelectorAndAffinity } from '../meta/nodeAffinity.js';
import { toleratedBy, type Taint } from '../meta/taints.js';
import { isPodActive, isPodAvailable, isPodReady } from '../meta/podUtil.js';
import { podFromTemplate } from './replicaSet.js';
import type { ControllerSpec } from './controllerSpec.js';
import { DAEMONSET_HASH_LABEL, recordRevision } from './history.js';
import { createOrRecord, mayCreate, nextCreateRetry } from './createBackoff.js';

/** The tolerations the daemonset controller adds to every pod it makes. */
function daemonTolerations(pod: KubeObject): any[] {
  const add = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (pod.spec?.hostNetwork) add.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  const have: any[] = pod.spec?.tolerations ?? [];
  return [...have, ...add.filter((t) => !have.some((h) => h.key === t.key && h.effect === t.effect))];
}

/** Whether the DaemonSet wants a pod on this node: selector and affinity, and taints it tolerates. */
function shouldRun(ds: KubeObject, node: KubeObject): boolean {
  const probe: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { ...ds.spec?.template?.spec } };
  probe.spec.tolerations = daemonTolerations(probe);
  if (!podMatchesNodeSelectorAndAffinity(probe, node)) return false;
  const taints: Taint[] = node.spec?.taints ?? [];
  return taints.every((t) => t.effect === 'PreferNoSchedule' || toleratedBy(probe.spec.tolerations, t));
}

function nodeOf(pod: KubeObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) for (const f of t.matchFields ?? []) if (f.key === 'metadata.name') return f.values?.[0];
  return undefined;
}

/**
 * The daemonset controller: one pod per eligible node, pinned there by a required node affinity on
 * metadata.name and placed by the default scheduler; rolling updates replace one pod at a time.
 */
async function syncDaemonSet(ctx: SyncContext, ds: KubeObject): Promise<void> {
  const podSpec = ctx.kinds.forKind('Pod', '')!;
  const dsSpec = ctx.kinds.forKind('DaemonSet', 'apps')!;
  const ns = ds.metadata.namespace!;
  if (ds.metadata.deletionTimestamp) return;
  const hash = podTemplateHash(ds.spec?.template);
  const generation = String(ds.metadata.generation ?? 1);
  await recordRevision(ctx, ds, hash, `${ds.metadata.name}-${hash}`, DAEMONSET_HASH_LABEL);
  const nodes = ctx.view.list('/nodes').sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
  const owned = () => ctx.view.list('/pods', ns).filter((p) => isControlledBy(p, ds));
  const maxUnavailable = Number(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1) || 1;
  const rolling = (ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  let desired = 0;
  // after a refused creation, no more until the backoff is over
  let creating = mayCreate(ctx, ds);
  for (const node of nodes) {
    const name = node.metadata.name!;
    const want = shouldRun(ds, node);
    const here = owned().filter((p) => nodeOf(p) === name && isPodActive(p));
    if (want) desired++;
    if (want && !here.length) {
      const pod = podFromTemplate(ds, ds.spec.template, `${ds.metadata.name}-`);
      pod.metadata.labels = { ...pod.metadata.labels, 'controller-revision-hash': hash, 'pod-template-generation': generation };
      pod.spec.tolerations = daemonTolerations(pod);
      pod.spec.affinity = {
        ...pod.spec.affinity,
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [name] }] }],
          },
        },
      };
      const created = creating ? await createOrRecord(ctx, ds, podSpec, pod) : undefined;
      if (!created) {
        creating = false;
        continue;
      }
      await ctx.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } else if (!want && here.length) {
      for (const p of here) {
        await ctx.client.delete(podSpec, ns, p.metadata.name!);
        await ctx.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      }
    }
  }
  if (rolling) {
    const stale = owned().filter((p) => isPodActive(p) && p.metadata.labels?.['controller-revision-hash'] !== hash);
    const unavailable = owned().filter((p) => isPodActive(p) && !isPodReady(p)).length + owned().filter((p) => p.metadata.deletionTimestamp).length;
    let budget = maxUnavailable - unavailable;
    for (const p of stale) {
      if (budget <= 0) break;
      await ctx.client.delete(podSpec, ns, p.metadata.name!);
      await ctx.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      budget--;
    }
  }
  const pods = owned().filter(isPodActive);
  const scheduled = pods.filter((p) => p.spec?.nodeName);
  const status: Record<string, unknown> = {
    currentNumberScheduled: scheduled.length,
    desiredNumberScheduled: desired,
    numberAvailable: pods.filter((p) => isPodAvailable(p, ds.spec?.minReadySeconds ?? 0, ctx.now)).length,
    numberMisscheduled: 0,
    numberReady: pods.filter(isPodReady).length,
    observedGeneration: ds.metadata.generation,
    updatedNumberScheduled: scheduled.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length,
  };
  const unavailableCount = desired - (status.numberAvailable as number);
  if (unavailableCount > 0) status.numberUnavailable = unavailableCount;
  if (!status.numberAvailable) delete status.numberAvailable;
  if (!status.updatedNumberScheduled) delete status.updatedNumberScheduled;
  const fresh = ctx.view.get('apps/daemonsets', ns, ds.metadata.name!)!;
  if (JSON.stringify(status) !== JSON.stringify(fresh.status ?? {}))
    await ctx.client.update(dsSpec, { ...structuredClone(fresh), status }, { subresource: 'status' });
}

export const daemonSetController = {
  name: 'daemonset-controller',
  aliases: ['daemonset'],
  user: 'system:serviceaccount:kube-system:daemon-set-controller',
  eventSource: 'daemonset-controller',
  async sync(ctx) {
    for (const ds of ctx.view.list('apps/daemonsets')) await syncDaemonSet(ctx, ds);
  },
  nextDue(view, now) {
    return nextCreateRetry(view.list('/events'), view.list('apps/daemonsets'), now);
  },
} satisfies ControllerSpec;
