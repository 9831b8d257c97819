import { rfc3339 } from '../clock.js';
import type { Component, SyncContext } from '../component.js';
import type { KubeObject } from '../api/types.js';
import { resourceKey } from '../api/resources/kindSpec.js';
import { buildNodeInfos, schedulePod } from './framework.js';
import { plugins } from './plugins/index.js';
import { preempt } from './preemption.js';
import { podRequests, podRequestsNonZero } from './resources.js';
import type { CycleState } from './types.js';

export const SCHEDULER_NAME = 'default-scheduler';

function priority(p: KubeObject): number {
  return p.spec?.priority ?? 0;
}

function pending(p: KubeObject): boolean {
  return (
    !p.spec?.nodeName &&
    (p.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME &&
    !p.metadata.deletionTimestamp &&
    !(p.spec?.schedulingGates ?? []).length &&
    p.status?.phase !== 'Succeeded' &&
    p.status?.phase !== 'Failed'
  );
}

function setCondition(pod: KubeObject, cond: Record<string, unknown>, now: number): void {
  const conds: Record<string, unknown>[] = (pod.status.conditions ??= []);
  const i = conds.findIndex((c) => c.type === cond.type);
  const old = i >= 0 ? conds[i] : undefined;
  const next = {
    ...cond,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === cond.status ? old.lastTransitionTime : rfc3339(now),
  };
  if (i >= 0) conds[i] = next;
  else conds.push(next);
}

/**
 * kube-scheduler's default profile: takes pending pods (highest priority, then oldest, first), filters and
 * scores the nodes, binds through the API, and explains a pod it cannot place with FailedScheduling.
 */
export const scheduler: Component = {
  name: SCHEDULER_NAME,
  user: 'system:kube-scheduler',
  eventSource: SCHEDULER_NAME,
  async sync(ctx: SyncContext) {
    const podSpec = ctx.kinds.forKind('Pod', '')!;
    const queue = ctx.view.list('/pods').filter(pending);
    if (!queue.length) return;
    queue.sort(
      (a, b) =>
        priority(b) - priority(a) ||
        String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) ||
        String(a.metadata.name).localeCompare(String(b.metadata.name)),
    );
    const nodes = ctx.view.list('/nodes').sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
    const allPods = ctx.view.list('/pods');
    const infos = buildNodeInfos(nodes, allPods);
    const namespaces = ctx.view.list('/namespaces');
    const state: CycleState = {
      nodes: infos,
      boundPods: allPods.filter((p) => p.spec?.nodeName),
      namespaceLabels: (ns) => namespaces.find((n) => n.metadata.name === ns)?.metadata.labels ?? {},
    };
    for (const pod of queue) {
      const result = schedulePod(pod, state);
      if (result.node) {
        const bound = structuredClone(ctx.view.get(resourceKey(podSpec), pod.metadata.namespace, pod.metadata.name!)!);
        bound.spec.nodeName = result.node;
        bound.status ??= {};
        setCondition(bound, { type: 'PodScheduled', status: 'True' }, ctx.now);
        delete bound.status.nominatedNodeName;
        const stored = await ctx.client.update(podSpec, bound, { subresource: 'binding' });
        // the node now carries this pod, for the rest of the cycle
        const info = infos.find((n) => n.name === result.node)!;
        info.pods.push(stored);
        const req = podRequests(stored);
        for (const [k, v] of Object.entries(req)) info.requested[k] = (info.requested[k] ?? 0) + v;
        const nz = podRequestsNonZero(stored);
        info.nonZeroRequested.cpu += nz.cpu;
        info.nonZeroRequested.memory += nz.memory;
        state.boundPods.push(stored);
        await ctx.events.record(stored, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${result.node}`);
        continue;
      }
      const preemption = preempt(pod, state, result.resolvable, plugins);
      const message = preemption.message ? `${result.message} ${preemption.message}` : result.message!;
      if (preemption.node) {
        await evict(ctx, pod, preemption.node, preemption.victims!);
        // the victims are leaving: the pod waits for them, nominated to the node
        for (const v of preemption.victims!) v.metadata.deletionTimestamp = rfc3339(ctx.now);
      }
      const cond = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'PodScheduled');
      const nominated = preemption.node ?? pod.status?.nominatedNodeName;
      if (cond?.status === 'False' && cond.message === message && nominated === pod.status?.nominatedNodeName) continue; // nothing new to say
      const updated = structuredClone(pod);
      updated.status ??= {};
      setCondition(updated, { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }, ctx.now);
      if (nominated) updated.status.nominatedNodeName = nominated;
      await ctx.client.update(podSpec, updated, { subresource: 'status' });
      await ctx.events.record(pod, 'Warning', 'FailedScheduling', message);
    }
  },
};

/** Preemption's eviction: each victim is marked DisruptionTarget, deleted with its grace period, and told why. */
async function evict(ctx: SyncContext, preemptor: KubeObject, node: string, victims: KubeObject[]): Promise<void> {
  const podSpec = ctx.kinds.forKind('Pod', '')!;
  for (const victim of victims) {
    const marked = structuredClone(victim);
    marked.status ??= {};
    const scheduler = preemptor.spec?.schedulerName ?? SCHEDULER_NAME;
    setCondition(marked, { type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${scheduler}: preempting to accommodate a higher priority pod` }, ctx.now);
    await ctx.client.update(podSpec, marked, { subresource: 'status' });
    await ctx.client.delete(podSpec, victim.metadata.namespace, victim.metadata.name!);
    await ctx.events.record(victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${node}`);
  }
}
