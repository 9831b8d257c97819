import type { SyncContext } from '../component.js';
import type { ControllerSpec } from './controllerSpec.js';

/**
 * The namespace controller: a Terminating namespace has everything in it deleted; once it is empty
 * the `kubernetes` finalizer comes off and the namespace goes.
 */
async function sync(ctx: SyncContext): Promise<void> {
  const nsSpec = ctx.kinds.forKind('Namespace', '')!;
  for (const ns of ctx.view.list('/namespaces')) {
    if (!ns.metadata.deletionTimestamp) continue;
    const name = ns.metadata.name!;
    let remaining = 0;
    for (const r of ctx.view.resources()) {
      const spec = ctx.kinds.byKey(r);
      if (!spec?.namespaced) continue;
      for (const o of ctx.view.list(r, name)) {
        remaining++;
        if (o.metadata.deletionTimestamp) continue;
        try {
          await ctx.client.delete(spec, name, o.metadata.name!, { propagationPolicy: 'Background' });
        } catch {
          /* gone meanwhile */
        }
      }
    }
    const left = ctx.view.resources().some((r) => ctx.kinds.byKey(r)?.namespaced && ctx.view.list(r, name).length);
    if (remaining && left) continue;
    if ((ns.spec?.finalizers ?? []).length) {
      const fresh = structuredClone(ns);
      fresh.spec = { ...fresh.spec, finalizers: [] };
      await ctx.client.update(nsSpec, fresh, { subresource: 'finalize' });
    }
  }
}

export const namespaceController = {
  name: 'namespace-controller',
  aliases: ['namespace'],
  user: 'system:serviceaccount:kube-system:namespace-controller',
  eventSource: 'namespace-controller',
  sync,
} satisfies ControllerSpec;
