import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer, DescribeContext } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { byteCompare, printAnnotationsMultiline, printLabelsMultiline } from './format.js';
import { formatEndpointSlices } from './service.js';
import { PrefixWriter } from './prefixWriter.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- backends are read as stored */

/** describeBackendV1: `svc:port (endpoints)`, with the service's error in place of endpoints when it is missing. */
function describeBackend(ns: string, backend: any, ctx: DescribeContext): string {
  if (backend?.service) {
    const s = backend.service;
    const sb = `${s.name}:${s.port?.number ? s.port.number : (s.port?.name ?? '')}`;
    const slices = ctx.client.list(ctx.client.kinds.forKind('EndpointSlice', 'discovery.k8s.io')!, ns).items.filter((x) => x.metadata.labels?.['kubernetes.io/service-name'] === s.name);
    let svc: KubeObject;
    try {
      svc = ctx.client.get(ctx.client.kinds.forKind('Service', '')!, ns, s.name);
    } catch (e) {
      return `${sb} (<error: ${(e as Error).message}>)`;
    }
    let portName = '';
    for (const sp of svc.spec?.ports ?? []) {
      if (s.port?.number && s.port.number === sp.port) portName = sp.name ?? '';
      else if (s.port?.name && s.port.name === sp.name) portName = sp.name;
    }
    return `${sb} (${formatEndpointSlices(slices, portName)})`;
  }
  if (backend?.resource) return `APIGroup: ${backend.resource.apiGroup ?? '<none>'}, Kind: ${backend.resource.kind}, Name: ${backend.resource.name}`;
  return '';
}

/** describeIngressV1: address, class, default backend, TLS, the rules table, annotations, events. */
export const ingress: Describer = {
  group: 'networking.k8s.io',
  kind: 'Ingress',
  describe(ing: KubeObject, ctx) {
    const w = new PrefixWriter();
    const ns = ing.metadata.namespace ?? '';
    const spec = ing.spec ?? {};
    w.write(0, `Name:\t${ing.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ing.metadata.labels);
    w.write(0, `Namespace:\t${ns}\n`);
    const addrs = new Set<string>();
    for (const i of ing.status?.loadBalancer?.ingress ?? []) if (i.ip || i.hostname) addrs.add(i.ip || i.hostname);
    w.write(0, `Address:\t${[...addrs].sort(byteCompare).join(',')}\n`);
    w.write(0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
    const def = spec.defaultBackend ? describeBackend(ns, spec.defaultBackend, ctx) : '<default>';
    w.write(0, `Default backend:\t${def}\n`);
    if (spec.tls?.length) {
      w.write(0, 'TLS:\n');
      for (const t of spec.tls) w.write(1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n` : `SNI routes ${(t.hosts ?? []).join(',')}\n`);
    }
    w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(1, '----\t----\t--------\n');
    let count = 0;
    for (const r of spec.rules ?? []) {
      if (!r.http) continue;
      count++;
      w.write(1, `${r.host || '*'}\t\n`);
      for (const p of r.http.paths ?? []) w.write(2, `\t${p.path ?? ''} \t${describeBackend(ns, p.backend, ctx)}\n`);
    }
    if (!count) w.write(1, `*\t*\t${def}\n`);
    printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations);
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(ing)), w, ctx.now);
    return w.toString();
  },
};
