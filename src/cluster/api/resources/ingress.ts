import { age } from '../../meta/duration.js';
import { invalid, isDNS1035Label, isDNS1123Subdomain, notSupported, required, validatePort, type FieldError } from '../validation.js';
import type { KindSpec } from './kindSpec.js';
import type { KubeObject } from '../types.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

/** HOSTS: up to three rule hosts, then ` + N more...`; `*` when no rule names one (printers.go formatHosts). */
function formatHosts(o: KubeObject): string {
  const rules: any[] = o.spec?.rules ?? [];
  const list: string[] = [];
  let more = false;
  for (const r of rules) {
    if (list.length === 3) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (!list.length) return '*';
  return more ? `${list.join(',')} + ${rules.length - 3} more...` : list.join(',');
}

function formatAddress(o: KubeObject): string {
  const set = new Set<string>();
  for (const i of (o.status?.loadBalancer?.ingress ?? []) as any[]) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  // the server builds the wide cells: the address is never clipped
  return [...set].sort().join(',');
}

function validateBackend(b: any, f: string, errs: FieldError[]): void {
  if (b.service && b.resource) {
    errs.push(invalid(f, '', 'cannot set both resource and service backends'));
    return;
  }
  if (b.resource) {
    if (!b.resource.kind) errs.push(required(`${f}.resource.kind`));
    if (!b.resource.name) errs.push(required(`${f}.resource.name`));
    return;
  }
  if (!b.service) {
    errs.push(invalid(f, '', 'resource or service backend is required'));
    return;
  }
  if (!b.service.name) errs.push(required(`${f}.service.name`));
  else for (const m of isDNS1035Label(b.service.name)) errs.push(invalid(`${f}.service.name`, b.service.name, m));
  const port = b.service.port ?? {};
  if (port.name && port.number) errs.push(invalid(`${f}.service.port`, port.name, 'cannot set both port name & port number'));
  else if (port.name) for (const m of isDNS1035Label(port.name)) errs.push(invalid(`${f}.service.port.name`, port.name, m));
  else if (port.number !== undefined) validatePort(`${f}.service.port.number`, port.number, errs);
  else errs.push(invalid(`${f}.service.port`, '', 'port name or number is required'));
}

export const ingress = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  plural: 'ingresses',
  singular: 'ingress',
  shortNames: ['ing'],
  namespaced: true,
  statusSubresource: true,
  generation: true,
  prepareForCreate(obj) {
    obj.status = { loadBalancer: {} };
  },
  validate(obj) {
    const spec = obj.spec ?? {};
    const errs: FieldError[] = [];
    const rules: any[] = spec.rules ?? [];
    if (!spec.defaultBackend && !rules.length) errs.push({
        type: 'FieldValueInvalid',
        field: 'spec',
        value: spec.rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)',
        detail: 'either `defaultBackend` or `rules` must be specified',
      });
    if (spec.defaultBackend) validateBackend(spec.defaultBackend, 'spec.defaultBackend', errs);
    if (spec.ingressClassName) for (const m of isDNS1123Subdomain(spec.ingressClassName)) errs.push(invalid('spec.ingressClassName', spec.ingressClassName, m));
    rules.forEach((r, i) => {
      const f = `spec.rules[${i}]`;
      if (r.host) {
        const host = String(r.host).startsWith('*.') ? String(r.host).slice(2) : r.host;
        for (const m of isDNS1123Subdomain(host)) errs.push(invalid(`${f}.host`, r.host, m));
      }
      if (!r.http) return;
      const paths: any[] = r.http.paths ?? [];
      if (!paths.length) errs.push(required(`${f}.http.paths`));
      paths.forEach((p, j) => {
        const pf = `${f}.http.paths[${j}]`;
        if (!p.pathType) errs.push(required(`${pf}.pathType`, 'pathType must be specified'));
        else if (!PATH_TYPES.includes(p.pathType)) errs.push(notSupported(`${pf}.pathType`, p.pathType, PATH_TYPES));
        else if (p.pathType !== 'ImplementationSpecific' || p.path) {
          if (!String(p.path ?? '').startsWith('/')) errs.push(invalid(`${pf}.path`, p.path ?? '', 'must be an absolute path'));
        }
        if (!p.backend) errs.push(required(`${pf}.backend`));
        else validateBackend(p.backend, `${pf}.backend`, errs);
      });
    });
    (spec.tls ?? []).forEach((t: any, i: number) => {
      for (const h of t.hosts ?? []) {
        const host = String(h).startsWith('*.') ? String(h).slice(2) : h;
        for (const m of isDNS1123Subdomain(host)) errs.push(invalid(`spec.tls[${i}].hosts`, h, m));
      }
    });
    return errs;
  },
  table: {
    columns: [{ name: 'Name' }, { name: 'Class' }, { name: 'Hosts' }, { name: 'Address' }, { name: 'Ports' }, { name: 'Age' }],
    row: (o, now) => [
      o.metadata.name!,
      o.spec?.ingressClassName ?? '<none>',
      formatHosts(o),
      formatAddress(o),
      (o.spec?.tls ?? []).length ? '80, 443' : '80',
      age(o.metadata.creationTimestamp, now),
    ],
  },
} satisfies KindSpec;
