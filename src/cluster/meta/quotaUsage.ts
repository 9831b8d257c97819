import { parseQuantity } from './quantity.js';
import { canonicalQuantity } from './canonicalQuantity.js';
import type { KubeObject } from '../api/types.js';

/**
 * What an object counts against a ResourceQuota, as kube's quota evaluators (pkg/quota/v1/evaluator/core)
 * measure it for both the ResourceQuota admission plugin and the resourcequota controller: object counts,
 * a pod's compute requests and limits, a service's node ports and load balancers, a claim's storage.
 */
export interface QuotaUsage {
  usage: Record<string, number>;
  /** the resources whose amounts were written in binary units, so that sums print as `512Mi` */
  binary: Set<string>;
}

/** The namespaced kinds with a `<plural>` resource of their own in quota, besides `count/<plural>`. */
export const COUNTED_CORE = ['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas'];

const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';

type List = Record<string, string | number>;

const num = (q: unknown) => parseQuantity(q as string) ?? 0;
const isBinary = (q: unknown) => /i$/.test(String(q));

/** addResourceList into a running total, noting binary units */
function addInto(total: Record<string, number>, list: List | undefined, binary: Set<string>, tag: string): void {
  for (const [k, v] of Object.entries(list ?? {})) {
    total[k] = (total[k] ?? 0) + num(v);
    if (isBinary(v)) binary.add(`${tag}.${k}`);
  }
}

/**
 * resourcehelper.PodRequests / PodLimits: the app containers summed; restartable (sidecar) init
 * containers added; each ordinary init container, plus the sidecars started before it, as a floor; then
 * the RuntimeClass overhead (added to every request, and to a limit only where one is set).
 */
function aggregate(pod: KubeObject, which: 'requests' | 'limits', binary: Set<string>): Record<string, number> {
  const total: Record<string, number> = {};
  for (const c of pod.spec?.containers ?? []) addInto(total, c.resources?.[which], binary, which);
  const sidecars: Record<string, number> = {};
  const floor: Record<string, number> = {};
  for (const c of pod.spec?.initContainers ?? []) {
    const own: Record<string, number> = {};
    addInto(own, c.resources?.[which], binary, which);
    let step: Record<string, number>;
    if (c.restartPolicy === 'Always') {
      for (const [k, v] of Object.entries(own)) {
        total[k] = (total[k] ?? 0) + v;
        sidecars[k] = (sidecars[k] ?? 0) + v;
      }
      step = sidecars;
    } else {
      step = { ...own };
      for (const [k, v] of Object.entries(sidecars)) step[k] = (step[k] ?? 0) + v;
    }
    for (const [k, v] of Object.entries(step)) floor[k] = Math.max(floor[k] ?? 0, v);
  }
  for (const [k, v] of Object.entries(floor)) total[k] = Math.max(total[k] ?? 0, v);
  for (const [k, v] of Object.entries((pod.spec?.overhead ?? {}) as List)) {
    if (which === 'limits' && !(k in total)) continue;
    total[k] = (total[k] ?? 0) + num(v);
    if (isBinary(v)) binary.add(`${which}.${k}`);
  }
  return total;
}

/**
 * QuotaV1Pod: a pod that has finished no longer holds compute resources, nor does one still terminating after
 * its grace period past its deletionTimestamp (stuck on a lost node, it must not keep its owner from scaling).
 */
export function podHoldsResources(pod: KubeObject, now: number): boolean {
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return false;
  return !(releasedAt(pod) < now);
}

/** When a terminating pod stops counting toward quota (Infinity while it is not terminating). */
export function releasedAt(pod: KubeObject): number {
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (!pod.metadata.deletionTimestamp || grace === undefined || grace === null) return Infinity;
  return Date.parse(pod.metadata.deletionTimestamp) + Number(grace) * 1000;
}

