import { forbidden } from '../status.js';
import type { KubeObject } from '../types.js';
import { parseQuantity } from '../../meta/quantity.js';
import { canonicalQuantity } from '../../meta/canonicalQuantity.js';
import type { StoreDocument } from '../../store/document.js';
import type { AdmissionAttributes, AdmissionPlugin } from './admissionPlugin.js';

/**
 * LimitRanger: the LimitRanges of a pod's namespace give its containers default requests and limits
 * (noted in the `kubernetes.io/limit-ranger` annotation) and bound them per Container and per Pod; a
 * PersistentVolumeClaim's storage request is bounded too. Texts are plugin/pkg/admission/limitranger's.
 */

type Resources = Record<string, string | number>;

/** Quantity.String(): the canonical form of a value as stored. */
const show = (q: string | number) => canonicalQuantity(String(q)) ?? String(q);

/** requestLimitEnforcedValues compares at milli precision; plain numbers do the same here. */
const value = (q: string | number | undefined) => parseQuantity(q) ?? 0;

function limitRangesOf(doc: StoreDocument, namespace: string | undefined): KubeObject[] {
  return Object.values(doc.objects['/limitranges'] ?? {})
    .filter((l) => l.metadata.namespace === namespace)
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
}

function minConstraint(type: string, res: string, enforced: string | number, request: Resources, limit: Resources): string | undefined {
  if (!(res in request)) return `minimum ${res} usage per ${type} is ${show(enforced)}.  No request is specified`;
  if (value(request[res]) < value(enforced)) return `minimum ${res} usage per ${type} is ${show(enforced)}, but request is ${show(request[res])}`;
  if (res in limit && value(limit[res]) < value(enforced)) return `minimum ${res} usage per ${type} is ${show(enforced)}, but limit is ${show(limit[res])}`;
  return undefined;
}

function maxConstraint(type: string, res: string, enforced: string | number, request: Resources, limit: Resources): string | undefined {
  if (!(res in limit)) return `maximum ${res} usage per ${type} is ${show(enforced)}.  No limit is specified`;
  if (value(limit[res]) > value(enforced)) return `maximum ${res} usage per ${type} is ${show(enforced)}, but limit is ${show(limit[res])}`;
  if (res in request && value(request[res]) > value(enforced)) return `maximum ${res} usage per ${type} is ${show(enforced)}, but request is ${show(request[res])}`;
  return undefined;
}

/** The max of a PersistentVolumeClaim applies to what it requests (maxRequestConstraint). */
function maxRequestConstraint(type: string, res: string, enforced: string | number, request: Resources): string | undefined {
  if (!(res in request)) return `maximum ${res} usage per ${type} is ${show(enforced)}.  No request is specified`;
  if (value(request[res]) > value(enforced)) return `maximum ${res} usage per ${type} is ${show(enforced)}, but request is ${show(request[res])}`;
  return undefined;
}

function ratioConstraint(type: string, res: string, enforced: string | number, request: Resources, limit: Resources): string | undefined {
  const req = value(request[res]);
  const lim = value(limit[res]);
  if (!(res in request) || req === 0) return `${res} max limit to request ratio per ${type} is ${show(enforced)}, but no request is specified or request is 0`;
  if (!(res in limit) || lim === 0) return `${res} max limit to request ratio per ${type} is ${show(enforced)}, but no limit is specified or limit is 0`;
  // Go's %f: six decimals
  if (lim / req > value(enforced) + 1e-12) return `${res} max limit to request ratio per ${type} is ${show(enforced)}, but provided ratio is ${(lim / req).toFixed(6)}`;
  return undefined;
}

/** Every bound of one LimitRange item, applied to one set of requests and limits. */
function check(item: KubeObject, type: string, request: Resources, limit: Resources, errs: string[]): void {
  const push = (e: string | undefined) => e && errs.push(e);
  for (const [res, q] of Object.entries(item.min ?? {})) push(minConstraint(type, res, q as string, request, limit));
  for (const [res, q] of Object.entries(item.max ?? {})) push(maxConstraint(type, res, q as string, request, limit));
  for (const [res, q] of Object.entries(item.maxLimitRequestRatio ?? {})) push(ratioConstraint(type, res, q as string, request, limit));
}

