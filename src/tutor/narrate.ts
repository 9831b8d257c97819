import type { KubeObject } from '../cluster/api/types.js';
import type { Narration } from './state.js';

type Change = 'ADDED' | 'MODIFIED' | 'DELETED';

const ownerOf = (o: KubeObject) => (o.metadata.ownerReferences as { kind: string; name: string }[] | undefined)?.[0];
const images = (p: KubeObject) => ((p.spec?.containers ?? []) as { image: string }[]).map((c) => c.image).join(', ');
const addresses = (ep: KubeObject | undefined): string[] =>
  ((ep?.subsets ?? []) as { addresses?: { ip: string }[] }[]).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));

/** Which controller creates objects of a kind for an owner of a kind. */
function creator(kind: string, owner: { kind: string } | undefined): string {
  if (!owner) return 'API server';
  const byOwner: Record<string, string> = {
    Deployment: 'deployment controller',
    ReplicaSet: 'replicaset controller',
    StatefulSet: 'statefulset controller',
    DaemonSet: 'daemonset controller',
    Job: 'job controller',
    CronJob: 'cronjob controller',
    Node: 'kubelet',
  };
  return byOwner[owner.kind] ?? `${owner.kind.toLowerCase()} controller`;
}

/**
 * Says which component reacted to a change seen on a watch, and how: the stream beside the cluster panel.
 * `prev` is the object as it was before a MODIFIED or DELETED change, when known.
 */
export function narrate(change: Change, o: KubeObject, prev?: KubeObject): Narration[] {
  const kind = o.kind;
  const name = o.metadata.name;
  const lower = kind.toLowerCase();
  const ns = o.metadata.namespace;
  if (ns === 'kube-system' && kind !== 'Event') return [];
  if (kind === 'Event') return narrateEvent(o, change);
  if (change === 'ADDED') {
    const owner = ownerOf(o);
    if (kind === 'Endpoints' || kind === 'EndpointSlice') return [];
    if (kind === 'Pod' && o.spec?.nodeName && !owner) return [{ who: 'API server', what: `stored pod/${name} (already bound to ${o.spec.nodeName})` }];
    if (!owner) return [{ who: 'API server', what: `stored ${lower}/${name}` }];
    return [{ who: creator(kind, owner), what: `created ${lower} ${name}` }];
  }
  if (change === 'DELETED') {
    if (kind === 'Endpoints' || kind === 'EndpointSlice') return [];
    return [{ who: 'API server', what: `removed ${lower}/${name}` }];
  }
  if (kind === 'Pod') return narratePod(o, prev);
  if (kind === 'Node') return narrateNode(o, prev);
  if (kind === 'Endpoints') {
    const before = new Set(addresses(prev));
    const after = addresses(o);
    const out: Narration[] = [];
    for (const ip of after) if (!before.has(ip)) out.push({ who: 'endpoints controller', what: `added ${ip} to service/${name}` });
    for (const ip of before) if (!after.includes(ip)) out.push({ who: 'endpoints controller', what: `removed ${ip} from service/${name}` });
    return out;
  }
  if ((kind === 'Deployment' || kind === 'ReplicaSet') && prev && prev.spec?.replicas !== o.spec?.replicas) {
    return [{ who: kind === 'ReplicaSet' && ownerOf(o) ? 'deployment controller' : 'API server', what: `scaled ${lower}/${name} from ${prev.spec?.replicas} to ${o.spec?.replicas}` }];
  }
  return [];
}

function narratePod(p: KubeObject, prev: KubeObject | undefined): Narration[] {
  const name = p.metadata.name;
  const node = p.spec?.nodeName as string | undefined;
  const out: Narration[] = [];
  if (node && !prev?.spec?.nodeName) out.push({ who: 'scheduler', what: `bound ${name} to ${node}` });
  if (p.metadata.deletionTimestamp && !prev?.metadata.deletionTimestamp) out.push({ who: 'API server', what: `marked ${name} for deletion` });
  const was = prev?.status?.phase;
  const phase = p.status?.phase;
  if (phase === 'Running' && was !== 'Running') out.push({ who: `kubelet on ${node ?? '?'}`, what: `pulled ${images(p)} and started ${name}` });
  else if (phase && phase !== was && phase !== 'Pending') out.push({ who: `kubelet on ${node ?? '?'}`, what: `reported ${name} ${phase}` });
  return out;
}

function narrateNode(n: KubeObject, prev: KubeObject | undefined): Narration[] {
  const name = n.metadata.name;
  const ready = (o?: KubeObject) => ((o?.status?.conditions ?? []) as { type: string; status: string }[]).find((c) => c.type === 'Ready')?.status;
  const out: Narration[] = [];
  if (prev && ready(prev) !== ready(n)) {
    out.push(ready(n) === 'True' ? { who: `kubelet on ${name}`, what: 'reported the node Ready' } : { who: 'node lifecycle controller', what: `marked ${name} NotReady` });
  }
  if (prev && !!prev.spec?.unschedulable !== !!n.spec?.unschedulable) out.push({ who: 'API server', what: `${n.spec?.unschedulable ? 'cordoned' : 'uncordoned'} ${name}` });
  const taints = (o?: KubeObject) => ((o?.spec?.taints ?? []) as { key: string; effect: string }[]).map((t) => `${t.key}:${t.effect}`);
  if (prev) {
    const before = taints(prev);
    const after = taints(n);
    for (const t of after) if (!before.includes(t)) out.push({ who: 'API server', what: `tainted ${name} ${t}` });
    for (const t of before) if (!after.includes(t)) out.push({ who: 'API server', what: `removed taint ${t} from ${name}` });
  }
  return out;
}

/** Events that say more than the watch of their object: warnings, and what only the component knows. */
const TOLD_BY_EVENT = new Set(['FailedScheduling', 'Killing', 'BackOff', 'Unhealthy', 'Evicted', 'Preempted', 'FailedCreate', 'NodeNotReady', 'Failed', 'TaintManagerEviction']);

function narrateEvent(e: KubeObject, change: Change): Narration[] {
  if (change !== 'ADDED') return [];
  const reason = String(e.reason ?? '');
  if (e.type !== 'Warning' && !TOLD_BY_EVENT.has(reason)) return [];
  const who = String(e.source?.component ?? e.reportingComponent ?? 'cluster');
  const host = e.source?.host ? ` on ${e.source.host}` : '';
  const obj = `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${e.involvedObject?.name ?? ''}`;
  return [{ who: `${who}${host}`, what: `${reason} ${obj}: ${String(e.message ?? '').trim()}` }];
}
