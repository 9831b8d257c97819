import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import type { ControllerSpec } from './controllerSpec.js';

function expiry(job: KubeObject): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined) return undefined;
  const done = (job.status?.conditions ?? []).find((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  if (!done) return undefined;
  return Date.parse(done.lastTransitionTime) + ttl * 1000;
}

/** ttl-after-finished: a finished Job with ttlSecondsAfterFinished is deleted (with its pods) when it expires. */
export const ttlAfterFinishedController = {
  name: 'ttl-after-finished-controller',
  aliases: ['ttl-after-finished'],
  user: 'system:serviceaccount:kube-system:ttl-after-finished-controller',
  eventSource: 'ttl-after-finished-controller',
  async sync(ctx: SyncContext) {
    const jobSpec = ctx.kinds.forKind('Job', 'batch');
    if (!jobSpec) return;
    for (const job of ctx.view.list('batch/jobs')) {
      const at = expiry(job);
      if (at !== undefined && at <= ctx.now && !job.metadata.deletionTimestamp)
        await ctx.client.delete(jobSpec, job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Foreground' }).catch(() => undefined);
    }
  },
  nextDue(view, now) {
    let due: number | undefined;
    for (const job of view.list('batch/jobs')) {
      const at = expiry(job);
      if (at !== undefined && at > now && (due === undefined || at < due)) due = at;
    }
    return due;
  },
} satisfies ControllerSpec;
