import { rfc3339 } from '../clock.js';
import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { DEFAULT_NODE_MONITOR_GRACE_SECONDS, nodeMachine, settings } from '../meta/nodeState.js';
import type { ClusterView } from '../view.js';
import type { ControllerSpec } from './controllerSpec.js';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const PRESSURE = ['MemoryPressure', 'DiskPressure', 'PIDPressure'];

function graceMs(view: Pick<ClusterView, 'sim'>): number {
  return (settings(view).nodeMonitorGracePeriod ?? DEFAULT_NODE_MONITOR_GRACE_SECONDS) * 1000;
}

/** The last sign of life from a node's kubelet: now while it runs, else when it stopped (or its last lease renewal). */
function lastHeartbeat(view: ClusterView, node: KubeObject, now: number): number {
  const m = nodeMachine(view, node.metadata.name!);
  if (!m.stopped) return now;
  const lease = view.get('coordination.k8s.io/leases', 'kube-node-lease', node.metadata.name!);
  const renewed = lease?.spec?.renewTime ? Date.parse(lease.spec.renewTime) : 0;
  return Math.max(m.stoppedAt ?? 0, renewed);
}

function readyStatus(node: KubeObject): string | undefined {
  return (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready')?.status;
}

/**
 * The node lifecycle controller: a node whose kubelet has been silent for the monitor grace period has
 * its conditions set to Unknown and gets the unreachable taints; its pods are marked not ready. When the
 * kubelet reports Ready again the taints come off. (Evicting pods is the taint-eviction controller's job.)
 */
async function sync(ctx: SyncContext): Promise<void> {
  const nodeSpec = ctx.kinds.forKind('Node', '')!;
  const podSpec = ctx.kinds.forKind('Pod', '')!;
  for (const node of ctx.view.list('/nodes')) {
    const name = node.metadata.name!;
    const ready = readyStatus(node);
    const silentSince = lastHeartbeat(ctx.view, node, ctx.now);
    let next = structuredClone(node);
    let changed = false;
    if (ctx.now - silentSince >= graceMs(ctx.view) && ready !== 'Unknown') {
      const ts = rfc3339(ctx.now);
      next.status.conditions = (next.status.conditions ?? []).map((c: any) =>
        c.type === 'Ready' || PRESSURE.includes(c.type)
          ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: ts }
          : c,
      );
      await ctx.client.update(nodeSpec, next, { subresource: 'status' });
      next = structuredClone(ctx.view.get('/nodes', undefined, name)!);
      await ctx.events.record(node, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      for (const pod of ctx.view.list('/pods').filter((p) => p.spec?.nodeName === name)) {
        const st = structuredClone(pod.status ?? {});
        const conds: any[] = st.conditions ?? [];
        let touched = false;
        for (const c of conds)
          if ((c.type === 'Ready' || c.type === 'ContainersReady') && c.status !== 'False') {
            c.status = 'False';
            c.lastTransitionTime = ts;
            touched = true;
          }
        for (const cs of st.containerStatuses ?? []) cs.ready = false;
        if (touched) {
          await ctx.client.update(podSpec, { ...structuredClone(pod), status: st }, { subresource: 'status' });
          await ctx.events.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
        }
      }
    }
    // taints mirror the Ready condition
    const status = readyStatus(next);
    const taints: any[] = next.spec?.taints ?? [];
    const want = status === 'Unknown' ? UNREACHABLE : status === 'False' ? NOT_READY : undefined;
    const others = taints.filter((t) => t.key !== UNREACHABLE && t.key !== NOT_READY);
    const kept = taints.filter((t) => t.key === want);
    const desired = [...others];
    if (want) {
      for (const effect of ['NoSchedule', 'NoExecute']) {
        const have = kept.find((t) => t.effect === effect);
        desired.push(have ?? (effect === 'NoExecute' ? { effect, key: want, timeAdded: rfc3339(ctx.now) } : { effect, key: want }));
      }
    }
    if (JSON.stringify(desired) !== JSON.stringify(taints)) {
      next.spec = { ...next.spec, taints: desired.length ? desired : undefined };
      if (!desired.length) delete next.spec.taints;
      changed = true;
    }
    if (changed) await ctx.client.update(nodeSpec, next);
  }
}

export const nodeLifecycleController = {
  name: 'node-lifecycle-controller',
  aliases: ['nodelifecycle'],
  user: 'system:serviceaccount:kube-system:node-controller',
  eventSource: 'node-controller',
  sync,
  nextDue(view, now) {
    let due: number | undefined;
    for (const node of view.list('/nodes')) {
      if (!nodeMachine(view, node.metadata.name!).stopped || readyStatus(node) === 'Unknown') continue;
      const at = lastHeartbeat(view, node, now) + graceMs(view);
      if (at > now && (due === undefined || at < due)) due = at;
    }
    return due;
  },
} satisfies ControllerSpec;