/** podComputeUsageHelper: `pods`, cpu/memory/ephemeral-storage under both names, every request as `requests.<name>`. */
function podUsage(pod: KubeObject, into: QuotaUsage, now: number): void {
  if (!podHoldsResources(pod, now)) return;
  const marks = new Set<string>();
  const requests = aggregate(pod, 'requests', marks);
  const limits = aggregate(pod, 'limits', marks);
  const u = into.usage;
  u.pods = 1;
  for (const [k, v] of Object.entries(requests)) {
    u[`requests.${k}`] = v;
    if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage' || k.startsWith('hugepages-')) u[k] = v;
    if (marks.has(`requests.${k}`)) into.binary.add(`requests.${k}`).add(k);
  }
  for (const k of ['cpu', 'memory', 'ephemeral-storage'])
    if (k in limits) {
      u[`limits.${k}`] = limits[k];
      if (marks.has(`limits.${k}`)) into.binary.add(`limits.${k}`);
    }
}

/** An object's usage, as its kind's evaluator measures it (the generic object-count one for the rest). */
export function quotaUsage(group: string, plural: string, o: KubeObject, now: number): QuotaUsage {
  const out: QuotaUsage = { usage: { [`count/${group ? `${plural}.${group}` : plural}`]: 1 }, binary: new Set() };
  if (group !== '') return out;
  const u = out.usage;
  if (COUNTED_CORE.includes(plural) && plural !== 'pods') u[plural] = 1;
  if (plural === 'pods') podUsage(o, out, now);
  if (plural === 'services') {
    const type = o.spec?.type;
    const ports = (o.spec?.ports ?? []).length;
    u['services.nodeports'] = 0;
    u['services.loadbalancers'] = 0;
    if (type === 'NodePort') u['services.nodeports'] = ports;
    if (type === 'LoadBalancer') {
      // with node ports switched off, only the ports that name one count
      u['services.nodeports'] = o.spec?.allocateLoadBalancerNodePorts === false ? (o.spec.ports ?? []).filter((p: { nodePort?: number }) => p.nodePort).length : ports;
      u['services.loadbalancers'] = 1;
    }
  }
  if (plural === 'persistentvolumeclaims') {
    const cls: string = o.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? o.spec?.storageClassName ?? '';
    if (cls) u[`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`] = 1;
    // the larger of the request and what an expansion already allocated, in whole bytes
    const request = o.spec?.resources?.requests?.storage;
    const allocated = o.status?.allocatedResources?.storage;
    if (request !== undefined) {
      const pick = allocated !== undefined && num(allocated) > num(request) ? allocated : request;
      const bytes = Math.ceil(num(pick));
      u['requests.storage'] = bytes;
      if (cls) u[`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`] = bytes;
      if (isBinary(pick)) {
        out.binary.add('requests.storage');
        if (cls) out.binary.add(`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`);
      }
    }
  }
  return out;
}

