import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/** describeEndpoints: each subset's ready and not-ready addresses and its ports. */
export const endpoints: Describer = {
  group: '',
  kind: 'Endpoints',
  describe(ep: KubeObject, ctx) {
    const w = new PrefixWriter();
    w.write(0, `Name:\t${ep.metadata.name}\n`);
    w.write(0, `Namespace:\t${ep.metadata.namespace}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
    w.write(0, 'Subsets:\n');
    for (const s of ep.subsets ?? []) {
      const ips = (list: { ip: string }[] | undefined) => (list ?? []).map((a) => a.ip).join(',') || '<none>';
      w.write(1, `Addresses:\t${ips(s.addresses)}\n`);
      w.write(1, `NotReadyAddresses:\t${ips(s.notReadyAddresses)}\n`);
      if (s.ports?.length) {
        w.write(1, 'Ports:\n');
        w.write(2, 'Name\tPort\tProtocol\n');
        w.write(2, '----\t----\t--------\n');
        for (const p of s.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
      }
      w.write(0, '\n');
    }
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(ep)), w, ctx.now);
    return w.toString();
  },
};
