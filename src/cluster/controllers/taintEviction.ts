import type { KubeObject } from '../api/types.js';
import type { SyncContext } from '../component.js';
import { tolerates, type Taint, type Toleration } from '../meta/taints.js';
import type { ClusterView } from '../view.js';
import type { ControllerSpec } from './controllerSpec.js';

/** When a pod must leave its node because of NoExecute taints: now, later, or never (undefined). */
function evictionTime(pod: KubeObject, node: KubeObject): number | undefined {
  const taints: Taint[] = (node.spec?.taints ?? []).filter((t: Taint) => t.effect === 'NoExecute');
  let at: number | undefined;
  for (const taint of taints) {
    const matching = ((pod.spec?.tolerations ?? []) as Toleration[]).filter((t) => tolerates(t, taint));
    if (!matching.length) return 0;
    const secs = matching.map((t) => t.tolerationSeconds).filter((s): s is number => s !== undefined);
    if (secs.length < matching.length) continue; // tolerated forever by at least one toleration
    const added = taint.timeAdded ? Date.parse(taint.timeAdded) : 0;
    const t = added + Math.min(...secs) * 1000;
    if (at === undefined || t < at) at = t;
  }
  return at;
}

function candidates(view: ClusterView): { pod: KubeObject; at: number }[] {
  const out: { pod: KubeObject; at: number }[] = [];
  const nodes = new Map(view.list('/nodes').map((n) => [n.metadata.name!, n]));
  for (const pod of view.list('/pods')) {
    if (pod.metadata.deletionTimestamp || !pod.spec?.nodeName) continue;
    const node = nodes.get(pod.spec.nodeName);
    if (!node?.spec?.taints?.length) continue;
    const at = evictionTime(pod, node);
    if (at !== undefined) out.push({ pod, at });
  }
  return out;
}

/** The taint-eviction controller: deletes pods that do not tolerate a NoExecute taint on their node. */
async function sync(ctx: SyncContext): Promise<void> {
  const podSpec = ctx.kinds.forKind('Pod', '')!;
  for (const { pod, at } of candidates(ctx.view)) {
    if (at > ctx.now) continue;
    await ctx.events.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`);
    const st = structuredClone(pod.status ?? {});
    (st.conditions ??= []).push({
      lastProbeTime: null,
      lastTransitionTime: new Date(Math.floor(ctx.now / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      message: 'Taint manager: deleting due to NoExecute taint',
      reason: 'DeletionByTaintManager',
      status: 'True',
      type: 'DisruptionTarget',
    });
    await ctx.client.update(podSpec, { ...structuredClone(pod), status: st }, { subresource: 'status' });
    await ctx.client.delete(podSpec, pod.metadata.namespace, pod.metadata.name!);
  }
}

export const taintEvictionController = {
  name: 'taint-eviction-controller',
  aliases: [],
  user: 'system:serviceaccount:kube-system:node-controller',
  eventSource: 'taint-eviction-controller',
  sync,
  nextDue(view, now) {
    let due: number | undefined;
    for (const { at } of candidates(view)) if (at > now && (due === undefined || at < due)) due = at;
    return due;
  },
} satisfies ControllerSpec;