/** Whether a pod falls in a quota scope (the pod evaluator's podMatchesScopeFunc). */
function podInScope(scope: { scopeName: string; operator?: string; values?: string[] }, pod: KubeObject): boolean {
  const containers: KubeObject[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const bestEffort = containers.every((c) => !Object.keys(c.resources?.requests ?? {}).length && !Object.keys(c.resources?.limits ?? {}).length);
  const terminating = pod.spec?.activeDeadlineSeconds !== undefined && pod.spec?.activeDeadlineSeconds !== null;
  switch (scope.scopeName) {
    case 'Terminating':
      return terminating;
    case 'NotTerminating':
      return !terminating;
    case 'BestEffort':
      return bestEffort;
    case 'NotBestEffort':
      return !bestEffort;
    case 'PriorityClass': {
      const name: string | undefined = pod.spec?.priorityClassName;
      const values = scope.values ?? [];
      switch (scope.operator) {
        case 'Exists':
          return !!name;
        case 'DoesNotExist':
          return !name;
        case 'In':
          return !!name && values.includes(name);
        case 'NotIn':
          return !name || !values.includes(name);
      }
      return false;
    }
    case 'CrossNamespacePodAffinity': {
      const terms = [
        ...(pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
        ...(pod.spec?.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: KubeObject) => w.podAffinityTerm),
        ...(pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
        ...(pod.spec?.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: KubeObject) => w.podAffinityTerm),
      ];
      const cross = terms.some((t: KubeObject) => (t?.namespaces ?? []).length > 0 || t?.namespaceSelector !== undefined);
      return scope.operator === 'DoesNotExist' ? !cross : cross;
    }
  }
  return false;
}

const POD_RESOURCES = ['count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods'];
const SERVICE_RESOURCES = ['count/services', 'services', 'services.nodeports', 'services.loadbalancers'];
const CLAIM_RESOURCES = ['count/persistentvolumeclaims', 'persistentvolumeclaims', 'requests.storage'];

/** The evaluator's MatchingResources: which of a quota's resources it can count for this kind of object. */
function evaluatorMatches(group: string, plural: string, resource: string): boolean {
  if (group === '' && plural === 'pods')
    // the pod resources, hugepages, and extended resources as requests.<domain>/<name>
    return POD_RESOURCES.includes(resource) || /^(requests\.)?hugepages-/.test(resource) || (resource.startsWith('requests.') && resource.includes('/'));
  if (group === '' && plural === 'services') return SERVICE_RESOURCES.includes(resource);
  if (group === '' && plural === 'persistentvolumeclaims')
    return CLAIM_RESOURCES.includes(resource) || resource.endsWith(`${STORAGE_CLASS_SUFFIX}requests.storage`) || resource.endsWith(`${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`);
  return resource === `count/${group ? `${plural}.${group}` : plural}` || (group === '' && resource === plural && COUNTED_CORE.includes(plural));
}

/**
 * generic.Matches: a quota applies to an object when it limits a resource the object's evaluator counts
 * (whether or not this object uses it) and every one of its scopes (spec.scopes and spec.scopeSelector)
 * takes the object in; only pods have scopes.
 */
export function quotaMatches(quota: KubeObject, group: string, plural: string, o: KubeObject): boolean {
  const hard = Object.keys(quota.spec?.hard ?? {});
  if (!hard.some((r) => evaluatorMatches(group, plural, r))) return false;
  const selectors = [
    ...((quota.spec?.scopes ?? []) as string[]).map((scopeName) => ({ scopeName, operator: 'Exists' })),
    ...((quota.spec?.scopeSelector?.matchExpressions ?? []) as { scopeName: string; operator: string; values?: string[] }[]),
  ];
  if (!selectors.length) return true;
  if (group !== '' || plural !== 'pods') return false;
  return selectors.every((s) => podInScope(s, o));
}

/** Quantity.String() of a summed amount: milli units for fractions, binary units when the inputs had them. */
export function formatUsage(v: number, binary: boolean): string {
  if (binary && v >= 1024 && Number.isInteger(v))
    for (const [s, n] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) if (v % n === 0) return `${v / n}${s}`;
  const text = Number.isInteger(v) ? String(v) : `${Math.round(v * 1000)}m`;
  return canonicalQuantity(text) ?? text;
}

/** The store keys of the objects a quota's hard resources can count. */
export function countedKeys(hard: string[]): string[] {
  const keys = new Set(COUNTED_CORE.map((p) => `/${p}`));
  for (const r of hard)
    if (r.startsWith('count/')) {
      const [plural, ...group] = r.slice('count/'.length).split('.');
      keys.add(`${group.join('.')}/${plural}`);
    }
  return [...keys];
}

/**
 * A quota's usage in its namespace, summed over the objects it matches, for each of its hard resources:
 * what the resourcequota controller writes to status.used (and admission checks new requests against).
 */
export function namespaceUsage(quota: KubeObject, objects: (key: string) => KubeObject[], now: number): QuotaUsage {
  const hard = Object.keys(quota.spec?.hard ?? {});
  const total: QuotaUsage = { usage: Object.fromEntries(hard.map((r) => [r, 0])), binary: new Set() };
  for (const key of countedKeys(hard)) {
    const cut = key.lastIndexOf('/');
    const [group, plural] = [key.slice(0, cut), key.slice(cut + 1)];
    for (const o of objects(key)) {
      if (o.metadata.namespace !== quota.metadata.namespace) continue;
      const u = quotaUsage(group, plural, o, now);
      if (!quotaMatches(quota, group, plural, o)) continue;
      for (const r of hard)
        if (r in u.usage) {
          total.usage[r] += u.usage[r];
          if (u.binary.has(r)) total.binary.add(r);
        }
    }
  }
  return total;
}
