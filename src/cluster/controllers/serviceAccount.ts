import type { SyncContext } from '../component.js';
import type { ControllerSpec } from './controllerSpec.js';

/** The serviceaccount controller: every active namespace has a ServiceAccount named `default`. */
export const serviceAccountController = {
  name: 'serviceaccount-controller',
  aliases: ['serviceaccount'],
  user: 'system:serviceaccount:kube-system:service-account-controller',
  eventSource: 'service-account-controller',
  async sync(ctx: SyncContext) {
    const sa = ctx.kinds.forKind('ServiceAccount', '');
    if (!sa) return;
    for (const ns of ctx.view.list('/namespaces')) {
      if (ns.metadata.deletionTimestamp) continue;
      const name = ns.metadata.name!;
      if (!ctx.view.get('/serviceaccounts', name, 'default'))
        await ctx.client.create(sa, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } }, name);
    }
  },
} satisfies ControllerSpec;
