import { StatusError } from '../../../cluster/api/status.js';
import type { KubeObject } from '../../../cluster/api/types.js';
import { parseQuantity } from '../../../cluster/meta/quantity.js';
import type { DescribeContext, Describer } from './describer.js';
import { describeEvents, searchEvents } from './events.js';
import { byteCompare, canonicalQuantity, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, rfc1123z, since, sortedResourceNames } from './format.js';
import { PrefixWriter } from './prefixWriter.js';
import { podRequestsAndLimits, podsTotalRequestsAndLimits, quantityString, type ResourceList } from './resources.js';

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` label, sorted. */
function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort(byteCompare);
}

function describeLease(ctx: DescribeContext, name: string, w: PrefixWriter): void {
  const spec = ctx.client.kinds.forKind('Lease', 'coordination.k8s.io');
  let lease: KubeObject | undefined;
  try {
    lease = spec && ctx.client.get(spec, 'kube-node-lease', name);
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    w.write(0, `Lease:\tFailed to get lease: ${e.message}\n`);
    return;
  }
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}\n`);
  w.write(1, `AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(1, `RenewTime:\t${lease?.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
}

/** describeNodeResource: the node's non-terminated pods with their share of allocatable, then the totals. */
function describeNodeResource(pods: KubeObject[], node: KubeObject, w: PrefixWriter, now: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable: Record<string, string> = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : (node.status?.capacity ?? {});
  const alloc = (name: string) => parseQuantity(allocatable[name]) ?? 0;
  // percentages truncate toward zero, as Go's int64(float) does
  const pct = (part: number, whole: number) => (whole ? Math.trunc((part / whole) * 100) : 0);
  const cell = (list: ResourceList, name: string) => {
    const q = list.get(name);
    return `${quantityString(q)} (${pct(q?.value ?? 0, alloc(name))}%)`;
  };
  for (const p of pods) {
    const { requests, limits } = podRequestsAndLimits(p);
    w.write(1, `${p.metadata.namespace}\t${p.metadata.name}\t\t${cell(requests, 'cpu')}\t${cell(limits, 'cpu')}\t${cell(requests, 'memory')}\t${cell(limits, 'memory')}\t${since(p.metadata.creationTimestamp, now)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const { requests, limits } = podsTotalRequestsAndLimits(pods);
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) w.write(1, `${name}\t${cell(requests, name)}\t${cell(limits, name)}\n`);
  const names = Object.keys(allocatable).sort(byteCompare);
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) w.write(1, `${name}\t${cell(requests, name)}\t${cell(limits, name)}\n`);
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(n)))
    w.write(1, `${name}\t${quantityString(requests.get(name))}\t${quantityString(limits.get(name))}\n`);
}

/** describeNode, in kubectl's order; events are those naming the node by uid or by name (the kubelet's). */
export const node: Describer = {
  group: '',
  kind: 'Node',
  describe(n: KubeObject, ctx) {
    const w = new PrefixWriter();
    const name = n.metadata.name ?? '';
    const spec = n.spec ?? {};
    const status = n.status ?? {};
    w.write(0, `Name:\t${name}\n`);
    const roles = nodeRoles(n);
    w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', n.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', n.metadata.annotations);
    w.write(0, `CreationTimestamp:\t${rfc1123z(n.metadata.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', spec.taints);
    w.write(0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    describeLease(ctx, name, w);
    const conditions: KubeObject[] = status.conditions ?? [];
    if (conditions.length) {
      w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions)
        w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
    w.write(0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
    for (const [field, title] of [
      ['capacity', 'Capacity'],
      ['allocatable', 'Allocatable'],
    ] as const) {
      const list = status[field];
      if (!list || !Object.keys(list).length) continue;
      w.write(0, `${title}:\n`);
      for (const r of sortedResourceNames(list)) w.write(0, `  ${r}:\t${canonicalQuantity(list[r])}\n`);
    }
    const info = status.nodeInfo ?? {};
    w.write(0, 'System Info:\n');
    w.write(0, `  Machine ID:\t${info.machineID ?? ''}\n`);
    w.write(0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
    w.write(0, `  Boot ID:\t${info.bootID ?? ''}\n`);
    w.write(0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
    w.write(0, `  OS Image:\t${info.osImage ?? ''}\n`);
    w.write(0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
    w.write(0, `  Architecture:\t${info.architecture ?? ''}\n`);
    w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
    w.write(0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
    w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
    if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
    const podSpec = ctx.client.kinds.forKind('Pod', '')!;
    let pods: KubeObject[] | undefined;
    try {
      pods = ctx.client
        .list(podSpec, undefined)
        .items.filter((p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
        .sort((a, b) => byteCompare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || byteCompare(a.metadata.name ?? '', b.metadata.name ?? ''));
    } catch (e) {
      if (!(e instanceof StatusError && e.reason === 'Forbidden')) throw e;
    }
    if (pods) describeNodeResource(pods, n, w, ctx.now);
    else w.write(0, 'Pods:\tnot authorized\n');
    if (ctx.showEvents) {
      const byUid = n.metadata.uid ? searchEvents(ctx.client, { name, namespace: '', kind: 'Node', uid: n.metadata.uid }) : [];
      const byName = searchEvents(ctx.client, { name, namespace: '', kind: 'Node', uid: name });
      describeEvents([...byUid, ...byName], w, ctx.now);
    }
    return w.toString();
  },
};
