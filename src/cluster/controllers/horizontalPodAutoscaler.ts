import { rfc3339 } from '../clock.js';
import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { selectorMatches } from '../meta/selectors.js';
import { parseQuantity } from '../meta/quantity.js';
import { loadSettings, metricsAvailable, podUsage } from '../metrics.js';
import type { ControllerSpec } from './controllerSpec.js';

const TOLERANCE = 0.1;
const DOWNSCALE_WINDOW_MS = 300_000;

interface Recommendation {
  at: number;
  replicas: number;
}

function targetOf(hpa: KubeObject): number | undefined {
  const m = (hpa.spec?.metrics ?? []).find((x: KubeObject) => x.type === 'Resource' && x.resource?.name === 'cpu');
  return m?.resource?.target?.averageUtilization;
}

function cond(type: string, status: string, reason: string, message: string, now: number, old?: Record<string, unknown>[]): Record<string, unknown> {
  const prev = (old ?? []).find((c) => c.type === type);
  return { lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : rfc3339(now), message, reason, status, type };
}

/**
 * The horizontal-pod-autoscaler controller (CPU utilisation): desired = ceil(current × usage / target),
 * unchanged within a 10% tolerance, clamped to [minReplicas, maxReplicas], scaling down only to the highest
 * recommendation of the last five minutes. Without metrics-server it reports FailedGetResourceMetric.
 */
async function syncHPA(ctx: SyncContext, hpa: KubeObject): Promise<void> {
  const hpaSpec = ctx.kinds.forKind('HorizontalPodAutoscaler', 'autoscaling')!;
  const ns = hpa.metadata.namespace!;
  const ref = hpa.spec?.scaleTargetRef ?? {};
  const kindSpec = ctx.kinds.forKind(ref.kind, ref.apiVersion?.includes('/') ? ref.apiVersion.split('/')[0] : undefined);
  const target = kindSpec && ctx.view.get(`${kindSpec.group}/${kindSpec.plural}`, ns, ref.name);
  const status = structuredClone(hpa.status ?? {});
  const old = status.conditions ?? [];
  const conds: Record<string, unknown>[] = [];
  const minR = hpa.spec?.minReplicas ?? 1;
  const maxR = hpa.spec?.maxReplicas ?? 1;
  const util = targetOf(hpa);
  if (!target || !kindSpec) {
    conds.push(cond('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${ref.kind?.toLowerCase()}s.apps "${ref.name}" not found`, ctx.now, old));
  } else {
    const current = target.spec?.replicas ?? 1;
    status.currentReplicas = current;
    const pods = ctx.view.list('/pods', ns).filter((p) => selectorMatches(target.spec?.selector, p.metadata.labels) && !p.metadata.deletionTimestamp);
    conds.push(cond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', ctx.now, old));
    let desired = current;
    if (!metricsAvailable(ctx.view)) {
      conds.push(cond('ScalingActive', 'False', 'FailedGetResourceMetric', 'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)', ctx.now, old));
    } else if (util !== undefined) {
      const load = loadSettings(ctx.view);
      let used = 0;
      let requested = 0;
      let missing = false;
      for (const p of pods) {
        const u = podUsage(p, load, ctx.now);
        if (!u) continue;
        used += u.total.cpu;
        for (const c of p.spec?.containers ?? []) {
          const r = parseQuantity(c.resources?.requests?.cpu);
          if (r === undefined) missing = true;
          else requested += r * 1000;
        }
      }
      if (missing || !requested) {
        conds.push(cond('ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container ${pods[0]?.spec?.containers?.[0]?.name ?? ''} of Pod ${pods[0]?.metadata.name ?? ''}`, ctx.now, old));
      } else {
        const pct = Math.round((used * 100) / requested);
        status.currentMetrics = [{ resource: { current: { averageUtilization: pct, averageValue: `${Math.round(used / Math.max(1, pods.length))}m` }, name: 'cpu' }, type: 'Resource' }];
        const ratio = pct / util;
        if (Math.abs(ratio - 1) > TOLERANCE) desired = Math.ceil(current * ratio);
        conds.push(cond('ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)', ctx.now, old));
      }
    }
    // scale-down stabilisation: the highest recommendation of the window wins
    const recs: Recommendation[] = ((ctx.view.sim().hpa as Record<string, Recommendation[]> | undefined)?.[hpa.metadata.uid!] ?? []).filter((r) => r.at > ctx.now - DOWNSCALE_WINDOW_MS);
    recs.push({ at: ctx.now, replicas: desired });
    ((ctx.view.sim().hpa ??= {}) as Record<string, Recommendation[]>)[hpa.metadata.uid!] = recs;
    let next = desired < current ? Math.max(...recs.map((r) => r.replicas)) : desired;
    let limited = false;
    if (next > maxR) {
      next = maxR;
      limited = true;
    }
    if (next < minR) {
      next = minR;
      limited = true;
    }
    conds.push(
      limited
        ? cond('ScalingLimited', 'True', next === maxR ? 'TooManyReplicas' : 'TooFewReplicas', `the desired replica count is ${next === maxR ? 'more' : 'less'} than the ${next === maxR ? 'maximum' : 'minimum'} replica count`, ctx.now, old)
        : cond('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range', ctx.now, old),
    );
    status.desiredReplicas = next;
    if (next !== current) {
      const reason = next > current ? 'cpu resource utilization (percentage of request) above target' : 'All metrics below target';
      // as the real controller: read the target's Scale and PUT it back with the new size
      const scale = ctx.client.getScale(kindSpec, ns, ref.name);
      await ctx.client.writeScale(kindSpec, ns, ref.name, { scale: { ...scale, spec: { replicas: next } } });
      await ctx.events.record(hpa, 'Normal', 'SuccessfulRescale', `New size: ${next}; reason: ${reason}`);
      status.lastScaleTime = rfc3339(ctx.now);
      status.currentReplicas = current;
    }
  }
  status.conditions = conds;
  status.observedGeneration = hpa.metadata.generation;
  const fresh = ctx.view.get('autoscaling/horizontalpodautoscalers', ns, hpa.metadata.name!)!;
  if (JSON.stringify(status) !== JSON.stringify(fresh.status ?? {}))
    await ctx.client.update(hpaSpec, { ...structuredClone(fresh), status }, { subresource: 'status' });
}

export const horizontalPodAutoscalerController = {
  name: 'horizontal-pod-autoscaler-controller',
  aliases: ['horizontalpodautoscaling'],
  user: 'system:serviceaccount:kube-system:horizontal-pod-autoscaler',
  eventSource: 'horizontal-pod-autoscaler',
  async sync(ctx) {
    for (const hpa of ctx.view.list('autoscaling/horizontalpodautoscalers')) await syncHPA(ctx, hpa);
  },
  nextDue(view, now) {
    // a held-back scale-down goes ahead when the higher recommendations age out of the window
    let due: number | undefined;
    const all = (view.sim().hpa ?? {}) as Record<string, Recommendation[]>;
    for (const hpa of view.list('autoscaling/horizontalpodautoscalers')) {
      const recs = all[hpa.metadata.uid!] ?? [];
      const latest = recs[recs.length - 1];
      if (!latest) continue;
      for (const r of recs) {
        const at = r.at + DOWNSCALE_WINDOW_MS + 1;
        if (r.replicas > latest.replicas && at > now && (due === undefined || at < due)) due = at;
      }
    }
    return due;
  },
} satisfies ControllerSpec;
