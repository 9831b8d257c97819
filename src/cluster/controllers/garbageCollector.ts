import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import type { ControllerSpec } from './controllerSpec.js';

/**
 * The garbage collector: dependents whose owners are gone are deleted (background propagation);
 * an owner deleted in the foreground waits until its blocking dependents are gone; an owner deleted with
 * orphan propagation lets go of its dependents first.
 */
async function sync(ctx: SyncContext): Promise<void> {
  const byUid = new Map<string, { obj: KubeObject; resource: string }>();
  for (const r of ctx.view.resources()) for (const o of ctx.view.list(r)) byUid.set(o.metadata.uid!, { obj: o, resource: r });
  const dependents = (owner: KubeObject) => [...byUid.values()].filter((d) => (d.obj.metadata.ownerReferences ?? []).some((ref) => ref.uid === owner.metadata.uid));
  for (const { obj, resource } of byUid.values()) {
    const spec = ctx.kinds.byKey(resource);
    if (!spec) continue;
    const fin = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && fin.includes('orphan')) {
      for (const d of dependents(obj)) {
        const dspec = ctx.kinds.byKey(d.resource)!;
        await ctx.client.patch(dspec, d.obj.metadata.namespace, d.obj.metadata.name!, 'merge', {
          metadata: { ownerReferences: (d.obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== obj.metadata.uid) },
        });
      }
      await ctx.client.patch(spec, obj.metadata.namespace, obj.metadata.name!, 'merge', { metadata: { finalizers: fin.filter((f) => f !== 'orphan') } });
      continue;
    }
    if (obj.metadata.deletionTimestamp && fin.includes('foregroundDeletion')) {
      const deps = dependents(obj);
      for (const d of deps) {
        if (d.obj.metadata.deletionTimestamp) continue;
        await ctx.client.delete(ctx.kinds.byKey(d.resource)!, d.obj.metadata.namespace, d.obj.metadata.name!, { propagationPolicy: 'Foreground' });
      }
      const blocking = dependents(obj).filter((d) => (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === obj.metadata.uid && r.blockOwnerDeletion));
      if (!blocking.length)
        await ctx.client.patch(spec, obj.metadata.namespace, obj.metadata.name!, 'merge', { metadata: { finalizers: fin.filter((f) => f !== 'foregroundDeletion') } });
      continue;
    }
    const refs = obj.metadata.ownerReferences ?? [];
    if (!refs.length || obj.metadata.deletionTimestamp) continue;
    const alive = refs.filter((r) => {
      const owner = byUid.get(r.uid);
      return owner && !(owner.obj.metadata.deletionTimestamp && (owner.obj.metadata.finalizers ?? []).includes('orphan'));
    });
    if (alive.length) continue;
    // every owner is gone: follow it (a pod owned by a ReplicaSet whose Deployment was deleted, and so on)
    try {
      await ctx.client.delete(spec, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: 'Background' });
    } catch {
      /* deleted meanwhile */
    }
  }
}

export const garbageCollector = {
  name: 'garbage-collector-controller',
  aliases: ['garbagecollector'],
  user: 'system:serviceaccount:kube-system:generic-garbage-collector',
  eventSource: 'garbage-collector-controller',
  sync,
} satisfies ControllerSpec;
