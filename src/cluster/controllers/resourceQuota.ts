import type { SyncContext } from '../component.js';
import { formatUsage, namespaceUsage, releasedAt } from '../meta/quotaUsage.js';
import type { ControllerSpec } from './controllerSpec.js';

/**
 * The resourcequota controller: keeps each quota's status (hard as the spec states it, used as the
 * quota evaluators measure the namespace's objects, within the quota's scopes) up to date; admission
 * enforces the hard limits against the same figures.
 */
async function sync(ctx: SyncContext): Promise<void> {
  const rqSpec = ctx.kinds.forKind('ResourceQuota', '');
  if (!rqSpec) return;
  for (const rq of ctx.view.list('/resourcequotas')) {
    const hard: Record<string, string> = rq.spec?.hard ?? {};
    const measured = namespaceUsage(rq, (key) => ctx.view.list(key, rq.metadata.namespace), ctx.now);
    const used: Record<string, string> = {};
    for (const key of Object.keys(hard).sort()) used[key] = formatUsage(measured.usage[key], measured.binary.has(key));
    const status = { hard: { ...hard }, used };
    if (JSON.stringify(status) !== JSON.stringify(rq.status ?? {}))
      await ctx.client.update(rqSpec, { ...structuredClone(rq), status }, { subresource: 'status' });
  }
}

export const resourceQuotaController = {
  name: 'resourcequota-controller',
  aliases: ['resourcequota'],
  user: 'system:serviceaccount:kube-system:resourcequota-controller',
  eventSource: 'resourcequota-controller',
  sync,
  // a pod stuck terminating stops counting once its grace period has passed again: the quota is measured anew then
  nextDue(view, now) {
    let due: number | undefined;
    const namespaces = new Set(view.list('/resourcequotas').map((q) => q.metadata.namespace));
    for (const ns of namespaces)
      for (const pod of view.list('/pods', ns)) {
        const at = releasedAt(pod) + 1;
        if (at !== Infinity && at > now && (due === undefined || at < due)) due = at;
      }
    return due;
  },
} satisfies ControllerSpec;
