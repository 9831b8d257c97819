import type { KubeObject } from '../../../cluster/api/types.js';
import type { Describer } from './describer.js';
import { describeEvents, refOf, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline } from './format.js';
import { PrefixWriter } from './prefixWriter.js';

/** describeIngressClassV1: its controller and parameters reference. */
export const ingressClass: Describer = {
  group: 'networking.k8s.io',
  kind: 'IngressClass',
  describe(ic: KubeObject, ctx) {
    const w = new PrefixWriter();
    w.write(0, `Name:\t${ic.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ic.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ic.metadata.annotations);
    w.write(0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
    const p = ic.spec?.parameters;
    if (p) {
      w.write(0, 'Parameters:\n');
      if (p.apiGroup) w.write(1, `APIGroup:\t${p.apiGroup}\n`);
      w.write(1, `Kind:\t${p.kind}\n`);
      w.write(1, `Name:\t${p.name}\n`);
    }
    if (ctx.showEvents) describeEvents(searchEvents(ctx.client, refOf(ic)), w, ctx.now);
    return w.toString();
  },
};
