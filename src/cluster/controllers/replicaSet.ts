import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { selectorMatches } from '../meta/selectors.js';
import { controllerOf, controllerRef, isControlledBy } from '../meta/ownerRefs.js';
import { availableAt, isPodActive, isPodAvailable, isPodReady } from '../meta/podUtil.js';
import type { ControllerSpec } from './controllerSpec.js';
import { createOrRecord, createRetryAt, nextCreateRetry } from './createBackoff.js';

/** Scale-down victims first: unassigned, then pending, not ready, more restarts, newer (controller.ActivePods order). */
function victimRank(a: KubeObject, b: KubeObject): number {
  const assigned = (p: KubeObject) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: KubeObject) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase as string] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: KubeObject) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  const cost = (p: KubeObject) => Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0);
  if (cost(a) !== cost(b)) return cost(a) - cost(b);
  const restarts = (p: KubeObject) => (p.status?.containerStatuses ?? []).reduce((s: number, c: { restartCount?: number }) => s + (c.restartCount ?? 0), 0);
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  return String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp));
}

/** The pod a controller creates from its template (controller.GetPodFromTemplate). */
export function podFromTemplate(owner: KubeObject, template: KubeObject, generateName: string): KubeObject {
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace: owner.metadata.namespace,
      labels: { ...meta.labels },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: structuredClone(template.spec),
  };
}

/**
 * Keeps the ReplicaSet controller's promise for any owner kind that has replicas, a selector and a
 * template (ReplicaSets, and ReplicationControllers the same way).
 */
export async function syncReplicas(ctx: SyncContext, rs: KubeObject, rsResource: string, events: { created: string; deleted: string }): Promise<void> {
  const podSpec = ctx.kinds.forKind('Pod', '')!;
  const kind = ctx.kinds.byKey(rsResource)!;
  const ns = rs.metadata.namespace!;
  const selector = rs.spec?.selector ?? {};
  const pods = ctx.view.list('/pods', ns);
  // adopt orphans that match, release owned pods that no longer match
  for (const p of pods) {
    if (!controllerOf(p) && !p.metadata.deletionTimestamp && selectorMatches(selector, p.metadata.labels) && Object.keys(selector).length) {
      await ctx.client.patch(podSpec, ns, p.metadata.name!, 'merge', {
        metadata: { ownerReferences: [...(p.metadata.ownerReferences ?? []), controllerRef(rs)], resourceVersion: p.metadata.resourceVersion },
      });
    } else if (isControlledBy(p, rs) && !selectorMatches(selector, p.metadata.labels)) {
      await ctx.client.patch(podSpec, ns, p.metadata.name!, 'merge', {
        metadata: { ownerReferences: (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid) },
      });
    }
  }
  const owned = () => ctx.view.list('/pods', ns).filter((p) => isControlledBy(p, rs));
  const active = owned().filter(isPodActive);
  const want = rs.spec?.replicas ?? 1;
  const retryAt = createRetryAt(ctx.view.list('/events', ns), rs);
  if (!rs.metadata.deletionTimestamp) {
    // after a failed creation the controller waits out its backoff before trying again
    if (active.length < want && (retryAt === undefined || retryAt <= ctx.now)) {
      for (let i = active.length; i < want; i++) {
        const pod = await createOrRecord(ctx, rs, podSpec, podFromTemplate(rs, rs.spec.template ?? {}, `${rs.metadata.name}-`));
        if (!pod) break;
        await ctx.events.record(rs, 'Normal', 'SuccessfulCreate', `${events.created}: ${pod.metadata.name}`);
      }
    } else if (active.length > want) {
      const victims = [...active].sort(victimRank).slice(0, active.length - want);
      for (const v of victims) {
        await ctx.client.delete(podSpec, ns, v.metadata.name!);
        await ctx.events.record(rs, 'Normal', 'SuccessfulDelete', `${events.deleted}: ${v.metadata.name}`);
      }
    }
  }
  const now = owned().filter(isPodActive);
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const status: Record<string, unknown> = {
    replicas: now.length,
    fullyLabeledReplicas: now.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)).length,
    readyReplicas: now.filter(isPodReady).length,
    availableReplicas: now.filter((p) => isPodAvailable(p, minReady, ctx.now)).length,
    observedGeneration: rs.metadata.generation,
  };
  for (const k of ['readyReplicas', 'availableReplicas', 'fullyLabeledReplicas'] as const) if (!status[k]) delete status[k];
  const fresh = ctx.view.get(rsResource, ns, rs.metadata.name!);
  if (!fresh) return;
  const merged = { ...status, ...(fresh.status?.conditions ? { conditions: fresh.status.conditions } : {}) };
  if (JSON.stringify(merged) !== JSON.stringify(fresh.status ?? {}))
    await ctx.client.update(kind, { ...structuredClone(fresh), status: merged }, { subresource: 'status' });
}

export function earliest(...times: (number | undefined)[]): number | undefined {
  const set = times.filter((t): t is number => t !== undefined);
  return set.length ? Math.min(...set) : undefined;
}

export function nextAvailability(pods: KubeObject[], owners: KubeObject[], now: number): number | undefined {
  let due: number | undefined;
  for (const o of owners) {
    const minReady = o.spec?.minReadySeconds ?? 0;
    if (!minReady) continue;
    for (const p of pods) {
      if (!isControlledBy(p, o)) continue;
      const at = availableAt(p, minReady);
      if (at !== undefined && at > now && (due === undefined || at < due)) due = at;
    }
  }
  return due;
}

export const replicaSetController = {
  name: 'replicaset-controller',
  aliases: ['replicaset'],
  user: 'system:serviceaccount:kube-system:replicaset-controller',
  eventSource: 'replicaset-controller',
  async sync(ctx) {
    for (const rs of ctx.view.list('apps/replicasets')) {
      await syncReplicas(ctx, rs, 'apps/replicasets', { created: 'Created pod', deleted: 'Deleted pod' });
    }
  },
  nextDue(view, now) {
    return earliest(nextAvailability(view.list('/pods'), view.list('apps/replicasets'), now), nextCreateRetry(view.list('/events'), view.list('apps/replicasets'), now));
  },
} satisfies ControllerSpec;
