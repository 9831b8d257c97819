import { rfc3339 } from '../clock.js';
import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { isControlledBy } from '../meta/ownerRefs.js';
import { podFromTemplate } from './replicaSet.js';
import type { ControllerSpec } from './controllerSpec.js';
import { createOrRecord, createRetryAt, mayCreate } from './createBackoff.js';

const MAX_BACKOFF = 360_000;

function cond(type: string, reason: string, message: string, now: number): Record<string, unknown> {
  const ts = rfc3339(now);
  return { lastProbeTime: ts, lastTransitionTime: ts, message, reason, status: 'True', type };
}

function finished(job: KubeObject): boolean {
  return (job.status?.conditions ?? []).some((c: { type: string; status: string }) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

function failureBackoff(failed: number): number {
  return failed ? Math.min(10_000 * 2 ** (failed - 1), MAX_BACKOFF) : 0;
}

function lastFailure(pods: KubeObject[]): number {
  let last = 0;
  for (const p of pods)
    if (p.status?.phase === 'Failed') {
      const t = (p.status?.containerStatuses ?? []).map((c: any) => Date.parse(c.state?.terminated?.finishedAt ?? '') || 0);
      last = Math.max(last, ...t, 0);
    }
  return last;
}

/**
 * The job controller: runs up to `parallelism` pods until `completions` have succeeded, replaces failed
 * pods with back-off until `backoffLimit`, and ends the Job Complete or Failed with the real reasons.
 */
async function syncJob(ctx: SyncContext, job: KubeObject): Promise<void> {
  const jobSpec = ctx.kinds.forKind('Job', 'batch')!;
  const podSpec = ctx.kinds.forKind('Pod', '')!;
  const ns = job.metadata.namespace!;
  if (job.metadata.deletionTimestamp) return;
  const pods = ctx.view.list('/pods', ns).filter((p) => isControlledBy(p, job));
  // finished pods stay counted after they are gone (upstream keeps them with its job-tracking finalizer)
  const counted = (((ctx.view.sim().jobs ??= {}) as Record<string, { succeeded: string[]; failed: string[] }>)[job.metadata.uid!] ??= { succeeded: [], failed: [] });
  for (const p of pods) {
    const list = p.status?.phase === 'Succeeded' ? counted.succeeded : p.status?.phase === 'Failed' ? counted.failed : undefined;
    if (list && !list.includes(p.metadata.uid!)) list.push(p.metadata.uid!);
  }
  const succeeded = counted.succeeded.length;
  const failedPods = counted.failed.length;
  const restarts = job.spec?.template?.spec?.restartPolicy === 'OnFailure'
    ? pods.reduce((s, p) => s + (p.status?.containerStatuses ?? []).reduce((a: number, c: any) => a + (c.restartCount ?? 0), 0), 0)
    : 0;
  const failed = failedPods + restarts;
  const active = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp);
  const completions = job.spec?.completions ?? 1;
  const parallelism = job.spec?.parallelism ?? 1;
  const backoffLimit = job.spec?.backoffLimit ?? 6;
  const status = structuredClone(job.status ?? {});
  status.startTime ??= rfc3339(ctx.now);
  const conds: any[] = status.conditions ?? [];
  if (!finished(job)) {
    const deadline = job.spec?.activeDeadlineSeconds;
    if (succeeded >= completions) {
      conds.push(cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', ctx.now));
      conds.push(cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', ctx.now));
      status.completionTime = rfc3339(ctx.now);
      await ctx.events.record(job, 'Normal', 'Completed', 'Job completed');
    } else if (failed > backoffLimit) {
      conds.push(cond('FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', ctx.now));
      conds.push(cond('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', ctx.now));
      for (const p of active) await ctx.client.delete(podSpec, ns, p.metadata.name!);
      await ctx.events.record(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
    } else if (deadline !== undefined && Date.parse(status.startTime) + deadline * 1000 <= ctx.now) {
      conds.push(cond('FailureTarget', 'DeadlineExceeded', 'Job was active longer than specified deadline', ctx.now));
      conds.push(cond('Failed', 'DeadlineExceeded', 'Job was active longer than specified deadline', ctx.now));
      for (const p of active) await ctx.client.delete(podSpec, ns, p.metadata.name!);
      await ctx.events.record(job, 'Warning', 'DeadlineExceeded', 'Job was active longer than specified deadline');
    } else if (!job.spec?.suspend) {
      const want = Math.min(parallelism, completions - succeeded) - active.length;
      const readyAt = lastFailure(pods) + failureBackoff(failedPods);
      if (want > 0 && ctx.now >= readyAt && mayCreate(ctx, job)) {
        for (let i = 0; i < want; i++) {
          const pod = await createOrRecord(ctx, job, podSpec, podFromTemplate(job, job.spec.template, `${job.metadata.name}-`));
          if (!pod) break;
          await ctx.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
        }
      }
    }
  }
  const now = ctx.view.list('/pods', ns).filter((p) => isControlledBy(p, job));
  const nowActive = now.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp);
  status.active = nowActive.length || undefined;
  status.ready = nowActive.filter((p) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')).length;
  for (const p of now) {
    const list = p.status?.phase === 'Succeeded' ? counted.succeeded : p.status?.phase === 'Failed' ? counted.failed : undefined;
    if (list && !list.includes(p.metadata.uid!)) list.push(p.metadata.uid!);
  }
  status.succeeded = counted.succeeded.length || undefined;
  status.failed = counted.failed.length || undefined;
  status.terminating = now.filter((p) => p.metadata.deletionTimestamp).length;
  status.uncountedTerminatedPods = {};
  if (conds.length) status.conditions = conds;
  for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
  if (JSON.stringify(status) !== JSON.stringify(job.status ?? {})) {
    const fresh = ctx.view.get('batch/jobs', ns, job.metadata.name!)!;
    await ctx.client.update(jobSpec, { ...structuredClone(fresh), status }, { subresource: 'status' });
  }
}

export const jobController = {
  name: 'job-controller',
  aliases: ['job'],
  user: 'system:serviceaccount:kube-system:job-controller',
  eventSource: 'job-controller',
  async sync(ctx) {
    const jobs = ctx.view.list('batch/jobs');
    for (const job of jobs) await syncJob(ctx, job);
    const counted = ctx.view.sim().jobs as Record<string, unknown> | undefined;
    for (const uid of Object.keys(counted ?? {})) if (!jobs.some((j) => j.metadata.uid === uid)) delete counted![uid];
  },
  nextDue(view, now) {
    let due: number | undefined;
    const at = (t: number) => {
      if (t > now && (due === undefined || t < due)) due = t;
    };
    for (const job of view.list('batch/jobs')) {
      if (finished(job)) continue;
      const pods = view.list('/pods', job.metadata.namespace).filter((p) => isControlledBy(p, job));
      const failedPods = pods.filter((p) => p.status?.phase === 'Failed').length;
      if (failedPods) at(lastFailure(pods) + failureBackoff(failedPods));
      const deadline = job.spec?.activeDeadlineSeconds;
      if (deadline !== undefined && job.status?.startTime) at(Date.parse(job.status.startTime) + deadline * 1000);
      const retry = createRetryAt(view.list('/events', job.metadata.namespace), job);
      if (retry !== undefined) at(retry);
    }
    return due;
  },
} satisfies ControllerSpec;