/** The pod's effective requests or limits: the sum over containers, or the largest init container if more. */
function podTotal(pod: KubeObject, which: 'requests' | 'limits'): Resources {
  const sum: Record<string, number> = {};
  const containers: KubeObject[] = pod.spec?.containers ?? [];
  for (const c of containers) for (const [k, v] of Object.entries((c.resources?.[which] ?? {}) as Resources)) sum[k] = (sum[k] ?? 0) + value(v);
  for (const c of pod.spec?.initContainers ?? [])
    for (const [k, v] of Object.entries((c.resources?.[which] ?? {}) as Resources)) if (!(k in sum) || value(v) > sum[k]) sum[k] = value(v);
  return Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, k === 'cpu' ? `${Math.round(v * 1000)}m` : String(Math.round(v))]));
}

function refuse(attrs: AdmissionAttributes, errs: string[]): void {
  if (!errs.length) return;
  // utilerrors.NewAggregate: one error alone, several in brackets
  throw forbidden(attrs.spec.plural, attrs.spec.group, attrs.name, errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);
}

const isPod = (a: AdmissionAttributes) => a.spec.kind === 'Pod' && a.spec.group === '' && !a.subresource && a.operation === 'CREATE';
const isClaim = (a: AdmissionAttributes) =>
  a.spec.kind === 'PersistentVolumeClaim' && a.spec.group === '' && !a.subresource && (a.operation === 'CREATE' || a.operation === 'UPDATE');

export const LimitRanger = {
  name: 'LimitRanger',
  mutate(attrs, doc) {
    if (!isPod(attrs)) return;
    const pod = attrs.object;
    const defaults: { limits: Resources; requests: Resources } = { limits: {}, requests: {} };
    for (const lr of limitRangesOf(doc, attrs.namespace))
      for (const item of lr.spec?.limits ?? [])
        if (item.type === 'Container') {
          Object.assign(defaults.requests, item.defaultRequest);
          Object.assign(defaults.limits, item.default);
        }
    const notes: string[] = [];
    const merge = (c: KubeObject, what: string) => {
      c.resources ??= {};
      const set = { requests: [] as string[], limits: [] as string[] };
      for (const which of ['limits', 'requests'] as const)
        for (const [k, v] of Object.entries(defaults[which]))
          if (c.resources[which]?.[k] === undefined) {
            c.resources[which] = { ...c.resources[which], [k]: v };
            set[which].push(k);
          }
      if (set.requests.length) notes.push(`${set.requests.sort().join(', ')} request for ${what} ${c.name}`);
      if (set.limits.length) notes.push(`${set.limits.sort().join(', ')} limit for ${what} ${c.name}`);
    };
    for (const c of pod.spec?.containers ?? []) merge(c, 'container');
    for (const c of pod.spec?.initContainers ?? []) merge(c, 'init container');
    if (notes.length) pod.metadata.annotations = { ...pod.metadata.annotations, 'kubernetes.io/limit-ranger': `LimitRanger plugin set: ${notes.join('; ')}` };
  },
  validate(attrs, doc) {
    if (!isPod(attrs) && !isClaim(attrs)) return;
    // the first LimitRange with violations refuses the request
    for (const lr of limitRangesOf(doc, attrs.namespace)) {
      const errs: string[] = [];
      for (const item of lr.spec?.limits ?? []) {
        if (isClaim(attrs)) {
          if (item.type !== 'PersistentVolumeClaim') continue;
          const request: Resources = attrs.object.spec?.resources?.requests ?? {};
          for (const [res, q] of Object.entries(item.min ?? {})) {
            const e = minConstraint('PersistentVolumeClaim', res, q as string, request, {});
            if (e) errs.push(e);
          }
          for (const [res, q] of Object.entries(item.max ?? {})) {
            const e = maxRequestConstraint('PersistentVolumeClaim', res, q as string, request);
            if (e) errs.push(e);
          }
          continue;
        }
        if (item.type === 'Container')
          for (const c of [...(attrs.object.spec?.containers ?? []), ...(attrs.object.spec?.initContainers ?? [])])
            check(item, 'Container', c.resources?.requests ?? {}, c.resources?.limits ?? {}, errs);
        if (item.type === 'Pod') check(item, 'Pod', podTotal(attrs.object, 'requests'), podTotal(attrs.object, 'limits'), errs);
      }
      refuse(attrs, errs);
    }
  },
} satisfies AdmissionPlugin;
