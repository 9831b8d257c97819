import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

const unset = (v: unknown) => (v === undefined || v === null ? '<unset>' : String(v));

/** describeEndpointSliceV1: its ports, then each endpoint with its conditions, target and node. */
export const endpointSlice: Describer = {
  group: 'discovery.k8s.io',
  kind: 'EndpointSlice',
  describe(eps: KubeObject, ctx) {
    const w = new PrefixWriter();
    w.write(0, `Name:\t${eps.metadata.name}\n`);
    w.write(0, `Namespace:\t${eps.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', eps.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations);
    w.write(0, `AddressType:\t${eps.addressType ?? ''}\n`);
    const ports: KubeObject[] = eps.ports ?? [];
    if (!ports.length) w.write(0, 'Ports: <unset>\n');
    else {
      w.write(0, 'Ports:\n');
      w.write(1, 'Name\tPort\tProtocol\n');
      w.write(1, '----\t----\t--------\n');
      for (const p of ports) w.write(1, `${p.name || '<unset>'}\t${unset(p.port)}\t${p.protocol ?? 'TCP'}\n`);
    }
    const endpoints: KubeObject[] = eps.endpoints ?? [];
    if (!endpoints.length) w.write(0, 'Endpoints: <none>\n');
    else {
      w.write(0, 'Endpoints:\n');
      for (const e of endpoints) {
        w.write(1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
        w.write(2, 'Conditions:\n');
        w.write(3, `Ready:\t${unset(e.conditions?.ready)}\n`);
        w.write(2, `Hostname:\t${unset(e.hostname)}\n`);
        if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
        w.write(2, `NodeName:\t${unset(e.nodeName)}\n`);
        w.write(2, `Zone:\t${unset(e.zone)}\n`);
      }
    }
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(eps)), w, ctx.now);
    return w.toString();
  },
};
