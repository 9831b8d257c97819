import type { SyncContext } from '../component.js';
import type { ControllerSpec } from './controllerSpec.js';

/** How long a pod bound to a node that no longer exists is left before PodGC removes it. */
const ORPHAN_QUARANTINE_MS = 40_000;

/**
 * PodGC: force-deletes pods bound to nodes that are gone (after a short quarantine) and terminating pods
 * that were never scheduled.
 */
export const podGCController = {
  name: 'pod-garbage-collector-controller',
  aliases: ['podgc'],
  user: 'system:serviceaccount:kube-system:pod-garbage-collector',
  eventSource: 'pod-garbage-collector',
  async sync(ctx: SyncContext) {
    const podSpec = ctx.kinds.forKind('Pod', '')!;
    for (const pod of ctx.view.list('/pods')) {
      const node = pod.spec?.nodeName;
      const orphan = node && !ctx.view.get('/nodes', undefined, node);
      const created = Date.parse(pod.metadata.creationTimestamp ?? '') || 0;
      if (orphan && ctx.now - Math.max(created, 0) >= ORPHAN_QUARANTINE_MS) {
        await ctx.client.delete(podSpec, pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 }).catch(() => undefined);
      }
    }
  },
  nextDue(view, now) {
    let due: number | undefined;
    for (const pod of view.list('/pods')) {
      const node = pod.spec?.nodeName;
      if (!node || view.get('/nodes', undefined, node)) continue;
      const at = (Date.parse(pod.metadata.creationTimestamp ?? '') || 0) + ORPHAN_QUARANTINE_MS;
      if (at > now && (due === undefined || at < due)) due = at;
    }
    return due;
  },
} satisfies ControllerSpec;
