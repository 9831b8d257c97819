import { rfc3339 } from '../clock.js';
import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { controllerRef, isControlledBy } from '../meta/ownerRefs.js';
import { nextAfter, parseCron } from '../meta/cron.js';
import type { ControllerSpec } from './controllerSpec.js';

function since(cj: KubeObject): number {
  return Date.parse(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '') || 0;
}

/** The latest scheduled instant in (after, until], if any. */
function latestDue(cj: KubeObject, after: number, until: number): number | undefined {
  let sched;
  try {
    sched = parseCron(cj.spec?.schedule ?? '');
  } catch {
    return undefined;
  }
  let last: number | undefined;
  // a year of minutes at most: enough for any catch-up, bounded for a schedule that fires constantly
  for (let t = nextAfter(sched, after), n = 0; t !== undefined && t <= until && n < 600_000; t = nextAfter(sched, t), n++) last = t;
  return last;
}

function finishedType(job: KubeObject): string | undefined {
  return (job.status?.conditions ?? []).find((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
}

/**
 * The cronjob controller: at each scheduled minute a Job named `<cronjob>-<minutes since the epoch>`,
 * honouring suspend and concurrencyPolicy, and keeping the last successful/failed Jobs per history limits.
 * Like the real one after downtime, it starts only the most recent missed schedule.
 */
async function syncCronJob(ctx: SyncContext, cj: KubeObject): Promise<void> {
  const jobSpec = ctx.kinds.forKind('Job', 'batch')!;
  const cjSpec = ctx.kinds.forKind('CronJob', 'batch')!;
  const ns = cj.metadata.namespace!;
  const jobs = () => ctx.view.list('batch/jobs', ns).filter((j) => isControlledBy(j, cj));
  const status = structuredClone(cj.status ?? {});
  for (const j of jobs()) {
    const done = finishedType(j);
    if (done && (status.active ?? []).some((a: any) => a.uid === j.metadata.uid)) {
      status.active = (status.active ?? []).filter((a: any) => a.uid !== j.metadata.uid);
      if (done === 'Complete') status.lastSuccessfulTime = j.status?.completionTime ?? rfc3339(ctx.now);
      await ctx.events.record(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${done}`);
    }
  }
  const due = cj.spec?.suspend || cj.metadata.deletionTimestamp ? undefined : latestDue(cj, since(cj), ctx.now);
  if (due !== undefined) {
    const running = jobs().filter((j) => !finishedType(j));
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    let start = true;
    if (running.length && policy === 'Forbid') start = false;
    if (running.length && policy === 'Replace') {
      for (const j of running) {
        await ctx.client.delete(jobSpec, ns, j.metadata.name!, { propagationPolicy: 'Background' });
        await ctx.events.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
      }
      status.active = [];
    }
    if (start) {
      const name = `${cj.metadata.name}-${Math.floor(due / 60000)}`;
      const tmpl = cj.spec?.jobTemplate ?? {};
      try {
        const job = await ctx.client.create(
          jobSpec,
          {
            apiVersion: 'batch/v1',
            kind: 'Job',
            metadata: {
              name,
              namespace: ns,
              labels: { ...tmpl.metadata?.labels },
              annotations: { ...tmpl.metadata?.annotations, 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(due) },
              ownerReferences: [controllerRef(cj)],
            },
            spec: structuredClone(tmpl.spec ?? {}),
          },
          ns,
        );
        status.active = [...(status.active ?? []), { apiVersion: 'batch/v1', kind: 'Job', name, namespace: ns, resourceVersion: job.metadata.resourceVersion, uid: job.metadata.uid }];
        await ctx.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
      } catch {
        /* AlreadyExists: this schedule already ran */
      }
    }
    status.lastScheduleTime = rfc3339(due);
  }
  // history limits
  const keep = { Complete: cj.spec?.successfulJobsHistoryLimit ?? 3, Failed: cj.spec?.failedJobsHistoryLimit ?? 1 };
  for (const type of ['Complete', 'Failed'] as const) {
    const done = jobs()
      .filter((j) => finishedType(j) === type)
      .sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)));
    for (const j of done.slice(0, Math.max(0, done.length - keep[type]))) {
      await ctx.client.delete(jobSpec, ns, j.metadata.name!, { propagationPolicy: 'Background' }).catch(() => undefined);
      await ctx.events.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
    }
  }
  if (!(status.active ?? []).length) delete status.active;
  const fresh = ctx.view.get('batch/cronjobs', ns, cj.metadata.name!)!;
  if (JSON.stringify(status) !== JSON.stringify(fresh.status ?? {}))
    await ctx.client.update(cjSpec, { ...structuredClone(fresh), status }, { subresource: 'status' });
}

export const cronJobController = {
  name: 'cronjob-controller',
  aliases: ['cronjob'],
  user: 'system:serviceaccount:kube-system:cronjob-controller',
  eventSource: 'cronjob-controller',
  async sync(ctx) {
    for (const cj of ctx.view.list('batch/cronjobs')) await syncCronJob(ctx, cj);
  },
  nextDue(view, now, target) {
    let due: number | undefined;
    for (const cj of view.list('batch/cronjobs')) {
      if (cj.spec?.suspend) continue;
      let sched;
      try {
        sched = parseCron(cj.spec?.schedule ?? '');
      } catch {
        continue;
      }
      let at = nextAfter(sched, Math.max(now, since(cj)));
      if (at === undefined) continue;
      // many firings ahead: only the last few before the target matter for what remains
      const late = latestDue(cj, at, target);
      if (late !== undefined && late - at > 10 * 60000) at = Math.max(at, late - 3 * 60000);
      if (at > now && (due === undefined || at < due)) due = at;
    }
    return due;
  },
} satisfies ControllerSpec;
