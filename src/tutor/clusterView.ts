import type { KubeObject } from '../cluster/api/types.js';

/** A pod as the cluster panel draws it. */
export interface PodView {
  name: string;
  namespace: string;
  node?: string;
  /** what kubectl's STATUS column would say: Running, Pending, ContainerCreating, Terminating, CrashLoopBackOff */
  status: string;
}

export interface NodeView {
  name: string;
  ready: boolean;
  unschedulable: boolean;
  /** `key[=value]:Effect`, as kubectl describe lists them */
  taints: string[];
  pods: PodView[];
}

export interface ClusterView {
  nodes: NodeView[];
  /** pods no node has taken yet */
  pending: PodView[];
  /** kube-system's pods are counted, not drawn: they would crowd out the learner's */
  systemPods: number;
}

/** The STATUS kubectl get pods shows, reduced to what the panel needs. */
export function podStatus(p: KubeObject): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  const statuses = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])] as {
    state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
  }[];
  for (const c of statuses) {
    const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (reason && reason !== 'Completed') return reason;
  }
  if (p.status?.reason) return String(p.status.reason);
  return String(p.status?.phase ?? 'Pending');
}

export function podView(p: KubeObject): PodView {
  return { name: p.metadata.name ?? '', namespace: p.metadata.namespace ?? 'default', node: p.spec?.nodeName || undefined, status: podStatus(p) };
}

export function nodeView(n: KubeObject): Omit<NodeView, 'pods'> {
  const conds = (n.status?.conditions ?? []) as { type: string; status: string }[];
  const taints = ((n.spec?.taints ?? []) as { key: string; value?: string; effect: string }[]).map(
    (t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`,
  );
  return {
    name: n.metadata.name ?? '',
    ready: conds.some((c) => c.type === 'Ready' && c.status === 'True'),
    unschedulable: !!n.spec?.unschedulable,
    taints,
  };
}

/** Puts each pod into its node's box, in name order. */
export function buildView(nodes: Iterable<KubeObject>, pods: Iterable<KubeObject>): ClusterView {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const views: NodeView[] = [...nodes].map((n) => ({ ...nodeView(n), pods: [] })).sort(byName);
  const index = new Map(views.map((v) => [v.name, v]));
  const pending: PodView[] = [];
  let systemPods = 0;
  for (const p of pods) {
    if (p.metadata.namespace === 'kube-system') {
      systemPods++;
      continue;
    }
    const v = podView(p);
    const node = v.node ? index.get(v.node) : undefined;
    (node ? node.pods : pending).push(v);
  }
  for (const v of views) v.pods.sort(byName);
  pending.sort(byName);
  return { nodes: views, pending, systemPods };
}

/** The colour a pod's status is drawn in. */
export function statusColor(status: string): string {
  if (status === 'Running') return 'green';
  if (status === 'Pending' || status === 'ContainerCreating' || status === 'PodInitializing') return 'yellow';
  if (status === 'Terminating') return 'gray';
  if (status === 'Succeeded' || status === 'Completed') return 'blue';
  return 'red';
}
