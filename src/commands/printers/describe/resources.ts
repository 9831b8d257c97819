import type { KubeObject } from '../../../cluster/api/types.js';
import { parseQuantity } from '../../../cluster/meta/quantity.js';
import { formatQuantity, quantityFormat, type QuantityFormat } from './format.js';

/** A resource.Quantity: its value and the format sums of it keep. */
export interface Quantity {
  value: number;
  format: QuantityFormat;
}

export type ResourceList = Map<string, Quantity>;

export function quantity(q: string | number | undefined): Quantity {
  return { value: parseQuantity(q) ?? 0, format: quantityFormat(q) };
}

export function quantityString(q: Quantity | undefined): string {
  return q ? formatQuantity(q.value, q.format) : '0';
}

function toList(raw: Record<string, string | number> | undefined): ResourceList {
  return new Map(Object.entries(raw ?? {}).map(([k, v]) => [k, quantity(v)]));
}

function addResourceList(list: ResourceList, add: ResourceList): void {
  for (const [name, q] of add) {
    const have = list.get(name);
    list.set(name, have ? { value: have.value + q.value, format: have.format } : { ...q });
  }
}

function maxResourceList(list: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const have = list.get(name);
    if (!have || q.value > have.value) list.set(name, { ...q });
  }
}

/** resourcehelper.PodRequestsAndLimits: containers summed, init containers as a floor, sidecars added, plus overhead. */
export function podRequestsAndLimits(pod: KubeObject): { requests: ResourceList; limits: ResourceList } {
  const total = (field: 'requests' | 'limits') => {
    const list: ResourceList = new Map();
    for (const c of pod.spec?.containers ?? []) addResourceList(list, toList(c.resources?.[field]));
    const restartable: ResourceList = new Map();
    const init: ResourceList = new Map();
    for (const c of pod.spec?.initContainers ?? []) {
      let own = toList(c.resources?.[field]);
      if (c.restartPolicy === 'Always') {
        addResourceList(list, own);
        addResourceList(restartable, own);
        own = restartable;
      } else {
        const tmp: ResourceList = new Map();
        addResourceList(tmp, own);
        addResourceList(tmp, restartable);
        own = tmp;
      }
      maxResourceList(init, own);
    }
    maxResourceList(list, init);
    const overhead = toList(pod.spec?.overhead);
    if (field === 'requests') addResourceList(list, overhead);
    else
      for (const [name, q] of overhead) {
        const have = list.get(name);
        if (have && have.value !== 0) have.value += q.value;
      }
    return list;
  };
  return { requests: total('requests'), limits: total('limits') };
}

/** Sums of several pods' requests and limits (getPodsTotalRequestsAndLimits). */
export function podsTotalRequestsAndLimits(pods: KubeObject[]): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const p of pods) {
    const r = podRequestsAndLimits(p);
    addResourceList(requests, r.requests);
    addResourceList(limits, r.limits);
  }
  return { requests, limits };
}

const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** qos.GetPodQOS: status.qosClass when set, else computed from the containers' requests and limits. */
export function podQOS(pod: KubeObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  const process = (list: Map<string, number>, raw: Record<string, string> | undefined) => {
    for (const [name, q] of Object.entries(raw ?? {})) {
      const v = parseQuantity(q) ?? 0;
      if (QOS_RESOURCES.has(name) && v > 0) list.set(name, (list.get(name) ?? 0) + v);
    }
  };
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of containers) {
    process(requests, c.resources?.requests);
    process(limits, c.resources?.limits);
    const withLimits = Object.entries((c.resources?.limits ?? {}) as Record<string, string>).filter(([n, q]) => QOS_RESOURCES.has(n) && (parseQuantity(q) ?? 0) > 0);
    if (withLimits.length < 2) guaranteed = false;
  }
  if (!requests.size && !limits.size) return 'BestEffort';
  if (guaranteed) for (const [name, v] of requests) if (limits.get(name) !== v) guaranteed = false;
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
