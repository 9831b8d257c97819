import { forbidden } from '../status.js';
import type { KubeObject } from '../types.js';
import { canonicalQuantity } from '../../meta/canonicalQuantity.js';
import { parseQuantity } from '../../meta/quantity.js';
import { formatUsage, namespaceUsage, quotaMatches, quotaUsage, type QuotaUsage } from '../../meta/quotaUsage.js';
import type { StoreDocument } from '../../store/document.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admissionPlugin.js';

/**
 * ResourceQuota, the last validating plugin: a request is refused when it would take a namespace's
 * usage past a quota's hard limits, or when a quota on cpu or memory needs each container to name that
 * resource and one does not. New objects are charged in full; an update of a Service or a
 * PersistentVolumeClaim is charged what it adds (a Service turned NodePort, a claim asking for more
 * storage). Texts are apiserver/pkg/admission/plugin/resourcequota's and the pod evaluator's.
 */

const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** The pod evaluator's Constraints: with cpu or memory under quota, every container must name them. */
function podConstraints(pod: KubeObject, required: string[]): string | undefined {
  const wanted = required.filter((r) => VALIDATION_SET.includes(r));
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const has = new Set<string>();
    for (const k of Object.keys(c.resources?.requests ?? {})) has.add(`requests.${k}`).add(k);
    for (const k of Object.keys(c.resources?.limits ?? {})) has.add(`limits.${k}`);
    for (const r of wanted) if (!has.has(r)) missing.set(r, (missing.get(r) ?? new Set()).add(c.name));
  }
  if (!missing.size) return undefined;
  return `must specify ${[...missing.keys()]
    .sort()
    .map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`)
    .join('; ')}`;
}

/** Each evaluator's Handles: pods and counted objects on create; services and claims on update too. */
function handles(attrs: AdmissionAttributes): boolean {
  if (attrs.subresource || !attrs.spec.namespaced) return false;
  if (attrs.operation === 'CREATE') return true;
  return attrs.operation === 'UPDATE' && attrs.spec.group === '' && (attrs.spec.plural === 'services' || attrs.spec.plural === 'persistentvolumeclaims');
}

const list = (r: Record<string, string>) =>
  Object.keys(r)
    .sort()
    .map((k) => `${k}=${r[k]}`)
    .join(',');

export const ResourceQuota = {
  name: 'ResourceQuota',
  validate(attrs, doc: StoreDocument) {
    if (!handles(attrs)) return;
    const { group, plural } = attrs.spec;
    const now = attrs.now ?? Date.now();
    const input = quotaUsage(group, plural, attrs.object, now);
    const quotas = Object.values(doc.objects['/resourcequotas'] ?? {})
      .filter((q) => q.metadata.namespace === attrs.namespace && quotaMatches(q, group, plural, attrs.object))
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    if (!quotas.length) return;
    const refuse = (why: string) => {
      throw forbidden(plural, group, attrs.name, why);
    };
    // every matching quota's constraints first, then the amounts
    if (plural === 'pods' && group === '')
      for (const q of quotas) {
        const problem = podConstraints(attrs.object, Object.keys(q.spec?.hard ?? {}));
        if (problem) refuse(`failed quota: ${q.metadata.name}: ${problem}`);
      }
    const previous = attrs.operation === 'UPDATE' && attrs.oldObject ? quotaUsage(group, plural, attrs.oldObject, now) : undefined;
    for (const q of quotas) {
      // the hard limits as the quota states them: the controller copies them into its status within moments
      const hard: Record<string, string> = q.spec?.hard ?? {};
      // an update is charged what it adds, when the object was already counted by this quota
      const delta: QuotaUsage = { usage: { ...input.usage }, binary: input.binary };
      if (previous && quotaMatches(q, group, plural, attrs.oldObject!))
        for (const [k, v] of Object.entries(delta.usage)) delta.usage[k] = Math.max(0, v - (previous.usage[k] ?? 0));
      const requested = Object.keys(hard).filter((r) => (delta.usage[r] ?? 0) > 0);
      if (!requested.length) continue;
      // usage is counted from the store as the resourcequota controller counts it, so a quota applies
      // from the request after its creation and an update does not count the object's old self twice
      const used = namespaceUsage(q, (key) => Object.values(doc.objects[key] ?? {}), now);
      const exceeded = requested.filter((r) => used.usage[r] + delta.usage[r] > (parseQuantity(hard[r]) ?? 0) + 1e-9);
      if (!exceeded.length) continue;
      const pick = (f: (r: string) => string) => Object.fromEntries(exceeded.map((r) => [r, f(r)]));
      refuse(
        `exceeded quota: ${q.metadata.name}, requested: ${list(pick((r) => formatUsage(delta.usage[r], delta.binary.has(r))))}, used: ${list(
          pick((r) => formatUsage(used.usage[r], used.binary.has(r))),
        )}, limited: ${list(pick((r) => canonicalQuantity(String(hard[r])) ?? String(hard[r])))}`,
      );
    }
  },
} satisfies AdmissionPlugin;
