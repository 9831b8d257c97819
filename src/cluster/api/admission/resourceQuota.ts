import { forbidden } from '../status.js';
import type { KubeObject } from '../types.js';
import { parseQuantity } from '../../meta/quantity.js';
import { canonicalQuantity } from '../../meta/canonicalQuantity.js';
import type { StoreDocument } from '../../store/document.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admissionPlugin.js';

/**
 * ResourceQuota, the last validating plugin: a new object is refused when it would take a namespace's
 * usage past a quota's hard limits, or
 * when a quota on cpu or memory needs each container to name that resource and one does not. Texts are
 * apiserver/pkg/admission/plugin/resourcequota's and the pod evaluator's.
 */

type Usage = Record<string, number>;

/** a quantity's value, and whether it was written in binary units (so sums keep that form) */
const num = (q: unknown) => parseQuantity(q as string) ?? 0;

/** Quantity.String() of a computed amount: milli for cpu-like values, binary units when the inputs had them. */
function show(res: string, v: number, binary: boolean): string {
  if (binary && v >= 1024 && Number.isInteger(v))
    for (const [s, n] of [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) if (v % n === 0) return `${v / n}${s}`;
  const text = Number.isInteger(v) ? String(v) : `${Math.round(v * 1000)}m`;
  return canonicalQuantity(text) ?? text;
}

/** The resources a container's requests and limits stand for in a quota (podComputeUsageHelper). */
function computeUsage(requests: Record<string, unknown>, limits: Record<string, unknown>): Usage {
  const u: Usage = {};
  for (const [k, v] of Object.entries(requests)) {
    u[`requests.${k}`] = num(v);
    if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') u[k] = num(v);
  }
  for (const [k, v] of Object.entries(limits)) u[`limits.${k}`] = num(v);
  return u;
}

const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** The pod evaluator's Constraints: with cpu or memory under quota, every container must name them. */
function podConstraints(pod: KubeObject, required: string[]): string | undefined {
  const wanted = required.filter((r) => VALIDATION_SET.includes(r));
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const has = computeUsage(c.resources?.requests ?? {}, c.resources?.limits ?? {});
    for (const r of wanted) if (!(r in has)) missing.set(r, (missing.get(r) ?? new Set()).add(c.name));
  }
  if (!missing.size) return undefined;
  return `must specify ${[...missing.keys()]
    .sort()
    .map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`)
    .join('; ')}`;
}

/** What an object adds to a namespace's usage, and which amounts were written in binary units. */
function usageOf(spec: { group: string; plural: string }, o: KubeObject): { usage: Usage; binary: Set<string> } {
  const usage: Usage = { [`count/${spec.group ? `${spec.plural}.${spec.group}` : spec.plural}`]: 1 };
  const binary = new Set<string>();
  if (spec.group !== '') return { usage, binary };
  if (['pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims', 'replicationcontrollers', 'resourcequotas'].includes(spec.plural)) usage[spec.plural] = 1;
  if (spec.plural === 'pods') {
    const add = (u: Usage, max = false) => {
      for (const [k, v] of Object.entries(u)) usage[k] = max ? Math.max(usage[k] ?? 0, v) : (usage[k] ?? 0) + v;
    };
    const note = (c: KubeObject) => {
      for (const which of ['requests', 'limits'])
        for (const [k, v] of Object.entries(c.resources?.[which] ?? {})) if (/i$/.test(String(v))) binary.add(`${which}.${k}`).add(k);
    };
    for (const c of o.spec?.containers ?? []) {
      add(computeUsage(c.resources?.requests ?? {}, c.resources?.limits ?? {}));
      note(c);
    }
    for (const c of o.spec?.initContainers ?? []) {
      add(computeUsage(c.resources?.requests ?? {}, c.resources?.limits ?? {}), true);
      note(c);
    }
  }
  if (spec.plural === 'services') {
    if (o.spec?.type === 'NodePort' || o.spec?.type === 'LoadBalancer') usage['services.nodeports'] = (o.spec.ports ?? []).length;
    if (o.spec?.type === 'LoadBalancer') usage['services.loadbalancers'] = 1;
  }
  if (spec.plural === 'persistentvolumeclaims') {
    const storage = o.spec?.resources?.requests?.storage;
    if (storage !== undefined) {
      usage['requests.storage'] = num(storage);
      if (/i$/.test(String(storage))) binary.add('requests.storage');
    }
  }
  return { usage, binary };
}

/** A quota's scopes: BestEffort, NotBestEffort, Terminating, NotTerminating (pods only). */
function inScope(quota: KubeObject, attrs: AdmissionAttributes): boolean {
  const scopes: string[] = quota.spec?.scopes ?? [];
  if (!scopes.length) return true;
  if (attrs.spec.plural !== 'pods' || attrs.spec.group !== '') return false;
  const pod = attrs.object;
  const containers: KubeObject[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const bestEffort = containers.every((c) => !Object.keys(c.resources?.requests ?? {}).length && !Object.keys(c.resources?.limits ?? {}).length);
  const terminating = pod.spec?.activeDeadlineSeconds !== undefined;
  return scopes.every((s) =>
    s === 'BestEffort' ? bestEffort : s === 'NotBestEffort' ? !bestEffort : s === 'Terminating' ? terminating : s === 'NotTerminating' ? !terminating : false,
  );
}

/**
 * The namespace's usage now, counted from the stored objects as the resourcequota controller counts it.
 * The real plugin charges each admitted object to the quota's status at once; counting the store gives
 * the same figure without waiting for the controller's next round.
 */
function liveUsage(doc: StoreDocument, namespace: string, resources: string[]): { usage: Usage; binary: Set<string> } {
  const usage: Usage = {};
  const binary = new Set<string>();
  const keys = new Set(['/pods', '/services', '/configmaps', '/secrets', '/persistentvolumeclaims', '/replicationcontrollers', '/resourcequotas']);
  for (const r of resources)
    if (r.startsWith('count/')) {
      const [plural, ...group] = r.slice('count/'.length).split('.');
      keys.add(`${group.join('.')}/${plural}`);
    }
  for (const key of keys) {
    const [group, plural] = [key.slice(0, key.lastIndexOf('/')), key.slice(key.lastIndexOf('/') + 1)];
    for (const o of Object.values(doc.objects[key] ?? {})) {
      if (o.metadata.namespace !== namespace) continue;
      // terminal and terminating pods no longer count
      if (key === '/pods' && (o.status?.phase === 'Succeeded' || o.status?.phase === 'Failed' || o.metadata.deletionTimestamp)) continue;
      const u = usageOf({ group, plural }, o);
      for (const [k, v] of Object.entries(u.usage)) usage[k] = (usage[k] ?? 0) + v;
      for (const b of u.binary) binary.add(b);
    }
  }
  return { usage, binary };
}

const list = (r: Record<string, string>) =>
  Object.keys(r)
    .sort()
    .map((k) => `${k}=${r[k]}`)
    .join(',');

export const ResourceQuota = {
  name: 'ResourceQuota',
  validate(attrs, doc: StoreDocument) {
    if (attrs.operation !== 'CREATE' || attrs.subresource || !attrs.spec.namespaced) return;
    const quotas = Object.values(doc.objects['/resourcequotas'] ?? {})
      .filter((q) => q.metadata.namespace === attrs.namespace && !q.spec?.scopeSelector && inScope(q, attrs))
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    if (!quotas.length) return;
    const refuse = (why: string) => {
      throw forbidden(attrs.spec.plural, attrs.spec.group, attrs.name, why);
    };
    const { usage, binary } = usageOf(attrs.spec, attrs.object);
    const isPod = attrs.spec.plural === 'pods' && attrs.spec.group === '';
    // every matching quota's constraints first, then the amounts
    for (const q of quotas) {
      const hard = Object.keys(q.spec?.hard ?? {});
      const problem = isPod ? podConstraints(attrs.object, hard) : undefined;
      if (problem) refuse(`failed quota: ${q.metadata.name}: ${problem}`);
    }
    let current: ReturnType<typeof liveUsage> | undefined;
    for (const q of quotas) {
      // the hard limits as the quota states them: the controller copies them into its status within moments,
      // and usage is counted live (below), so a quota applies from the request after its creation
      const hard: Record<string, string> = q.spec?.hard ?? {};
      const interesting = Object.keys(hard).filter((r) => r in usage);
      if (!interesting.length) continue;
      current ??= liveUsage(doc, attrs.namespace!, Object.keys(hard));
      const used = current.usage;
      const exceeded = interesting.filter((r) => (used[r] ?? 0) + usage[r] > num(hard[r]) + 1e-9);
      if (!exceeded.length) continue;
      const pick = (f: (r: string) => string) => Object.fromEntries(exceeded.map((r) => [r, f(r)]));
      refuse(
        `exceeded quota: ${q.metadata.name}, requested: ${list(pick((r) => show(r, usage[r], binary.has(r))))}, used: ${list(
          pick((r) => show(r, used[r] ?? 0, current!.binary.has(r))),
        )}, limited: ${list(pick((r) => canonicalQuantity(String(hard[r])) ?? String(hard[r])))}`,
      );
    }
  },
} satisfies AdmissionPlugin;
